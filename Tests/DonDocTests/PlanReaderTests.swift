@testable import DonDoc
import XCTest

/// `PlanReader` on short plans, one behaviour each. The whole plans of
/// Tests/Fixtures/plans are read in PlanFixtureTests.
final class PlanReaderTests: XCTestCase {
    private func read(_ lines: String...) -> Plan { PlanReader.read(lines.joined(separator: "\n")) }

    private func ids(_ plan: Plan) -> [String] { plan.bodies.map(\.id) }

    private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    // MARK: Deadline

    func testBeforeADateMeansTheDayBefore() throws {
        let plan = read("- Các sở gửi báo cáo bằng văn bản về Thường trực HĐND tỉnh trước ngày 10/5/2020.")
        let deadline = try XCTUnwrap(plan.deadline)
        XCTAssertEqual(deadline.date, date("2020-05-09"))
        XCTAssertEqual(deadline.written, date("2020-05-10"))
        XCTAssertEqual(deadline.rule, .before)
        XCTAssertEqual(deadline.phrase, "trước ngày 10/5/2020")
        XCTAssertTrue(deadline.reading.contains("09/05/2020 (ngày hôm trước)"), deadline.reading)
    }

    func testNoLaterThanADateMeansThatDay() {
        let plan = read("Các cơ quan gửi báo cáo về Ban Kinh tế - Ngân sách chậm nhất ngày 15/7/2021.")
        XCTAssertEqual(plan.deadline?.date, date("2021-07-15"))
        XCTAssertEqual(plan.deadline?.rule, .onOrBefore)
        XCTAssertEqual(plan.deadline?.phrase, "chậm nhất ngày 15/7/2021")
    }

    func testBeforeOrOnADateMeansThatDay() {
        let plan = read("Đề nghị các đơn vị gửi báo cáo trước hoặc trong ngày 20/9/2020.")
        XCTAssertEqual(plan.deadline?.date, date("2020-09-20"))
        XCTAssertEqual(plan.deadline?.phrase, "trước hoặc trong ngày 20/9/2020")
        XCTAssertEqual(read("Các đơn vị gửi báo cáo trước hoặc vào ngày 20/9/2020.").deadline?.date, date("2020-09-20"))
        XCTAssertEqual(read("Các đơn vị gửi báo cáo chậm nhất vào ngày 20/9/2020.").deadline?.date, date("2020-09-20"))
    }

    func testLastDayWordingMeansThatDay() {
        let plan = read("Các cơ quan gửi báo cáo giải trình; hạn cuối nhận báo cáo là ngày 31/03/2022.")
        XCTAssertEqual(plan.deadline?.date, date("2022-03-31"))
        XCTAssertEqual(plan.deadline?.rule, .onOrBefore)
    }

    func testBeforeAnHourOfADateMeansThatDay() {
        let plan = read("Các cơ quan gửi báo cáo về Thường trực HĐND tỉnh trước 17 giờ ngày 10/6/2021.")
        XCTAssertEqual(plan.deadline?.date, date("2021-06-10"))
        XCTAssertEqual(plan.deadline?.rule, .beforeTimeOfDay)
        XCTAssertEqual(plan.deadline?.phrase, "trước 17 giờ ngày 10/6/2021")
        let written = read("Các cơ quan gửi báo cáo chậm nhất 16h30 ngày 11/6/2021.").deadline
        XCTAssertEqual(written?.date, date("2021-06-11"))
        XCTAssertEqual(written?.phrase, "chậm nhất 16h30 ngày 11/6/2021")
    }

    func testDatesWrittenInWordsAreRead() {
        let plan = read("Các đơn vị gửi báo cáo về Văn phòng trước ngày 10 tháng 5 năm 2020.")
        XCTAssertEqual(plan.deadline?.date, date("2020-05-09"))
        XCTAssertEqual(plan.deadline?.phrase, "trước ngày 10 tháng 5 năm 2020")
    }

    func testDatesWithZeroPaddedOrDottedDayAndMonthAreRead() {
        XCTAssertEqual(read("Gửi báo cáo chậm nhất ngày 05/03/2022.").deadline?.date, date("2022-03-05"))
        XCTAssertEqual(read("Gửi báo cáo chậm nhất ngày 5.3.2022.").deadline?.date, date("2022-03-05"))
        XCTAssertEqual(read("Gửi báo cáo chậm nhất ngày 5-3-2022.").deadline?.date, date("2022-03-05"))
    }

    func testADateWithoutItsYearTakesThePlansYear() throws {
        let plan = read("Sơn La, ngày 12 tháng 8 năm 2020", "KẾ HOẠCH", "Khảo sát du lịch",
                        "Các cơ quan gửi báo cáo về Ban trước ngày 20/9.")
        let deadline = try XCTUnwrap(plan.deadline)
        XCTAssertEqual(deadline.date, date("2020-09-19"))
        XCTAssertTrue(deadline.yearAssumed)
        XCTAssertTrue(deadline.reading.contains("không ghi năm"), deadline.reading)
    }

