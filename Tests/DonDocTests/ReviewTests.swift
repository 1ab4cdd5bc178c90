import DonDoc
import XCTest

/// When the evidence disagrees or is thin, nobody is attributed: a wrong agency would
/// stop the reminders to an agency that has not reported.
final class ReviewTests: XCTestCase {
    private let attributor = DienBien.attributor

    private func assertReview(_ attribution: Attribution, candidates: [String],
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(attribution.kind, .review, "\(attribution.reasons)", file: file, line: line)
        XCTAssertNil(attribution.agencyID, file: file, line: line)
        XCTAssertEqual(attribution.candidates, candidates, file: file, line: line)
        XCTAssertTrue(attribution.reasons.last?.contains("người xem") == true, "\(attribution.reasons)", file: file, line: line)
    }

    func testKnownSenderNamingAnotherAgencyGoesToReview() {
        let facts = MessageFacts(fromAddress: "stnmt@dienbien.example.org",
                                 subject: "Chuyển báo cáo của Sở Tài chính", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertReview(attribution, candidates: ["stnmt", "stc"])
        XCTAssertTrue(attribution.reasons.last!.contains("Sở Tài nguyên và Môi trường"))
        XCTAssertTrue(attribution.reasons.last!.contains("Sở Tài chính"))
    }

    func testKnownSenderForwardingAnotherAgencysDocumentGoesToReview() {
        let facts = MessageFacts(fromAddress: "stnmt@dienbien.example.org", subject: "Fwd: báo cáo",
                                 attachments: [AttachmentFacts(fileName: "30-BC-STC.pdf", mediaType: "application/pdf")])
        assertReview(attributor.attribute(facts), candidates: ["stnmt", "stc"])
    }

    func testAgencyAddressForwardingAnotherAgencysOriginalGoesToReview() {
        var facts = MessageFacts(fromAddress: "stnmt@dienbien.example.org", subject: "Fwd: báo cáo giải trình",
                                 attachments: [DienBien.pdf])
        facts.forwarded = [ForwardedFacts(fromAddress: "stc@dienbien.example.org", subject: "Báo cáo giải trình")]
        assertReview(attributor.attribute(facts), candidates: ["stnmt", "stc"])
    }

    func testPersonalAddressForwardingTheAgencysOwnMailIsTheAgencys() {
        var facts = DienBien.stranger(subject: "Fwd: báo cáo", attachments: [DienBien.pdf])
        facts.forwarded = [ForwardedFacts(fromAddress: "ubndtuachua@dienbien.example.org", subject: "Báo cáo giải trình")]
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.agencyID, "ubnd-tua-chua", "\(attribution.reasons)")
        XCTAssertEqual(attribution.kind, .submission)
        XCTAssertTrue(attribution.byNameOnly, "a forwarded From is text anyone can write: it weighs what a name weighs")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("thư gốc được chuyển tiếp") })
    }

    func testNameInForwardedSubjectCounts() {
        var facts = DienBien.stranger(subject: "Fwd: báo cáo", attachments: [DienBien.pdf])
        facts.forwarded = [ForwardedFacts(fromAddress: "vanthu@mail.example.net", subject: "Báo cáo của UBND huyện Nậm Pồ")]
        XCTAssertEqual(attributor.attribute(facts).agencyID, "ubnd-nam-po")
    }

    func testTwoAgenciesNamedGoesToReview() {
        let facts = DienBien.stranger(subject: "Báo cáo chung của Sở TN&MT và Sở Tài chính", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["stnmt", "stc"])
    }

    func testTagAndSenderOfDifferentAgenciesGoToReview() {
        let facts = MessageFacts(fromAddress: "snv@dienbien.example.org", subject: "[GT2020-STC] Báo cáo",
                                 attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["stc", "snv"])
    }

    func testReplyToOneAgencyFromAnothersAddressGoesToReview() {
        let attributor = Attributor(campaign: DienBien.campaign(), sentMessageIDs: ["<nhac-stc@hdnd.example.org>": "stc"])
        let facts = MessageFacts(replyTargets: ["<nhac-stc@hdnd.example.org>"], fromAddress: "snv@dienbien.example.org",
                                 subject: "Re: Nhắc gửi báo cáo", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["stc", "snv"])
    }

    func testLearnedSenderDisagreeingWithConfiguredAddressGoesToReview() {
        let attributor = Attributor(campaign: DienBien.campaign(), learnedSenders: ["stc@dienbien.example.org": "snv"])
        let facts = MessageFacts(fromAddress: "stc@dienbien.example.org", subject: "Báo cáo", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["stc", "snv"])
    }

    func testAddressSharedByTwoAgenciesGoesToReview() {
        var agencies = DienBien.agencies
        let index = agencies.firstIndex { $0.id == "ubnd-muong-lay" }!
        agencies[index].emails.append("vanthu@dienbien.example.org")
        let other = agencies.firstIndex { $0.id == "ubnd-muong-cha" }!
        agencies[other].emails.append("vanthu@dienbien.example.org")
        let attributor = Attributor(campaign: DienBien.campaign(agencies: agencies))
        let facts = MessageFacts(fromAddress: "vanthu@dienbien.example.org", subject: "Báo cáo", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["ubnd-muong-lay", "ubnd-muong-cha"])
    }

    func testUnknownSenderWithoutAnySignalGoesToReview() {
        let attribution = attributor.attribute(DienBien.stranger(subject: "Báo cáo", attachments: [DienBien.pdf]))
        assertReview(attribution, candidates: [])
        XCTAssertTrue(attribution.reasons.last!.contains("Không có dấu hiệu"))
    }

    func testMessageWithNoFactsAtAllGoesToReview() {
        assertReview(attributor.attribute(MessageFacts()), candidates: [])
    }

    func testMailFromTheOfficeAddressIsNeverAttributed() {
        let facts = MessageFacts(fromAddress: "VanPhong@hdnd.example.org", subject: "[GT2020-STNMT] Báo cáo 45/BC-STNMT",
                                 attachments: [AttachmentFacts(fileName: "45-BC-STNMT.pdf", mediaType: "application/pdf")])
        let attribution = attributor.attribute(facts)
        assertReview(attribution, candidates: ["stnmt"])
        XCTAssertTrue(attribution.reasons.last!.contains("Văn phòng HĐND tỉnh Điện Biên"))
    }

    func testOfficeAddressIsNeverASenderSignalEvenIfConfiguredForAnAgency() {
        var agencies = DienBien.agencies
        agencies[0].emails.append(DienBien.officeAddress)
        let attributor = Attributor(campaign: DienBien.campaign(agencies: agencies))
        let facts = MessageFacts(fromAddress: DienBien.officeAddress, subject: "Báo cáo", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: [])
    }

    func testCandidatesAreOrderedByStrongestSignal() {
        // The name comes first in the subject, but the address is the stronger signal.
        let facts = MessageFacts(fromAddress: "stc@dienbien.example.org", fromName: "Sở Nội vụ",
                                 subject: "Sở Nội vụ - Báo cáo", attachments: [DienBien.pdf])
        assertReview(attributor.attribute(facts), candidates: ["stc", "snv"])
    }

    func testCandidatesWithEqualStrengthAreOrderedByNumberOfSignals() {
        let facts = DienBien.stranger(subject: "Sở Nội vụ, Sở Tài chính", fromName: "Sở Tài chính")
        XCTAssertEqual(attributor.attribute(facts).candidates, ["stc", "snv"])
    }

    func testSeveralStrongSignalsOfOneAgencyAttributeWithEveryReason() {
        let attributor = Attributor(campaign: DienBien.campaign(), sentMessageIDs: ["<nhac-stnmt@hdnd.example.org>": "stnmt"])
        let facts = MessageFacts(
            replyTargets: ["<nhac-stnmt@hdnd.example.org>"], fromAddress: "stnmt@dienbien.example.org",
            fromName: "Sở TN&MT Điện Biên", subject: "Re: [GT2020-STNMT] Báo cáo số 45/BC-STNMT",
            attachments: [AttachmentFacts(fileName: "45-BC-STNMT.pdf", mediaType: "application/octet-stream")])
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.agencyID, "stnmt")
        XCTAssertEqual(attribution.kind, .submission)
        XCTAssertEqual(attribution.candidates, ["stnmt"])
        for evidence in ["trả lời", "[GT2020-STNMT]", "stnmt@dienbien.example.org", "45/BC-STNMT", "«Sở TN&MT»"] {
            XCTAssertTrue(attribution.reasons.contains { $0.contains(evidence) }, "\(evidence) in \(attribution.reasons)")
        }
        XCTAssertEqual(attribution.reasons.count, Set(attribution.reasons).count, "reasons are not repeated")
    }
}
