@testable import DonDoc
import XCTest

/// The bodies `PlanReader` makes agencies of, one behaviour each.
final class PlanReaderBodiesTests: XCTestCase {
    private func read(_ lines: String...) -> Plan { PlanReader.read(lines.joined(separator: "\n")) }

    private func ids(_ plan: Plan) -> [String] { plan.bodies.map(\.id) }

    private func body(_ plan: Plan, _ id: String) -> PlanBody? { plan.bodies.first { $0.id == id } }

    func testListedDepartmentsGetTheirStandardNamesIDsAndAliases() throws {
        let plan = read("2. Đối tượng giải trình",
                        "- Thủ trưởng các sở, ngành: Tài nguyên và Môi trường; Nông nghiệp và phát triển Nông thôn; Nội vụ.")
        XCTAssertEqual(ids(plan), ["stnmt", "snnptnt", "snv"])
        let agriculture = try XCTUnwrap(body(plan, "snnptnt"))
        XCTAssertEqual(agriculture.name, "Sở Nông nghiệp và Phát triển nông thôn")
        XCTAssertEqual(agriculture.aliases, ["Sở NN&PTNT", "SNNPTNT", "NN&PTNT", "Nông nghiệp và Phát triển nông thôn"])
    }

    func testCompaniesKeepTheirNameAndGetShortAliases() throws {
        let plan = read("Đối tượng giải trình: Công ty cổ phần Cao su Điện Biên, Công ty cổ phần Cao su Mường Nhé Điện Biên.")
        XCTAssertEqual(ids(plan), ["cao-su-dien-bien", "cao-su-muong-nhe"])
        XCTAssertEqual(body(plan, "cao-su-dien-bien")?.aliases, ["Công ty CP Cao su Điện Biên", "Cao su Điện Biên"])
        XCTAssertEqual(body(plan, "cao-su-muong-nhe")?.aliases,
                       ["Công ty CP Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé"])
    }

    func testCollectiveDistrictChairsBecomeOneEntryPerUnit() throws {
        let plan = read("HĐND tỉnh Điện Biên", "2. Đối tượng giải trình",
                        "- Chủ tịch UBND cấp huyện (giải trình làm rõ việc triển khai trên địa bàn huyện, thị xã, thành phố).")
        XCTAssertEqual(ids(plan), ["ubnd-tp-dien-bien-phu", "ubnd-tx-muong-lay", "ubnd-dien-bien", "ubnd-dien-bien-dong",
                                   "ubnd-muong-ang", "ubnd-tuan-giao", "ubnd-tua-chua", "ubnd-muong-cha", "ubnd-muong-nhe",
                                   "ubnd-nam-po"])
        let group = try XCTUnwrap(plan.groups.last)
        XCTAssertEqual(group.source, .words("Chủ tịch UBND cấp huyện"))
        XCTAssertTrue(group.toConfirm?.contains("xác nhận danh sách") == true, group.toConfirm ?? "")
        XCTAssertEqual(body(plan, "ubnd-tp-dien-bien-phu")?.name, "UBND thành phố Điện Biên Phủ")
        XCTAssertEqual(body(plan, "ubnd-tp-dien-bien-phu")?.aliases,
                       ["thành phố Điện Biên Phủ", "TP Điện Biên Phủ", "TP. Điện Biên Phủ"])
        XCTAssertEqual(body(plan, "ubnd-tua-chua")?.aliases, ["huyện Tủa Chùa"])
    }

    func testACollectiveOfSomeKindsLeavesTheOthersOutAndSaysSo() throws {
        let plan = read("Điện Biên", "Cơ quan báo cáo: UBND các huyện, thành phố.")
        XCTAssertEqual(plan.bodies.count, 9)
        XCTAssertFalse(ids(plan).contains("ubnd-tx-muong-lay"))
        XCTAssertTrue(plan.groups[0].toConfirm?.contains("thị xã Mường Lay") == true)
    }

    func testUnitsNamedAfterTheirKindAreEachAnEntry() {
        let plan = read("HĐND tỉnh Sơn La", "II. CƠ QUAN BÁO CÁO",
                        "• Chủ tịch UBND các huyện Mộc Châu, Vân Hồ, Quỳnh Nhai và thành phố Sơn La;",
                        "• UBND các huyện: Yên Châu và Mai Sơn.")
        XCTAssertEqual(ids(plan), ["ubnd-moc-chau", "ubnd-van-ho", "ubnd-quynh-nhai", "ubnd-tp-son-la", "ubnd-yen-chau",
                                   "ubnd-mai-son"])
        XCTAssertTrue(plan.groups.allSatisfy { $0.toConfirm == nil })
    }

