import DonDoc
import XCTest

/// Attribution from what the documents say: the issuer in the header, the symbol under
/// it, the digital signature; and the traps a clerk knows (the addressee is not the
/// issuer, an issuer outside the campaign is nobody's report).
final class DocumentAttributionTests: XCTestCase {
    private let attributor = DienBien.attributor

    private func document(_ parent: String?, _ body: String?, symbol: String? = nil, addressees: [String] = [],
                          method: String = "pdf-text", signatures: [SignatureFacts] = [],
                          file: String = "bao-cao.pdf") -> DocumentEvidence {
        DocumentEvidence(fileName: file, method: method,
                         header: DocumentHeader(parentBody: parent, issuingBody: body, symbol: symbol,
                                                documentType: "BÁO CÁO", addressees: addressees),
                         signatures: signatures)
    }

    private func stranger(_ documents: [DocumentEvidence], subject: String = "Gửi báo cáo") -> MessageFacts {
        var facts = DienBien.stranger(subject: subject, attachments: [DienBien.pdf])
        facts.documents = documents
        return facts
    }

    private func assertAttributed(_ facts: MessageFacts, to agencyID: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.agencyID, agencyID, "\(attribution.reasons)", file: file, line: line)
        XCTAssertEqual(attribution.kind, .submission, file: file, line: line)
        XCTAssertFalse(attribution.byNameOnly, file: file, line: line)
    }

    private func assertReview(_ facts: MessageFacts, file: StaticString = #filePath, line: UInt = #line) {
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.kind, .review, "\(attribution.reasons)", file: file, line: line)
        XCTAssertNil(attribution.agencyID, file: file, line: line)
    }

    func testIssuerInTheHeaderAttributesAPersonalAddressesMail() {
        let facts = stranger([document("UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH", symbol: "112/BC-STC")])
        assertAttributed(facts, to: "stc")
        let reasons = attributor.attribute(facts).reasons
        XCTAssertTrue(reasons.contains { $0.contains("do SỞ TÀI CHÍNH ban hành") && $0.contains("lớp chữ") }, "\(reasons)")
    }

    func testDistrictCommitteeHeaderWithPlaceLine() {
        assertAttributed(stranger([document("ỦY BAN NHÂN DÂN", "HUYỆN TỦA CHÙA", symbol: "09/BC-UBND")]),
                         to: "ubnd-tua-chua")
    }

    func testOCRHeaderWithoutDiacriticsAttributesAndSaysItWasOCR() {
        let facts = stranger([document("UY BAN NHAN DAN", "HUYEN MUONG ANG", method: "ocr-image")])
        assertAttributed(facts, to: "ubnd-muong-ang")
        XCTAssertTrue(attributor.attribute(facts).reasons.contains { $0.contains("OCR") })
    }

    func testAddresseeIsNeverTheIssuer() {
        let facts = stranger([document("ỦY BAN NHÂN DÂN", "HUYỆN NẬM PỒ",
                                       addressees: ["Sở Tài chính tỉnh Điện Biên", "Sở Nội vụ"])])
        assertAttributed(facts, to: "ubnd-nam-po")
    }

    func testHuyenDienBienIsNotDienBienDongNorTheCity() {
        assertAttributed(stranger([document("ỦY BAN NHÂN DÂN", "HUYỆN ĐIỆN BIÊN")]), to: "ubnd-dien-bien")
        assertAttributed(stranger([document("ỦY BAN NHÂN DÂN", "HUYỆN ĐIỆN BIÊN ĐÔNG")]), to: "ubnd-dien-bien-dong")
        assertAttributed(stranger([document("ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐIỆN BIÊN PHỦ")]), to: "ubnd-dien-bien-phu")
    }

    func testRubberCompaniesAreNotTheDistrictsInTheirNames() {
        assertAttributed(stranger([document("TẬP ĐOÀN CÔNG NGHIỆP CAO SU VIỆT NAM",
                                            "CÔNG TY CỔ PHẦN CAO SU MƯỜNG NHÉ ĐIỆN BIÊN")]), to: "cao-su-muong-nhe")
        assertAttributed(stranger([document("TẬP ĐOÀN CÔNG NGHIỆP CAO SU VIỆT NAM",
                                            "CÔNG TY CỔ PHẦN CAO SU ĐIỆN BIÊN")]), to: "cao-su-dien-bien")
    }

    func testIssuerOutsideTheCampaignGoesToReviewEvenWithANameInTheSubject() {
        let facts = stranger([document("UBND TỈNH ĐIỆN BIÊN", "SỞ Y TẾ", symbol: "77/BC-SYT")],
                             subject: "Báo cáo của UBND huyện Tuần Giáo")
        assertReview(facts)
        XCTAssertTrue(attributor.attribute(facts).reasons.contains { $0.contains("SỞ Y TẾ") && $0.contains("không phải") })
    }

    func testABodyThatOnlyHoldsAnAgencysNameIsNotThatAgency() {
        assertReview(stranger([document("CÔNG AN TỈNH ĐIỆN BIÊN", "CÔNG AN HUYỆN TỦA CHÙA")]))
        assertReview(stranger([document("UBND HUYỆN TỦA CHÙA", "PHÒNG TÀI CHÍNH - KẾ HOẠCH")]))
        assertReview(stranger([document("HĐND HUYỆN MƯỜNG CHÀ", "THƯỜNG TRỰC")]))
    }

    func testIssuerWithTheProvinceAfterItsNameIsTheAgency() {
        assertAttributed(stranger([document(nil, "SỞ TÀI CHÍNH TỈNH ĐIỆN BIÊN")]), to: "stc")
    }

    func testTheProvinceAloneOrTheOfficeIsNoAgency() {
        assertReview(stranger([document(nil, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")]))
        assertReview(stranger([document("HĐND TỈNH ĐIỆN BIÊN", "VĂN PHÒNG")]))
    }

    func testOCRIssuerThatMatchesNothingDoesNotBlockTheEnvelope() {
        let facts = stranger([document("UY BAN NHAN DAN", "HUYEN TU~A CH|UA", method: "ocr-pdf")],
                             subject: "Báo cáo UBND huyện Tủa Chùa")
        XCTAssertEqual(attributor.attribute(facts).agencyID, "ubnd-tua-chua")
    }

    func testAnotherProvincesDepartmentOfTheSameNameIsNotOurs() {
        assertReview(stranger([document("UBND TỈNH LAI CHÂU", "SỞ TÀI CHÍNH", symbol: "112/BC-STC")]))
        assertReview(stranger([document(nil, "SỞ TÀI CHÍNH TỈNH LAI CHÂU")]))
    }

    func testLegibleOCRIssuerOutsideTheCampaignBlocksANameInTheSubject() {
        assertReview(stranger([document("UBND TINH DIEN BIEN", "SO Y TE", symbol: "77/BC-SYT", method: "ocr-pdf")],
                              subject: "Báo cáo Sở Tài chính"))
    }

    func testOneAgencysAddressForwardingAnothersReportGoesToReview() {
        var facts = MessageFacts(fromAddress: "stnmt@dienbien.example.org", subject: "Fwd: báo cáo",
                                 attachments: [DienBien.pdf])
        facts.documents = [document("UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH")]
        assertReview(facts)
        XCTAssertEqual(Set(attributor.attribute(facts).candidates), ["stnmt", "stc"])
    }

    func testTwoDocumentsOfTwoIssuersGoToReview() {
        assertReview(stranger([document("ỦY BAN NHÂN DÂN", "HUYỆN MƯỜNG CHÀ", file: "a.pdf"),
                               document("ỦY BAN NHÂN DÂN", "HUYỆN MƯỜNG NHÉ", file: "b.pdf")]))
    }

    func testIssuerAndSenderOfTheSameAgencyAgree() {
        var facts = MessageFacts(fromAddress: "stc@dienbien.example.org", subject: "Báo cáo", attachments: [DienBien.pdf])
        facts.documents = [document("UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH", symbol: "112/BC-STC")]
        assertAttributed(facts, to: "stc")
    }

    func testOfficesOwnPlanListingEveryAgencyIsNobodysReport() {
        let plan = DocumentEvidence(fileName: "ke-hoach.pdf", method: "pdf-text", header: DocumentHeader(
            parentBody: "HĐND TỈNH ĐIỆN BIÊN", issuingBody: "THƯỜNG TRỰC", symbol: "45/KH-HĐND",
            documentType: "KẾ HOẠCH", addressees: DienBien.agencies.map(\.name)))
        assertReview(stranger([plan], subject: "Kế hoạch giải trình"))
    }

    // MARK: Signatures

    func testTrustedSignatureNamingTheAgencyAttributesWithoutAHeader() {
        let signed = DocumentEvidence(fileName: "bc.pdf", method: "pdf-text", header: nil, signatures: [
            SignatureFacts(signerName: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN", status: "valid",
                           certificateTrusted: true, coversWholeDocument: true),
        ])
        assertAttributed(stranger([signed]), to: "stnmt")
        XCTAssertTrue(attributor.attribute(stranger([signed])).reasons.contains { $0.contains("ký số") })
    }

    func testSignatureChangedAfterSigningCountsForNothing() {
        let tampered = DocumentEvidence(fileName: "bc.pdf", method: "pdf-text", header: nil, signatures: [
            SignatureFacts(signerName: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN", status: "digest_mismatch",
                           certificateTrusted: true, coversWholeDocument: true),
        ])
        assertReview(stranger([tampered]))
    }

    func testSignerOfAnotherAgencyConflictsWithTheHeader() {
        let mixed = document("UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH", signatures: [
            SignatureFacts(signerName: "SỞ NỘI VỤ TỈNH ĐIỆN BIÊN", status: "valid", certificateTrusted: true,
                           coversWholeDocument: true),
        ])
        assertReview(stranger([mixed]))
    }
}
