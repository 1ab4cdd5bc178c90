import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration
@testable import MailTemplates

/// A report whose file arrived damaged (base64 that lost characters in transport) is not
/// a report received: it is kept and listed, marked wherever its name appears, and a
/// person decides; the agency is neither counted nor told its file arrived.
final class DamagedFileTests: XCTestCase {
    let now = CampaignTime.may6(60)

    func campaign() throws -> Campaign {
        try CampaignFile.load(path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
    }

    func testADamagedFileIsKeptMarkedAndSentToAPerson() throws {
        let store = try MessageStore(inMemory: "t")
        let raw = Fixtures.data("hopeless-base64.eml")
        _ = try store.ingest([IncomingMessage(uid: 1, receivedAt: CampaignTime.may6(10), raw: raw, sha256: SHA256.hex(raw))],
                             mailbox: "m", uidValidity: 1, now: now)
        let processed = try XCTUnwrap(try MessageProcessor(campaign: campaign(), store: store).processPending(now: now).first)
        XCTAssertEqual(processed.attribution.kind, .review)
        XCTAssertEqual(processed.attribution.candidates.first, "stc")
        XCTAssertTrue(processed.attribution.reasons.last?.contains("bị hỏng khi truyền") == true, "\(processed.attribution.reasons)")

        let attachments = try store.attachments(of: processed.id)
        XCTAssertEqual(attachments.map(\.fileName), ["22-BC-STC.pdf"])
        XCTAssertEqual(attachments.first?.damage, MIMEContentDamage.base64Incomplete.rawValue)
        XCTAssertEqual(try store.listMessages().first?.attachmentNames, ["22-BC-STC.pdf [damaged: base64-incomplete]"])
        XCTAssertEqual(try Receipts(campaign: campaign(), store: store, templates: MailTemplates(campaign: campaign()))
            .enqueueDue(now: now).count, 0)
    }

    func testShowSaysWhichFileIsDamagedAndWhy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var campaign = try campaign()
        campaign.storePath = folder.appendingPathComponent("store.sqlite").path
        let store = try MessageStore(path: campaign.storePath)
        let raw = Fixtures.data("hopeless-base64.eml")
        _ = try store.ingest([IncomingMessage(uid: 1, receivedAt: CampaignTime.may6(10), raw: raw, sha256: SHA256.hex(raw))],
                             mailbox: "m", uidValidity: 1, now: now)
        _ = try MessageProcessor(campaign: campaign, store: store).processPending(now: now)
        let shown = try MessageFiles(campaign: campaign).show("1")
        XCTAssertTrue(shown.contains("DAMAGED: its base64 is damaged"), shown)
    }
}
