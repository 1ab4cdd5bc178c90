import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libcurl's process-wide set-up.
public enum CurlGlobal {
    /// Calls `curl_global_init` once per process. Call it from `main` before any thread
    /// starts; every connection calls it too, as a safety net (a lazy static runs once).
    ///
    /// It also ignores `SIGPIPE` process-wide: with `CURLOPT_NOSIGNAL` (needed in threaded
    /// programs) a write to a connection the server closed would otherwise kill the
    /// process instead of coming back as an error.
    public static func initialize() {
        _ = initialized
    }

    private static let initialized: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return dondoc_curl_global_init_default() == CURLE_OK
    }()
}

/// One authenticated IMAP connection made by libcurl (`CURLOPT_CONNECT_ONLY`), carrying
/// our own bytes afterwards with non-blocking `curl_easy_send`/`curl_easy_recv`.
///
/// libcurl does what it does best — TCP, TLS or STARTTLS with certificate checks, SASL —
/// and never sees a mailbox command, so it cannot `SELECT` or fetch without `PEEK`.
final class CurlConnection {
    private let easy: CurlEasy
    private var handle: UnsafeMutableRawPointer { easy.handle }
    private var socket: curl_socket_t = -1
    private let timeoutMilliseconds: Int32
    private let timeoutSeconds: Int
    private var pace: IMAPPace
    /// Lives as long as the handle, which points at it for its debug callback.
    private let connectReplies = IMAPConnectReplies()
    /// `imaps://host:port`, for messages.
    let peer: String

