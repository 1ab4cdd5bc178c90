import Foundation
import GRDB

/// One mail dondoc means to send, or has sent.
public struct OutboxEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"

    public enum Purpose: String, Codable, Sendable { case reminder, receipt, report }
    public enum Status: String, Codable, Sendable {
        /// Written, not yet accepted by the server (never tried, or answered 4xx).
        case pending
        /// Handed to the server, no answer recorded yet. Found so by a later run, it
        /// becomes `interrupted`: the mail may have arrived, so it is never sent again.
        case sending
        /// dondoc stopped while the server held the mail (a crash, kill -9). Whether it
        /// arrived is unknown; a person is told, and nothing is sent twice.
        case interrupted
        case sent
        /// The server refused it for good (5xx).
        case failed
        /// Accepted, then returned by a delivery-status report.
        case bounced
        /// Not sent and never will be: the agency reported, or a newer reminder replaced it.
        case cancelled
    }

    public var id: Int64?
    public var purpose: Purpose
    public var agencyID: String?
    public var kind: String
    public var localDate: String
    public var messageID: String
    public var replyToMessage: Int64?
    public var recipients: [String]
    public var subject: String
    public var raw: Data
    public var status: Status
    public var attempts: Int
    public var smtpCode: Int?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var bouncedAt: Date?
    public var bounceStatus: String?

    public init(purpose: Purpose, agencyID: String?, kind: String, localDate: String, messageID: String,
                replyToMessage: Int64? = nil, recipients: [String], subject: String, raw: Data, createdAt: Date) {
        self.purpose = purpose
        self.agencyID = agencyID
        self.kind = kind
        self.localDate = localDate
        self.messageID = messageID
        self.replyToMessage = replyToMessage
        self.recipients = recipients
        self.subject = subject
        self.raw = raw
        self.status = .pending
        self.attempts = 0
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, purpose, kind, recipients, subject, raw, status, attempts
        case agencyID = "agency_id"
        case localDate = "local_date"
        case messageID = "message_id"
        case replyToMessage = "reply_to_message"
        case smtpCode = "smtp_code"
        case lastError = "last_error"
        case createdAt = "created_at"
        case sentAt = "sent_at"
        case bouncedAt = "bounced_at"
        case bounceStatus = "bounce_status"
    }
}

extension MessageStore {
    /// Writes a mail to the outbox unless one with the same key (agency and day for a
    /// reminder, message for a receipt) is already there. Returns the stored entry, or nil
    /// when it was already written — by this run or any earlier one.
    public func enqueue(_ entry: OutboxEntry) throws(StoreError) -> OutboxEntry? {
        try write { db in
            var entry = entry
            try entry.insert(db, onConflict: .ignore)
            // An ignored insert changes nothing, and then `id` is not ours.
            return db.changesCount > 0 ? entry : nil
        }
    }

    /// Pending mail of one purpose, oldest first.
    public func pendingOutbox(_ purpose: OutboxEntry.Purpose) throws(StoreError) -> [OutboxEntry] {
        try read { db in
            try OutboxEntry.filter(Column("purpose") == purpose.rawValue && Column("status") == "pending")
                .order(Column("id")).fetchAll(db)
        }
    }

    /// The outbox in the order mail was written. `withBodies: false` leaves each mail's
    /// bytes out (an empty `raw`): a report reads the state of thousands of reminders,
    /// never what they said.
    public func outbox(_ purpose: OutboxEntry.Purpose? = nil, withBodies: Bool = true) throws(StoreError) -> [OutboxEntry] {
        try read { db in
            let columns = OutboxEntry.CodingKeys.allCases
                .map { $0 == .raw && !withBodies ? "x'' AS raw" : $0.rawValue }.joined(separator: ", ")
            let filter = purpose == nil ? "" : "WHERE purpose = ?"
            return try OutboxEntry.fetchAll(db, sql: "SELECT \(columns) FROM outbox \(filter) ORDER BY id",
                                            arguments: StatementArguments(purpose.map { [$0.rawValue] } ?? []))
        }
    }