    func testAnUnknownProvinceLeavesAPlaceholderWithATodo() throws {
        let plan = read("Đối tượng giám sát: Sở Tài chính; Chủ tịch UBND cấp huyện.")
        XCTAssertNil(plan.province)
        XCTAssertNil(plan.officeName)
        XCTAssertEqual(ids(plan), ["stc", "todo-ubnd-cap-huyen"])
        XCTAssertEqual(body(plan, "todo-ubnd-cap-huyen")?.kind, .placeholder)
        XCTAssertTrue(plan.groups.last?.toConfirm?.hasPrefix("TODO: dondoc không nhận ra") == true)
    }

    func testAProvinceWithoutKnownUnitsLeavesAPlaceholderWithATodo() {
        let plan = read("HỘI ĐỒNG NHÂN DÂN", "TỈNH THANH HÓA", "Đối tượng giám sát: UBND các huyện, thị xã, thành phố.")
        XCTAssertEqual(plan.province?.name, "Thanh Hóa")
        XCTAssertEqual(ids(plan), ["todo-ubnd-cap-huyen"])
        XCTAssertTrue(plan.groups[0].toConfirm?.contains("chưa có danh mục đơn vị cấp huyện của tỉnh Thanh Hóa") == true)
    }

    func testAUnitMissingFromTheGazetteerIsKeptWithATodo() throws {
        let plan = read("tỉnh Lai Châu", "Cơ quan báo cáo: UBND các huyện: Mường Tè, Phong Sơn.")
        XCTAssertEqual(ids(plan), ["ubnd-muong-te", "ubnd-phong-son"])
        XCTAssertTrue(plan.groups.last?.toConfirm?.contains("không có trong danh mục") == true)
    }

    func testACommaInsideADepartmentsNameDoesNotSplitIt() {
        let plan = read("Cơ quan báo cáo: Giám đốc các Sở: Văn hóa, Thể thao và Du lịch, Lao động, Thương binh và Xã hội, Y tế.")
        XCTAssertEqual(ids(plan), ["svhttdl", "sldtbxh", "syt"])
    }

    func testAbbreviatedAndDashedDepartmentNamesAreRecognised() {
        let plan = read("Đơn vị thực hiện: Sở TN&MT; Sở KH&ĐT; Sở LĐ-TB&XH; Sở Thông tin - Truyền thông; Sở GTVT.")
        XCTAssertEqual(ids(plan), ["stnmt", "skhdt", "sldtbxh", "stttt", "sgtvt"])
    }

    func testAndSeparatesBodiesButNotTheWordsOfAName() {
        let plan = read("Cơ quan báo cáo: Sở Kế hoạch và Đầu tư và UBND huyện Tủa Chùa; Tài chính và Nội vụ.")
        XCTAssertEqual(ids(plan), ["skhdt", "ubnd-tua-chua", "stc", "snv"])
    }

    func testRelatedUnitsAreNotedNotAdded() {
        let plan = read("Đối tượng giải trình: Sở Tài chính; các đơn vị liên quan.")
        XCTAssertEqual(ids(plan), ["stc"])
        XCTAssertEqual(plan.notes, ["Kế hoạch còn nêu “các đơn vị liên quan”: dondoc không tự thêm; Văn phòng bổ sung nếu cần."])
    }

    func testNumberedLetteredAndBulletedListsAreRead() {
        let plan = read("tỉnh Quảng Ninh", "2. Đơn vị thực hiện:", "a) Các sở, ngành:", "+ Y tế;", "+ Thanh tra tỉnh;",
                        "b) UBND các huyện, thị xã, thành phố.", "3. Thời gian: phiên chất vấn tổ chức ngày 15/4/2022.")
        XCTAssertEqual(Array(ids(plan).prefix(3)), ["syt", "thanh-tra", "ubnd-tp-ha-long"])
        XCTAssertEqual(plan.bodies.count, 15)
        XCTAssertEqual(body(plan, "thanh-tra")?.name, "Thanh tra tỉnh Quảng Ninh")
        XCTAssertEqual(body(plan, "thanh-tra")?.aliases, ["Thanh tra tỉnh"])
    }

