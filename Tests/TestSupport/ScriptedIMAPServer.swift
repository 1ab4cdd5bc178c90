import Foundation

/// An IMAP server that misbehaves on purpose, for the failures Dovecot never shows:
/// FETCH answers out of UID order, UIDs left out of an answer, unreadable INTERNALDATEs,
/// and the hostile ones: endless responses, a byte a second, a busy greeting.
/// Plain IMAP on a loopback port the kernel picks; any login is accepted. The script is
/// `ScriptedIMAPServerScript.swift`; what it heard is in `commands()`.
public final class ScriptedIMAPServer {
    public struct Message {
        public var uid: UInt32
        public var raw: Data
        /// As the server writes it: `07-May-2020 10:00:00 +0700`.
        public var internalDate: String

        public init(uid: UInt32, raw: Data, internalDate: String = "07-May-2020 10:00:00 +0700") {
            self.uid = uid
            self.raw = raw
            self.internalDate = internalDate
        }
    }

    /// How the server goes wrong. Read afresh for every connection and every command.
    public struct Quirks {
        public enum Order: String { case ascending, reversed, swapFirstTwo = "swap-first-two" }
        public var order: Order = .ascending
        /// UIDs asked for but never sent; the command then ends in `NO`.
        public var omit: [UInt32] = []
        /// INTERNALDATEs written instead of the real one, by UID.
        public var badDates: [UInt32: String] = [:]
        /// What follows `NO` in the answer to `EXAMINE`, e.g. `[UNAVAILABLE] try later`.
        public var examineNo: String?
        /// Greets with `* BYE` and this text, then hangs up (a server too busy to serve).
        public var greetingBye: String?
        /// What follows `NO` in the answer to `LOGIN`, e.g. `[UNAVAILABLE] try later`.
        public var loginNo: String?
        /// By UID: after the body, the same FETCH response goes on with further literals
        /// of 64 KiB until this many bytes more were sent.
        public var extraLiteralBytes: [UInt32: Int] = [:]
        /// Bytes of `* SEARCH` lines sent before the real answer to `UID SEARCH`.
        public var searchFloodBytes = 0
        /// UIDs whose FETCH response is sent one byte a second.
        public var drip: [UInt32] = []
        /// UIDs whose body is sent as a quoted string with its line breaks in it, which
        /// RFC 3501 forbids (a quoted string holds no CR or LF).
        public var quotedBodies: [UInt32] = []
        /// Accepts only SASL XOAUTH2 with this bearer token (as Gmail and Microsoft 365
        /// do); LOGIN is disabled.
        public var xoauth2Token: String?

        public init(order: Order = .ascending, omit: [UInt32] = [], badDates: [UInt32: String] = [:],
                    examineNo: String? = nil, greetingBye: String? = nil, loginNo: String? = nil,
                    extraLiteralBytes: [UInt32: Int] = [:], searchFloodBytes: Int = 0, drip: [UInt32] = [],
                    quotedBodies: [UInt32] = [], xoauth2Token: String? = nil) {
            self.order = order
            self.omit = omit
            self.badDates = badDates
            self.examineNo = examineNo
            self.greetingBye = greetingBye
            self.loginNo = loginNo
            self.extraLiteralBytes = extraLiteralBytes
            self.searchFloodBytes = searchFloodBytes
            self.drip = drip
            self.quotedBodies = quotedBodies
            self.xoauth2Token = xoauth2Token
        }
    }

    public let directory: URL
    public private(set) var port: UInt16 = 0
    private var process: ServerProcess?

