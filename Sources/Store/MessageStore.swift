import Foundation
import GRDB

public enum StoreError: Error, Sendable, Equatable {
    /// The database file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// Another process holds the database longer than the busy timeout.
    case busy(path: String)
    /// Any other database failure: a bug or a damaged file.
    case failed(String)
    /// The store has no message with that id or Message-ID.
    case noSuchMessage(String)
    /// The disk holding the store has no room left: the transaction was rolled back.
    case diskFull(path: String)

    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the store \(path): \(reason); check store.path and that its folder exists and is writable"
        case .busy(let path):
            "the store \(path) is busy; another dondoc is writing to it, try again later"
        case .failed(let reason):
            "store failure: \(reason)"
        case .noSuchMessage(let key):
            "no stored message \(key); list them with 'dondoc messages'"
        case .diskFull(let path):
            "the disk holding the store \(path) is full; nothing half-written was kept: "
                + "free some space and the next run goes on where this one stopped"
        }
    }
}

public enum IngestOutcome: Sendable, Equatable {
    /// Stored for the first time, with this row id.
    case stored(Int64)
    /// These bytes are already stored (delivered twice, or seen again after a
    /// UIDVALIDITY change): only the new location was recorded.
    case duplicate(Int64)
}

/// The SQLite store. Every write is one transaction; every method is safe to call from
/// any thread (GRDB serialises writers).
public final class MessageStore: Sendable {
    let writer: any DatabaseWriter
    public let path: String

