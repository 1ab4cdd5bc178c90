import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Putting mail into the test server's INBOX and looking at it from the file system,
/// behind Dovecot's back — the way a delivery agent and a Maildir reader would.
extension DovecotServer {
    /// Delivers `raw` as a new message whose IMAP INTERNALDATE is `internalDate` (Dovecot
    /// takes it from the file's modification time). With `flags` (Maildir letters, e.g.
    /// `"S"` for \Seen), the message goes straight into `cur` with those flags.
    /// Returns the message's Maildir key (the file name without flags).
    @discardableResult
    public func deliver(_ raw: Data, internalDate: Date, flags: String = "") throws -> String {
        let key = Self.nextMaildirKey()
        let temporary = maildir.appendingPathComponent("tmp/\(key)")
        try raw.write(to: temporary)
        try FileManager.default.setAttributes([.modificationDate: internalDate], ofItemAtPath: temporary.path)
        try own(temporary)
        // Rename from tmp, as delivery agents do: Dovecot never sees half a message.
        let final = flags.isEmpty
            ? maildir.appendingPathComponent("new/\(key)")
            : maildir.appendingPathComponent("cur/\(key):2,\(String(flags.sorted()))")
        guard rename(temporary.path, final.path) == 0 else {
            throw TestSupportError("cannot move \(temporary.path) into the Maildir: \(String(cString: strerror(errno)))")
        }
        return key
    }

    /// The Maildir flags of every message, by key: `""` for a message nobody has read,
    /// `"S"` once something marked it \Seen. Read from the file names, which is where
    /// Dovecot keeps Maildir flags.
    public func maildirFlags() throws -> [String: String] {
        var flags: [String: String] = [:]
        for folder in ["new", "cur"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent(folder).path) {
                if let marker = name.range(of: ":2,") {
                    flags[String(name[..<marker.lowerBound])] = String(name[marker.upperBound...])
                } else {
                    flags[name] = ""
                }
            }
        }
        return flags
    }

    /// Keys of the messages that carry the \Seen flag.
    public func seenMessageKeys() throws -> Set<String> {
        Set(try maildirFlags().filter { $0.value.contains("S") }.keys)
    }

    /// Deletes the INBOX with all its messages and Dovecot's index, and makes an empty
    /// one: the next session sees a new UIDVALIDITY, as after a real delete-and-recreate.
    /// Keeps `dovecot-uidvalidity*`, Dovecot's counter, so the new value differs even
    /// within the same second.
    public func recreateMailbox() throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: maildir.path) where !name.hasPrefix("dovecot-uidvalidity") {
            try manager.removeItem(at: maildir.appendingPathComponent(name))
        }
        try createMaildir()
    }

    /// Makes the Maildir folders (and the home above them), owned by the mail user.
    func createMaildir() throws {
        let home = maildir.deletingLastPathComponent()
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for path in [home.deletingLastPathComponent(), home, maildir] + ["cur", "new", "tmp"].map({ maildir.appendingPathComponent($0) }) {
            chmod(path.path, 0o755)
        }
        for path in [home, maildir] + ["cur", "new", "tmp"].map({ maildir.appendingPathComponent($0) }) {
            try own(path)
        }
    }

    private func own(_ url: URL) throws {
        guard getuid() == 0 else { return }
        guard chown(url.path, mailUID, mailGID) == 0 else {
            throw TestSupportError("chown \(url.path) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Unique, and sorting in delivery order: Dovecot gives new messages UIDs in file
    /// name order.
    private static func nextMaildirKey() -> String {
        let number = deliveryCounter.next()
        let now = Int(Date().timeIntervalSince1970)
        return "\(now).M\(String(number + 100_000_000).dropFirst())P\(getpid()).dondoc-test"
    }

    private static let deliveryCounter = Counter()
}

/// A process-wide counter, safe from any thread.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
