import Foundation
import GRDB

public struct MailboxState: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "mailbox_state"
    public var mailbox: String
    public var uidValidity: UInt32
    public var highestUID: UInt32
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case mailbox
        case uidValidity = "uid_validity"
        case highestUID = "highest_uid"
        case updatedAt = "updated_at"
    }
}

/// A message as the mailbox handed it over, before anything is understood of it.
public struct IncomingMessage: Sendable {
    public var uid: UInt32
    public var receivedAt: Date
    /// The message's bytes, or only their beginning when it was too large to keep.
    public var raw: Data
    /// Of the whole message, as it is in the mailbox.
    public var sha256: String
    /// Of the whole message: larger than `raw` when only its beginning is kept.
    public var size: Int

    public init(uid: UInt32, receivedAt: Date, raw: Data, sha256: String, size: Int? = nil) {
        self.uid = uid
        self.receivedAt = receivedAt
        self.raw = raw
        self.sha256 = sha256
        self.size = size ?? raw.count
    }

    /// Only the beginning of the message is kept.
    public var isTruncated: Bool { size > raw.count }
}

public enum ParseStatus: String, Codable, Sendable {
    case pending, parsed, unparseable
}

/// A stored message without its raw bytes: what listings need.
public struct StoredMessage: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    public static let databaseTableName = "message"
    public var id: Int64
    public var sha256: String
    public var size: Int
    public var receivedAt: Date
    public var storedAt: Date
    public var messageID: String?
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String?
    public var dateHeader: Date?
    public var parseStatus: ParseStatus
    public var parseError: String?

    enum CodingKeys: String, CodingKey {
        case id, sha256, size, subject
        case receivedAt = "received_at"
        case storedAt = "stored_at"
        case messageID = "message_id"
        case fromAddress = "from_address"
        case fromName = "from_name"
        case dateHeader = "date_header"
        case parseStatus = "parse_status"
        case parseError = "parse_error"
    }

    /// Listings never load the raw bytes: a mailbox of scanned reports is gigabytes.
    public static var databaseSelection: [any SQLSelectable] { CodingKeys.allCases.map { Column($0.rawValue) } }
}

extension StoredMessage.CodingKeys: CaseIterable {}

/// What parsing learnt about a message's headers.
public struct ParsedHeaders: Sendable, Equatable {
    public var messageID: String?
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String?
    public var dateHeader: Date?

    public init(messageID: String?, fromAddress: String?, fromName: String?, subject: String?, dateHeader: Date?) {
        self.messageID = messageID
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.subject = subject
        self.dateHeader = dateHeader
    }
}

public struct StoredAttachment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attachment"
    public var id: Int64?
    public var messageRowID: Int64
    public var position: Int
    public var fileName: String?
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var content: Data
    public var isInline: Bool
    public var fromForwardedMessage: Bool
    /// Why the bytes are not the sender's file (`base64-incomplete`, …); nil when whole.
    public var damage: String?

    public init(messageRowID: Int64, position: Int, fileName: String?, mediaType: String, sha256: String,
                content: Data, isInline: Bool, fromForwardedMessage: Bool, damage: String? = nil) {
        self.messageRowID = messageRowID
        self.position = position
        self.fileName = fileName
        self.mediaType = mediaType
        self.size = content.count
        self.sha256 = sha256
        self.content = content
        self.isInline = isInline
        self.fromForwardedMessage = fromForwardedMessage
        self.damage = damage
    }

    enum CodingKeys: String, CodingKey {
        case id, position, size, sha256, content, damage
        case messageRowID = "message_id"
        case fileName = "file_name"
        case mediaType = "media_type"
        case isInline = "is_inline"
        case fromForwardedMessage = "from_forwarded_message"
    }
}

/// The decision about one message. `kind` is the domain's MessageKind raw value; the
/// store keeps it as text and knows nothing of what it means.
public struct AttributionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attribution"
    public var messageRowID: Int64
    public var agencyID: String?
    public var kind: String
    public var reasons: [String]
    public var candidates: [String]
    public var decidedBy: String
    public var decidedAt: Date

    public init(messageRowID: Int64, agencyID: String?, kind: String, reasons: [String], candidates: [String],
                decidedBy: String, decidedAt: Date) {
        self.messageRowID = messageRowID
        self.agencyID = agencyID
        self.kind = kind
        self.reasons = reasons
        self.candidates = candidates
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    enum CodingKeys: String, CodingKey {
        case kind, reasons, candidates
        case messageRowID = "message_id"
        case agencyID = "agency_id"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
    }
}

/// One row of `dondoc messages`: a message and the decision about it.
public struct MessageListing: Sendable, Equatable {
    public var message: StoredMessage
    public var attribution: AttributionRecord?
    public var attachmentNames: [String]
}

/// What processing found for one message, to be written with others in one transaction.
public enum ProcessedRecord: Sendable {
    case parsed(Int64, ParsedHeaders, [StoredAttachment], AttributionRecord)
    case unparseable(Int64, error: String, AttributionRecord)

    /// Bytes the record carries, to bound a batch by memory as well as by count.
    public var bytes: Int {
        switch self {
        case .parsed(_, _, let attachments, _): attachments.reduce(0) { $0 + $1.content.count }
        case .unparseable: 0
        }
    }
}
