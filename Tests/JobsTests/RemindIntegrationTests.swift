import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest

/// `dondoc remind` and receipts over a real SMTP server (aiosmtpd) that delivers into a
/// second Dovecot, the agencies' side, so that what was sent is read back over IMAP.
final class RemindIntegrationTests: CampaignTestCase {
    override class var deliversToAgencies: Bool { true }

    /// 07:30 local on a day of the seed campaign (May 2020 unless said).
    func morning(_ day: Int, month: Int = 5) -> Date {
        CampaignTime.at(String(format: "2020-%02d-%02dT07:30:00+07:00", month, day))
    }

    func remind(_ day: Int, month: Int = 5, dryRun: Bool = false) throws -> RemindReport {
        try RemindJob(campaign: setup.campaign).run(now: morning(day, month: month), dryRun: dryRun)
    }

    func store() throws -> MessageStore { try MessageStore(path: setup.storePath) }

    func sentSubjects() throws -> [String] {
        try smtp.received().map { try MIMEParser.parse($0.raw).subject }
    }

    func testSeedCampaignReplayedDayByDaySendsExactlyThePinnedReminders() throws {
        // Sở TN&MT reports on 6/5 at 09:15, after that morning's reminders.
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6(15))
        var perDay: [String: [String]] = [:]
        var day = LocalDate(year: 2020, month: 4, day: 27)!
        while day <= LocalDate(year: 2020, month: 5, day: 24)! {
            let report = try RemindJob(campaign: setup.campaign).run(now: day.start(in: setup.campaign.timeZone)
                .addingTimeInterval(7.5 * 3600), dryRun: false)
            let sent = report.lines.filter { $0.status == .sent }
            if !sent.isEmpty { perDay[day.iso] = Array(Set(sent.compactMap(\.kind))).sorted().map { "\($0) \(sent.count)" } }
            if day == LocalDate(year: 2020, month: 5, day: 6) {
                _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(60 * 7))
            }
            day = day.adding(days: 1)
        }
        var expected: [String: [String]] = [
            "2020-04-29": ["upcoming 18"], "2020-05-06": ["upcoming 18"], "2020-05-08": ["due_today 17"],
        ]
        for overdue in [11, 12, 13, 14, 15, 18, 19, 20, 21, 22] {
            expected[String(format: "2020-05-%02d", overdue)] = ["overdue 17"]
        }
        XCTAssertEqual(perDay, expected)
        let reminders = try smtp.received().filter { try MIMEParser.parse($0.raw).header("Auto-Submitted") == "auto-generated" }
        XCTAssertEqual(reminders.count, 18 + 18 + 17 + 170)
        // Every reminder went to the agency's address, tagged, from the office.
        let first = try MIMEParser.parse(reminders[0].raw)
        XCTAssertEqual(reminders[0].mailFrom, "vanphong@hdnd.example.org")
        XCTAssertEqual(reminders[0].recipients, ["stnmt@dienbien.example.org"])
        XCTAssertTrue(first.subject.hasPrefix("[GT2020-STNMT]"), first.subject)
        XCTAssertEqual(first.header("Reply-To")?.contains("vanphong@hdnd.example.org"), true)
        XCTAssertEqual(first.messageID, "<giai-trinh-2020-q2.stnmt.upcoming.20200429@hdnd.example.org>")
    }

    func testSecondRunOnTheSameDaySendsNothing() throws {
        XCTAssertEqual(try remind(6).count(.sent), 18)
        let again = try remind(6)
        XCTAssertEqual(again.count(.sent), 0)
        XCTAssertEqual(try smtp.received().count, 18)
        XCTAssertEqual(smtp.connectionCount, 1, "a run uses one connection for all its mail")
    }

    func testDryRunWritesAndSendsNothing() throws {
        let report = try remind(6, dryRun: true)
        XCTAssertEqual(report.count(.dryRun), 18)
        XCTAssertEqual(try store().outbox().count, 0)
        XCTAssertEqual(try smtp.received().count, 0)
        let json = try RemindOutput.render(report, format: .json)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 18)
        XCTAssertEqual(rows[0]["agency"] as? String, "stnmt")
        XCTAssertEqual(rows[0]["kind"] as? String, "upcoming")
        XCTAssertEqual(rows[0]["to"] as? [String], ["stnmt@dienbien.example.org"])
        XCTAssertTrue((rows[0]["subject"] as? String ?? "").hasPrefix("[GT2020-STNMT]"))
    }

    func testTemporaryRefusalIsRetriedByTheNextRunAndNothingIsSentTwice() throws {
        try smtp.setReply(forRecipient: "stc@dienbien.example.org", code: 451, text: "4.7.1 Try again later")
        let first = try remind(6)
        XCTAssertEqual(first.count(.sent), 17)
        XCTAssertEqual(first.count(.deferred), 1)
        XCTAssertEqual(try store().pendingOutbox(.reminder).map(\.agencyID), ["stc"])
        try smtp.clearReplies()
        let second = try remind(6)
        XCTAssertEqual(second.lines.filter { $0.status == .sent }.map(\.agency), ["stc"])
        let recipients = try smtp.received().flatMap(\.recipients)
        XCTAssertEqual(recipients.count, 18)
        XCTAssertEqual(Set(recipients).count, 18)
    }

    func testAReminderWaitingFromAnEarlierDayIsCancelledWhileAMessageNamingTheAgencyIsInReview() throws {
        try smtp.setReply(forRecipient: "stc@dienbien.example.org", code: 451, text: "4.7.1 Try again later")
        XCTAssertEqual(try remind(6).count(.deferred), 1)
        try smtp.clearReplies()
        // Then a message from a personal address names Sở Tài chính and Sở Nội vụ.
        var raw = try String(decoding: Fixtures.data("no-signal-personal-address.eml"), as: UTF8.self)
        raw = raw.replacingOccurrences(of: "Subject: =?UTF-8?B?R+G7rWkgYsOhbyBjw6Fv?=",
                                       with: "Subject: Bao cao chung So Tai chinh, So Noi vu")
        try office.deliver(Data(raw.utf8), internalDate: CampaignTime.may6(60))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(65))

        let next = try remind(7)
        XCTAssertFalse(next.lines.contains { $0.agency == "stc" && $0.status == .sent }, "\(next.lines)")
        XCTAssertTrue(next.lines.contains { $0.agency == "stc" && $0.status == .cancelled && $0.detail?.contains("held") == true })
        XCTAssertEqual(try store().pendingOutbox(.reminder).count, 0)
        let stcMail = try smtp.received().filter { $0.recipients == ["stc@dienbien.example.org"] }
        XCTAssertEqual(stcMail.count, 0, "neither the stale reminder nor a new one")
    }

    func testPermanentRefusalIsRecordedWithTheServersText() throws {
        try smtp.setReply(forRecipient: "snv@dienbien.example.org", code: 550, text: "5.1.1 Mailbox unavailable")
        let report = try remind(6)
        XCTAssertEqual(report.count(.failed), 1)
        let failed = try XCTUnwrap(store().outbox().first { $0.agencyID == "snv" })
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.smtpCode, 550)
        XCTAssertTrue(failed.lastError?.contains("Mailbox unavailable") == true, failed.lastError ?? "")
        // Refused for good is still "reminded that day": the next run does not try again.
        XCTAssertEqual(try remind(6).count(.sent), 0)
    }

    func testCrashBetweenWritingAndSendingSendsEachReminderOnce() throws {
        // The first run writes the outbox and then cannot reach the server: the state a
        // crash after writing leaves behind.
        let closed = try LoopbackPort.free()
        let unreachable = try TestCampaign(server: office, smtp: smtp, smtpURL: URL(string: "smtps://127.0.0.1:\(closed)")!)
        defer { unreachable.remove() }
        var campaign = unreachable.campaign
        campaign.storePath = setup.storePath
        let report = try RemindJob(campaign: campaign).run(now: morning(6), dryRun: false)
        XCTAssertNotNil(report.stoppedBy)
        XCTAssertEqual(try store().pendingOutbox(.reminder).count, 18)

        XCTAssertEqual(try remind(6).count(.sent), 18)
        XCTAssertEqual(try remind(6).count(.sent), 0)
        XCTAssertEqual(try smtp.received().count, 18)
    }

    /// The server took the first reminder and dropped the connection before answering:
    /// what `remind` prints is what the store holds, that reminder is never sent again,
    /// and the error says it may have arrived.
    func testReminderCutOffAfterItWentOutIsShownInterruptedAndNeverSentAgain() throws {
        try smtp.setAfterData(.dropConnection)
        let report = try remind(6)
        XCTAssertEqual(report.count(.interrupted), 1)
        XCTAssertEqual(report.count(.pending), 17)
        let cut = try XCTUnwrap(report.lines.first { $0.status == .interrupted })
        XCTAssertTrue(cut.detail?.contains("may have arrived") == true, cut.detail ?? "")
        XCTAssertTrue(report.stoppedBy?.message.contains("may have arrived") == true, "\(String(describing: report.stoppedBy))")
        let outbox = try store().outbox(.reminder)
        XCTAssertEqual(outbox.filter { $0.status == .interrupted }.map(\.agencyID), [cut.agency])
        XCTAssertEqual(outbox.filter { $0.status == .sending }.count, 0, "nothing is left looking as if it were being sent")
        XCTAssertTrue(try RemindOutput.render(report, format: .text).contains("1 interrupted, 17 pending"))

        try smtp.clearReplies()
        let again = try remind(6)
        XCTAssertEqual(again.count(.sent), 17)
        XCTAssertEqual(again.count(.interrupted), 0, "an interruption is told once")
        let recipients = try smtp.received().flatMap(\.recipients)
        XCTAssertEqual(recipients.count, 18)
        XCTAssertEqual(Set(recipients).count, 18, "no agency got two reminders")
    }

    /// A receipt cut off after it went out is shown by the poll that sent it, stays
    /// `interrupted` in the store, and is never sent a second time.
    func testReceiptCutOffAfterItWentOutIsShownAndNeverSentAgain() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6(15))
        try smtp.setAfterData(.dropConnection)
        let first = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        XCTAssertEqual(first.receiptsInterrupted, 1)
        XCTAssertTrue(first.line.contains("1 receipts interrupted (may have arrived; not sent again)"), first.line)
        XCTAssertEqual(try store().outbox(.receipt).map(\.status), [.interrupted])

        try smtp.clearReplies()
        let second = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(40))
        XCTAssertEqual(second.receiptsSent, 0)
        XCTAssertEqual(second.receiptsInterrupted, 0, "told once")
        XCTAssertEqual(try smtp.received().count, 1, "the server kept the one that was cut off; none went twice")
    }

    func testMailWeeksOldFoundByANewStoreGetsNoReceipt() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.at("2020-04-20T09:00:00+07:00"))
        let poll = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        XCTAssertEqual(poll.count(.submission), 1, "still the agency's report, on its date")
        XCTAssertEqual(poll.receiptsSent, 0)
        XCTAssertEqual(try smtp.received().count, 0)
    }

    func testReceiptGoesOnceToTheSenderOfASubmission() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6(15))
        try office.deliver(Fixtures.data("auto-reply-rfc3834.eml"), internalDate: CampaignTime.may6(16))
        try office.deliver(Fixtures.data("list-mail.eml"), internalDate: CampaignTime.may6(17))
        let first = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        XCTAssertEqual(first.receiptsSent, 1)
        XCTAssertNil(first.receiptError)
        let second = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(40))
        XCTAssertEqual(second.receiptsSent, 0)

        let sent = try smtp.received()
        XCTAssertEqual(sent.count, 1)
        XCTAssertEqual(sent[0].recipients, ["stnmt@dienbien.example.org"])
        let receipt = try MIMEParser.parse(sent[0].raw)
        XCTAssertEqual(receipt.inReplyTo, ["<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"])
        XCTAssertEqual(receipt.header("Auto-Submitted"), "auto-replied")
        XCTAssertTrue(receipt.textBody?.contains(".pdf") == true, receipt.textBody ?? "")

        // Read back from the agency's side over IMAP, as its clerk would.
        let session = try IMAPSession(endpoint: IMAPEndpoint(url: agencies.url(), username: agencies.username,
                                                             password: agencies.password, caFile: agencies.caFile))
        defer { session.logout() }
        _ = try session.examine()
        var fetched: [FetchedMessage] = []
        try session.fetch(uids: try session.searchUIDs(from: 1, since: nil)) { fetched.append($0) }
        XCTAssertEqual(fetched.count, 1)
        XCTAssertEqual(try MIMEParser.parse(fetched[0].raw).messageID, receipt.messageID)
    }

    func testReplyToAReminderFromAnUnknownAddressIsAttributedByItsMessageID() throws {
        _ = try remind(6)
        let reminderID = "<giai-trinh-2020-q2.stnmt.upcoming.20200506@hdnd.example.org>"
        let reply = """
            From: Nguyen Van A <nguyenvana.personal@mail.example.org>\r
            To: vanphong@hdnd.example.org\r
            Subject: Re: nhac bao cao\r
            Message-ID: <reply-1@mail.example.org>\r
            In-Reply-To: \(reminderID)\r
            References: \(reminderID)\r
            Date: Wed, 6 May 2020 10:00:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Gui kem bao cao.\r
            --b\r
            Content-Type: application/pdf; name="baocao.pdf"\r
            Content-Disposition: attachment; filename="baocao.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r
            JVBERi0xLjQK\r
            --b--\r

            """
        try office.deliver(Data(reply.utf8), internalDate: CampaignTime.may6(60))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(70))
        let listing = try XCTUnwrap(store().listMessages().first)
        XCTAssertEqual(listing.attribution?.agencyID, "stnmt")
        XCTAssertEqual(listing.attribution?.kind, "submission")
    }

    func testBounceOfAReminderMarksItBounced() throws {
        _ = try remind(6)
        let reminderID = "<giai-trinh-2020-q2.stc.upcoming.20200506@hdnd.example.org>"
        let bounce = """
            From: MAILER-DAEMON@mail.hdnd.example.org\r
            To: vanphong@hdnd.example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <bounce-1@mail.hdnd.example.org>\r
            Date: Wed, 6 May 2020 07:31:00 +0700\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r
            \r
            --r\r
            Content-Type: text/plain\r
            \r
            The mail could not be delivered.\r
            --r\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mail.hdnd.example.org\r
            \r
            Final-Recipient: rfc822; stc@dienbien.example.org\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            --r\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: \(reminderID)\r
            Subject: [GT2020-STC] nhac\r
            --r--\r

            """
        try office.deliver(Data(bounce.utf8), internalDate: CampaignTime.may6(5))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        let entry = try XCTUnwrap(store().outbox().first { $0.messageID == reminderID })
        XCTAssertEqual(entry.status, .bounced)
        XCTAssertEqual(entry.bounceStatus, "5.1.1")
        XCTAssertEqual(try store().outbox().filter { $0.status == .bounced }.count, 1)
    }
}