    init(endpoint: IMAPEndpoint) throws(MailError) {
        CurlGlobal.initialize()
        let url = try endpoint.connectionURL()
        peer = endpoint.displayName
        timeoutSeconds = max(1, Int(endpoint.timeout.rounded(.up)))
        timeoutMilliseconds = Int32(clamping: Int((min(max(endpoint.timeout, 0.001), 1e9) * 1000).rounded(.up)))
        pace = IMAPPace(endpoint: endpoint, peer: endpoint.displayName)
        easy = try CurlEasy()

        try configure(url: url, endpoint: endpoint)
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw connectError(code, endpoint: endpoint) }
        // Our own commands are not libcurl's business; the replies that mattered are heard.
        try set(CURLOPT_VERBOSE, 0)
        var socket: curl_socket_t = -1
        guard dondoc_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket >= 0 else {
            throw .cannotConnect("\(peer): libcurl reports no open connection after login")
        }
        self.socket = socket
    }

    private func configure(url: String, endpoint: IMAPEndpoint) throws(MailError) {
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try set(CURLOPT_CONNECT_ONLY, 1)
        try easy.logIn(username: endpoint.username, password: endpoint.password, bearerToken: endpoint.bearerToken)
        try easy.secure(caFile: endpoint.caFile, pinnedPublicKey: endpoint.pinnedPublicKey,
                        implicitTLS: endpoint.usesImplicitTLS, hostIsLoopback: endpoint.hostIsLoopback)
        // Connecting, the greeting, STARTTLS and login all fall under the connect timeout
        // (and the session's time limit); the response timeout bounds curl's own LOGOUT
        // at cleanup.
        var connectMilliseconds = Int(timeoutMilliseconds)
        if let remaining = pace.remainingMilliseconds {
            connectMilliseconds = min(connectMilliseconds, remaining)
            try set(CURLOPT_TIMEOUT_MS, remaining)
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, connectMilliseconds)
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeoutSeconds)
        // Verbose output goes to the callback only (nothing reaches stderr): it is where a
        // busy server's greeting and a refused login's reason can be heard.
        try set(CURLOPT_VERBOSE, 1)
        try check(dondoc_curl_setopt_debug_callback(handle, CURLOPT_DEBUGFUNCTION) { _, kind, data, size, context in
            guard let data, let context else { return 0 }
            Unmanaged<IMAPConnectReplies>.fromOpaque(context).takeUnretainedValue()
                .observe(kind, UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }, CURLOPT_DEBUGFUNCTION)
        try set(CURLOPT_DEBUGDATA, Unmanaged.passUnretained(connectReplies).toOpaque())
    }

    private func set(_ option: CURLoption, _ value: Int) throws(MailError) { try easy.set(option, value) }
    private func set(_ option: CURLoption, _ value: String) throws(MailError) { try easy.set(option, value) }
    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer) throws(MailError) { try easy.set(option, value) }
    private func check(_ code: CURLcode, _ option: CURLoption) throws(MailError) { try easy.check(code, option) }

    // MARK: Sending and receiving

    /// Sends all of `bytes`, waiting for the socket as needed.
    func send(_ bytes: [UInt8]) throws(MailError) {
        try pace.checkDeadline(while: "sending")
        pace.commandSent()
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { raw in
                curl_easy_send(handle, raw.baseAddress! + offset, raw.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT), while: "sending")
                continue
            }
            guard code == CURLE_OK else { throw transferError(code, while: "sending") }
            offset += sent
        }
    }

    /// Receives at least one byte into `buffer` (of `capacity` bytes), waiting up to the
    /// timeout for the server. Returns the number of bytes received.
    func receive(into buffer: UnsafeMutableRawPointer, capacity: Int) throws(MailError) -> Int {
        precondition(capacity > 0)
        // Checked before every read too: a server that never pauses never makes us wait.
        try pace.checkDeadline(while: "receiving")
        while true {
            var received = 0
            let code = curl_easy_recv(handle, buffer, capacity, &received)
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLIN), while: "receiving")
                continue
            }
            guard code == CURLE_OK else { throw transferError(code, while: "receiving") }
            guard received > 0 else {
                throw .cannotConnect("\(peer) closed the connection unexpectedly; try again later")
            }
            pace.received(received)
            return received
        }
    }

    /// Shuts the socket down so that libcurl's cleanup (which politely sends its own
    /// `LOGOUT` and waits for the answer) returns at once on a session left mid-response.
    func abort() {
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Waits until the socket is ready, up to the silence timeout, waking up early enough
    /// for the session's time limit and low-speed check.
    private func wait(for events: Int16, while activity: String) throws(MailError) {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let clock = ContinuousClock()
        let silenceEnds = clock.now.advanced(by: .milliseconds(Int64(timeoutMilliseconds)))
        while true {
            let before = clock.now
            let wakeUp = pace.nextCheck(after: before).map { min($0, silenceEnds) } ?? silenceEnds
            let milliseconds = Int32(clamping: Int(max((before.duration(to: wakeUp) / .milliseconds(1)).rounded(.up), 0)))
            let ready = poll(&descriptor, 1, milliseconds)
            let failure = errno
            try pace.waited(before.duration(to: clock.now), while: activity)
            if ready > 0 { return }  // readable, writable, or an error curl will report
            if ready == 0 {
                guard clock.now >= silenceEnds else { continue }
                throw .timedOut("\(peer) sent nothing for \(timeoutSeconds) s; the server or network is slow or down")
            }
            if failure != EINTR {
                throw .cannotConnect("\(peer): waiting for the connection failed: \(String(cString: strerror(failure)))")
            }
        }
    }

    // MARK: Errors

    private func detail(_ code: CURLcode) -> String {
        easy.reason(for: code)
    }

    /// Maps what libcurl reports while connecting, upgrading to TLS and logging in. A
    /// server that says it cannot serve now (a `* BYE` greeting, `NO [UNAVAILABLE]` to
    /// LOGIN) is busy, whatever libcurl made of it: cron tries again.
    private func connectError(_ code: CURLcode, endpoint: IMAPEndpoint) -> MailError {
        if let busy = connectReplies.busyReason {
            return .serverBusy("\(peer) is busy and does not take connections now (server said: \(busy)); the next poll tries again")
        }
        if code == CURLE_OPERATION_TIMEDOUT && pace.deadlinePassed {
            return pace.deadlineError(while: "connecting and logging in")
        }
        let said = code == CURLE_LOGIN_DENIED || code == CURLE_AUTH_ERROR ? connectReplies.serverSaid : ""
        return CurlFailure.connectError(code, reason: detail(code), dialect: .imap, peer: peer, timeoutSeconds: timeoutSeconds,
                                        user: endpoint.username, caFile: endpoint.caFile, serverSaid: said)
    }

    /// Maps failures of `curl_easy_send`/`curl_easy_recv` on an established connection.
    private func transferError(_ code: CURLcode, while activity: String) -> MailError {
        let reason = detail(code)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut("\(peer) timed out while \(activity): \(reason)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION:
            return .tlsFailed("TLS with \(peer) failed while \(activity): \(reason)")
        default:
            return .cannotConnect("connection to \(peer) lost while \(activity): \(reason); try again later")
        }
    }
}
