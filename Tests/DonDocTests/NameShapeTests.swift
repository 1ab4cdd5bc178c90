import DonDoc
import XCTest

/// The ways agencies actually write their names in mail that names one agency and
/// nothing else. Each must be attributed to that agency (by name), and each trap must
/// not be.
final class NameShapeTests: XCTestCase {
    private let attributor = DienBien.attributor

    /// The campaign as an Office that typed only the official names would configure it:
    /// no aliases at all, so every short form below must be derived.
    private let namesOnly = Attributor(campaign: DienBien.campaign(agencies: DienBien.agencies.map {
        Agency(id: $0.id, name: $0.name, emails: $0.emails)
    }))

    private func attributed(_ subject: String, fromName: String? = nil, by attributor: Attributor? = nil,
                            file: StaticString = #filePath, line: UInt = #line) -> String? {
        let facts = DienBien.stranger(subject: subject, fromName: fromName, attachments: [DienBien.pdf])
        let attribution = (attributor ?? self.attributor).attribute(facts)
        if attribution.agencyID != nil {
            XCTAssertEqual(attribution.kind, .submission, file: file, line: line)
            XCTAssertEqual(attribution.candidates.count, 1, "\(attribution.candidates)", file: file, line: line)
        }
        return attribution.agencyID
    }

    func testPersonalAddressWithAgencyNameInSubjectIsAttributedByName() {
        let facts = DienBien.stranger(subject: "UBND huyện Tủa Chùa gửi báo cáo giải trình", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.agencyID, "ubnd-tua-chua")
        XCTAssertTrue(attribution.byNameOnly)
    }

    func testSubjectWithoutDiacriticsIsAttributed() {
        XCTAssertEqual(attributed("bao cao giai trinh cua UBND huyen Muong Ang"), "ubnd-muong-ang")
        XCTAssertEqual(attributed("So Ke hoach va Dau tu gui bao cao", by: namesOnly), "skhdt")
    }

    func testAbbreviationsWithAmpersandOrVaAreDerivedFromTheName() {
        XCTAssertEqual(attributed("Sở NN&PTNT gửi báo cáo", by: namesOnly), "snnptnt")
        XCTAssertEqual(attributed("Báo cáo Sở KH và ĐT", by: namesOnly), "skhdt")
        XCTAssertEqual(attributed("Báo cáo Sở KH-ĐT", by: namesOnly), "skhdt")
        XCTAssertEqual(attributed("Báo cáo của Sở TN & MT", by: namesOnly), "stnmt")
        XCTAssertEqual(attributed("BC giải trình - TT&TT", by: namesOnly), "stttt")
    }

    func testDistrictWrittenWithHAbbreviation() {
        XCTAssertEqual(attributed("Báo cáo UBND H. Tủa Chùa", by: namesOnly), "ubnd-tua-chua")
        XCTAssertEqual(attributed("BC giải trình H.Mường Chà", by: namesOnly), "ubnd-muong-cha")
    }

    func testCommitteeWrittenInFull() {
        XCTAssertEqual(attributed("Ủy ban nhân dân huyện Nậm Pồ báo cáo", by: namesOnly), "ubnd-nam-po")
        XCTAssertEqual(attributed("UỶ BAN NHÂN DÂN THÀNH PHỐ ĐIỆN BIÊN PHỦ", by: namesOnly), "ubnd-dien-bien-phu")
    }

    func testUpperCaseSubjectIsAttributed() {
        XCTAssertEqual(attributed("SỞ NỘI VỤ GỬI BÁO CÁO GIẢI TRÌNH"), "snv")
    }

    func testCompanyNameInDisplayNameIsAttributed() {
        XCTAssertEqual(attributed("Báo cáo giải trình", fromName: "Cty CP Cao su Điện Biên", by: namesOnly), "cao-su-dien-bien")
        XCTAssertEqual(attributed("Báo cáo", fromName: "CTCP Cao su Mường Nhé Điện Biên", by: namesOnly), "cao-su-muong-nhe")
    }

    func testProvinceSuffixDoesNotAddACandidate() {
        XCTAssertEqual(attributed("Sở Tài chính tỉnh Điện Biên gửi báo cáo"), "stc")
        // Even when a district is configured with the bare place name.
        var agencies = DienBien.agencies
        let index = agencies.firstIndex { $0.id == "ubnd-dien-bien" }!
        agencies[index].aliases.append("Điện Biên")
        let withBarePlace = Attributor(campaign: DienBien.campaign(agencies: agencies))
        XCTAssertEqual(attributed("Sở Tài chính tỉnh Điện Biên gửi báo cáo", by: withBarePlace), "stc")
        XCTAssertEqual(attributed("SỞ TÀI CHÍNH - UBND TỈNH ĐIỆN BIÊN", by: withBarePlace), "stc")
    }

    func testNFDAndUpperCaseDisplayNameIsAttributed() {
        let nfd = "UBND HUYỆN ĐIỆN BIÊN ĐÔNG".decomposedStringWithCanonicalMapping
        XCTAssertEqual(attributed("Báo cáo", fromName: nfd, by: namesOnly), "ubnd-dien-bien-dong")
    }

    // MARK: Traps

    func testAddresseeInSubjectIsNotTheSender() {
        XCTAssertNil(attributed("Kính gửi Sở Tài chính: báo cáo giải trình"))
        XCTAssertNil(attributed("Báo cáo gửi UBND huyện Tủa Chùa"))
    }

