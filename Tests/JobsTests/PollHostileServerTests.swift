import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration

/// Servers that are not merely sloppy but hostile or broken beyond repair: endless
/// responses, a byte a second, bodies that cannot be read whole, "busy" at the door.
/// The poll stops with the right exit status, keeps every message that arrived whole,
/// stores no fragment, and leaves the rest to be asked again.
final class PollHostileServerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-hostile-imap")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private let now = CampaignTime.may6(60 * 24 * 3)

    private func campaign(for server: ScriptedIMAPServer, mailboxLines: [String] = []) throws -> (Campaign, CampaignFileForTests.Written) {
        let written = try server.writeCampaignFile(into: folder, mailboxLines: mailboxLines)
        return (try CampaignFile.load(path: written.configPath), written)
    }

    private func failure(of job: PollJob, file: StaticString = #filePath, line: UInt = #line) -> JobError? {
        do {
            let summary = try job.run(now: now)
            XCTFail("the poll succeeded: \(summary.line)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func highWater(_ campaign: Campaign) throws -> UInt32? {
        try MessageStore(path: campaign.storePath).mailboxState(campaign.mailbox.url.absoluteString)?.highestUID
    }

    private func storedRaw(_ campaign: Campaign) throws -> [Data] {
        let store = try MessageStore(path: campaign.storePath)
        return try store.listMessages().map { try store.rawMessage($0.message.id) }
    }

    // MARK: Memory

    func testEndlessLiteralsInOneFetchResponseStopThePollAndKeepWhatArrivedBefore() throws {
        let messages = BrokenIMAPServerTests.messages(3)
        let server = try ScriptedIMAPServer(messages: messages, quirks: .init(extraLiteralBytes: [2: 16 << 20]))
        let (campaign, _) = try campaign(for: server)
        var job = PollJob(campaign: campaign)
        job.maximumMessageBytes = 100_000  // so that the bound is reached after a few MB
        let error = try XCTUnwrap(failure(of: job))
        XCTAssertEqual(error.exitStatus, 76, "\(error.lines)")
        XCTAssertEqual(error.lines.count, 1)
        XCTAssertTrue(error.lines[0].contains("one response of more than"), error.lines[0])
        XCTAssertEqual(try storedRaw(campaign), [messages[0].raw], "UID 1 came whole and is kept")
        XCTAssertEqual(try highWater(campaign), 1, "UID 2 is asked again next time")

        try server.setQuirks(.init())
        XCTAssertEqual(try job.run(now: now).stored, 2)
        XCTAssertEqual(Set(try storedRaw(campaign)), Set(messages.map(\.raw)))
    }

    // MARK: Time

    func testServerDrippingAByteASecondIsStoppedByTheTimeLimitAndExits75KeepingWhatArrived() throws {
        let messages = BrokenIMAPServerTests.messages(3)
        let server = try ScriptedIMAPServer(messages: messages, quirks: .init(drip: [3]))
        let written = try server.writeCampaignFile(into: folder, mailboxLines: ["time_limit_seconds: 2"])
        let result = try DondocCommand.run(["poll", "--quiet", "--config", written.configPath])
        XCTAssertEqual(result.status, 75, result.stderr)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("time limit of 2 s"), result.stderr)
        XCTAssertTrue(result.stderr.contains("mailbox.time_limit_seconds"), result.stderr)
        let campaign = try CampaignFile.load(path: written.configPath)
        XCTAssertEqual(Set(try storedRaw(campaign)), Set(messages.prefix(2).map(\.raw)), "what arrived before is kept")
        XCTAssertEqual(try highWater(campaign), 2)
    }

    func testTimeLimitOfTheMailboxIsReadFromTheCampaignFileWithADefaultOfMinutes() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(1))
        XCTAssertEqual(PollJob(campaign: try campaign(for: server).0).timeLimit, 600)
        let (limited, _) = try campaign(for: server, mailboxLines: ["time_limit_seconds: 45"])
        XCTAssertEqual(PollJob(campaign: limited).timeLimit, 45)
        for wrong in ["0", "ten", "-5"] {
            XCTAssertThrowsError(try campaign(for: server, mailboxLines: ["time_limit_seconds: \(wrong)"])) { error in
                XCTAssertTrue((error as? ConfigError)?.lines.first?.contains("mailbox.time_limit_seconds") == true, "\(error)")
            }
        }
    }

    // MARK: Grammar

    func testBodySentAsAQuotedStringWithLineBreaksIsRefusedNeverStoredInPartAndAskedAgain() throws {
        let messages = BrokenIMAPServerTests.messages(3)
        let server = try ScriptedIMAPServer(messages: messages, quirks: .init(quotedBodies: [2]))
        let (campaign, _) = try campaign(for: server)
        let error = try XCTUnwrap(failure(of: PollJob(campaign: campaign)))
        XCTAssertEqual(error.exitStatus, 76, "\(error.lines)")
        XCTAssertEqual(try storedRaw(campaign), [messages[0].raw], "no fragment of UID 2 is stored")
        XCTAssertEqual(try highWater(campaign), 1, "UID 2 is asked again next time")

        try server.setQuirks(.init())
        XCTAssertEqual(try PollJob(campaign: campaign).run(now: now).stored, 2)
        XCTAssertEqual(Set(try storedRaw(campaign)), Set(messages.map(\.raw)), "every message whole")
    }

    // MARK: Busy

    func testBusyGreetingIsATemporaryFailureThatSaysTheServerIsBusy() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(1),
                                            quirks: .init(greetingBye: "[UNAVAILABLE] Server is busy, try later"))
        let error = try XCTUnwrap(failure(of: PollJob(campaign: try campaign(for: server).0)))
        XCTAssertEqual(error.exitStatus, 75, "\(error.lines)")
        XCTAssertEqual(error.lines.count, 1)
        XCTAssertTrue(error.lines[0].contains("busy"), error.lines[0])
    }

    func testLoginRefusedAsUnavailableIsATemporaryFailure() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(1),
                                            quirks: .init(loginNo: "[UNAVAILABLE] Authentication backend down"))
        let error = try XCTUnwrap(failure(of: PollJob(campaign: try campaign(for: server).0)))
        XCTAssertEqual(error.exitStatus, 75, "\(error.lines)")
        XCTAssertTrue(error.lines[0].contains("busy"), error.lines[0])
    }

    func testLoginRefusedWithoutAReasonIsStillAWrongPassword() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(1),
                                            quirks: .init(loginNo: "[AUTHENTICATIONFAILED] Authentication failed."))
        let error = try XCTUnwrap(failure(of: PollJob(campaign: try campaign(for: server).0)))
        XCTAssertEqual(error.exitStatus, 77, "\(error.lines)")
        try server.setQuirks(.init(loginNo: "Login failed"))
        XCTAssertEqual(failure(of: PollJob(campaign: try campaign(for: server).0))?.exitStatus, 77)
    }
}
