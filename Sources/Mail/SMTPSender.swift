import CCurl
import Foundation

/// Sends messages through one SMTP server with libcurl, over one connection for a whole
/// run: the easy handle is kept, and libcurl reuses its open, logged-in connection for the
/// next message (measured: the server sees one connection, one login).
///
/// The connection is opened by the first `send`. After a refused message libcurl closes
/// it, and the next `send` opens a new one. Not thread-safe: one sender per run.
///
/// A message goes to all its recipients or to none: when the server refuses one recipient
/// the whole transaction is abandoned before `DATA` (no `CURLOPT_MAIL_RCPT_ALLOWFAILS`,
/// which would deliver to the others and report success, silently dropping the refused
/// address), and the refusal comes back as `temporary` or `permanent`.
public final class SMTPSender {
    public let endpoint: SMTPEndpoint
    /// Connections libcurl opened so far: 1 after any number of accepted messages.
    public private(set) var connectionsOpened = 0

    /// nil once closed.
    var easy: CurlEasy?
    private var handle: UnsafeMutableRawPointer? { easy?.handle }
    let exchange = SMTPExchange()
    let peer: String
    let timeoutSeconds: Int
    /// Whether the last `curl_easy_perform` went over a connection opened before it.
    private var lastTransferReusedAConnection = false

    /// Checks the endpoint and prepares libcurl; does not connect yet.
    public init(endpoint: SMTPEndpoint) throws(MailError) {
        self.endpoint = endpoint
        let url = try endpoint.connectionURL()
        peer = endpoint.displayName
        timeoutSeconds = max(1, Int(endpoint.timeout.rounded(.up)))
        let easy = try CurlEasy()
        self.easy = easy
        try configure(easy, url: url)
    }