    func testSenderBeforeGuiAndAddresseeAfterItGiveTheSender() {
        XCTAssertEqual(attributed("UBND huyện Mường Ảng gửi Sở Tài chính báo cáo"), "ubnd-muong-ang")
    }

    func testAnotherBodyOfTheDistrictIsNotItsCommittee() {
        XCTAssertNil(attributed("Báo cáo của Công an huyện Tủa Chùa", by: namesOnly))
        XCTAssertNil(attributed("HĐND huyện Mường Chà gửi báo cáo", by: namesOnly))
        XCTAssertNil(attributed("Trung tâm Y tế huyện Nậm Pồ báo cáo", by: namesOnly))
        XCTAssertNil(attributed("Báo cáo", fromName: "Đảng ủy Sở Tài chính", by: namesOnly))
        // With a bare place configured too.
        XCTAssertNil(attributed("Huyện ủy Tủa Chùa gửi báo cáo"))
    }

    func testNamesAfterKinhGuiAndTheRestOfItsListAreAddressees() {
        XCTAssertNil(attributed("Kính gửi Sở Tài chính, Sở Nội vụ: báo cáo"))
        XCTAssertNil(attributed("Báo cáo gửi Sở Tài chính và Sở Nội vụ"))
        XCTAssertNil(attributed("Kính gửi: Sở Nội vụ"))
        XCTAssertNil(attributed("Báo cáo cho Sở Nội vụ"))
        XCTAssertNil(attributed("V/v phối hợp với Sở Tài chính"))
        XCTAssertNil(attributed("Báo cáo Tập đoàn Cao su Việt Nam về Cao su Điện Biên"))
    }

    func testCuaNamesTheWriterAgainAfterAnAddressee() {
        XCTAssertEqual(attributed("Báo cáo gửi HĐND tỉnh của UBND huyện Mường Ảng"), "ubnd-muong-ang")
    }

    func testAWriterAfterADashIsTheWriter() {
        XCTAssertEqual(attributed("Báo cáo về việc thực hiện kiến nghị - UBND huyện Tủa Chùa"), "ubnd-tua-chua")
        XCTAssertEqual(attributed("Báo cáo gửi HĐND tỉnh – Sở Thông tin - Truyền thông"), "stttt")
    }

    func testAClauseAfterTheAddresseeStartsAfresh() {
        XCTAssertEqual(attributed("Gửi Văn phòng HĐND tỉnh (Sở Nội vụ báo cáo)"), "snv")
    }

    func testACommuneSchoolOrPartyCellIsNotItsDistrictOrDepartment() {
        XCTAssertNil(attributed("Báo cáo UBND xã Sín Chải huyện Tủa Chùa", by: namesOnly))
        XCTAssertNil(attributed("Báo cáo Trường THPT huyện Tủa Chùa", by: namesOnly))
        XCTAssertNil(attributed("Báo cáo Chi bộ Sở Tài chính", by: namesOnly))
        XCTAssertNil(attributed("Kết luận thanh tra Sở Tài chính", by: namesOnly))
    }

    func testOnlyTheBeginningOfAHugeSubjectIsRead() {
        // What bounds the work on a hostile subject of megabytes: the signals read its
        // first 2,000 characters, as many as any real subject has.
        let padding = String(repeating: "[", count: 3_000)
        XCTAssertNil(attributed(padding + " Sở Tài chính"))
        XCTAssertEqual(attributed("Sở Tài chính " + padding), "stc")
    }

    func testTheCommitteesOwnOfficeSendsItsReport() {
        XCTAssertEqual(attributed("Phòng Tài chính - Kế hoạch huyện Tủa Chùa gửi báo cáo giải trình", by: namesOnly),
                       "ubnd-tua-chua")
    }

    func testOfficePlanNamingEveryAgencyGoesToReview() {
        let names = DienBien.agencies.map(\.name).joined(separator: ", ")
        let facts = DienBien.stranger(subject: "Kế hoạch giải trình: \(names)", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertGreaterThan(attribution.candidates.count, 10)
    }

    func testHuyenDienBienIsNotDienBienDongNorTheCity() {
        XCTAssertEqual(attributed("Báo cáo H. Điện Biên", by: namesOnly), "ubnd-dien-bien")
        XCTAssertEqual(attributed("Báo cáo H. Điện Biên Đông", by: namesOnly), "ubnd-dien-bien-dong")
        XCTAssertEqual(attributed("Báo cáo TP. Điện Biên Phủ", by: namesOnly), "ubnd-dien-bien-phu")
    }

    func testRubberCompaniesAreNotTheDistrictsInTheirNames() {
        XCTAssertEqual(attributed("Báo cáo Cao su Mường Nhé Điện Biên", by: namesOnly), "cao-su-muong-nhe")
        XCTAssertEqual(attributed("Báo cáo Công ty Cao su Điện Biên", by: namesOnly), "cao-su-dien-bien")
        XCTAssertEqual(attributed("Báo cáo huyện Mường Nhé", by: namesOnly), "ubnd-muong-nhe")
    }

    func testBarePlaceIsNeverDerived() {
        // Without a configured alias, "Mường Nhé" alone could be the district or the company.
        XCTAssertNil(attributed("Báo cáo Mường Nhé", by: namesOnly))
    }

    func testEverydayWordsOfASingleWordDepartmentAreNotItsName() {
        // "tài chính" (finance) is not "Sở Tài chính".
        XCTAssertNil(attributed("Báo cáo tài chính quý II", by: namesOnly))
    }
}
