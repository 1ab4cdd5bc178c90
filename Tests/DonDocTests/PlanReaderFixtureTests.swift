import DonDoc
import Foundation
import TestSupport
import XCTest

/// Whole plans, as the Offices of five provinces word them (Tests/Fixtures/plans/README.md).
final class PlanReaderFixtureTests: XCTestCase {
    private func plan(_ name: String) throws -> Plan {
        PlanReader.read(try String(contentsOf: Fixtures.url("plans/\(name)"), encoding: .utf8))
    }

    private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func testTheSeedPlanOfDienBien2020() throws {
        let plan = try plan("ke-hoach-giai-trinh-2020.txt")
        XCTAssertEqual(plan.title, "Tổ chức giải trình tại phiên họp Thường trực Hội đồng nhân dân tỉnh")
        XCTAssertEqual(plan.campaignID, "giai-trinh-2020-q2")
        XCTAssertEqual(plan.tag, "GT2020")
        XCTAssertEqual(plan.deadline?.date, date("2020-05-09"))
        XCTAssertEqual(plan.deadline?.phrase, "trước ngày 10/5/2020")
        XCTAssertEqual(plan.mailbox, "thuhienhdnd@hdnd.example.org")
        XCTAssertEqual(plan.province?.name, "Điện Biên")
        XCTAssertEqual(plan.officeName, "Văn phòng HĐND tỉnh Điện Biên")
        XCTAssertNil(plan.planDate)
        XCTAssertEqual(plan.bodySections, ["Đối tượng giải trình"])
        XCTAssertEqual(plan.bodies.map(\.id), [
            "stnmt", "stc", "skhdt", "snnptnt", "snv", "stttt", "cao-su-dien-bien", "cao-su-muong-nhe",
            "ubnd-tp-dien-bien-phu", "ubnd-tx-muong-lay", "ubnd-dien-bien", "ubnd-dien-bien-dong", "ubnd-muong-ang",
            "ubnd-tuan-giao", "ubnd-tua-chua", "ubnd-muong-cha", "ubnd-muong-nhe", "ubnd-nam-po",
        ])
        XCTAssertEqual(plan.groups.map { $0.toConfirm != nil }, [false, true])
    }

    func testAMonitoringPlanOfLaiChauWithLetteredLists() throws {
        let plan = try plan("ke-hoach-giam-sat-lai-chau-2021.txt")
        XCTAssertEqual(plan.campaignID, "giam-sat-2021")
        XCTAssertEqual(plan.tag, "GS2021")
        XCTAssertEqual(plan.planDate, date("2021-06-18"))
        // Not the visit (26–30/7) nor the report to the council (20/8).
        XCTAssertEqual(plan.deadline?.date, date("2021-07-15"))
        XCTAssertEqual(plan.deadline?.phrase, "chậm nhất ngày 15 tháng 7 năm 2021")
        XCTAssertEqual(plan.mailbox, "banvhxh@hdnd.laichau.example.org")
        XCTAssertEqual(plan.officeName, "Văn phòng Đoàn ĐBQH và HĐND tỉnh Lai Châu")
        XCTAssertEqual(plan.bodies.map(\.id), ["sgddt", "sldtbxh", "stc", "ban-dan-toc", "ubnd-sin-ho", "ubnd-muong-te",
                                               "ubnd-nam-nhun", "ubnd-tp-lai-chau"])
        XCTAssertEqual(plan.bodies.first { $0.id == "ban-dan-toc" }?.name, "Ban Dân tộc tỉnh Lai Châu")
    }

    func testASurveyPlanOfSonLaWithBulletsAndCommas() throws {
        let plan = try plan("ke-hoach-khao-sat-son-la-2020.txt")
        XCTAssertEqual(plan.title, "Khảo sát kết quả thực hiện Nghị quyết về phát triển du lịch tỉnh Sơn La giai đoạn 2017 - 2020")
        XCTAssertEqual(plan.campaignID, "khao-sat-2020")
        XCTAssertEqual(plan.planDate, date("2020-08-12"))
        // Not the outline the Office sends "chậm nhất ngày 25/8/2020".
        XCTAssertEqual(plan.deadline?.date, date("2020-09-20"))
        XCTAssertEqual(plan.deadline?.rule, .onOrBefore)
        XCTAssertEqual(plan.mailbox, "bankinhte@hdnd.sonla.example.org")
        XCTAssertEqual(plan.bodies.map(\.id), ["svhttdl", "skhdt", "stc", "sct", "sgtvt", "ubnd-moc-chau", "ubnd-van-ho",
                                               "ubnd-quynh-nhai", "ubnd-tp-son-la", "du-lich-moc-chau"])
    }

    func testAQuestioningPlanOfQuangNinhWithACollectiveOfEveryKind() throws {
        let plan = try plan("ke-hoach-chat-van-quang-ninh-2022.txt")
        XCTAssertEqual(plan.campaignID, "chat-van-2022-q1")
        XCTAssertEqual(plan.tag, "CV2022")
        XCTAssertEqual(plan.deadline?.date, date("2022-03-31"))
        XCTAssertEqual(plan.mailbox, "tonghop@hdnd.quangninh.example.org")
        let ids = plan.bodies.map(\.id)
        XCTAssertEqual(Array(ids.prefix(4)), ["syt", "sldtbxh", "thanh-tra", "cong-an"])
        XCTAssertEqual(ids.count, 4 + 13)
        XCTAssertTrue(ids.contains("ubnd-tp-ha-long") && ids.contains("ubnd-tx-dong-trieu") && ids.contains("ubnd-co-to"))
    }

    func testAPlanOfAProvinceWhoseUnitsDondocDoesNotKnow() throws {
        let plan = try plan("ke-hoach-giam-sat-thanh-hoa-2021.txt")
        XCTAssertEqual(plan.province?.name, "Thanh Hóa")
        XCTAssertEqual(plan.bodySections, ["Đối tượng giám sát"])
        XCTAssertEqual(plan.deadline?.date, date("2021-06-10"))
        XCTAssertEqual(plan.deadline?.rule, .beforeTimeOfDay)
        XCTAssertEqual(plan.bodies.map(\.id), ["ubnd-tinh", "stnmt", "sxd", "ban-quan-ly-khu-kinh-te", "todo-ubnd-cap-huyen"])
        XCTAssertEqual(plan.bodies.last?.kind, .placeholder)
        XCTAssertEqual(plan.bodies.first { $0.id == "ban-quan-ly-khu-kinh-te" }?.name,
                       "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp")
    }

    func testEveryIDIsOneACampaignFileAccepts() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("plans").path).filter { $0.hasSuffix(".txt") }
        XCTAssertGreaterThanOrEqual(names.count, 5)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for name in names {
            let plan = try plan(name)
            XCTAssertTrue(plan.tag.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }, name)
            for id in [plan.campaignID] + plan.bodies.map(\.id) {
                XCTAssertTrue(!id.isEmpty && id.allSatisfy(allowed.contains) && id.first != "-" && id.last != "-", "\(name): \(id)")
            }
            XCTAssertEqual(Set(plan.bodies.map(\.id)).count, plan.bodies.count, name)
        }
    }
}