    public init(messages: [Message], quirks: Quirks = Quirks(), uidValidity: UInt32 = 7) throws {
        directory = try makeTemporaryDirectory(prefix: "dondoc-scripted-imap")
        var entries: [String: Any] = [:]
        for message in messages {
            let file = "\(message.uid).eml"
            try message.raw.write(to: directory.appendingPathComponent(file))
            entries["\(message.uid)"] = ["file": file, "internalDate": message.internalDate]
        }
        let configuration: [String: Any] = [
            "directory": directory.path, "messages": entries, "uidValidity": Int(uidValidity),
            "quirks": Self.json(quirks),
        ]
        let config = directory.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: configuration).write(to: config)
        let script = directory.appendingPathComponent("imap_server.py")
        try scriptedIMAPServerScript.write(to: script, atomically: true, encoding: .utf8)
        let process = try ServerProcess(executable: SMTPServer.python, arguments: [script.path, config.path],
                                        console: directory.appendingPathComponent("console.log"),
                                        environment: ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"])
        let ready = directory.appendingPathComponent("ready.json")
        var reported = 0
        switch process.waitUntilReady(within: 10, {
            guard let data = FileManager.default.contents(atPath: ready.path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
                  let port = object["port"] else { return false }
            reported = port
            return true
        }) {
        case .ready:
            port = UInt16(reported)
            self.process = process
        case .exited, .timedOut:
            process.stop()
            throw TestSupportError("the scripted IMAP server did not start: \(console)")
        }
    }

    deinit { stop() }

    /// From the next connection or command on, the server misbehaves this way instead.
    public func setQuirks(_ quirks: Quirks) throws {
        try JSONSerialization.data(withJSONObject: Self.json(quirks))
            .write(to: directory.appendingPathComponent("quirks.json"), options: .atomic)
    }

    private static func json(_ quirks: Quirks) -> [String: Any] {
        var json: [String: Any] = [
            "order": quirks.order.rawValue, "omit": quirks.omit.map(Int.init),
            "badDates": Dictionary(uniqueKeysWithValues: quirks.badDates.map { ("\($0.key)", $0.value) }),
        ]
        if let examineNo = quirks.examineNo { json["examineNo"] = examineNo }
        if let greetingBye = quirks.greetingBye { json["greetingBye"] = greetingBye }
        if let loginNo = quirks.loginNo { json["loginNo"] = loginNo }
        if let token = quirks.xoauth2Token { json["xoauth2Token"] = token }
        json["extraLiteralBytes"] = Dictionary(uniqueKeysWithValues: quirks.extraLiteralBytes.map { ("\($0.key)", $0.value) })
        json["searchFloodBytes"] = quirks.searchFloodBytes
        json["drip"] = quirks.drip.map(Int.init)
        json["quotedBodies"] = quirks.quotedBodies.map(Int.init)
        return json
    }

    public func url(mailbox: String = "INBOX") -> URL { URL(string: "imap://127.0.0.1:\(port)/\(mailbox)")! }

    /// Every command line the server received, in order.
    public func commands() -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("commands.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    public var console: String {
        (try? String(contentsOf: directory.appendingPathComponent("console.log"), encoding: .utf8)) ?? ""
    }

    public func stop() {
        process?.stop()
        process = nil
        try? FileManager.default.removeItem(at: directory)
    }
}

extension ScriptedIMAPServer {
    /// The shipped campaign file pointed at this server (any password will do) with a
    /// store in `folder` and no receipts; `mailboxLines` (e.g. `time_limit_seconds: 2`)
    /// are added to its mailbox section, replacing the file's own line for that key.
    public func writeCampaignFile(into folder: URL, mailboxLines: [String] = []) throws -> CampaignFileForTests.Written {
        let secret = folder.appendingPathComponent("imap.secret")
        guard FileManager.default.createFile(atPath: secret.path, contents: Data("x".utf8),
                                             attributes: [.posixPermissions: 0o600])
        else { throw TestSupportError("cannot write \(secret.path)") }
        let storePath = folder.appendingPathComponent("store.sqlite").path
        var yaml = try String(contentsOf: CampaignFileForTests.repositoryRoot
            .appendingPathComponent("examples/dien-bien-2020.yaml"), encoding: .utf8)
        let replacements = [
            ("url: imaps://imap.example.org/INBOX", "url: \(url().absoluteString)"),
            ("password_file: /etc/dondoc/imap.secret", "password_file: \(secret.path)"),
            ("password_file: /etc/dondoc/smtp.secret", "password_file: \(secret.path)"),
            ("  ca_file: null\n", "  ca_file: null\n" + mailboxLines.map { "  \($0)\n" }.joined()),
            ("receipts: true", "receipts: false"),
            ("path: /var/lib/dondoc/giai-trinh-2020-q2.sqlite", "path: \(storePath)"),
        ]
        for line in mailboxLines {
            let key = line.prefix { $0 != ":" }
            yaml = yaml.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("  \(key):") }.joined(separator: "\n")
        }
        for (old, new) in replacements {
            guard yaml.contains(old) else {
                throw TestSupportError("examples/dien-bien-2020.yaml no longer contains \(old); update ScriptedIMAPServer")
            }
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        let configPath = folder.appendingPathComponent("campaign.yaml").path
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        return CampaignFileForTests.Written(configPath: configPath, storePath: storePath)
    }
}