extension RemindIntegrationTests {
    /// A server that answers 451 to a third of the agencies, then to a sixth, then to
    /// none, over the day's three runs (07:30, 09:30, 13:30): each run sends what it
    /// can, keeps the rest for the next, and every agency gets exactly one reminder.
    func testServerDeferringAThirdOfTheMailGetsEveryReminderThroughOnceOverTheDaysRuns() throws {
        let addresses = setup.campaign.agencies.compactMap(\.emails.first)
        let third = addresses.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        for address in third { try smtp.setReply(forRecipient: address, code: 451, text: "4.3.2 Try again later") }
        let first = try RemindJob(campaign: setup.campaign).run(now: morning(11), dryRun: false)
        XCTAssertEqual(first.count(.sent), addresses.count - third.count)
        XCTAssertEqual(first.count(.deferred), third.count)

        try smtp.clearReplies()
        let stillRefused = Array(third.prefix(third.count / 2))
        for address in stillRefused { try smtp.setReply(forRecipient: address, code: 451, text: "4.3.2 Try again later") }
        let second = try RemindJob(campaign: setup.campaign)
            .run(now: CampaignTime.at("2020-05-11T09:30:00+07:00"), dryRun: false)
        XCTAssertEqual(second.count(.sent), third.count - stillRefused.count)
        XCTAssertEqual(second.count(.deferred), stillRefused.count)

        try smtp.clearReplies()
        let last = try RemindJob(campaign: setup.campaign)
            .run(now: CampaignTime.at("2020-05-11T13:30:00+07:00"), dryRun: false)
        XCTAssertEqual(last.count(.sent), stillRefused.count)
        let recipients = try smtp.received().flatMap(\.recipients)
        XCTAssertEqual(recipients.sorted(), addresses.sorted(), "every agency once, none twice")
        XCTAssertEqual(try store().pendingOutbox(.reminder), [])
    }
}