    /// Sends `message` (complete RFC 5322 bytes with CRLF line ends) to `recipients`, with
    /// `envelopeFrom` as the return path (`""` for the null path `<>`). Returns when the
    /// server accepted the message for every recipient.
    public func send(envelopeFrom: String, recipients: [String], message: Data) throws(SMTPSendError) {
        guard let easy, let handle else {
            throw .connection(.protocolError("\(peer): this sender was closed; make a new one"))
        }
        try Self.checkEnvelope(from: envelopeFrom, recipients: recipients)
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer {
            // libcurl keeps the list's pointer: take it back before freeing the list.
            _ = dondoc_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(recipientList)
        }
        for recipient in recipients {
            guard let longer = curl_slist_append(recipientList, recipient) else {
                throw .connection(.protocolError("libcurl could not make the recipient list (out of memory?)"))
            }
            recipientList = longer
        }
        do throws(MailError) {
            try easy.set(CURLOPT_MAIL_FROM, envelopeFrom)
            try easy.check(dondoc_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList), CURLOPT_MAIL_RCPT)
            // Lets curl announce SIZE= in MAIL FROM, so an oversized message is refused at once.
            try easy.check(dondoc_curl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)),
                           CURLOPT_INFILESIZE_LARGE)
        } catch {
            throw .connection(error)
        }

        defer { exchange.end() }
        lastFailureMayHaveDelivered = false
        var code = perform(handle, message: message)
        if code != CURLE_OK && code != CURLE_OPERATION_TIMEDOUT && lastTransferReusedAConnection
            && exchange.serverClosedBeforeTheTransaction {
            // The server dropped the connection while it sat idle between two messages
            // (measured: curl then fails with "response reading failed" before MAIL gets
            // any answer, and does not retry by itself). Nothing was accepted, so sending
            // once more, on a new connection, cannot deliver the message twice.
            code = perform(handle, message: message)
        }
        guard code == CURLE_OK else {
            // Once DATA went out, a broken connection leaves the outcome unknown: the
            // server may have queued the message before we read its answer.
            lastFailureMayHaveDelivered = exchange.lastCommand == "DATA"
            let error = failure(code, handle: handle)
            guard case .connection = error else { throw error }
            abandonConnection(handle)
            throw lastFailureMayHaveDelivered ? .connection(outcomeUnknown(code)) : error
        }
    }

    /// Connects, secures the connection and logs in, and sends nothing: how a deploy
    /// checks the SMTP settings before the first reminder is due.
    public func verifyConnection() throws(MailError) {
        guard let easy, let handle else { throw .protocolError("\(peer): this sender was closed; make a new one") }
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        defer { _ = dondoc_curl_setopt_long(handle, CURLOPT_CONNECT_ONLY, 0) }
        exchange.begin(message: Data())
        defer { exchange.end() }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw connectionError(code) }
    }

    /// After a failed `send`: true when the message may still have been accepted (the
    /// connection broke after DATA). A caller that must never send twice does not retry it.
    public private(set) var lastFailureMayHaveDelivered = false

    private func perform(_ handle: UnsafeMutableRawPointer, message: Data) -> CURLcode {
        exchange.begin(message: message)
        easy?.clearReason()
        let code = curl_easy_perform(handle)
        var opened = 0
        if dondoc_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &opened) == CURLE_OK {
            connectionsOpened += opened
        }
        lastTransferReusedAConnection = opened == 0
        return code
    }

    /// A connection that failed is not said goodbye to: libcurl would send `QUIT` to a
    /// server that stopped answering and wait a whole timeout more for the reply
    /// (measured: a 30 s timeout took 60 s). Shutting the socket makes that `QUIT` fail
    /// at once; libcurl still closes and frees it.
    private func abandonConnection(_ handle: UnsafeMutableRawPointer) {
        var socket = curl_socket_t(-1)
        if dondoc_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket >= 0 {
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    /// Says `QUIT` on the open connection, if any, and releases libcurl's handle.
    /// Safe to call twice; `send` afterwards fails.
    public func close() {
        easy = nil
    }

    // MARK: Setting up

    private func configure(_ easy: CurlEasy, url: String) throws(MailError) {
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_UPLOAD, 1)
        if let username = endpoint.username {
            try easy.logIn(username: username, password: endpoint.password, bearerToken: endpoint.bearerToken)
        }
        try easy.secure(caFile: endpoint.caFile, pinnedPublicKey: endpoint.pinnedPublicKey,
                        implicitTLS: endpoint.usesImplicitTLS, hostIsLoopback: endpoint.hostIsLoopback)
        let milliseconds = Int((max(endpoint.timeout, 0.001) * 1000).rounded(.up))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeoutSeconds)
        // A stalled upload is silence too: under 1 byte/s for `timeout` seconds aborts.
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try easy.set(CURLOPT_LOW_SPEED_TIME, timeoutSeconds)

        // The exchange lives as long as this sender, which outlives the handle.
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        try easy.check(dondoc_curl_setopt_callback(easy.handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<SMTPExchange>.fromOpaque(context).takeUnretainedValue()
                .copyMessage(into: buffer, capacity: size * count)
        }, CURLOPT_READFUNCTION)
        try easy.check(dondoc_curl_setopt_pointer(easy.handle, CURLOPT_READDATA, context), CURLOPT_READDATA)
        // Verbose output goes to the callback only (nothing reaches stderr); it is how we
        // learn the server's text and which command it answered.
        try easy.set(CURLOPT_VERBOSE, 1)
        try easy.check(dondoc_curl_setopt_debug_callback(easy.handle, CURLOPT_DEBUGFUNCTION) { _, kind, data, size, context in
            guard let data, let context else { return 0 }
            Unmanaged<SMTPExchange>.fromOpaque(context).takeUnretainedValue()
                .observe(kind, UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }, CURLOPT_DEBUGFUNCTION)
        try easy.check(dondoc_curl_setopt_pointer(easy.handle, CURLOPT_DEBUGDATA, context), CURLOPT_DEBUGDATA)
    }

    /// Refuses, before anything is sent, an envelope a server must refuse anyway or that
    /// would smuggle a command into the session (a line break in an address).
    private static func checkEnvelope(from sender: String, recipients: [String]) throws(SMTPSendError) {
        guard !recipients.isEmpty else {
            throw .permanent(SMTPReply(code: 501, text: "5.5.4 not sent: the message has no recipient"))
        }
        for address in [sender] + recipients {
            let bad = address.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
            if bad || (address.isEmpty && address != sender) {
                let shown = address.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined()
                throw .permanent(SMTPReply(code: 501, text: "5.1.3 not sent: \"\(shown)\" is not a usable address"))
            }
        }
    }
}
