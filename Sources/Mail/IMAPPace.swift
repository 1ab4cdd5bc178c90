import Foundation

/// The two clocks of one IMAP session besides the silence timeout: the time limit of the
/// whole session, and the slowest transfer allowed.
///
/// libcurl has both (`CURLOPT_TIMEOUT`, `CURLOPT_LOW_SPEED_LIMIT`), but checks them only
/// inside its own transfers; a `CONNECT_ONLY` session carries its bytes with
/// `curl_easy_recv`, which checks neither. So the connection applies them here: a server
/// that sends a byte a second is never silent, and would otherwise hold the poll (and its
/// lock) for as long as it likes.
struct IMAPPace {
    private let clock = ContinuousClock()
    private let peer: String
    /// When the session must be over; nil for no limit.
    private let deadline: ContinuousClock.Instant?
    /// The limit as configured, for messages.
    private let limitSeconds: Int
    /// Bytes the server must send in each window of waiting; 0 turns the check off.
    private let windowBytesRequired: Int
    private let window: Duration
    private let lowSpeed: IMAPEndpoint.LowSpeedLimit
    private var windowBytes = 0
    private var windowWaited = Duration.zero

    init(endpoint: IMAPEndpoint, peer: String) {
        self.peer = peer
        if let limit = endpoint.timeLimit, limit.isFinite {
            // Clamped: a limit from code may be absurd, and Duration traps on overflow.
            let milliseconds = Int64((min(max(limit, 0.001), 1e9) * 1000).rounded(.up))
            deadline = clock.now.advanced(by: .milliseconds(milliseconds))
            limitSeconds = Int(min(max(limit, 0), 1e9).rounded(.up))
        } else {
            deadline = nil
            limitSeconds = 0
        }
        lowSpeed = endpoint.lowSpeedLimit
        let product = endpoint.lowSpeedLimit.bytesPerSecond.multipliedReportingOverflow(by: endpoint.lowSpeedLimit.seconds)
        let enabled = endpoint.lowSpeedLimit.bytesPerSecond > 0 && endpoint.lowSpeedLimit.seconds > 0
        windowBytesRequired = enabled ? (product.overflow ? Int.max : product.partialValue) : 0
        window = .seconds(max(endpoint.lowSpeedLimit.seconds, 1))
    }

    /// Milliseconds left before the deadline (at least 1), for libcurl's own connect phase;
    /// nil without a limit.
    var remainingMilliseconds: Int? {
        guard let deadline else { return nil }
        let milliseconds = clock.now.duration(to: deadline) / .milliseconds(1)
        return Int(min(max(milliseconds.rounded(.up), 1), 1e12))
    }

    var deadlinePassed: Bool { deadline.map { clock.now >= $0 } ?? false }

    /// A new command starts a new low-speed window: the server's time to think about it
    /// is no slowness of the previous answer.
    mutating func commandSent() {
        windowBytes = 0
        windowWaited = .zero
    }

    mutating func received(_ count: Int) {
        let sum = windowBytes.addingReportingOverflow(count)
        windowBytes = sum.overflow ? Int.max : sum.partialValue
    }

    /// Throws once the session's time is up.
    func checkDeadline(while activity: String) throws(MailError) {
        guard deadlinePassed else { return }
        throw deadlineError(while: activity)
    }

    /// The latest instant the next wait may end at, so that both checks happen on time.
    func nextCheck(after now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let windowEnd = windowBytesRequired > 0 ? now.advanced(by: window - windowWaited) : nil
        switch (deadline, windowEnd) {
        case let (deadline?, windowEnd?): return min(deadline, windowEnd)
        case let (deadline?, nil): return deadline
        case let (nil, windowEnd?): return windowEnd
        case (nil, nil): return nil
        }
    }

    /// Counts time spent waiting for the server (only that: the caller's own work between
    /// reads is no slowness of the server) and throws when either limit is passed.
    mutating func waited(_ duration: Duration, while activity: String) throws(MailError) {
        try checkDeadline(while: activity)
        guard windowBytesRequired > 0 else { return }
        windowWaited += duration
        guard windowWaited >= window else { return }
        if windowBytes < windowBytesRequired {
            throw .timedOut("\(peer) sent only \(windowBytes) bytes in \(lowSpeed.seconds) s while \(activity), slower than \(lowSpeed.bytesPerSecond) bytes/s; the server or the network is stalled, the next poll tries again")
        }
        commandSent()
    }

    func deadlineError(while activity: String) -> MailError {
        .timedOut("\(peer) had not finished when this session reached its time limit of \(limitSeconds) s (mailbox.time_limit_seconds) while \(activity); what arrived whole is kept, the next poll goes on")
    }
}