    /// Committed before the mail goes to the server: if dondoc dies before the answer is
    /// recorded, the next run knows the mail may have arrived. At most once beats at
    /// least once here: an agency must never get two reminders in a day.
    public func markSending(_ id: Int64, at now: Date) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
                           arguments: [id])
        }
    }

    /// Mail of one purpose left `sending` by a run that died: marked `interrupted` and
    /// returned, for the report. Call only under that purpose's run lock.
    public func interruptAbandonedSends(_ purpose: OutboxEntry.Purpose, at now: Date) throws(StoreError) -> [OutboxEntry] {
        try write { db in
            let abandoned = try OutboxEntry.filter(Column("purpose") == purpose.rawValue && Column("status") == "sending")
                .order(Column("id")).fetchAll(db)
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'interrupted',
                        last_error = 'dondoc stopped while the server held this mail; it may have arrived, so it is not sent again'
                    WHERE purpose = ? AND status = 'sending'
                    """,
                arguments: [purpose.rawValue])
            return abandoned
        }
    }

    /// Records the server's answer to one attempt.
    public func recordAttempt(_ id: Int64, status: OutboxEntry.Status, smtpCode: Int? = nil, error: String? = nil,
                              at now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = ?, smtp_code = ?, last_error = ?,
                        sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, smtpCode, error, status.rawValue, now, id])
        }
    }

    /// A pending mail that must not go out any more, with the reason.
    public func cancel(_ id: Int64, reason: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'cancelled', last_error = ? WHERE id = ? AND status = 'pending'",
                           arguments: [reason, id])
        }
    }

    /// Marks the sent mail with this Message-ID as bounced. Returns whether one matched.
    @discardableResult
    public func markBounced(messageID: String, status: String?, at now: Date) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'bounced', bounced_at = ?, bounce_status = ? WHERE message_id = ? AND status IN ('sent', 'bounced')",
                arguments: [now, status, messageID])
            return db.changesCount > 0
        }
    }

    /// Marks the most recent mail sent to `recipient` at or after `since` as bounced, for
    /// reports that do not quote our Message-ID. Returns whether one matched.
    @discardableResult
    public func markBounced(recipient: String, since: Date, status: String?, at now: Date) throws(StoreError) -> Bool {
        try write { db in
            let candidates = try OutboxEntry.filter(Column("status") == "sent" && Column("sent_at") >= since)
                .order(Column("sent_at").desc).fetchAll(db)
            guard let match = candidates.first(where: { $0.recipients.contains(recipient.lowercased()) }),
                  let id = match.id else { return false }
            try db.execute(sql: "UPDATE outbox SET status = 'bounced', bounced_at = ?, bounce_status = ? WHERE id = ?",
                           arguments: [now, status, id])
            return true
        }
    }

    /// The local dates on which each agency was reminded (any status: a reminder written
    /// but refused still used up that day).
    public func remindedDates() throws(StoreError) -> [String: Set<String>] {
        try read { db in
            var dates: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT agency_id, local_date FROM outbox WHERE purpose = 'reminder'") {
                if let agency: String = row["agency_id"] { dates[agency, default: []].insert(row["local_date"]) }
            }
            return dates
        }
    }

    /// Message-IDs of everything dondoc wrote, with the agency it was for: a reply that
    /// quotes one of them comes from that agency.
    public func sentMessageIDs() throws(StoreError) -> [String: String] {
        try read { db in
            var ids: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT message_id, agency_id FROM outbox WHERE agency_id IS NOT NULL") {
                ids[row["message_id"]] = row["agency_id"]
            }
            return ids
        }
    }

    /// When each agency's first submission arrived: the mailbox's INTERNALDATE of an
    /// attributed message, or the recorded time of a paper copy, whichever is earlier.
    public func firstSubmissions() throws(StoreError) -> [String: Date] {
        try read { db in
            var first: [String: Date] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.agency_id AS agency_id, MIN(m.received_at) AS received_at FROM attribution a
                JOIN message m ON m.id = a.message_id
                WHERE a.kind = 'submission' AND a.agency_id IS NOT NULL GROUP BY a.agency_id
                UNION ALL
                SELECT agency_id, MIN(received_at) FROM paper_submission GROUP BY agency_id
                """)
            for row in rows {
                let agency: String = row["agency_id"]
                let date: Date = row["received_at"]
                first[agency] = min(first[agency] ?? date, date)
            }
            return first
        }
    }

    /// Messages waiting for a person that name agencies among their candidates, with
    /// when each arrived: while one is open, reminding those agencies could reproach one
    /// that has in fact reported.
    public func openReviews() throws(StoreError) -> [(messageRowID: Int64, receivedAt: Date, candidates: [String])] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.message_id AS id, m.received_at AS received_at, a.candidates AS candidates FROM attribution a
                JOIN message m ON m.id = a.message_id
                WHERE a.kind = 'review' ORDER BY m.received_at, m.id
                """).map { row in
                let json: String = row["candidates"]
                let candidates = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
                return (messageRowID: row["id"], receivedAt: row["received_at"], candidates: candidates)
            }
        }
    }
}

extension MessageStore {
    /// Submissions stored since `since` that have no receipt written yet, oldest first.
    /// Receipts are a step of their own, after processing, so that a crash between the
    /// two (or a template that was broken for a while) leaves nothing unacknowledged.
    /// Only mail that also arrived in the mailbox since `receivedSince`: a store built
    /// anew from an old mailbox must not acknowledge weeks-old mail as received today.
    public func submissionsAwaitingReceipt(storedSince since: Date,
                                           receivedSince: Date) throws(StoreError) -> [(StoredMessage, AttributionRecord)] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT m.id FROM message m JOIN attribution a ON a.message_id = m.id
                WHERE a.kind = 'submission' AND a.agency_id IS NOT NULL AND m.stored_at >= ? AND m.received_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.purpose = 'receipt' AND o.reply_to_message = m.id)
                ORDER BY m.id
                """, arguments: [since, receivedSince])
            return try ids.compactMap { id in
                guard let message = try StoredMessage.fetchOne(db, key: id),
                      let attribution = try AttributionRecord.fetchOne(db, key: id) else { return nil }
                return (message, attribution)
            }
        }
    }
}

extension OutboxEntry.CodingKeys: CaseIterable {}
