import DonDoc
import XCTest

/// Automatic mail must never count as a report, even when it comes from an agency's own
/// address and carries its tag and a document.
final class ClassificationTests: XCTestCase {
    /// Every strong signal for STNMT and a PDF: attributed as a submission unless classified.
    private func stnmtReport(_ change: (inout MessageFacts) -> Void) -> Attribution {
        var facts = MessageFacts(
            messageID: "<r1@dienbien.example.org>", fromAddress: "stnmt@dienbien.example.org",
            fromName: "Sở TN&MT", subject: "[GT2020-STNMT] Báo cáo số 45/BC-STNMT",
            attachments: [AttachmentFacts(fileName: "45-BC-STNMT.pdf", mediaType: "application/pdf")])
        change(&facts)
        return DienBien.attributor.attribute(facts)
    }

    private func assertClassified(_ attribution: Attribution, as kind: MessageKind, mentioning evidence: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(attribution.kind, kind, file: file, line: line)
        XCTAssertNil(attribution.agencyID, file: file, line: line)
        XCTAssertEqual(attribution.candidates, [], file: file, line: line)
        XCTAssertTrue(attribution.reasons.contains { $0.contains(evidence) },
                      "\(attribution.reasons) lacks \(evidence)", file: file, line: line)
    }

    func testBaselineWithoutAutomaticHeadersIsASubmission() {
        XCTAssertEqual(stnmtReport { _ in }.kind, .submission)
    }

    func testUnparseableMessageIsUnparseable() {
        assertClassified(stnmtReport { $0.isUnparseable = true }, as: .unparseable, mentioning: "MIME")
    }

    func testUnparseableWinsOverEveryOtherClassification() {
        let attribution = stnmtReport {
            $0.isUnparseable = true
            $0.isDeliveryReport = true
            $0.listID = "<tin.example.org>"
        }
        XCTAssertEqual(attribution.kind, .unparseable)
    }

    func testDeliveryReportIsBounce() {
        assertClassified(stnmtReport { $0.isDeliveryReport = true }, as: .bounce, mentioning: "lỗi chuyển phát")
    }

    func testDeliveryReportWithAutoSubmittedIsStillBounce() {
        let attribution = stnmtReport {
            $0.isDeliveryReport = true
            $0.autoSubmitted = "auto-replied"
        }
        XCTAssertEqual(attribution.kind, .bounce)
    }

    func testMailerDaemonWithEmptyReturnPathIsBounce() {
        let attribution = stnmtReport {
            $0.fromAddress = "mailer-daemon@dienbien.example.org"
            $0.returnPath = "<>"
        }
        assertClassified(attribution, as: .bounce, mentioning: "Return-Path: <>")
    }

    func testAutoSubmittedOtherThanNoIsAutoReply() {
        for value in ["auto-replied", "auto-generated", "Auto-Replied (vacation)", "auto-notified; owner-email=x@y.test"] {
            assertClassified(stnmtReport { $0.autoSubmitted = value }, as: .autoReply, mentioning: "Auto-Submitted")
        }
    }

    func testAutoSubmittedNoIsAPersonsMail() {
        XCTAssertEqual(stnmtReport { $0.autoSubmitted = "no" }.kind, .submission)
        XCTAssertEqual(stnmtReport { $0.autoSubmitted = " No " }.kind, .submission)
    }

    func testAnyXAutoreplyIsAutoReply() {
        assertClassified(stnmtReport { $0.xAutoreply = "yes" }, as: .autoReply, mentioning: "X-Autoreply")
    }

    func testPrecedenceAutoReplyBulkAndJunkAreAutoReply() {
        for value in ["auto_reply", "bulk", "junk", "Bulk"] {
            assertClassified(stnmtReport { $0.precedence = value }, as: .autoReply, mentioning: "Precedence")
        }
    }

    func testEmptyReturnPathFromAPersonsAddressIsAutoReply() {
        assertClassified(stnmtReport { $0.returnPath = "<>" }, as: .autoReply, mentioning: "Return-Path")
    }

    func testOrdinaryReturnPathChangesNothing() {
        XCTAssertEqual(stnmtReport { $0.returnPath = "<stnmt@dienbien.example.org>" }.kind, .submission)
    }

    func testListIdIsList() {
        assertClassified(stnmtReport { $0.listID = "Ban tin <bantin.dienbien.example.org>" }, as: .list, mentioning: "List-Id")
    }

    func testPrecedenceListIsList() {
        assertClassified(stnmtReport { $0.precedence = "list" }, as: .list, mentioning: "Precedence: list")
    }

    func testNewsletterWithListIdAndBulkPrecedenceIsList() {
        let attribution = stnmtReport {
            $0.listID = "<bantin.example.org>"
            $0.precedence = "bulk"
        }
        XCTAssertEqual(attribution.kind, .list)
    }

    func testHeaderValueInReasonIsKeptOnOneLine() {
        let attribution = stnmtReport { $0.listID = "a\r\nInjected: yes" }
        XCTAssertEqual(attribution.kind, .list)
        XCTAssertFalse(attribution.reasons.joined().contains("\n"))
        XCTAssertFalse(attribution.reasons.joined().contains("\r"))
    }

    func testMessageKindRawValuesAreTheStoredNames() {
        XCTAssertEqual(MessageKind.allCases.map(\.rawValue),
                       ["submission", "correspondence", "review", "auto_reply", "bounce", "list", "unparseable", "rejected",
                        "copy"])
    }
}
