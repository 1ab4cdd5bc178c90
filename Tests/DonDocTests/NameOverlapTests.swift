import DonDoc
import XCTest

/// The Điện Biên names that contain one another: each message below names exactly one
/// agency, and any extra candidate would send it to review (or worse, elsewhere).
final class NameOverlapTests: XCTestCase {
    private let attributor = DienBien.attributor

    /// Candidates named in a subject sent by a stranger: only the name signal speaks.
    private func candidates(subject: String) -> [String] {
        attributor.attribute(DienBien.stranger(subject: subject)).candidates
    }

    func testLongestAliasWinsOverlap() {
        XCTAssertEqual(candidates(subject: "Công ty CP Cao su Mường Nhé Điện Biên gửi báo cáo"), ["cao-su-muong-nhe"])
    }

    func testRubberCompanyOfMuongNheIsNotTheDistrict() {
        XCTAssertEqual(candidates(subject: "Báo cáo của Cao su Mường Nhé"), ["cao-su-muong-nhe"])
    }

    func testMuongNheDistrictAloneIsTheDistrict() {
        XCTAssertEqual(candidates(subject: "UBND huyện Mường Nhé gửi báo cáo"), ["ubnd-muong-nhe"])
        XCTAssertEqual(candidates(subject: "Báo cáo Mường Nhé"), ["ubnd-muong-nhe"])
    }

    func testCaoSuDienBienIsNotCaoSuMuongNheDienBien() {
        XCTAssertEqual(candidates(subject: "Công ty cổ phần Cao su Điện Biên gửi báo cáo"), ["cao-su-dien-bien"])
        XCTAssertEqual(candidates(subject: "Công ty cổ phần Cao su Mường Nhé Điện Biên gửi báo cáo"), ["cao-su-muong-nhe"])
    }

    func testHuyenDienBienIsNotHuyenDienBienDong() {
        XCTAssertEqual(candidates(subject: "UBND huyện Điện Biên gửi báo cáo"), ["ubnd-dien-bien"])
        XCTAssertEqual(candidates(subject: "UBND huyện Điện Biên Đông gửi báo cáo"), ["ubnd-dien-bien-dong"])
    }

    func testLongerNameWinsOverTheShorterNameItStartsWith() {
        // Without the bare "Điện Biên Đông" alias nothing but length separates these two.
        let attributor = Attributor(campaign: DienBien.campaign(agencies: [
            Agency(id: "ubnd-dien-bien", name: "UBND huyện Điện Biên", aliases: ["huyện Điện Biên"]),
            Agency(id: "ubnd-dien-bien-dong", name: "UBND huyện Điện Biên Đông", aliases: ["huyện Điện Biên Đông"]),
        ]))
        let attribution = attributor.attribute(DienBien.stranger(subject: "Báo cáo của huyện Điện Biên Đông"))
        XCTAssertEqual(attribution.candidates, ["ubnd-dien-bien-dong"])
    }

    func testThanhPhoDienBienPhuIsNotHuyenDienBien() {
        XCTAssertEqual(candidates(subject: "UBND thành phố Điện Biên Phủ gửi báo cáo"), ["ubnd-dien-bien-phu"])
        XCTAssertEqual(candidates(subject: "TP Điện Biên Phủ báo cáo"), ["ubnd-dien-bien-phu"])
    }

    func testTwoNamedDistrictsAreBothCandidates() {
        XCTAssertEqual(Set(candidates(subject: "Tổng hợp báo cáo huyện Điện Biên, huyện Điện Biên Đông")),
                       ["ubnd-dien-bien", "ubnd-dien-bien-dong"])
    }

    func testNamesWithoutDiacriticsMatch() {
        XCTAssertEqual(candidates(subject: "So Tai nguyen va Moi truong gui bao cao"), ["stnmt"])
        XCTAssertEqual(candidates(subject: "UBND huyen Dien Bien Dong"), ["ubnd-dien-bien-dong"])
        XCTAssertEqual(candidates(subject: "Cong ty CP Cao su Muong Nhe Dien Bien"), ["cao-su-muong-nhe"])
    }

