import Foundation
import Store
import TestSupport
import XCTest

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
        XCTAssertEqual(check.stdout, "giai-trinh-2020-q2: 18 agencies, deadline 09/05/2020; configuration is valid\n")
    }
}
