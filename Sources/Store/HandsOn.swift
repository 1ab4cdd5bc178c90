import Foundation
import GRDB

public struct PaperSubmission: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "paper_submission"
    public var id: Int64?
    public var agencyID: String
    public var receivedAt: Date
    public var documentSymbol: String?
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(agencyID: String, receivedAt: Date, documentSymbol: String?, note: String?, recordedBy: String,
                recordedAt: Date) {
        self.agencyID = agencyID
        self.receivedAt = receivedAt
        self.documentSymbol = documentSymbol
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, note
        case agencyID = "agency_id"
        case receivedAt = "received_at"
        case documentSymbol = "document_symbol"
        case recordedBy = "recorded_by"
        case recordedAt = "recorded_at"
    }
}

/// An attachment without its bytes: what reports and listings need.
public struct AttachmentSummary: Sendable, Equatable {
    public var fileName: String?
    public var mediaType: String
    public var size: Int
    public var sha256: String
    /// Why the bytes are not the sender's file; nil when whole.
    public var damage: String?
}

/// A message a person or dondoc attributed to an agency as its submission.
public struct StoredSubmission: Sendable {
    public var message: StoredMessage
    public var attribution: AttributionRecord
    public var documents: [AttachmentSummary]
}

extension MessageStore {
    public func recordPaper(_ paper: PaperSubmission) throws(StoreError) -> PaperSubmission {
        try write { db in
            var paper = paper
            try paper.insert(db)
            return paper
        }
    }

    public func paperSubmissions() throws(StoreError) -> [PaperSubmission] {
        try read { db in try PaperSubmission.order(Column("received_at"), Column("id")).fetchAll(db) }
    }

    /// A person's decision about a message: replaces the current attribution and is
    /// kept in the decision log; with `learnSender`, the sender's address is tied to
    /// the agency for future mail. One transaction.
    public func decide(message id: Int64, action: String, agencyID: String?, kind: String, reasons: [String],
                       by person: String, at now: Date, learnSender address: String? = nil) throws(StoreError) {
        try write { db in
            let candidates = try AttributionRecord.fetchOne(db, key: id)?.candidates ?? []
            try AttributionRecord(messageRowID: id, agencyID: agencyID, kind: kind, reasons: reasons,
                                  candidates: candidates, decidedBy: person, decidedAt: now).save(db)
            try db.execute(
                sql: """
                    INSERT INTO decision_log (message_id, action, agency_id, kind, reason, decided_by, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, action, agencyID, kind, reasons.last, person, now])
            if let address, let agencyID {
                try db.execute(
                    sql: """
                        INSERT INTO learned_sender (address, agency_id, learned_from_message, learned_by, learned_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(address) DO UPDATE SET agency_id = excluded.agency_id,
                            learned_from_message = excluded.learned_from_message,
                            learned_by = excluded.learned_by, learned_at = excluded.learned_at
                        """,
                    arguments: [address.lowercased(), agencyID, id, person, now])
            }
        }
    }

    /// Addresses a person tied to an agency, lower-cased.
    public func learnedSenders() throws(StoreError) -> [String: String] {
        try read { db in
            var senders: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT address, agency_id FROM learned_sender") {
                senders[row["address"]] = row["agency_id"]
            }
            return senders
        }
    }

    public func attachmentSummaries(of id: Int64) throws(StoreError) -> [AttachmentSummary] {
        try read { db in try Self.summaries(db, of: id) }
    }

    static func summaries(_ db: Database, of id: Int64) throws -> [AttachmentSummary] {
        try Row.fetchAll(db, sql: """
            SELECT file_name, media_type, size, sha256, damage FROM attachment
            WHERE message_id = ? AND is_inline = 0 ORDER BY position
            """, arguments: [id]).map {
            AttachmentSummary(fileName: $0["file_name"], mediaType: $0["media_type"], size: $0["size"], sha256: $0["sha256"],
                              damage: $0["damage"])
        }
    }

    /// Every message attributed as a submission, in arrival order, with its documents.
    /// Three queries whatever the store holds: a report reads every submission.
    public func submissions() throws(StoreError) -> [StoredSubmission] {
        try read { db in
            let attributions = try AttributionRecord
                .filter(Column("kind") == "submission" && Column("agency_id") != nil).fetchAll(db)
            var messages: [Int64: StoredMessage] = [:]
            for message in try StoredMessage.fetchAll(db, sql: Self.submissionMessagesSQL) {
                messages[message.id] = message
            }
            var documents: [Int64: [AttachmentSummary]] = [:]
            let rows = try Row.fetchCursor(db, sql: Self.submissionFilesSQL)
            while let row = try rows.next() {
                documents[row["message_id"], default: []].append(AttachmentSummary(
                    fileName: row["file_name"], mediaType: row["media_type"], size: row["size"],
                    sha256: row["sha256"], damage: row["damage"]))
            }
            return attributions.compactMap { attribution -> StoredSubmission? in
                guard let message = messages[attribution.messageRowID] else { return nil }
                return StoredSubmission(message: message, attribution: attribution,
                                        documents: documents[message.id] ?? [])
            }.sorted { ($0.message.receivedAt, $0.message.id) < ($1.message.receivedAt, $1.message.id) }
        }
    }
}

extension MessageStore {
    // Both start from the decisions and reach messages and files by their keys: a page of
    // the attachment table holds the start of a file, so a scan of it reads every file
    // of the store, and a scan of the messages reads every message a report leaves out.
    private static let isSubmission = "a.kind = 'submission' AND a.agency_id IS NOT NULL"

    static let submissionMessagesSQL = """
        SELECT \(StoredMessage.columnList) FROM attribution a CROSS JOIN message m ON m.id = a.message_id
        WHERE \(isSubmission)
        """

    static let submissionFilesSQL = """
        SELECT t.message_id, t.file_name, t.media_type, t.size, t.sha256, t.damage
        FROM attribution a CROSS JOIN attachment t ON t.message_id = a.message_id
        WHERE \(isSubmission) AND t.is_inline = 0 ORDER BY t.message_id, t.position
        """
}