    func testNFDSubjectMatches() {
        let nfd = "UBND huyện Mường Ảng gửi báo cáo".decomposedStringWithCanonicalMapping
        XCTAssertEqual(candidates(subject: nfd), ["ubnd-muong-ang"])
    }

    func testUpperCaseSubjectMatches() {
        XCTAssertEqual(candidates(subject: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ GỬI BÁO CÁO GIẢI TRÌNH"), ["skhdt"])
        XCTAssertEqual(candidates(subject: "UBND HUYỆN NẬM PỒ"), ["ubnd-nam-po"])
    }

    func testAmpersandAbbreviationsMatchWithOrWithoutSpaces() {
        XCTAssertEqual(candidates(subject: "Sở TN&MT gửi báo cáo"), ["stnmt"])
        XCTAssertEqual(candidates(subject: "So TN & MT gui bao cao"), ["stnmt"])
        XCTAssertEqual(candidates(subject: "Sở NN & PTNT gửi báo cáo"), ["snnptnt"])
        XCTAssertEqual(candidates(subject: "Báo cáo của NN&PTNT"), ["snnptnt"])
        XCTAssertEqual(candidates(subject: "Sở KH&ĐT báo cáo"), ["skhdt"])
        XCTAssertEqual(candidates(subject: "So KH&DT bao cao"), ["skhdt"])
        XCTAssertEqual(candidates(subject: "Sở TT&TT báo cáo"), ["stttt"])
    }

    func testAliasWrittenWithDashMatches() {
        XCTAssertEqual(candidates(subject: "Sở Thông tin - Truyền thông gửi báo cáo"), ["stttt"])
    }

    func testEveryDistrictIsFoundByItsFullName() {
        for agency in DienBien.agencies where agency.id.hasPrefix("ubnd-") {
            XCTAssertEqual(candidates(subject: "\(agency.name) gửi báo cáo giải trình"), [agency.id], agency.name)
        }
    }

    func testEveryAgencyIsFoundByEachOfItsAliases() {
        for agency in DienBien.agencies {
            for alias in agency.aliases {
                XCTAssertEqual(candidates(subject: "Báo cáo - \(alias)"), [agency.id], alias)
            }
        }
    }

    func testOfficeNameDoesNotCountAsAMentionOfAPlace() {
        // A district configured with the bare place name must not be read into the
        // office's own name, which every forwarded reply quotes.
        var agencies = DienBien.agencies
        let index = agencies.firstIndex { $0.id == "ubnd-dien-bien" }!
        agencies[index].aliases.append("Điện Biên")
        let attributor = Attributor(campaign: DienBien.campaign(agencies: agencies))
        let quoting = attributor.attribute(DienBien.stranger(subject: "Kính gửi Văn phòng HĐND tỉnh Điện Biên"))
        XCTAssertEqual(quoting.candidates, [])
        let naming = attributor.attribute(DienBien.stranger(subject: "Báo cáo Điện Biên"))
        XCTAssertEqual(naming.candidates, ["ubnd-dien-bien"])
    }

    func testSymbolLettersAreNotReadAsNames() {
        // "TNMT" inside "88/BC-UBND-TNMT" is the district's own office, not alias "TN&MT".
        let facts = MessageFacts(fromAddress: "ubndmuongcha@dienbien.example.org",
                                 subject: "Báo cáo số 88/BC-UBND-TNMT", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.agencyID, "ubnd-muong-cha")
        XCTAssertEqual(attribution.candidates, ["ubnd-muong-cha"])
    }

    func testNamesDoNotJoinAcrossACutSymbol() {
        // Cutting the symbol out must not glue "Sở" and "Tài chính" into a name.
        XCTAssertEqual(candidates(subject: "Sở 45/BC-STNMT Tài chính"), ["stnmt"])
    }
}
