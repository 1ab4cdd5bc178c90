import Foundation
import Mail
import Store
import TestSupport
import XCTest

/// Two cron lines that fire together, or a person running a command by hand while cron
/// runs the same one: the second poll or remind leaves at once (75), a poll and a remind
/// share the store, and nothing is stored or sent twice.
final class RunsAtOnceDrillTests: CampaignTestCase {

    /// Starts every command before waiting for any, so that they overlap.
    private func runTogether(_ commands: [[String]]) throws -> [DondocCommand.Result] {
        let started = try commands.map { try DondocCommand.start($0) }
        return started.map { process, out, errFile in
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: errFile) }
            return DondocCommand.Result(status: process.terminationStatus,
                                        stdout: String(decoding: stdout, as: UTF8.self),
                                        stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
        }
    }

    private func assertRanOrLeftForTheLock(_ results: [DondocCommand.Result], line: UInt = #line) {
        for result in results where result.status != 0 {
            XCTAssertEqual(result.status, 75, result.stderr, line: line)
            XCTAssertTrue(result.stderr.contains("holds the lock"), result.stderr, line: line)
        }
        XCTAssertTrue(results.contains { $0.status == 0 }, "neither run did the work", line: line)
    }

    func testTwoPollsAtOnceStoreEveryMessageExactlyOnce() throws {
        var delivered = 0
        var overlapped = 0
        for round in 0..<3 {
            for i in 0..<200 {
                try office.deliver(PollCommandTests.message(number: delivered + i), internalDate: CampaignTime.may6(round))
            }
            delivered += 200
            let poll = ["poll", "--quiet", "--config", setup.configPath]
            let results = try runTogether([poll, poll])
            assertRanOrLeftForTheLock(results)
            if results.contains(where: { $0.status == 75 }) { overlapped += 1 }
            let store = try MessageStore(path: setup.storePath)
            XCTAssertEqual(try store.messageCount(), delivered, "round \(round)")
            XCTAssertEqual(try store.locationCount(), delivered, "round \(round)")
            XCTAssertEqual(try store.pendingMessageIDs(), [])
        }
        XCTAssertEqual(try office.seenMessageKeys(), [])
        XCTAssertGreaterThan(overlapped, 0, "the polls never overlapped; the drill proved nothing")
    }

    func testTwoRemindsAtOnceSendEachAgencyOneReminderADay() throws {
        let days = ["2020-05-11", "2020-05-12", "2020-05-13"]
        var overlapped = 0
        for day in days {
            let remind = ["remind", "--quiet", "--config", setup.configPath, "--now", "\(day)T07:30:00+07:00"]
            let results = try runTogether([remind, remind])
            assertRanOrLeftForTheLock(results)
            if results.contains(where: { $0.status == 75 }) { overlapped += 1 }
        }
        let received = try smtp.received().map { try MIMEParser.parse($0.raw) }
        XCTAssertEqual(received.count, 18 * days.count)
        XCTAssertEqual(Set(received.compactMap(\.messageID)).count, received.count, "a reminder was sent twice")
        let outbox = try MessageStore(path: setup.storePath).outbox(.reminder)
        XCTAssertEqual(outbox.count, 18 * days.count)
        XCTAssertEqual(Set(outbox.map { "\($0.agencyID ?? "-") \($0.localDate)" }).count, outbox.count,
                       "an agency has two reminders on one day")
        XCTAssertGreaterThan(overlapped, 0, "the reminds never overlapped; the drill proved nothing")
    }

    /// A poll and a remind take different locks and write the same store: both finish,
    /// each waiting for the other's transactions, and the poll's mail is all there.
    func testPollAndRemindAtOnceBothFinishOnOneStore() throws {
        for i in 0..<300 {
            try office.deliver(PollCommandTests.message(number: i), internalDate: CampaignTime.may6(i))
        }
        let results = try runTogether([
            ["poll", "--quiet", "--config", setup.configPath],
            ["remind", "--quiet", "--config", setup.configPath, "--now", "2020-05-11T07:30:00+07:00"],
        ])
        for result in results { XCTAssertEqual(result.status, 0, result.stderr) }
        let store = try MessageStore(path: setup.storePath)
        XCTAssertEqual(try store.messageCount(), 300)
        XCTAssertEqual(try store.integrityCheck(), ["ok"])
        // Every mail either run sent is in the outbox once, and arrived once.
        XCTAssertEqual(try smtp.received().count, try store.outbox(.reminder).count + store.outbox(.receipt).count)
        XCTAssertGreaterThan(try store.outbox(.reminder).count, 0, "the remind sent nothing; the drill proved nothing")
    }
}
