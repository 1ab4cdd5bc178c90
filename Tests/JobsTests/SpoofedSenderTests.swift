import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration
@testable import MailTemplates

/// A stranger writes an agency's address in `From:` and attaches a PDF with the tag: the
/// Office's mail server saw the forgery (DMARC and SPF fail) and said so in
/// `Authentication-Results`; dondoc must listen, and must not acknowledge the stranger.
final class SpoofedSenderTests: XCTestCase {
    let now = CampaignTime.may6(60)

    func campaign(authservID: String?) throws -> Campaign {
        var campaign = try CampaignFile.load(path: CampaignFileForTests.repositoryRoot
            .appendingPathComponent("examples/dien-bien-2020.yaml").path)
        campaign.mailbox.authservID = authservID
        return campaign
    }

    func process(_ fixture: String, authservID: String?) throws -> (MessageStore, ProcessedMessage) {
        let store = try MessageStore(inMemory: "t")
        let raw = Fixtures.data(fixture)
        _ = try store.ingest([IncomingMessage(uid: 1, receivedAt: CampaignTime.may6(10), raw: raw, sha256: SHA256.hex(raw))],
                             mailbox: "m", uidValidity: 1, now: now)
        let processed = try MessageProcessor(campaign: campaign(authservID: authservID), store: store).processPending(now: now)
        return (store, try XCTUnwrap(processed.first))
    }

    func testAgencyAddressThatFailedDMARCAtTheOfficeServerGoesToReviewWithTheReason() throws {
        let (store, processed) = try process("spoofed-agency-from-fails-dmarc.eml", authservID: "mx.hdnd.example.org")
        XCTAssertEqual(processed.attribution.kind, .review)
        XCTAssertNil(processed.attribution.agencyID)
        XCTAssertEqual(processed.attribution.candidates.first, "stnmt")
        let reason = processed.attribution.reasons.last ?? ""
        XCTAssertTrue(reason.contains("dmarc=fail") && reason.contains("spf=fail"), reason)
        // Review items are never acknowledged: the stranger gets no official receipt.
        let templates = try MailTemplates(campaign: campaign(authservID: "mx.hdnd.example.org"))
        XCTAssertEqual(try Receipts(campaign: campaign(authservID: "mx.hdnd.example.org"), store: store, templates: templates)
            .enqueueDue(now: now).count, 0)
    }

    /// The same message where the Office has not named its server: nothing is trusted,
    /// and the forged address decides (the threat the setting closes).
    func testWithoutTheServersNameTheFieldIsNotRead() throws {
        let (_, processed) = try process("spoofed-agency-from-fails-dmarc.eml", authservID: nil)
        XCTAssertEqual(processed.attribution.kind, .submission)
        XCTAssertEqual(processed.attribution.agencyID, "stnmt")
    }

    func testTheCampaignFileNamesTheServer() throws {
        let path = CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  after_processing: none", with: "  after_processing: none\n  authserv_id: mx.hdnd.example.org")
        XCTAssertEqual(try CampaignFile.parse(yaml: yaml, file: "c.yaml").mailbox.authservID, "mx.hdnd.example.org")
        let bad = yaml.replacingOccurrences(of: "authserv_id: mx.hdnd.example.org", with: "authserv_id: \"mx; dmarc=pass\"")
        XCTAssertThrowsError(try CampaignFile.parse(yaml: bad, file: "c.yaml")) { error in
            XCTAssertTrue((error as? ConfigError)?.lines.first?.contains("mailbox.authserv_id") == true, "\(error)")
        }
    }
}
