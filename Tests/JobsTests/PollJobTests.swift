import DonDoc
import Foundation
@testable import Jobs
import Store
import TestSupport
import XCTest

/// `dondoc poll` against a real Dovecot: the mailbox is read, never changed; every
/// message is stored once; attribution lands in the store.
final class PollJobTests: CampaignTestCase {
    override class var usesSMTP: Bool { false }

    func poll(at now: Date = CampaignTime.may6(60 * 24 * 3)) throws -> PollSummary {
        try PollJob(campaign: setup.campaign).run(now: now)
    }

    func store() throws -> MessageStore { try MessageStore(path: setup.storePath) }

    func deliver(_ fixture: String, minutes: Int = 0, flags: String = "") throws {
        try office.deliver(Fixtures.data(fixture), internalDate: CampaignTime.may6(minutes), flags: flags)
    }

    func testPollStoresAndAttributesRealAgencyMail() throws {
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        try deliver("octet-stream-pdf.eml", minutes: 1)
        try deliver("auto-reply-rfc3834.eml", minutes: 2)
        try deliver("list-mail.eml", minutes: 3)
        try deliver("bounce-delivery-status.eml", minutes: 4)
        try deliver("garbage-not-a-message.eml", minutes: 5)
        try deliver("nfd-subject.eml", minutes: 6)

        let summary = try poll()
        XCTAssertEqual(summary.stored, 7)
        XCTAssertEqual(summary.read, 7)
        XCTAssertEqual(summary.count(.submission), 3)

        let listings = try store().listMessages()
        let byKind = listings.map { "\($0.attribution?.kind ?? "-"):\($0.attribution?.agencyID ?? "-")" }
        XCTAssertEqual(byKind, [
            "submission:stnmt", "submission:skhdt", "auto_reply:-", "list:-", "bounce:-", "unparseable:-",
            // A district named only by its display name and subject: attributed, marked as by name.
            "submission:ubnd-tx-muong-lay",
        ])
        XCTAssertEqual(listings[0].message.messageID, "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>")
        XCTAssertEqual(listings[0].message.fromAddress, "stnmt@dienbien.example.org")
        XCTAssertEqual(listings[0].message.receivedAt, CampaignTime.may6(0))
        XCTAssertTrue(listings[0].attachmentNames.contains { $0.hasSuffix(".pdf") }, "\(listings[0].attachmentNames)")
        XCTAssertEqual(listings[6].attribution?.candidates, ["ubnd-tx-muong-lay"])
        XCTAssertTrue(listings[6].attribution?.reasons.contains { $0.contains("chỉ dựa vào tên") } == true)
        XCTAssertEqual(try store().pendingMessageIDs(), [])
    }

    func testPollLeavesUnreadMailUnreadAndReadMailRead() throws {
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        try deliver("octet-stream-pdf.eml", minutes: 1, flags: "S")
        try deliver("list-mail.eml", minutes: 2)
        let seenBefore = try office.seenMessageKeys()
        XCTAssertEqual(seenBefore.count, 1)

        _ = try poll()
        _ = try poll()

        XCTAssertEqual(try office.seenMessageKeys(), seenBefore)
        XCTAssertEqual(try office.maildirFlags().count, 3)
        XCTAssertEqual(try store().messageCount(), 3)
    }

    func testSecondPollStoresNothingAgain() throws {
        try deliver("submission-pdf-utf8.eml")
        XCTAssertEqual(try poll().stored, 1)
        let second = try poll()
        XCTAssertEqual(second.matched, 0)
        XCTAssertEqual(second.stored, 0)
        try deliver("octet-stream-pdf.eml", minutes: 5)
        let third = try poll()
        XCTAssertEqual(third.stored, 1)
        XCTAssertEqual(try store().messageCount(), 2)
    }

    func testIdenticalMessageDeliveredTwiceIsOneMessage() throws {
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        let summary = try poll()
        XCTAssertEqual(summary.stored, 1)
        XCTAssertEqual(summary.duplicates, 1)
        XCTAssertEqual(try store().messageCount(), 1)
        XCTAssertEqual(try store().locationCount(), 2)
    }

    func testMailFromBeforeTheCampaignOpensIsIgnored() throws {
        try office.deliver(Fixtures.data("list-mail.eml"), internalDate: CampaignTime.at("2020-03-01T09:00:00+07:00"))
        try deliver("submission-pdf-utf8.eml")
        let summary = try poll()
        XCTAssertEqual(summary.stored, 1)
        XCTAssertEqual(try store().listMessages().map(\.message.messageID),
                       ["<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"])
    }

    func testUIDValidityChangeRescansWithoutDuplicates() throws {
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        try deliver("octet-stream-pdf.eml", minutes: 1)
        _ = try poll()
        let before = try store().mailboxState(setup.campaign.mailbox.url.absoluteString)

        // The mailbox is deleted and restored from a backup, plus one new message.
        try office.recreateMailbox()
        try deliver("submission-pdf-utf8.eml", minutes: 0)
        try deliver("octet-stream-pdf.eml", minutes: 1)
        try deliver("auto-reply-rfc3834.eml", minutes: 2)
        let summary = try poll()

        let after = try store().mailboxState(setup.campaign.mailbox.url.absoluteString)
        XCTAssertNotEqual(before?.uidValidity, after?.uidValidity)
        XCTAssertTrue(summary.uidValidityChanged)
        XCTAssertEqual(summary.duplicates, 2)
        XCTAssertEqual(summary.stored, 1)
        XCTAssertEqual(try store().messageCount(), 3)
        XCTAssertEqual(after?.highestUID, 3)
    }

    func testMessagesJSONHasTheDocumentedKeys() throws {
        try deliver("submission-pdf-utf8.eml")
        _ = try poll()
        let json = try MessagesJob(campaign: setup.campaign).run(reviewOnly: false, format: .json)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
        let row = rows[0]
        XCTAssertEqual(row["message_id"] as? String, "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>")
        XCTAssertEqual(row["from"] as? String, "stnmt@dienbien.example.org")
        XCTAssertEqual(row["received_at"] as? String, "2020-05-06T09:00:00+07:00")
        XCTAssertEqual(row["agency"] as? String, "stnmt")
        XCTAssertEqual(row["kind"] as? String, "submission")
        XCTAssertFalse((row["reasons"] as? [String] ?? []).isEmpty)
        XCTAssertTrue((row["subject"] as? String ?? "").hasPrefix("Số: 45/BC-STNMT"), "\(row["subject"] ?? "")")

        let review = try MessagesJob(campaign: setup.campaign).run(reviewOnly: true, format: .json)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(review.utf8)) as? [Any])?.count, 0)
    }
}
