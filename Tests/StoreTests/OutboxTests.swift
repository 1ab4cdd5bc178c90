import Foundation
import Store
import XCTest

final class OutboxTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_588_900_000)

    func reminder(_ agency: String, _ date: String, kind: String = "upcoming") -> OutboxEntry {
        OutboxEntry(purpose: .reminder, agencyID: agency, kind: kind, localDate: date,
                    messageID: "<giai-trinh.\(agency).\(kind).\(date)@hdnd.example.org>",
                    recipients: ["\(agency)@dienbien.example.org"], subject: "[GT2020-\(agency.uppercased())] Nhắc",
                    raw: Data("raw".utf8), createdAt: now)
    }

    func testSecondReminderForTheSameAgencyAndDayIsNotWritten() throws {
        let store = try MessageStore(inMemory: "t")
        XCTAssertNotNil(try store.enqueue(reminder("stnmt", "2020-05-06")))
        XCTAssertNil(try store.enqueue(reminder("stnmt", "2020-05-06", kind: "due_today")))
        XCTAssertNotNil(try store.enqueue(reminder("stnmt", "2020-05-07")))
        XCTAssertNotNil(try store.enqueue(reminder("stc", "2020-05-06")))
        XCTAssertEqual(try store.outbox(.reminder).count, 3)
        XCTAssertEqual(try store.remindedDates(), ["stnmt": ["2020-05-06", "2020-05-07"], "stc": ["2020-05-06"]])
    }

    func testOneReceiptPerMessage() throws {
        let store = try MessageStore(inMemory: "t")
        let raw = Data("Message-ID: <a@example.org>\r\n\r\nx\r\n".utf8)
        guard case .stored(let id) = try store.ingest([IncomingMessage(uid: 1, receivedAt: now, raw: raw, sha256: "a")],
                                                      mailbox: "m", uidValidity: 1, now: now)[0] else { return XCTFail() }
        func receipt(_ n: Int) -> OutboxEntry {
            OutboxEntry(purpose: .receipt, agencyID: "stnmt", kind: "receipt", localDate: "2020-05-06",
                        messageID: "<receipt.\(id).\(n)@hdnd.example.org>", replyToMessage: id,
                        recipients: ["stnmt@dienbien.example.org"], subject: "Xác nhận", raw: raw, createdAt: now)
        }
        XCTAssertNotNil(try store.enqueue(receipt(1)))
        XCTAssertNil(try store.enqueue(receipt(2)))
    }

    func testAttemptsMoveThroughStatusesAndBouncesMatchByMessageID() throws {
        let store = try MessageStore(inMemory: "t")
        let entry = try XCTUnwrap(store.enqueue(reminder("stnmt", "2020-05-06")))
        let id = try XCTUnwrap(entry.id)
        try store.markSending(id, at: now)
        XCTAssertEqual(try store.pendingOutbox(.reminder), [], "mail being sent is not pending")
        try store.recordAttempt(id, status: .pending, smtpCode: 451, error: "4.7.1 try later", at: now)
        XCTAssertEqual(try store.pendingOutbox(.reminder).first?.attempts, 1)
        try store.markSending(id, at: now)
        try store.recordAttempt(id, status: .sent, smtpCode: 250, at: now)
        XCTAssertEqual(try store.outbox().first?.attempts, 2)
        XCTAssertEqual(try store.pendingOutbox(.reminder), [])
        XCTAssertEqual(try store.outbox().first?.sentAt, now)
        XCTAssertTrue(try store.markBounced(messageID: entry.messageID, status: "5.1.1", at: now))
        XCTAssertEqual(try store.outbox().first?.status, .bounced)
        XCTAssertEqual(try store.outbox().first?.bounceStatus, "5.1.1")
        XCTAssertFalse(try store.markBounced(messageID: "<unknown@example.org>", status: nil, at: now))
    }

    func testBounceByRecipientMatchesTheLatestSentMail() throws {
        let store = try MessageStore(inMemory: "t")
        let first = try XCTUnwrap(store.enqueue(reminder("stnmt", "2020-05-06")))
        let second = try XCTUnwrap(store.enqueue(reminder("stnmt", "2020-05-07")))
        try store.recordAttempt(first.id!, status: .sent, at: now)
        try store.recordAttempt(second.id!, status: .sent, at: now.addingTimeInterval(86_400))
        XCTAssertTrue(try store.markBounced(recipient: "STNMT@dienbien.example.org", since: now, status: "5.2.2", at: now))
        XCTAssertEqual(try store.outbox().map(\.status), [.sent, .bounced])
    }

    func testMailLeftSendingByADeadRunIsInterruptedNeverResent() throws {
        let store = try MessageStore(inMemory: "t")
        let abandoned = try XCTUnwrap(store.enqueue(reminder("stnmt", "2020-05-06")))
        let other = try XCTUnwrap(store.enqueue(reminder("stc", "2020-05-06")))
        try store.markSending(abandoned.id!, at: now)
        let interrupted = try store.interruptAbandonedSends(.reminder, at: now)
        XCTAssertEqual(interrupted.map(\.agencyID), ["stnmt"])
        XCTAssertEqual(try store.outbox().map(\.status), [.interrupted, .pending])
        XCTAssertEqual(try store.pendingOutbox(.reminder).map(\.id), [other.id])
        XCTAssertEqual(try store.interruptAbandonedSends(.reminder, at: now), [])
        XCTAssertEqual(try store.remindedDates()["stnmt"], ["2020-05-06"], "the day counts as reminded")
    }

    func testCancelOnlyTouchesPendingMail() throws {
        let store = try MessageStore(inMemory: "t")
        let entry = try XCTUnwrap(store.enqueue(reminder("stnmt", "2020-05-06")))
        try store.recordAttempt(entry.id!, status: .sent, at: now)
        try store.cancel(entry.id!, reason: "reported")
        XCTAssertEqual(try store.outbox().first?.status, .sent)
    }

    func testSentMessageIDsMapToAgencies() throws {
        let store = try MessageStore(inMemory: "t")
        _ = try store.enqueue(reminder("stnmt", "2020-05-06"))
        XCTAssertEqual(try store.sentMessageIDs(), ["<giai-trinh.stnmt.upcoming.2020-05-06@hdnd.example.org>": "stnmt"])
    }
}
