import Foundation
import Mail
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `dondoc remind` and `dondoc check` as cron and the IT officer run them.
final class RemindCommandTests: CampaignTestCase {

    func testRemindJSONListsEachReminderSent() throws {
        let result = try DondocCommand.run(["remind", "--config", setup.configPath,
                                            "--now", "2020-05-11T07:30:00+07:00", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 18)
        XCTAssertEqual(Set(rows.compactMap { $0["kind"] as? String }), ["overdue"])
        XCTAssertEqual(Set(rows.compactMap { $0["status"] as? String }), ["sent"])
        XCTAssertEqual(rows.first?["to"] as? [String], ["stnmt@dienbien.example.org"])
        XCTAssertEqual(try smtp.received().count, 18)
    }

    func testDryRunPrintsTheDaysRemindersAndSendsNothing() throws {
        let result = try DondocCommand.run(["remind", "--dry-run", "--config", setup.configPath,
                                            "--now", "2020-05-08T07:30:00+07:00"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("dry_run  stnmt"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("remind 2020-05-08: 18 dry_run\n"), result.stdout)
        XCTAssertEqual(try smtp.received().count, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath + ".remind.lock"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath), "a dry run created the store")
    }

    func testUnreachableSMTPServerExits75AndKeepsTheRemindersQueued() throws {
        let closed = try LoopbackPort.free()
        let unreachable = try TestCampaign(server: office, smtp: smtp, smtpURL: URL(string: "smtps://127.0.0.1:\(closed)")!)
        defer { unreachable.remove() }
        let result = try DondocCommand.run(["remind", "--config", unreachable.configPath,
                                            "--now", "2020-05-06T07:30:00+07:00"])
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertEqual(try MessageStore(path: unreachable.storePath).pendingOutbox(.reminder).count, 18)
    }

    func testTemplateWithUnknownVariableFailsCheckAndRemindBeforeSending() throws {
        let folder = setup.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Subject: [{{tag}}-{{agency_code}}] Nhắc\n\nKính gửi {{agency_nam}},\n"
            .write(to: folder.appendingPathComponent("upcoming.mustache"), atomically: true, encoding: .utf8)
        var yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        yaml += "\ntemplates:\n  path: \(folder.path)\n"
        try yaml.write(toFile: setup.configPath, atomically: true, encoding: .utf8)

        let check = try DondocCommand.run(["check", "--config", setup.configPath])
        XCTAssertEqual(check.status, 78)
        XCTAssertTrue(check.stderr.contains("agency_nam"), check.stderr)
        let remind = try DondocCommand.run(["remind", "--config", setup.configPath, "--now", "2020-05-06T07:30:00+07:00"])
        XCTAssertEqual(remind.status, 78)
        XCTAssertEqual(try smtp.received().count, 0)
    }

    func testCheckAcceptsTheShippedTemplates() throws {
        let check = try DondocCommand.run(["check", "--config", setup.configPath])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, "documents: read by \(DondocCommand.reader.path)\n"
            + "giai-trinh-2020-q2: 18 agencies, deadline 09/05/2020; configuration is valid\n")
    }

    func testCheckWithoutTheDocumentReaderIsAConfigurationError() throws {
        let check = try DondocCommand.run(["check", "--config", setup.configPath],
                                          environment: ["DONDOC_READER": "/nonexistent/dondoc-read-document"])
        XCTAssertEqual(check.status, 78, check.stderr)
        XCTAssertTrue(check.stderr.contains("dondoc-read-document"), check.stderr)
    }
}

extension RemindCommandTests {
    /// `kill -9` in the middle of ten remind runs (the ten overdue days, 18 reminders
    /// each), then each day run to the end: no agency ever receives two reminders on a
    /// day, and every reminder is either received or reported as interrupted (it may
    /// have arrived) — none is silently lost, none is sent twice.
    func testKillNineDuringRemindNeverSendsAnAgencyTwoRemindersADay() throws {
        let days = [11, 12, 13, 14, 15, 18, 19, 20, 21, 22].map { String(format: "2020-05-%02dT07:30:00+07:00", $0) }
        let delays = [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.3].shuffled()
        var killed = 0
        for (day, delay) in zip(days, delays) {
            let (process, _, errFile) = try DondocCommand.start(["remind", "--config", setup.configPath, "--now", day])
            defer { try? FileManager.default.removeItem(at: errFile) }
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            let rest = try DondocCommand.run(["remind", "--config", setup.configPath, "--now", day])
            XCTAssertEqual(rest.status, 0, rest.stderr)
        }
        let outbox = try MessageStore(path: setup.storePath).outbox(.reminder)
        XCTAssertEqual(outbox.count, 18 * days.count)
        XCTAssertEqual(outbox.filter { ![.sent, .interrupted].contains($0.status) }.map(\.status), [])
        let received = try smtp.received().map { try MIMEParser.parse($0.raw).messageID ?? "" }
        XCTAssertEqual(received.count, Set(received).count, "a reminder was sent twice")
        let sentIDs = Set(outbox.filter { $0.status == .sent }.map(\.messageID))
        XCTAssertTrue(sentIDs.isSubset(of: Set(received)), "marked sent but never received")
        XCTAssertGreaterThan(killed, 0, "no run was interrupted; the test proved nothing")
        let interrupted = outbox.filter { $0.status == .interrupted }.count
        print("kill -9 interrupted \(killed) of \(days.count) remind runs; \(received.count) of \(outbox.count) reminders received, \(interrupted) reported interrupted")
    }
}

extension RemindCommandTests {
    func testCheckConnectLogsInToBothServersAndSendsNothing() throws {
        try office.deliver(Fixtures.data("list-mail.eml"), internalDate: CampaignTime.may6())
        let result = try DondocCommand.run(["check", "--connect", "--config", setup.configPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("documents: read by "), result.stdout)
        XCTAssertTrue(lines[1].contains("logged in as tester, 1 messages"), result.stdout)
        XCTAssertTrue(lines[2].contains("logged in as office-sender; nothing sent"), result.stdout)
        XCTAssertEqual(try smtp.received().count, 0)
        XCTAssertTrue(try smtp.events().contains { $0.command == "AUTH" }, "the SMTP login was not tried")
        XCTAssertEqual(try office.seenMessageKeys(), [])
    }

    func testCheckConnectWithAWrongSMTPPasswordExits77() throws {
        let secret = setup.folder.appendingPathComponent("smtp.secret")
        try Data("wrong".utf8).write(to: secret)
        let result = try DondocCommand.run(["check", "--connect", "--config", setup.configPath])
        XCTAssertEqual(result.status, 77, result.stdout + result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }
}
