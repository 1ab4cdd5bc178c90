import DonDoc
import XCTest

/// Shapes found by a held-out evaluation (mail written apart from the code, never seen by
/// it): each is a way real mail names its sender that was sent to review, and beside it
/// the traps the same rule must leave alone.
final class HeldOutShapeTests: XCTestCase {
    private let attributor = DienBien.attributor

    /// The campaign with the official names only: every short form must be derived.
    private let namesOnly = Attributor(campaign: DienBien.campaign(agencies: DienBien.agencies.map {
        Agency(id: $0.id, name: $0.name, emails: $0.emails)
    }))

    private func attribution(_ subject: String, body: String? = nil, by attributor: Attributor? = nil) -> Attribution {
        let facts = DienBien.stranger(subject: subject, attachments: [DienBien.pdf], bodyText: body)
        return (attributor ?? self.attributor).attribute(facts)
    }

    private func attributed(_ subject: String, body: String? = nil, by attributor: Attributor? = nil) -> String? {
        attribution(subject, body: body, by: attributor).agencyID
    }

    // MARK: - Abbreviations followed by what is sent

    func testDocumentCodeAfterAnAgencyAbbreviationIsNotJoinedToIt() {
        XCTAssertEqual(VietnameseText.nameWords("Sở TN&MT BC giải trình"), ["so", "tnmt", "bc", "giai", "trinh"])
        XCTAssertEqual(VietnameseText.nameWords("Sở KH&ĐT V/v báo cáo"), ["so", "khdt", "vv", "bao", "cao"])
        XCTAssertEqual(attributed("Sở TN&MT BC giải trình", by: namesOnly), "stnmt")
        XCTAssertEqual(attributed("S. NN&PTNT - BC giải trình"), "snnptnt")
        XCTAssertEqual(attributed("Sở KH&ĐT V/v báo cáo giải trình"), "skhdt")
        // A run that is an abbreviation of its own is still joined.
        XCTAssertEqual(VietnameseText.nameWords("BC GT Sở KH ĐT"), ["bcgt", "so", "khdt"])
    }

    // MARK: - A place written as its initials

    func testPlaceOfThreeSyllablesWrittenAsInitialsAfterItsTierAttributes() {
        XCTAssertEqual(attributed("UBND TP.ĐBP báo cáo giải trình", by: namesOnly), "ubnd-dien-bien-phu")
        XCTAssertEqual(attributed("BC giải trình UBND TPĐBP", by: namesOnly), "ubnd-dien-bien-phu")
        XCTAssertEqual(attributed("Báo cáo giải trình UBND H.ĐBĐ", by: namesOnly), "ubnd-dien-bien-dong")
    }

    func testPlaceInitialsWithoutTierOrAfterAnotherBodyNameNobody() {
        XCTAssertNil(attributed("Báo cáo ĐBP", by: namesOnly))
        XCTAssertNil(attributed("Chi cục Thuế TP ĐBP báo cáo", by: namesOnly))
        // Two syllables give two letters, too common to be a place.
        XCTAssertNil(attributed("Báo cáo UBND H. MA", by: namesOnly))
    }

    // MARK: - Addressee, then the document, then its writer

    func testNameAfterTheDocumentSentToTheOfficeIsTheWriters() {
        XCTAssertEqual(attributed("Gửi VP HĐND tỉnh báo cáo giải trình huyện Nậm Pồ"), "ubnd-nam-po")
        XCTAssertEqual(attributed("Kính gửi Thường trực HĐND tỉnh BC giải trình UBND huyện Tuần Giáo"), "ubnd-tuan-giao")
        XCTAssertEqual(attributed("Gửi Sở Tài chính báo cáo giải trình UBND huyện Mường Ảng"), "ubnd-muong-ang")
    }

    func testNameAfterGuiWithoutANamedAddresseeStaysTheAddressee() {
        // Only whom it is sent to: nobody wrote it, as far as the subject says.
        XCTAssertNil(attributed("Gửi Sở Tài chính báo cáo giải trình"))
        // "Gửi báo cáo Sở Tài chính" reads either way: not the writer's.
        XCTAssertNil(attributed("Gửi báo cáo giải trình Sở Tài chính"))
        XCTAssertNil(attributed("Gửi lại báo cáo Sở Tài chính"))
    }