    func testTheDateTiedToSendingReportsWinsOverTheMeetingAndTheVisit() {
        let plan = read(
            "1. Thời gian: phiên họp dự kiến tổ chức trước ngày 15/4/2022 tại Hội trường.",
            "2. Đoàn giám sát làm việc trực tiếp từ ngày 26/7/2021 đến ngày 30/7/2021.",
            "3. Các cơ quan gửi báo cáo bằng văn bản, bản điện tử qua địa chỉ bc@hdnd.example.org chậm nhất ngày 31/3/2022.")
        XCTAssertEqual(plan.deadline?.date, date("2022-03-31"))
    }

    func testDatesOfTheLegalBasisAreNotTheDeadline() {
        let plan = read("Căn cứ Nghị quyết số 21/NQ-HĐND ngày 19/12/2019 yêu cầu gửi báo cáo trước ngày 01/01/2020;",
                        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")
        XCTAssertNil(plan.deadline)
    }

    func testAnInstructionStartingWithCanCuIsNotLegalBasis() {
        let plan = read("- Căn cứ chức năng, nhiệm vụ báo cáo bằng văn bản về Thường trực HĐND tỉnh trước ngày 10/5/2020.")
        XCTAssertEqual(plan.deadline?.date, date("2020-05-09"))
    }

    func testADateThatDatesAnotherDocumentIsNotTheDeadline() {
        let plan = read("Thực hiện Kế hoạch số 10/KH-HĐND ngày 15/01/2020, các sở gửi báo cáo chậm nhất ngày 20/02/2020.")
        XCTAssertEqual(plan.deadline?.date, date("2020-02-20"))
    }

    func testNoDeadlineWhenThePlanNamesNone() {
        XCTAssertNil(read("KẾ HOẠCH", "Giám sát", "Thời gian: Quý II năm 2020.").deadline)
    }

    // MARK: Title, id, tag, mailbox

    func testTheTitleIsTheLineUnderKeHoach() {
        let plan = read("KẾ HOẠCH", "", "Tổ chức giải trình tại phiên họp Thường trực", "Hội đồng nhân dân tỉnh", "",
                        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")
        XCTAssertEqual(plan.title, "Tổ chức giải trình tại phiên họp Thường trực Hội đồng nhân dân tỉnh")
    }

    func testTheTitleMayShareTheKeHoachLine() {
        XCTAssertEqual(read("KẾ HOẠCH Khảo sát kết quả thực hiện Nghị quyết về du lịch").title,
                       "Khảo sát kết quả thực hiện Nghị quyết về du lịch")
    }

    func testALetterIsTitledByItsVvLine() {
        XCTAssertEqual(read("Số: 12/HĐND-VP", "V/v báo cáo kết quả giải quyết kiến nghị cử tri").title,
                       "Báo cáo kết quả giải quyết kiến nghị cử tri")
    }

    func testWithoutAHeadingTheTitleIsWhatThePlanIssues() {
        XCTAssertEqual(read("Thường trực HĐND tỉnh ban hành Kế hoạch tổ chức giải trình về đất đai như sau:").title,
                       "Tổ chức giải trình về đất đai")
    }

    func testCampaignIDAndTagComeFromTheActivityYearAndQuarter() {
        let plan = read("KẾ HOẠCH", "Tổ chức giải trình tại phiên họp Thường trực HĐND tỉnh",
                        "1. Thời gian: Quý II năm 2020.", "Các sở gửi báo cáo trước ngày 10/5/2020.")
        XCTAssertEqual(plan.campaignID, "giai-trinh-2020-q2")
        XCTAssertEqual(plan.tag, "GT2020")
        XCTAssertEqual(read("KẾ HOẠCH", "Giám sát việc quản lý đất đai", "Gửi báo cáo chậm nhất ngày 1/6/2021.").campaignID,
                       "giam-sat-2021")
    }

    func testTheMailboxIsTheAddressForElectronicCopies() {
        let plan = read("Liên hệ: đồng chí Hiền, email hien@example.org.",
                        "Các sở báo cáo bằng văn bản (bản điện tử qua địa chỉ vanphong@hdnd.example.org.) trước ngày 10/5/2020.")
        XCTAssertEqual(plan.mailbox, "vanphong@hdnd.example.org")
    }

    // MARK: Province and office

    func testTheProvinceIsReadFromTheCouncilsName() {
        let plan = read("HĐND TỈNH LAI CHÂU", "Thông tin về tỉnh Điện Biên chỉ để tham khảo.", "Văn phòng Đoàn ĐBQH và HĐND tỉnh")
        XCTAssertEqual(plan.province?.name, "Lai Châu")
        XCTAssertEqual(plan.provinceEvidence, "TỈNH LAI CHÂU")
        XCTAssertEqual(plan.officeName, "Văn phòng Đoàn ĐBQH và HĐND tỉnh Lai Châu")
    }

    func testTheProvinceIsReadFromPlaceNamesAlone() {
        let plan = read("Công ty cổ phần Cao su Điện Biên; Công ty cổ phần Cao su Mường Nhé Điện Biên.")
        XCTAssertEqual(plan.province?.name, "Điện Biên")
        XCTAssertEqual(plan.officeName, "Văn phòng HĐND tỉnh Điện Biên")
    }

    func testADistrictNamedLikeAnotherProvinceIsNotThatProvince() {
        XCTAssertNil(read("Đoàn làm việc tại huyện Quảng Ninh.").province)
    }

    func testWordsThatSpellAProvinceInLowerCaseAreNotIt() {
        XCTAssertNil(read("Các sở báo cáo bằng văn bản vì hòa bình.").province)
    }
}