    /// Opens (creating when needed) the store at `path` in WAL mode and migrates it.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.label = "dondoc"
            writer = try Self.openAndMigrate(path: path, configuration: config)
        } catch {
            if Self.isDiskFull(error, path: path) { throw .diskFull(path: path) }
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    /// GRDB reads which migrations are applied outside the transaction that applies
    /// them, and a new file is switched to WAL under a lock that does not wait, so two
    /// runs creating the store at once (a poll and a remind fired by the same minute of
    /// cron) would both make the tables, or find the file locked, and one would fail.
    /// A run that finds no store, or one not fully migrated, takes turns with the others
    /// under a lock on the store's folder; the usual open takes no lock.
    private static func openAndMigrate(path: String, configuration: Configuration) throws -> DatabasePool {
        let migrator = Schema.migrator
        var turn: FolderTurn?
        var existing = stat()
        if stat(path, &existing) != 0 || existing.st_size == 0 {
            turn = try FolderTurn(storePath: path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        if turn == nil, try pool.read(migrator.hasCompletedMigrations) { return pool }
        if turn == nil { turn = try FolderTurn(storePath: path) }
        try withExtendedLifetime(turn) { try migrator.migrate(pool) }
        return pool
    }

    /// A private in-memory store, for tests of the layers above.
    public init(inMemory label: String = "memory") throws(StoreError) {
        self.path = ":memory:"
        do {
            writer = try DatabaseQueue(named: nil)
            try Schema.migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: label, reason: Self.describe(error))
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw .busy(path: path)
        } catch {
            if Self.isDiskFull(error, path: path) { throw .diskFull(path: path) }
            throw .failed(Self.describe(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            // Reading a WAL store writes too (its shared-memory index grows).
            if Self.isDiskFull(error, path: path) { throw .diskFull(path: path) }
            throw .failed(Self.describe(error))
        }
    }

    /// SQLite says SQLITE_FULL when a write finds no room, but a full disk met while the
    /// WAL index grows comes back as a plain I/O error, and GRDB does not keep errno:
    /// an I/O error on a disk with next to no room left is taken for a full disk.
    static func isDiskFull(_ error: any Error, path: String) -> Bool {
        guard let error = error as? DatabaseError, path != ":memory:" else { return false }
        if error.resultCode == .SQLITE_FULL { return true }
        guard error.resultCode == .SQLITE_IOERR else { return false }
        var stats = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &stats) == 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 1 << 20
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }

    // MARK: - Mailbox state and intake

    public func mailboxState(_ mailbox: String) throws(StoreError) -> MailboxState? {
        try read { db in try MailboxState.fetchOne(db, key: mailbox) }
    }

    /// Starts over for a mailbox whose UIDVALIDITY changed: UIDs seen before mean
    /// nothing now. Stored messages stay; re-fetched ones are recognised by their bytes.
    public func resetMailbox(_ mailbox: String, uidValidity: UInt32, now: Date) throws(StoreError) {
        try write { db in
            try MailboxState(mailbox: mailbox, uidValidity: uidValidity, highestUID: 0, updatedAt: now).save(db)
        }
    }

    /// Stores a batch of fetched messages and advances the mailbox's high-water mark in
    /// one transaction: a crash at any instant leaves either all of it or none.
    ///
    /// `highWater`: the UID below which every message is now stored, as the caller knows
    /// from what it asked for and what arrived (a server may answer out of order or leave
    /// one out). nil: the highest UID of the batch, for callers that fetched in order.
    /// The mark never moves back.
    public func ingest(_ messages: [IncomingMessage], mailbox: String, uidValidity: UInt32, highWater: UInt32? = nil,
                       now: Date) throws(StoreError) -> [IngestOutcome] {
        try write { db in
            var outcomes: [IngestOutcome] = []
            var highest = try MailboxState.fetchOne(db, key: mailbox)
                .flatMap { $0.uidValidity == uidValidity ? $0.highestUID : nil } ?? 0
            for message in messages {
                let rowID: Int64
                if let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM message WHERE sha256 = ?", arguments: [message.sha256]) {
                    rowID = existing
                    outcomes.append(.duplicate(existing))
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO message (sha256, size, received_at, stored_at, parse_status)
                            VALUES (?, ?, ?, ?, 'pending')
                            """,
                        arguments: [message.sha256, message.size, message.receivedAt, now])
                    rowID = db.lastInsertedRowID
                    try db.execute(sql: "INSERT INTO message_raw (message_id, raw) VALUES (?, zeroblob(?))",
                                   arguments: [rowID, message.raw.count])
                    try BlobIO.write(db, table: "message_raw", column: "raw", row: rowID, data: message.raw)
                    outcomes.append(.stored(rowID))
                }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO message_location (mailbox, uid_validity, uid, message_id)
                        VALUES (?, ?, ?, ?)
                        """,
                    arguments: [mailbox, uidValidity, message.uid, rowID])
                if highWater == nil { highest = max(highest, message.uid) }
            }
            if let highWater { highest = max(highest, highWater) }
            try MailboxState(mailbox: mailbox, uidValidity: uidValidity, highestUID: highest, updatedAt: now).save(db)
            return outcomes
        }
    }

    // MARK: - Processing

    /// Ids of messages stored but not yet parsed, oldest first. Processing is a step of
    /// its own so that a crash between storing and understanding loses nothing.
    public func pendingMessageIDs() throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE parse_status = 'pending' ORDER BY id")
        }
    }

    /// Counts a run beginning its work with this message, committed before it reads.
    /// A message that keeps ending runs as they start on it, with no crash seen, is one
    /// that gets the process killed (out of memory, say); a few runs killed from outside
    /// can land on the same message, so the caller allows several.
    public func beginParsing(_ id: Int64) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE message SET parse_attempts = parse_attempts + 1 WHERE id = ?", arguments: [id])
        }
    }

    /// How many runs began reading this message, this one included.
    public func parseAttempts(_ id: Int64) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT parse_attempts FROM message WHERE id = ?", arguments: [id]) ?? 0
        }
    }


    public func rawMessage(_ id: Int64) throws(StoreError) -> Data {
        try keptMessage(id).raw
    }

    /// The bytes kept of a message and the size of the whole: `raw` is shorter than
    /// `size` when the message was too large to keep whole.
    public func keptMessage(_ id: Int64) throws(StoreError) -> (raw: Data, size: Int) {
        let kept = try read { db -> (Data, Int)? in
            guard let size = try Int.fetchOne(db, sql: "SELECT size FROM message WHERE id = ?", arguments: [id]) else { return nil }
            return (try BlobIO.read(db, table: "message_raw", column: "raw", row: id), size)
        }
        guard let kept else { throw .noSuchMessage("\(id)") }
        return kept
    }

    /// Records what parsing and attribution found, in one transaction. Replaces any
    /// attachments from an earlier attempt, so processing again is harmless.
    public func recordParsed(_ id: Int64, headers: ParsedHeaders, attachments: [StoredAttachment],
                             attribution: AttributionRecord) throws(StoreError) {
        try recordProcessed([.parsed(id, headers, attachments, attribution)])
    }

    /// Keeps the raw bytes of a message that could not be parsed and queues it for a person.
    public func recordUnparseable(_ id: Int64, error: String, attribution: AttributionRecord) throws(StoreError) {
        try recordProcessed([.unparseable(id, error: error, attribution)])
    }

    /// Records several processed messages in one transaction: a commit costs a sync of
    /// the disk, which per message made processing slower than parsing. All or none: a
    /// run that dies before the commit leaves them pending, to be processed again.
    public func recordProcessed(_ records: [ProcessedRecord]) throws(StoreError) {
        guard !records.isEmpty else { return }
        try write { db in
            for record in records {
                switch record {
                case .parsed(let id, let headers, let attachments, let attribution):
                    try db.execute(
                        sql: """
                            UPDATE message SET message_id = ?, from_address = ?, from_name = ?, subject = ?,
                                date_header = ?, parse_status = 'parsed', parse_error = NULL WHERE id = ?
                            """,
                        arguments: [headers.messageID, headers.fromAddress, headers.fromName, headers.subject,
                                    headers.dateHeader, id])
                    try db.execute(sql: "DELETE FROM attachment WHERE message_id = ?", arguments: [id])
                    for attachment in attachments { try attachment.insertWritingContent(db) }
                    try attribution.save(db)
                case .unparseable(let id, let error, let attribution):
                    try db.execute(
                        sql: "UPDATE message SET parse_status = 'unparseable', parse_error = ? WHERE id = ?",
                        arguments: [error, id])
                    try db.execute(sql: "DELETE FROM attachment WHERE message_id = ?", arguments: [id])
                    try attribution.save(db)
                }
            }
        }
    }

    // MARK: - Listings

    public func message(_ id: Int64) throws(StoreError) -> StoredMessage? {
        try read { db in
            try StoredMessage.fetchOne(db, key: id)
        }
    }

    /// Finds a message by the store's short id or by its Message-ID (with or without
    /// angle brackets).
    public func findMessage(_ key: String) throws(StoreError) -> StoredMessage {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        let found = try read { db -> StoredMessage? in
            let request = StoredMessage.all()
            if let id = Int64(trimmed), let byID = try request.filter(key: id).fetchOne(db) { return byID }
            let bracketed = trimmed.hasPrefix("<") ? trimmed : "<\(trimmed)>"
            return try request.filter(Column("message_id") == bracketed).order(Column("id")).fetchOne(db)
        }
        guard let found else { throw .noSuchMessage(key) }
        return found
    }

    public func attachments(of id: Int64) throws(StoreError) -> [StoredAttachment] {
        try read { db in
            try StoredAttachment.filter(Column("message_id") == id).order(Column("position")).fetchAll(db)
        }
    }

    public func attribution(of id: Int64) throws(StoreError) -> AttributionRecord? {
        try read { db in try AttributionRecord.fetchOne(db, key: id) }
    }

    /// Every message in arrival order, with its decision and attachment names. With
    /// `kinds`, only messages whose decision is one of them.
    public func listMessages(kinds: Set<String>? = nil) throws(StoreError) -> [MessageListing] {
        try read { db in
            // Only the kinds asked for are read and decoded: the report asks for the few
            // messages in review among a campaign's tens of thousands.
            let sql = Self.listingSQL(kinds: kinds)
            let arguments = StatementArguments(kinds?.sorted() ?? [])
            let messages = try StoredMessage.fetchAll(db, sql: sql.messages, arguments: arguments)
            let attributions = try AttributionRecord.fetchAll(db, sql: sql.decisions, arguments: arguments)
            let byMessage = Dictionary(attributions.map { ($0.messageRowID, $0) }, uniquingKeysWith: { a, _ in a })
            var names: [Int64: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: sql.files, arguments: arguments)
            while let row = try rows.next() {
                let name: String? = row["file_name"]
                let damage: String? = row["damage"]
                // A file that arrived damaged says so wherever its name is listed.
                names[row["message_id"], default: []].append((name ?? "") + (damage.map { " [damaged: \($0)]" } ?? ""))
            }
            return messages.map { message in
                MessageListing(message: message, attribution: byMessage[message.id],
                               attachmentNames: names[message.id] ?? [])
            }
        }
    }

    /// The listing's three queries, each taking the kinds (sorted) as arguments. Messages
    /// with no decision yet ("pending") can only be found by reading every message row;
    /// decided ones are found from the decisions and reached by key, which keeps SQLite
    /// off the rows it does not want, and off the attachment table's pages (each holds
    /// the start of a file).
    static func listingSQL(kinds: Set<String>?) -> (messages: String, decisions: String, files: String) {
        let columns = StoredMessage.columnList
        guard let kinds else {
            return ("SELECT \(columns) FROM message m ORDER BY m.received_at, m.id",
                    "SELECT * FROM attribution",
                    "SELECT message_id, file_name, damage FROM attachment WHERE is_inline = 0 ORDER BY message_id, position")
        }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        let pending = kinds.contains("pending")
        let filter = pending ? "COALESCE(a.kind, 'pending') IN (\(marks))" : "a.kind IN (\(marks))"
        let messages = pending ? "message m LEFT JOIN attribution a ON a.message_id = m.id"
            : "attribution a CROSS JOIN message m ON m.id = a.message_id"
        let files = pending ? "attachment t LEFT JOIN attribution a ON a.message_id = t.message_id"
            : "attribution a CROSS JOIN attachment t ON t.message_id = a.message_id"
        return ("SELECT \(columns) FROM \(messages) WHERE \(filter) ORDER BY m.received_at, m.id",
                "SELECT a.* FROM attribution a WHERE \(filter)",
                "SELECT t.message_id, t.file_name, t.damage FROM \(files) WHERE t.is_inline = 0 AND \(filter) ORDER BY t.message_id, t.position")
    }

    /// How many distinct messages are stored; for summaries and tests.
    public func messageCount() throws(StoreError) -> Int {
        try read { db in try StoredMessage.fetchCount(db) }
    }

    /// SQLite's own check of every page and index: ["ok"] when the file is sound. For
    /// drills that damage the run (a full disk, `kill -9`) and must not damage the store.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// How many mailbox locations point at stored messages; for tests of de-duplication.
    public func locationCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message_location") ?? 0 }
    }
}

/// An exclusive `flock` on the folder of a store, held while the store is created or
/// migrated. Blocking is right: another run holds it only for that long.
private final class FolderTurn {
    private let descriptor: Int32

    init(storePath: String) throws {
        let folder = (storePath as NSString).deletingLastPathComponent
        descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot open the folder of \(storePath)")
        }
        guard flock(descriptor, LOCK_EX) == 0 else {
            close(descriptor)
            throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "cannot lock the folder of \(storePath)")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