    func testAddresseesListedOverSeveralClausesAreAllAddressees() {
        XCTAssertNil(attributed("Kính gửi: Sở Tài chính; Sở Nội vụ"))
        XCTAssertNil(attributed("Kính gửi: UBND huyện Mường Ảng; UBND huyện Tuần Giáo; Sở Nội vụ"))
        // The Office as the addressee closes the list, as before.
        XCTAssertEqual(attributed("Kính gửi: Văn phòng HĐND tỉnh Điện Biên; Sở Nội vụ báo cáo"), "snv")
    }

    // MARK: - The signature at the foot of the body

    func testSignatureAtTheFootOfTheBodyNamesTheSender() {
        let byDelimiter = attribution("Báo cáo giải trình",
                                      body: "Kính gửi Văn phòng HĐND tỉnh.\r\nGửi kèm báo cáo.\r\n-- \r\nVăn thư UBND huyện Mường Nhé\r\nĐT: 0215 3 123 456")
        XCTAssertEqual(byDelimiter.agencyID, "ubnd-muong-nhe")
        XCTAssertTrue(byDelimiter.byNameOnly)
        XCTAssertEqual(attributed("Báo cáo", body: "Gửi kèm.\nTrân trọng!\nNguyễn Thị Lan\nVăn thư Sở Tài nguyên và Môi trường tỉnh Điện Biên"),
                       "stnmt")
        XCTAssertEqual(attributed("Báo cáo", body: "Trân trọng,\nNguyễn Văn Bình\nVăn phòng HĐND-UBND huyện Tủa Chùa"), "ubnd-tua-chua")
    }

    func testBodyOutsideTheSignatureNamesNobody() {
        XCTAssertNil(attributed("Báo cáo", body: "Kính gửi UBND huyện Tuần Giáo.\nĐề nghị gửi báo cáo."))
        XCTAssertNil(attributed("Báo cáo", body: "Theo đề nghị của Sở Tài chính, gửi kèm báo cáo.\nXin cảm ơn."))
        // Quoted mail carries someone else's signature.
        XCTAssertNil(attributed("Re: báo cáo", body: "Đã nhận.\n\nOn Wed, 6 May 2020 Someone wrote:\n> --\n> Văn thư UBND huyện Mường Chà"))
        XCTAssertNil(attributed("Fw: báo cáo", body: "---------- Forwarded message ---------\nFrom: X\n--\nVăn thư Sở Nội vụ"))
        // An address line says where the writer is, not whom the writer works for.
        XCTAssertNil(attributed("Báo cáo", body: "-- \nNguyễn Văn An\nĐịa chỉ: tổ 5, TP Điện Biên Phủ\nĐT: 0912 345 678"))
        // Another body's signature.
        XCTAssertNil(attributed("Báo cáo", body: "Trân trọng!\nĐại úy Lò Văn Hùng\nCông an huyện Tuần Giáo"))
        // A greeting that opens the letter is no closing formula.
        XCTAssertNil(attributed("Báo cáo", body: "Trân trọng kính gửi!\nTheo đề nghị của Sở Tài chính, gửi kèm báo cáo."))
        // Lines after a closing formula that run on are text, not a signature.
        XCTAssertNil(attributed("Báo cáo", body: "Trân trọng\n" + Array(repeating: "Sở Tài chính", count: 8).joined(separator: "\n")))
    }

    func testSignatureOfOneAgencyAndSubjectOfAnotherGoesToReview() {
        let result = attribution("Báo cáo giải trình UBND huyện Nậm Pồ", body: "Gửi kèm.\n--\nVăn thư Sở Tài chính")
        XCTAssertNil(result.agencyID)
        XCTAssertEqual(result.kind, .review)
        XCTAssertEqual(Set(result.candidates), ["ubnd-nam-po", "stc"])
    }

    // MARK: - The district's joint office

    func testJointOfficeOfCouncilAndCommitteeIsTheDistrict() {
        XCTAssertEqual(attributed("Văn phòng HĐND-UBND huyện Tủa Chùa gửi báo cáo"), "ubnd-tua-chua")
        XCTAssertEqual(attributed("VP HĐND - UBND huyện Mường Chà gửi BC giải trình"), "ubnd-muong-cha")
        // The council alone is another body.
        XCTAssertNil(attributed("HĐND huyện Tủa Chùa gửi báo cáo"))
        XCTAssertNil(attributed("Thường trực HĐND huyện Mường Nhé báo cáo"))
    }
}
