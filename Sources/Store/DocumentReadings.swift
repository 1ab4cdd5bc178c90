import Foundation
import GRDB

/// What the document reader said of one file, kept by the file's SHA-256 so that the
/// same file (sent twice, or found again in a resubmission) is read once. The store
/// keeps the reader's answer as JSON: it knows nothing of what a reading holds.
public struct StoredDocumentReading: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "document_reading"
    public var sha256: String
    public var status: String
    public var method: String
    public var reading: String
    public var readAt: Date

    public init(sha256: String, status: String, method: String, reading: String, readAt: Date) {
        self.sha256 = sha256
        self.status = status
        self.method = method
        self.reading = reading
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case sha256, status, method, reading
        case readAt = "read_at"
    }
}

extension MessageStore {
    public func documentReadings(sha256 keys: [String]) throws(StoreError) -> [String: StoredDocumentReading] {
        try read { db in
            // In slices: SQLite takes at most 32,766 values in one statement.
            var rows: [StoredDocumentReading] = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                rows += try StoredDocumentReading.fetchAll(db, keys: keys[start..<min(start + 500, keys.count)])
            }
            return Dictionary(rows.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Keeps the first reading of a file: two runs that read the same file agree, and
    /// the first one is what every decision so far was made on.
    public func saveDocumentReading(_ reading: StoredDocumentReading) throws(StoreError) {
        try write { db in try reading.insert(db, onConflict: .ignore) }
    }
}

extension MessageStore {
    /// The derived facts of these documents, as JSON, where the given reader revision
    /// derived them; a document derived by another revision is left out, to be derived anew.
    public func documentFacts(sha256 keys: [String], revision: Int) throws(StoreError) -> [String: String] {
        try read { db in
            var facts: [String: String] = [:]
            for start in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT sha256, facts FROM document_facts WHERE revision = ? AND sha256 IN (\(marks))
                    """, arguments: StatementArguments([revision] as [any DatabaseValueConvertible] + slice))
                while let row = try rows.next() { facts[row["sha256"]] = row["facts"] }
            }
            return facts
        }
    }

    /// Replaces what an older revision derived.
    public func saveDocumentFacts(_ facts: [(sha256: String, facts: String)], revision: Int) throws(StoreError) {
        guard !facts.isEmpty else { return }
        try write { db in
            for item in facts {
                try db.execute(sql: "INSERT OR REPLACE INTO document_facts (sha256, revision, facts) VALUES (?, ?, ?)",
                               arguments: [item.sha256, revision, item.facts])
            }
        }
    }

    /// Readings whose facts were never derived, or were derived by another revision of the
    /// reader: a store made before facts were kept, or before the reader last changed.
    public func readingsWithoutFacts(revision: Int, limit: Int) throws(StoreError) -> [StoredDocumentReading] {
        try read { db in
            try StoredDocumentReading.fetchAll(db, sql: """
                SELECT r.* FROM document_reading r LEFT JOIN document_facts f ON f.sha256 = r.sha256
                WHERE f.revision IS NULL OR f.revision != ? ORDER BY r.sha256 LIMIT ?
                """, arguments: [revision, limit])
        }
    }
}
