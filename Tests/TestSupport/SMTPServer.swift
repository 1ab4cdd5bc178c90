import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for one test: aiosmtpd (Debian's python3-aiosmtpd, run by
/// `/usr/bin/python3`) in its own temporary folder, on ports the kernel picks on loopback.
///
/// - `startTLSPort`: `smtp://`, offers STARTTLS, and AUTH (PLAIN, LOGIN) only after it;
/// - `implicitTLSPort`: `smtps://`;
/// - `plainPort` (with `plain: true`): no TLS, no AUTH, like a local relay.
///
/// Both TLS ports require a login as `username`/`password` before `MAIL`; the
/// certificate comes from `TestCertificates` (trust `caFile`). Every accepted message is
/// kept (see `received()`) and, when made with a `DovecotServer`, also delivered into its
/// INBOX so a test can read it back over IMAP. The test can make the server refuse a
/// recipient or a message at any moment with `setReply`.
///
/// Stops in `stop()` or when released.
public final class SMTPServer {
    public static let python = "/usr/bin/python3"

    /// A message the server accepted, with its envelope.
    public struct ReceivedMessage: Sendable, Equatable {
        public var mailFrom: String
        public var recipients: [String]
        /// The bytes between `DATA` and the final dot, dot-stuffing removed.
        public var raw: Data
        /// Which connection (1, 2, …, in the order they were accepted) carried it.
        public var connection: Int
    }

    /// One thing the server heard, in order: `CONNECT` (argument: `starttls`, `smtps` or
    /// `plain`), `AUTH` (`PLAIN user`; never the password), `MAIL`, `RCPT`, `DATA`
    /// (`123 bytes`), `RSET`, `QUIT`, with the reply given. `tls` tells whether the
    /// connection was encrypted at that moment.
    public struct Event: Sendable, Equatable, Decodable {
        public var connection: Int
        public var command: String
        public var argument: String
        public var reply: String
        public var tls: Bool
    }

    public let directory: URL
    public let username = "office-sender"
    public let password = "sổ công văn đến"
    public let certificates: TestCertificates
    public private(set) var startTLSPort: UInt16 = 0
    public private(set) var implicitTLSPort: UInt16 = 0
    /// Zero unless started with `plain: true`.
    public private(set) var plainPort: UInt16 = 0
    /// The address all ports listen on.
    public let address: String

    public var caFile: String { certificates.caFile }
    public var unrelatedCAFile: String { certificates.unrelatedCAFile }

    private let messagesDirectory: URL
    private let eventsFile: URL
    private let repliesFile: URL
    private var recipientReplies: [String: String] = [:]
    private var commandReplies: [String: String] = [:]
    /// The Python process, in a process group of its own.
    private var process: ServerProcess?

    /// Starts the server and returns once every port accepts connections.
    /// - Parameters:
    ///   - plain: also listen without TLS (and without AUTH) on `plainPort`.
    ///   - address: where to listen; a test of the loopback rule uses another one.
    ///   - dovecot: also deliver every accepted message into this server's INBOX.
    ///   - idleTimeout: seconds of client silence after which aiosmtpd says
    ///     `421` and closes the connection.
    public init(plain: Bool = false, address: String = "127.0.0.1", deliveringInto dovecot: DovecotServer? = nil,
                idleTimeout: TimeInterval = 300) throws {
        guard Self.pythonHasAiosmtpd else {
            throw TestSupportError("\(Self.python) cannot import aiosmtpd; install python3-aiosmtpd")
        }
        self.address = address
        certificates = try TestCertificates.shared()
        directory = try makeTemporaryDirectory(prefix: "dondoc-smtp")
        messagesDirectory = directory.appendingPathComponent("messages", isDirectory: true)
        eventsFile = directory.appendingPathComponent("events.log")
        repliesFile = directory.appendingPathComponent("replies.json")
        var configuration: [String: Any] = [
            "directory": directory.path, "plain": plain, "address": address,
            "username": username, "password": password, "idleTimeout": idleTimeout,
            "certificate": certificates.serverCertificateFile, "key": certificates.serverKeyFile,
        ]
        if let dovecot {
            // Dovecot's own rule for who owns mail files, so it will serve them.
            configuration["maildir"] = dovecot.maildir.path
            if getuid() == 0 { configuration["maildirOwner"] = [Int(dovecot.mailUID), Int(dovecot.mailGID)] }
        }
        try JSONSerialization.data(withJSONObject: configuration).write(to: directory.appendingPathComponent("config.json"))
        try smtpServerScript.write(to: directory.appendingPathComponent("smtp_sink.py"), atomically: true, encoding: .utf8)
        try start(plain: plain)
    }

    deinit { stop() }

    /// Checked once per test process. Debian's python, not whatever `python3` is on PATH
    /// (a pyenv one here has no aiosmtpd).
    private static let pythonHasAiosmtpd: Bool =
        FileManager.default.isExecutableFile(atPath: python) && (try? runTool(python, ["-c", "import aiosmtpd"])) != nil

    /// `smtps://127.0.0.1:port` for `smtps`, the STARTTLS port for `smtp`
    /// (the plain port with `plain: true`).
    public func url(scheme: String = "smtps", host: String? = nil, plain: Bool = false) -> URL {
        let port = scheme == "smtps" ? implicitTLSPort : (plain ? plainPort : startTLSPort)
        return URL(string: "\(scheme)://\(host ?? address):\(port)")!
    }

    // MARK: Scripted answers

    /// From now on, `RCPT TO:<address>` is answered `code text` (and the recipient not
    /// taken). Matched without regard to case.
    public func setReply(forRecipient address: String, code: Int, text: String) throws {
        recipientReplies[address.lowercased()] = "\(code) \(text)"
        try writeReplies()
    }

    /// From now on, the end of every message (the final answer after `DATA`) is answered
    /// `code text`, and the message is not kept.
    public func setReplyToData(code: Int, text: String) throws {
        commandReplies["data"] = "\(code) \(text)"
        try writeReplies()
    }

    /// What the server does once it has a whole message, instead of answering it.
    public enum AfterData: String, Sendable {
        /// Keeps the message and never answers.
        case silent
        /// Keeps the message and drops the connection without a word.
        case dropConnection = "drop"
    }

    /// From now on, after `DATA` the server keeps the message (it arrived) and then
    /// behaves as `behaviour` says: the client cannot know the message arrived.
    public func setAfterData(_ behaviour: AfterData) throws {
        commandReplies["data_action"] = behaviour.rawValue
        try writeReplies()
    }

    /// From now on, every `MAIL FROM` is answered `code text`.
    public func setReplyToMailFrom(code: Int, text: String) throws {
        commandReplies["mail"] = "\(code) \(text)"
        try writeReplies()
    }

    /// Back to accepting everything.
    public func clearReplies() throws {
        recipientReplies = [:]
        commandReplies = [:]
        try writeReplies()
    }

    private func writeReplies() throws {
        var replies: [String: Any] = commandReplies
        replies["rcpt"] = recipientReplies
        // Atomically: the server re-reads the file on every command.
        try JSONSerialization.data(withJSONObject: replies).write(to: repliesFile, options: .atomic)
    }

    // MARK: What the server saw

    /// Every message accepted so far, in order. Complete by the time the client has the
    /// server's `250` for it.
    public func received() throws -> [ReceivedMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: messagesDirectory.path)) ?? []
        let numbers = names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil }.sorted()
        return try numbers.map { number in
            let base = messagesDirectory.appendingPathComponent(String(number))
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathExtension("json"))) as? [String: Any]
            return ReceivedMessage(mailFrom: envelope?["mailFrom"] as? String ?? "",
                                   recipients: envelope?["recipients"] as? [String] ?? [],
                                   raw: try Data(contentsOf: base.appendingPathExtension("eml")),
                                   connection: envelope?["connection"] as? Int ?? 0)
        }
    }

    /// Everything the server heard so far, in order.
    public func events() throws -> [Event] {
        guard let data = FileManager.default.contents(atPath: eventsFile.path) else { return [] }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Event.self, from: Data($0)) }
    }

    /// TCP connections accepted so far, on all ports.
    public var connectionCount: Int {
        ((try? events()) ?? []).filter { $0.command == "CONNECT" }.count
    }

    /// What Python printed: start-up failures, aiosmtpd's warnings.
    public var console: String {
        (try? String(contentsOf: directory.appendingPathComponent("console.log"), encoding: .utf8)) ?? ""
    }

    // MARK: Starting and stopping

    /// Stops the server and waits for it to exit. Safe to call twice.
    public func stop() {
        guard let process else { return }
        process.stop()
        self.process = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// `/usr/bin/python3 smtp_sink.py config.json`, output to `console.log`.
    private func start(plain: Bool) throws {
        let process = try ServerProcess(
            executable: Self.python,
            arguments: [directory.appendingPathComponent("smtp_sink.py").path,
                        directory.appendingPathComponent("config.json").path],
            console: directory.appendingPathComponent("console.log"),
            // A clean environment: PYTHONPATH or PYTHONHOME meant for another python must
            // not leak into Debian's.
            environment: ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"])
        // The script binds port 0 (no race for a free port) and reports the ports it got.
        let ready = directory.appendingPathComponent("ready.json")
        var ports: [String: Int] = [:]
        let start = process.waitUntilReady(within: 10) {
            guard let data = FileManager.default.contents(atPath: ready.path),
                  let reported = try? JSONSerialization.jsonObject(with: data) as? [String: Int] else { return false }
            ports = reported
            return true
        }
        switch start {
        case .ready:
            self.process = process
            startTLSPort = UInt16(ports["starttls"] ?? 0)
            implicitTLSPort = UInt16(ports["smtps"] ?? 0)
            plainPort = UInt16(ports["plain"] ?? 0)
        case .exited:
            throw TestSupportError("the SMTP test server exited at start: \(console)")
        case .timedOut:
            process.stop()
            throw TestSupportError("the SMTP test server did not start within 10 s: \(console)")
        }
    }
}
