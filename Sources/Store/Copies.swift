import Foundation
import GRDB

extension MessageStore {
    /// `+` keeps SQLite off the parse_status and rowid indexes: left to itself it walked
    /// every parsed message for each new one (measured: 1.8 million page reads, and 14 s,
    /// for a first poll of 1,000 messages), where the Message-ID index finds the few at once.
    static let earlierCopySQL = """
        SELECT id FROM message
        WHERE message_id = ? AND lower(from_address) = lower(?) AND date_header = ?
            AND +id < ? AND +parse_status = 'parsed'
        ORDER BY id
        """

    /// The earliest parsed message that is message `id` in other bytes: the same
    /// Message-ID, sender address and Date, and exactly the same attached files.
    ///
    /// Bytes alone do not recognise a message after the mailbox was moved between
    /// servers or restored from a backup: the new server may re-encode headers, re-wrap
    /// base64 or change line ends, and every message would be stored, counted and
    /// acknowledged twice. What a re-encoding keeps is what identifies the message here.
    /// Without a Message-ID or a Date nothing is matched: a new message is safer than a
    /// lost one.
    public func earlierCopy(of id: Int64, messageID: String, fromAddress: String, date: Date,
                            attachmentHashes: [String]) throws(StoreError) -> Int64? {
        try read { db in
            let candidates = try Int64.fetchAll(db, sql: Self.earlierCopySQL,
                                                arguments: [messageID, fromAddress, date, id])
            let wanted = attachmentHashes.sorted()
            for candidate in candidates {
                let hashes = try String.fetchAll(db, sql: "SELECT sha256 FROM attachment WHERE message_id = ?",
                                                 arguments: [candidate])
                if hashes.sorted() == wanted { return candidate }
            }
            return nil
        }
    }
}
