import Foundation
import GRDB

/// A UID the server found but would not send, one poll after another (a damaged message
/// in its store, a bug): asked again every poll, never skipped, and after a few polls
/// listed for a person, so that a report that reached the mailbox is not silently missing.
public struct UndeliveredUID: Sendable, Equatable {
    public var uid: UInt32
    /// Polls that asked for it and did not get it.
    public var polls: Int
    public var firstMissedAt: Date
}

extension MessageStore {
    /// Counts one more poll that asked for each of `missed` and did not get it, and forgets
    /// those of `arrived`.
    public func recordUndelivered(missed: [UInt32], arrived: [UInt32], mailbox: String, uidValidity: UInt32,
                                  now: Date) throws(StoreError) {
        guard !missed.isEmpty || !arrived.isEmpty else { return }
        try write { db in
            for uid in missed {
                try db.execute(sql: """
                    INSERT INTO undelivered_uid (mailbox, uid_validity, uid, polls, first_missed_at) VALUES (?, ?, ?, 1, ?)
                    ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET polls = polls + 1
                    """, arguments: [mailbox, uidValidity, uid, now])
            }
            for uid in arrived {
                try db.execute(sql: "DELETE FROM undelivered_uid WHERE mailbox = ? AND uid_validity = ? AND uid = ?",
                               arguments: [mailbox, uidValidity, uid])
            }
        }
    }

    /// UIDs of this mailbox still not delivered, lowest first; with `polls`, only those
    /// missed at least that many times.
    public func undeliveredUIDs(mailbox: String, uidValidity: UInt32, polls: Int = 1) throws(StoreError) -> [UndeliveredUID] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT uid, polls, first_missed_at FROM undelivered_uid
                WHERE mailbox = ? AND uid_validity = ? AND polls >= ? ORDER BY uid
                """, arguments: [mailbox, uidValidity, polls]).map {
                UndeliveredUID(uid: UInt32(truncatingIfNeeded: $0["uid"] as Int64), polls: $0["polls"],
                               firstMissedAt: $0["first_missed_at"])
            }
        }
    }

    /// Every UID still not delivered, in every mailbox this store polls, for `messages --review`.
    public func allUndeliveredUIDs(polls: Int) throws(StoreError) -> [(mailbox: String, undelivered: UndeliveredUID)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.mailbox, u.uid, u.polls, u.first_missed_at FROM undelivered_uid u
                JOIN mailbox_state s ON s.mailbox = u.mailbox AND s.uid_validity = u.uid_validity
                WHERE u.polls >= ? ORDER BY u.mailbox, u.uid
                """, arguments: [polls]).map {
                ($0["mailbox"], UndeliveredUID(uid: UInt32(truncatingIfNeeded: $0["uid"] as Int64), polls: $0["polls"],
                                               firstMissedAt: $0["first_missed_at"]))
            }
        }
    }
}
