import DonDoc
import Foundation
@testable import Jobs
import Store
import TestSupport
import XCTest
@testable import Reports
@testable import Configuration

/// Servers that break RFC 3501's silences: FETCH answers in any order, UIDs left out of
/// an answer, INTERNALDATEs nobody can read. Whatever they do, every message is stored
/// once, and none is skipped for good.
final class BrokenIMAPServerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-broken-imap")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func messages(_ count: Int) -> [ScriptedIMAPServer.Message] {
        (1...count).map { number in
            ScriptedIMAPServer.Message(uid: UInt32(number), raw: Data("""
                From: stc@dienbien.example.org\r
                To: vanphong@hdnd.example.org\r
                Subject: Bao cao so \(number)/BC-STC\r
                Message-ID: <scripted-\(number)@dienbien.example.org>\r
                Date: Thu, 7 May 2020 09:00:00 +0700\r
                \r
                Noi dung \(number)\r

                """.utf8))
        }
    }

    func campaign(for server: ScriptedIMAPServer) throws -> Campaign {
        var campaign = try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        let secret = folder.appendingPathComponent("imap.secret")
        FileManager.default.createFile(atPath: secret.path, contents: Data("x".utf8), attributes: [.posixPermissions: 0o600])
        campaign.mailbox = MailboxSettings(url: server.url(), username: "tester", password: .file(secret.path))
        campaign.storePath = folder.appendingPathComponent("store.sqlite").path
        campaign.reminders.receipts = false
        return campaign
    }

    func poll(_ campaign: Campaign) throws -> PollSummary {
        try PollJob(campaign: campaign).run(now: CampaignTime.may6(60 * 24 * 3))
    }

    func storedSubjects(_ campaign: Campaign) throws -> [String] {
        try MessageStore(path: campaign.storePath).listMessages().compactMap(\.message.subject).sorted()
    }

    func testFetchAnsweredInReverseOrderLosesNothing() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(20), quirks: .init(order: .reversed))
        let campaign = try campaign(for: server)
        XCTAssertEqual(try poll(campaign).stored, 20)
        XCTAssertEqual(try poll(campaign).stored, 0, "nothing stored twice")
        XCTAssertEqual(try storedSubjects(campaign).count, 20)
    }

    func testSwappedAnswersLoseNothing() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(5), quirks: .init(order: .swapFirstTwo))
        let campaign = try campaign(for: server)
        XCTAssertEqual(try poll(campaign).stored, 5)
        XCTAssertEqual(try MessageStore(path: campaign.storePath).messageCount(), 5)
    }

    func testUIDLeftOutOfAnAnswerIsAskedAgainNextPoll() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(5), quirks: .init(omit: [3]))
        let campaign = try campaign(for: server)
        let first = try poll(campaign)
        XCTAssertEqual(first.stored, 4)
        XCTAssertEqual(first.notReceived, 1)
        XCTAssertTrue(first.line.contains("1 not sent by the server"), first.line)
        XCTAssertEqual(try MessageStore(path: campaign.storePath).mailboxState(server.url().absoluteString)?.highestUID, 2,
                       "the mark stops below the UID that did not come")

        try server.setQuirks(.init())
        let second = try poll(campaign)
        XCTAssertEqual(second.stored, 1, "UID 3 is fetched the next time")
        XCTAssertEqual(second.duplicates, 2, "4 and 5, asked again, are recognised and not stored twice")
        XCTAssertEqual(try storedSubjects(campaign).count, 5)
        XCTAssertEqual(try poll(campaign).matched, 0)
    }

    /// A UID the server never sends is asked for every poll; after three it is listed for
    /// a person and no longer holds the mark back (later mail is not fetched again and
    /// again); when the server finally sends it, it is stored and the listing goes.
    func testAUIDTheServerNeverSendsIsListedForAPersonAndStillAskedFor() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(5), quirks: .init(omit: [3]))
        let campaign = try campaign(for: server)
        let key = server.url().absoluteString
        for _ in 0..<2 { XCTAssertEqual(try poll(campaign).undeliveredForAPerson, 0) }
        let third = try poll(campaign)
        XCTAssertEqual(third.notReceived, 1)
        XCTAssertEqual(third.undeliveredForAPerson, 1)
        XCTAssertTrue(third.line.contains("1 not sent in 3 polls or more (see messages --review)"), third.line)
        XCTAssertEqual(try MessageStore(path: campaign.storePath).mailboxState(key)?.highestUID, 5,
                       "the mark passes a UID a person has been told of")
        let review = try MessagesJob(campaign: campaign).run(reviewOnly: true, format: .text)
        XCTAssertTrue(review.contains("UID 3 in \(key): asked for in 3 polls"), review)

        let fourth = try poll(campaign)
        XCTAssertEqual(fourth.duplicates, 0, "4 and 5 are not fetched again")
        XCTAssertEqual(fourth.notReceived, 1, "3 is still asked for")

        try server.setQuirks(.init())
        let fifth = try poll(campaign)
        XCTAssertEqual(fifth.stored, 1)
        XCTAssertEqual(fifth.undeliveredForAPerson, 0)
        XCTAssertEqual(try storedSubjects(campaign).count, 5)
        XCTAssertFalse(try MessagesJob(campaign: campaign).run(reviewOnly: true, format: .text).contains("UID 3"))
    }

    func testUnreadableOrOverflowingInternalDateKeepsTheMessage() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(3), quirks: .init(badDates: [
            1: "07-May-9223372036854775807 10:00:00 +0700",
            2: "not a date at all",
        ]))
        let campaign = try campaign(for: server)
        let now = CampaignTime.may6(60 * 24 * 3)
        XCTAssertEqual(try PollJob(campaign: campaign).run(now: now).stored, 3)
        let received = try MessageStore(path: campaign.storePath).listMessages().map(\.message.receivedAt)
        XCTAssertEqual(received.filter { $0 == now }.count, 2, "a date that cannot be read is when dondoc got it")
    }

    func testTheMailboxIsOnlyExaminedAndPeeked() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(3), quirks: .init(order: .reversed))
        _ = try poll(try campaign(for: server))
        let commands = server.commands().map { $0.split(separator: " ").dropFirst().prefix(2).joined(separator: " ").uppercased() }
        XCTAssertFalse(commands.contains { $0.hasPrefix("SELECT") || $0.hasPrefix("STORE") || $0.hasPrefix("UID STORE") })
        XCTAssertTrue(server.commands().contains { $0.contains("BODY.PEEK[]") })
    }

    func testMessageDatedInTheYear9999IsStoredAndEveryReportStillRuns() throws {
        let raw = Data("""
            From: stc@dienbien.example.org\r
            To: vanphong@hdnd.example.org\r
            Subject: Bao cao 112/BC-STC\r
            Message-ID: <far-future@dienbien.example.org>\r
            Date: Fri, 31 Dec 9999 23:59:59 -1200\r
            \r
            x\r

            """.utf8)
        let server = try ScriptedIMAPServer(messages: [.init(uid: 1, raw: raw)])
        let campaign = try campaign(for: server)
        XCTAssertEqual(try poll(campaign).stored, 1)
        let stored = try XCTUnwrap(MessageStore(path: campaign.storePath).listMessages().first)
        XCTAssertNil(stored.message.dateHeader, "a Date no calendar here can hold is unknown, not stored")
        let job = ReportJob(campaign: campaign)
        let summary = try job.summary(now: CampaignTime.may6(60 * 24 * 3))
        for format in ReportFormat.allCases {
            XCTAssertFalse(try job.render(summary, format: format).isEmpty, "\(format)")
        }
        XCTAssertTrue(try MessageFiles(campaign: campaign).show("1").contains("112/BC-STC"))
    }

    func testMessageTooLargeToStoreIsKeptInPartAndQueuedForAPerson() throws {
        var messages = Self.messages(3)
        messages[1].raw += Data(repeating: UInt8(ascii: "A"), count: 200_000)
        let server = try ScriptedIMAPServer(messages: messages)
        let campaign = try campaign(for: server)
        var job = PollJob(campaign: campaign)
        job.maximumMessageBytes = 100_000
        let summary = try job.run(now: CampaignTime.may6(60 * 24 * 3))
        XCTAssertEqual(summary.stored, 3)
        XCTAssertEqual(summary.tooLarge, 1)
        XCTAssertTrue(summary.line.contains("1 too large to store whole"), summary.line)
        let store = try MessageStore(path: campaign.storePath)
        let big = try XCTUnwrap(store.listMessages().first { $0.message.size > 100_000 })
        XCTAssertEqual(big.message.parseStatus, .unparseable)
        XCTAssertTrue(big.message.parseError?.contains("too large to store") == true, big.message.parseError ?? "")
        XCTAssertEqual(big.attribution?.kind, "unparseable")
        XCTAssertTrue(big.attribution?.reasons.first?.contains("quá lớn") == true)
        XCTAssertEqual(try store.rawMessage(big.message.id).count, PollJob.keptBytesOfTooLargeMessage)
        XCTAssertEqual(try job.run(now: CampaignTime.may6(60 * 24 * 3)).matched, 0, "not fetched again")
    }

    func testMailboxUnavailableForNowIsATemporaryFailure() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(1), quirks: .init(examineNo: "[UNAVAILABLE] Mailbox is locked"))
        XCTAssertThrowsError(try poll(try campaign(for: server))) { error in
            XCTAssertEqual((error as? JobError)?.exitStatus, 75, "\(error)")
            XCTAssertTrue("\(error)".contains("busy"), "\(error)")
        }
        try server.setQuirks(.init(examineNo: "Mailbox does not exist"))
        XCTAssertThrowsError(try poll(try campaign(for: server))) { error in
            XCTAssertEqual((error as? JobError)?.exitStatus, 78, "a missing mailbox is the configuration's to fix")
        }
    }
}
