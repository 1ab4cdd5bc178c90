import DonDoc
import Foundation
import XCTest

/// The Office's own mail server checks senders and stamps what it found; a `From:` it
/// found forged never counts for the agency it names.
final class SenderAuthenticationTests: XCTestCase {
    let server = "mx.hdnd.example.org"

    func read(_ values: String...) -> SenderAuthentication {
        SenderAuthentication.read(values, authservID: server)
    }

    func testDMARCFailIsAForgedSender() {
        XCTAssertEqual(read("mx.hdnd.example.org; spf=pass smtp.mailfrom=x.example.net; dkim=none; dmarc=fail (p=none) header.from=stnmt.example.org").failures,
                       ["dmarc=fail"])
    }

    /// A forwarded message fails SPF at the forwarder and still passes DMARC by DKIM.
    func testDMARCPassOutweighsAnSPFFailure() {
        XCTAssertFalse(read("mx.hdnd.example.org; spf=fail smtp.mailfrom=fwd.example.net; dkim=pass header.d=example.org; dmarc=pass header.from=example.org").senderIsForged)
    }

    func testWithoutDMARCAnSPFFailOrAFailedSignatureIsForged() {
        XCTAssertEqual(read("mx.hdnd.example.org; spf=fail smtp.mailfrom=a@example.org").failures, ["spf=fail"])
        XCTAssertEqual(read("mx.hdnd.example.org; dkim=fail (bad signature) header.d=example.org").failures, ["dkim=fail"])
        XCTAssertFalse(read("mx.hdnd.example.org; spf=softfail smtp.mailfrom=a@example.org").senderIsForged,
                       "softfail is the domain owner's doubt, not a failure")
        XCTAssertFalse(read("mx.hdnd.example.org; dkim=fail header.d=a.example.org; dkim=pass header.d=b.example.org").senderIsForged,
                       "one valid signature is enough")
    }

    /// A sender may write a field with the Office server's own id (not every server removes
    /// them): its "pass" cannot hide the failure the server wrote.
    func testAForgedPassInAnotherFieldDoesNotHideAFailure() {
        XCTAssertEqual(read("mx.hdnd.example.org; spf=fail smtp.mailfrom=example.org; dmarc=fail header.from=example.org",
                            "mx.hdnd.example.org; dmarc=pass header.from=example.org; spf=pass").failures,
                       ["dmarc=fail", "spf=fail"])
        XCTAssertEqual(read("mx.hdnd.example.org; spf=fail smtp.mailfrom=example.org",
                            "mx.hdnd.example.org; dmarc=pass header.from=example.org").failures, ["spf=fail"])
        XCTAssertEqual(read("mx.hdnd.example.org; dkim=fail header.d=example.org",
                            "mx.hdnd.example.org; dkim=pass header.d=example.org").failures, ["dkim=fail"])
    }

    /// Anyone can write a field naming any server: only the Office's own counts.
    func testFieldsOfOtherServersAreIgnored() {
        XCTAssertFalse(read("mx.attacker.example.net; dmarc=fail header.from=example.org").senderIsForged)
        XCTAssertFalse(read("mx.hdnd.example.org.attacker.example.net; dmarc=fail").senderIsForged)
        XCTAssertTrue(read("MX.HDND.EXAMPLE.ORG 1; dmarc=fail").senderIsForged, "the id is compared without case, a version may follow")
    }

    func testCommentsQuotesAndFoldingDoNotConfuseTheReader() {
        XCTAssertTrue(read("mx.hdnd.example.org (Postfix; \"quoted\" comment);\r\n\tdmarc = fail (p=reject dis=none)\r\n\theader.from=example.org").senderIsForged)
        XCTAssertFalse(read("mx.hdnd.example.org; dkim=pass reason=\"a;dmarc=fail\" header.d=example.org").senderIsForged)
        XCTAssertFalse(read("mx.hdnd.example.org; none").senderIsForged)
        XCTAssertFalse(read("").senderIsForged)
        XCTAssertTrue(read("mx.hdnd.example.org; dmarc=fail (unclosed comment").senderIsForged, "a cut-off comment hides nothing before it")
    }

    func testAForgedAgencyAddressGoesToReviewWithTheReason() {
        var campaign = DienBien.campaign()
        campaign.mailbox.authservID = server
        let attributor = Attributor(campaign: campaign)
        var facts = MessageFacts(messageID: "<x@example.net>", fromAddress: "stnmt@dienbien.example.org",
                                 subject: "[GT2020-STNMT] Báo cáo giải trình", attachments: [DienBien.pdf])
        XCTAssertEqual(attributor.attribute(facts).agencyID, "stnmt", "the same message, unchecked, counts")
        facts.authenticationResults = ["mx.hdnd.example.org; spf=fail smtp.mailfrom=dienbien.example.org; dmarc=fail header.from=dienbien.example.org"]
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertNil(attribution.agencyID)
        XCTAssertEqual(attribution.candidates.first, "stnmt", "the person who reviews starts from the claim")
        XCTAssertTrue(attribution.reasons.last?.contains("dmarc=fail") == true, "\(attribution.reasons)")
        XCTAssertTrue(attribution.reasons.last?.contains("giả mạo") == true, "\(attribution.reasons)")
    }

    func testWithoutAnAuthservIDNoFieldIsTrusted() {
        var facts = MessageFacts(messageID: "<x@example.net>", fromAddress: "stnmt@dienbien.example.org",
                                 subject: "[GT2020-STNMT] Báo cáo giải trình", attachments: [DienBien.pdf])
        facts.authenticationResults = ["mx.hdnd.example.org; dmarc=fail"]
        XCTAssertEqual(DienBien.attributor.attribute(facts).agencyID, "stnmt")
    }
}
