import Foundation

/// An IMAP server that misbehaves on purpose, for the failures Dovecot never shows:
/// FETCH answers out of UID order, UIDs left out of an answer, unreadable INTERNALDATEs.
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

    /// How the answers to `UID FETCH … BODY.PEEK[]` go wrong.
    public struct Quirks {
        public enum Order: String { case ascending, reversed, swapFirstTwo = "swap-first-two" }
        public var order: Order = .ascending
        /// UIDs asked for but never sent; the command then ends in `NO`.
        public var omit: [UInt32] = []
        /// INTERNALDATEs written instead of the real one, by UID.
        public var badDates: [UInt32: String] = [:]
        /// What follows `NO` in the answer to `EXAMINE`, e.g. `[UNAVAILABLE] try later`.
        public var examineNo: String?

        public init(order: Order = .ascending, omit: [UInt32] = [], badDates: [UInt32: String] = [:],
                    examineNo: String? = nil) {
            self.order = order
            self.omit = omit
            self.badDates = badDates
            self.examineNo = examineNo
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

    /// From the next `UID FETCH` on, the server misbehaves this way instead.
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