    func testEveryWordingOfTheSectionIsRecognised() {
        for heading in ["Đối tượng giải trình", "Cơ quan báo cáo", "Đơn vị thực hiện", "Các cơ quan, đơn vị được giám sát",
                        "III. CÁC CƠ QUAN, ĐƠN VỊ ĐƯỢC GIÁM SÁT", "2. Phạm vi, đối tượng giám sát", "Đơn vị được khảo sát"] {
            XCTAssertEqual(ids(read(heading, "- Sở Tài chính;", "- Sở Y tế.")), ["stc", "syt"], heading)
        }
    }

    func testHeadingsThatAreNotListsOfBodiesAreNotRead() {
        let plan = read("II. NỘI DUNG, CƠ QUAN GIẢI TRÌNH", "- Sở Tài chính.",
                        "5. Thủ trưởng các đơn vị thuộc đối tượng giải trình", "- Sở Y tế.")
        XCTAssertEqual(ids(plan), [])
    }

    func testListsWithoutMarkersAsInADocxAreRead() {
        // Word's automatic numbering is not in a DOCX's text.
        let plan = read("tỉnh Lai Châu", "CÁC CƠ QUAN, ĐƠN VỊ ĐƯỢC GIÁM SÁT", "Giám sát qua báo cáo", "Sở Giáo dục và Đào tạo;",
                        "Ban Dân tộc tỉnh.", "Giám sát trực tiếp", "UBND các huyện: Sìn Hồ, Mường Tè.",
                        "THỜI GIAN, PHƯƠNG THỨC GIÁM SÁT", "Văn phòng Đoàn ĐBQH và HĐND tỉnh gửi đề cương đến các cơ quan.")
        XCTAssertEqual(ids(plan), ["sgddt", "ban-dan-toc", "ubnd-sin-ho", "ubnd-muong-te"])
    }

    func testTasksOfABodyAreNotBodies() {
        let plan = read("Đơn vị thực hiện", "1. Sở Tài chính: chủ trì, tổng hợp báo cáo của các huyện.",
                        "- Phối hợp với Văn phòng chuẩn bị tài liệu.", "2. Sở Y tế chủ trì báo cáo về y tế cơ sở.")
        XCTAssertEqual(ids(plan), ["stc", "syt"])
    }

    func testWithoutAListTheDeadlineSentenceNamesTheBodies() {
        let plan = read("tỉnh Điện Biên",
                        "Đề nghị các sở: Tài chính, Y tế và UBND huyện Tủa Chùa gửi báo cáo về Văn phòng trước ngày 10/5/2020.")
        XCTAssertEqual(ids(plan), ["stc", "syt", "ubnd-tua-chua"])
        XCTAssertTrue(plan.notes.contains { $0.contains("câu về hạn gửi báo cáo") })
    }

    func testABodyNamedAgainByItsShortFormIsOneAgency() {
        let plan = read("Đối tượng giải trình: Công ty cổ phần Du lịch Mộc Châu; Du lịch Mộc Châu.")
        XCTAssertEqual(ids(plan), ["du-lich-moc-chau"])
    }

    func testAnAliasThatWouldNameTwoAgenciesIsDropped() {
        // "Cao su Mường Nhé" is the short form of the company and, for dondoc, of nothing
        // else; "Du lịch Mộc Châu" would be both companies' short form.
        let plan = read("tỉnh Sơn La", "Đối tượng giải trình: Công ty cổ phần Du lịch Mộc Châu Sơn La; "
                        + "Công ty TNHH Du lịch Mộc Châu.")
        XCTAssertEqual(ids(plan), ["du-lich-moc-chau", "du-lich-moc-chau-2"])
        var owners: [[String]: String] = [:]
        for body in plan.bodies {
            for label in [body.name] + body.aliases {
                let key = VietnameseText.nameWords(label)
                XCTAssertEqual(owners[key] ?? body.id, body.id, "\(label) names two agencies")
                owners[key] = body.id
            }
        }
    }

    // MARK: Gazetteer

    func testTheGazetteerHasTheSixtyThreeProvincesOf2020() {
        XCTAssertEqual(GazetteerData.provinces.count, 63)
        XCTAssertEqual(Set(GazetteerData.provinces.map(\.name)).count, 63)
        XCTAssertEqual(Gazetteer.province(named: "Dien Bien")?.units?.count, 10)
        XCTAssertEqual(Gazetteer.province(named: "Bắc Cạn")?.name, "Bắc Kạn")
    }
}
