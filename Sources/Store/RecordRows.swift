import Foundation
import GRDB

// Rows read column by column instead of through Codable: a report reads every
// submission and every message in review, and GRDB's Codable decoding (a keyed
// container per row, a JSONDecoder per array column) was a third of its time.
// Writing still goes through Codable, so the columns' formats are GRDB's own.

extension StoredMessage {
    /// Its columns, prefixed for a query that names the message table `m`.
    static let columnList = CodingKeys.allCases.map { "m.\($0.rawValue)" }.joined(separator: ", ")

    public init(row: Row) throws {
        self.init(id: row["id"], sha256: row["sha256"], size: row["size"], receivedAt: row["received_at"],
                  storedAt: row["stored_at"], messageID: row["message_id"], fromAddress: row["from_address"],
                  fromName: row["from_name"], subject: row["subject"], dateHeader: row["date_header"],
                  parseStatus: ParseStatus(rawValue: row["parse_status"] ?? "") ?? .pending,
                  parseError: row["parse_error"])
    }
}

extension AttributionRecord {
    public init(row: Row) throws {
        self.init(messageRowID: row["message_id"], agencyID: row["agency_id"], kind: row["kind"],
                  reasons: try Self.strings(row["reasons"]), candidates: try Self.strings(row["candidates"]),
                  decidedBy: row["decided_by"], decidedAt: row["decided_at"])
    }

    /// A JSON array of strings, as Codable wrote it; most candidate lists are empty.
    private static func strings(_ json: String?) throws -> [String] {
        guard let json, json != "[]" else { return [] }
        // JSONSerialization: a JSONDecoder per row cost more than the rest of the row.
        guard let strings = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else {
            throw DatabaseError(message: "a list of strings was expected, found \(json.prefix(40))")
        }
        return strings
    }
}
