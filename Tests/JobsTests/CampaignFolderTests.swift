import Foundation
import Store
import TestSupport
import XCTest

/// Several campaigns on one server: one cron line names the folder, and every campaign in
/// it runs in turn with its own store and lock; one broken file stops only itself.
final class CampaignFolderTests: CampaignTestCase {
    override class var usesSMTP: Bool { false }

    var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = setup.folder.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        try yaml.write(to: folder.appendingPathComponent("a-giai-trinh.yaml"), atomically: true, encoding: .utf8)
        let second = yaml.replacingOccurrences(of: "id: giai-trinh-2020-q2", with: "id: giam-sat-2020")
            .replacingOccurrences(of: setup.storePath, with: setup.folder.appendingPathComponent("second.sqlite").path)
        XCTAssertNotEqual(second, yaml)
        try second.write(to: folder.appendingPathComponent("b-giam-sat.yaml"), atomically: true, encoding: .utf8)
        try Data("not: [a campaign".utf8).write(to: folder.appendingPathComponent(".hidden.yaml"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent("imap.secret"))
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6(15))
    }

    func dondoc(_ arguments: [String]) throws -> DondocCommand.Result {
        try DondocCommand.run(arguments + ["--config", folder.path])
    }

    func testPollRunsEveryCampaignInTheFolderEachIntoItsOwnStore() throws {
        let result = try dondoc(["poll", "--now", "2020-05-08T16:00:00+07:00"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            giai-trinh-2020-q2: poll: 1 new, 0 already stored, 1 submission
            giam-sat-2020: poll: 1 new, 0 already stored, 1 submission

            """)
        XCTAssertEqual(try MessageStore(path: setup.storePath).messageCount(), 1)
        XCTAssertEqual(try MessageStore(path: setup.folder.appendingPathComponent("second.sqlite").path).messageCount(), 1)
    }

    func testABrokenCampaignFileStopsOnlyItselfAndDecidesTheExitStatus() throws {
        try Data("campaign: {}\n".utf8).write(to: folder.appendingPathComponent("c-broken.yaml"))
        let result = try dondoc(["poll", "--now", "2020-05-08T16:00:00+07:00"])
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertTrue(result.stderr.contains("c-broken.yaml"), result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 2, "the two good campaigns still ran")
    }

    func testTwoCampaignsSharingAStoreAreRefused() throws {
        let yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
            .replacingOccurrences(of: "id: giai-trinh-2020-q2", with: "id: cung-kho")
        try yaml.write(to: folder.appendingPathComponent("c-same-store.yaml"), atomically: true, encoding: .utf8)
        let result = try dondoc(["poll"])
        XCTAssertEqual(result.status, 78)
        XCTAssertTrue(result.stderr.contains("use the same store"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath), "nothing ran")
    }

    func testReportListsEveryCampaignOpenOnesFirst() throws {
        XCTAssertEqual(try dondoc(["poll", "--now", "2020-05-08T16:00:00+07:00"]).status, 0)
        let json = try dondoc(["report", "--format", "json", "--now", "2020-05-11T16:30:00+07:00"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["campaign"] as? String }, ["giai-trinh-2020-q2", "giam-sat-2020"])
        XCTAssertEqual(rows.first?["on_time"] as? Int, 1)
        XCTAssertEqual(rows.first?["open"] as? Bool, true)
        let text = try dondoc(["report", "--now", "2020-05-11T16:30:00+07:00"])
        XCTAssertTrue(text.stdout.contains("đang mở"), text.stdout)
        let html = try dondoc(["report", "--format", "html"])
        XCTAssertEqual(html.status, 64, "one campaign's formats need one campaign file")
        let show = try dondoc(["show", "1"])
        XCTAssertEqual(show.status, 64)
        XCTAssertTrue(show.stderr.contains("folder of campaigns"), show.stderr)
    }
}
