import DonDoc
import Foundation
@testable import Jobs
import TestSupport
import XCTest
@testable import Configuration
@testable import MailTemplates

/// The shipped Vietnamese templates render the mails the Office means to send, and a
/// campaign's own templates are checked before anything goes out.
final class MailTemplatesTests: XCTestCase {
    private static let stnmt = Agency(id: "stnmt", name: "Sở Tài nguyên và Môi trường",
                                      aliases: ["Sở TN&MT"], emails: ["stnmt@dienbien.example.org"])
    private static let muongNhe = Agency(id: "ubnd-muong-nhe", name: "UBND huyện Mường Nhé",
                                         emails: ["ubndmuongnhe@dienbien.example.org"])

    private func campaign(templatesPath: String? = nil, agencies: [Agency] = [stnmt, muongNhe]) -> Campaign {
        Campaign(
            id: "giai-trinh-2020-q2",
            title: "Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020",
            timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
            opens: LocalDate(year: 2020, month: 4, day: 15)!,
            deadline: LocalDate(year: 2020, month: 5, day: 9)!,
            tag: "GT2020",
            office: Office(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org",
                           secretariat: ["chanhvanphong@hdnd.example.org"]),
            mailbox: MailboxSettings(url: URL(string: "imaps://imap.example.org/INBOX")!,
                                     username: "vanphong@hdnd.example.org", password: .environment("X")),
            smtp: nil, storePath: "/tmp/unused.sqlite", reminders: ReminderSettings(),
            templatesPath: templatesPath, agencies: agencies)
    }

    private func day(_ day: Int, _ month: Int = 5) -> LocalDate { LocalDate(year: 2020, month: month, day: day)! }

    private func receiptContext(agency: Agency = stnmt) -> ReceiptMailContext {
        ReceiptMailContext(
            campaign: campaign(), agency: agency,
            files: [ReceiptFile(name: "45-BC-STNMT.pdf", size: 245_760), ReceiptFile(name: "Phụ lục.docx", size: 1_300_000)],
            receivedAt: ISO8601DateFormatter().date(from: "2020-05-06T09:15:32+07:00")!,
            originalSubject: "Số: 45/BC-STNMT Báo cáo giải trình",
            originalMessageID: "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>")
    }

    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-templates")
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// The problems of the ConfigError the folder's templates raise.
    private func problems(file expectedFile: String) throws -> [ConfigProblem] {
        do {
            _ = try MailTemplates(campaign: campaign(templatesPath: folder.path))
            XCTFail("no ConfigError")
            return []
        } catch {
            guard case .invalid(let file, let problems) = error else {
                XCTFail("unexpected \(error)")
                return []
            }
            XCTAssertEqual(file, folder.appendingPathComponent(expectedFile).path)
            return problems
        }
    }

    // MARK: The shipped templates

    func testUpcomingForTheDepartmentOfNaturalResources() throws {
        let templates = try MailTemplates(campaign: campaign())
        let mail = templates.reminder(.upcoming, ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(6)))
        XCTAssertEqual(mail.subject, "[GT2020-STNMT] Đề nghị gửi báo cáo giải trình chậm nhất ngày 09/05/2020 (còn 3 ngày)")
        XCTAssertTrue(mail.body.hasPrefix("Kính gửi: Sở Tài nguyên và Môi trường\n\n"), mail.body)
        XCTAssertTrue(mail.body.contains("Kế hoạch tổ chức giải trình"), mail.body)
        XCTAssertTrue(mail.body.contains("(đợt: Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020)"), mail.body)
        XCTAssertTrue(mail.body.contains("chậm nhất ngày 09/05/2020 (còn 3 ngày)"), mail.body)
        XCTAssertTrue(mail.body.contains("giữ nguyên tiêu đề thư có mã [GT2020-STNMT]"), mail.body)
        XCTAssertTrue(mail.body.contains("định dạng PDF"), mail.body)
        XCTAssertTrue(mail.body.contains("\nVăn phòng HĐND tỉnh Điện Biên\nHộp thư: vanphong@hdnd.example.org\n"), mail.body)
        XCTAssertTrue(mail.body.contains("gửi tự động ngày 06/05/2020"), mail.body)
        assertFullyRendered(mail)
    }

    func testDueTodayForADistrictUsesTheUpperCasedIdAsCode() throws {
        let templates = try MailTemplates(campaign: campaign())
        // The deadline is a Saturday: the due_today reminder goes out on Friday 8/5.
        let mail = templates.reminder(.dueToday, ReminderMailContext(campaign: campaign(), agency: Self.muongNhe, today: day(8)))
        XCTAssertEqual(mail.subject, "[GT2020-UBND-MUONG-NHE] Hạn cuối gửi báo cáo giải trình: ngày 09/05/2020")
        XCTAssertTrue(mail.body.hasPrefix("Kính gửi: UBND huyện Mường Nhé\n"), mail.body)
        XCTAssertTrue(mail.body.contains("ngày 09/05/2020 là hạn cuối"), mail.body)
        XCTAssertTrue(mail.body.contains("[GT2020-UBND-MUONG-NHE]"), mail.body)
        assertFullyRendered(mail)
    }

    func testOverdueCountsDaysAndReminders() throws {
        let templates = try MailTemplates(campaign: campaign())
        let context = ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(12), overdueNumber: 2)
        XCTAssertEqual(context.daysOverdue, 3)
        XCTAssertEqual(context.daysLeft, 0)
        let mail = templates.reminder(.overdue, context)
        XCTAssertEqual(mail.subject, "[GT2020-STNMT] Đôn đốc lần 2: báo cáo giải trình đã quá hạn 3 ngày")
        XCTAssertTrue(mail.body.contains("hạn gửi báo cáo giải trình là ngày 09/05/2020. Đến ngày 12/05/2020 (quá hạn 3 ngày), Văn phòng HĐND tỉnh Điện Biên vẫn chưa"), mail.body)
        assertFullyRendered(mail)
    }

    func testAnExtensionMovesTheDeadlineInTheMail() throws {
        var agency = Self.stnmt
        agency.extendedDeadline = day(20)
        let context = ReminderMailContext(campaign: campaign(agencies: [agency]), agency: agency, today: day(13))
        XCTAssertEqual(context.deadline, day(20))
        XCTAssertEqual(context.daysLeft, 7)
        let mail = try MailTemplates(campaign: campaign()).reminder(.upcoming, context)
        XCTAssertEqual(mail.subject, "[GT2020-STNMT] Đề nghị gửi báo cáo giải trình chậm nhất ngày 20/05/2020 (còn 7 ngày)")
    }

    func testReceiptListsFilesAndTheLocalTimeReceived() throws {
        let mail = try MailTemplates(campaign: campaign()).receipt(receiptContext())
        XCTAssertEqual(mail.subject, "[GT2020-STNMT] Xác nhận đã nhận văn bản của Sở Tài nguyên và Môi trường")
        XCTAssertTrue(mail.body.hasPrefix("Kính gửi: Sở Tài nguyên và Môi trường\n"), mail.body)
        XCTAssertFalse(mail.body.contains("Số: 45/BC-STNMT Báo cáo giải trình"), "a receipt quotes no more than file names")
        XCTAssertTrue(mail.body.contains("lúc 09:15 ngày 06/05/2020, kèm theo 2 tệp:\n\n1. 45-BC-STNMT.pdf (240,0 KB)\n2. Phụ lục.docx (1,2 MB)\n\n"), mail.body)
        XCTAssertTrue(mail.body.contains("Nghị định số 30/2020/NĐ-CP"), mail.body)
        assertFullyRendered(mail)
    }

    func testReceiptCarriesNoLinkFromTheIncomingMail() throws {
        var context = receiptContext()
        context.files = [ReceiptFile(name: "http://evil.example/login.pdf", size: 10),
                         ReceiptFile(name: "www.evil.example.pdf", size: 10),
                         ReceiptFile(name: "evil.example/x?a=1 bao-cao.pdf", size: 10)]
        context.originalSubject = "Cập nhật tài khoản tại https://evil.example/dang-nhap ngay"
        let mail = try MailTemplates(campaign: campaign()).receipt(context)
        XCTAssertFalse(mail.body.contains("evil.example"), mail.body)
        XCTAssertEqual(QuotedFromMail.withoutLinks(context.originalSubject), "Cập nhật tài khoản tại […] ngay")
        XCTAssertEqual(QuotedFromMail.withoutLinks("45-BC-STNMT.pdf"), "45-BC-STNMT.pdf", "a file name stays")
    }

    func testWithoutASubjectACustomTemplatesSubjectSectionIsLeftOut() throws {
        // In Mustache an empty text still opens {{#original_subject}}; absent, it does not.
        var context = receiptContext()
        XCTAssertNotNil(context.values()["original_subject"])
        context.originalSubject = ""
        XCTAssertNil(context.values()["original_subject"])
        context.originalSubject = "https://evil.example/x"
        XCTAssertEqual(context.values()["original_subject"] as? String, "[…]")
    }

    func testAmpersandAndAngleBracketsAreNotHTMLEscaped() throws {
        let agency = Agency(id: "stnmt", name: "Sở TN&MT <Điện Biên>")
        let templates = try MailTemplates(campaign: campaign())
        let reminder = templates.reminder(.upcoming, ReminderMailContext(campaign: campaign(), agency: agency, today: day(6)))
        XCTAssertTrue(reminder.body.hasPrefix("Kính gửi: Sở TN&MT <Điện Biên>\n"), reminder.body)
        XCTAssertFalse(reminder.body.contains("&amp;") || reminder.body.contains("&lt;"), reminder.body)
        let receipt = templates.receipt(receiptContext(agency: agency))
        XCTAssertEqual(receipt.subject, "[GT2020-STNMT] Xác nhận đã nhận văn bản của Sở TN&MT <Điện Biên>")
    }

    func testEveryReminderSubjectCarriesTheAttributionTag() throws {
        let templates = try MailTemplates(campaign: campaign())
        for kind in [MailTemplateName.upcoming, .dueToday, .overdue] {
            for agency in [Self.stnmt, Self.muongNhe] {
                let context = ReminderMailContext(campaign: campaign(), agency: agency, today: day(6), overdueNumber: 1)
                let subject = templates.reminder(kind, context).subject
                XCTAssertTrue(subject.hasPrefix("[GT2020-\(agency.id.uppercased())] "), subject)
            }
        }
        XCTAssertTrue(templates.receipt(receiptContext(agency: Self.muongNhe)).subject.hasPrefix("[GT2020-UBND-MUONG-NHE] "))
    }

    func testEmbeddedDefaultsAreTheShippedFiles() throws {
        let shipped = CampaignFileForTests.repositoryRoot.appendingPathComponent("mailtemplates/vi")
        for name in MailTemplateName.allCases {
            let file = try String(contentsOf: shipped.appendingPathComponent(name.fileName), encoding: .utf8)
            XCTAssertEqual(DefaultTemplates.text(name), file,
                           "Sources/Jobs/DefaultTemplates.swift and mailtemplates/vi/\(name.fileName) differ: edit both")
        }
        // And the shipped folder, used as a campaign's own, gives the same mail.
        let fromFiles = try MailTemplates(folder: shipped.path)
        let context = ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(6))
        XCTAssertEqual(fromFiles.reminder(.upcoming, context), try MailTemplates(campaign: campaign()).reminder(.upcoming, context))
    }

    func testTheReadmeDocumentsEveryVariable() throws {
        let readme = try String(contentsOf: CampaignFileForTests.repositoryRoot
            .appendingPathComponent("mailtemplates/README.md"), encoding: .utf8)
        let names = MailTemplates.variables.values.reduce(Set<String>(), { $0.union($1) })
            .union(MailTemplates.listItemFields.values.joined())
        for name in names { XCTAssertTrue(readme.contains("`\(name)`"), "mailtemplates/README.md does not mention \(name)") }
    }

    /// The documented variables are exactly the ones each context supplies.
    func testEveryDocumentedVariableHasAValue() {
        let reminder = ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(12), overdueNumber: 1)
        for kind in [MailTemplateName.upcoming, .dueToday, .overdue] {
            XCTAssertEqual(Set(reminder.values(for: kind).keys), MailTemplates.variables[kind], "\(kind)")
        }
        XCTAssertEqual(Set(receiptContext().values().keys), MailTemplates.variables[.receipt])
    }

    // MARK: A campaign's own folder

    func testAFileInTheFolderReplacesItsDefaultAndTheOthersFallBack() throws {
        try write("receipt.mustache", "Subject: [{{tag}}-{{agency_code}}] Đã nhận\n\nĐã nhận {{file_count}} tệp của {{agency_name}}.\n")
        let templates = try MailTemplates(campaign: campaign(templatesPath: folder.path))
        XCTAssertEqual(templates.receipt(receiptContext()),
                       RenderedMail(subject: "[GT2020-STNMT] Đã nhận", body: "Đã nhận 2 tệp của Sở Tài nguyên và Môi trường.\n"))
        XCTAssertEqual(templates.sources[.receipt], folder.appendingPathComponent("receipt.mustache").path)
        XCTAssertEqual(templates.sources[.upcoming], "built-in mailtemplates/vi/upcoming.mustache")
        let context = ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(6))
        XCTAssertEqual(templates.reminder(.upcoming, context), try MailTemplates(campaign: campaign()).reminder(.upcoming, context))
    }

    func testWindowsLineEndsAByteOrderMarkAndDecomposedTextAreAccepted() throws {
        let text = "\u{FEFF}Subject: [{{tag}}-{{agency_code}}] Nhắc   gửi\r\n\r\nKính gửi: {{agency_name}}\r\n\r\n\r\n"
        try write("upcoming.mustache", text.decomposedStringWithCanonicalMapping)
        let mail = try MailTemplates(folder: folder.path)
            .reminder(.upcoming, ReminderMailContext(campaign: campaign(), agency: Self.stnmt, today: day(6)))
        XCTAssertEqual(mail, RenderedMail(subject: "[GT2020-STNMT] Nhắc gửi", body: "Kính gửi: Sở Tài nguyên và Môi trường\n"))
        XCTAssertEqual(Array(mail.body.unicodeScalars), Array(mail.body.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    func testAValueWithALineBreakCannotBreakTheSubject() throws {
        let agency = Agency(id: "stnmt", name: "Sở TN&MT\nBcc: victim@example.org")
        let mail = try MailTemplates(campaign: campaign())
            .receipt(receiptContext(agency: agency))
        XCTAssertEqual(mail.subject, "[GT2020-STNMT] Xác nhận đã nhận văn bản của Sở TN&MT Bcc: victim@example.org")
    }

    func testListItemsAndPositionTransformsInsideTheList() throws {
        try write("receipt.mustache", "Subject: Đã nhận\n\n{{#files}}{{name}}{{^last()}}, {{/last()}}{{/files}}\n")
        let mail = try MailTemplates(folder: folder.path).receipt(receiptContext())
        XCTAssertEqual(mail.body, "45-BC-STNMT.pdf, Phụ lục.docx\n")
    }

    func testAnUnknownVariableNamesFileLineAndVariable() throws {
        try write("upcoming.mustache", "Subject: [{{tag}}-{{agency_code}}] Nhắc\n\nKính gửi: {{agency_name}}\n\nHạn: {{dealine}}\n{{! a comment with {{braces}} is fine }}\n")
        let found = try problems(file: "upcoming.mustache")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.line, 5)
        XCTAssertTrue(found.first?.message.hasPrefix("unknown variable {{dealine}}") == true, "\(found)")
        XCTAssertTrue(found.first?.message.contains("deadline") == true, "the message lists the known names")
    }

    func testAVariableOfAnotherTemplateIsUnknownHere() throws {
        try write("upcoming.mustache", "Subject: quá hạn {{days_overdue}} ngày\n\n{{{agency_name}}} {{& files}}\n")
        let found = try problems(file: "upcoming.mustache")
        XCTAssertEqual(found.map(\.line), [1, 3])
        XCTAssertTrue(found[0].message.contains("{{days_overdue}}"))
        XCTAssertTrue(found[1].message.contains("{{files}}"))
    }

    func testListFieldsAreUnknownOutsideTheirList() throws {
        try write("receipt.mustache", "Subject: Đã nhận\n\n{{#files}}\n{{name}}\n{{/files}}\n{{size}}\n{{last()}}\n")
        let found = try problems(file: "receipt.mustache")
        XCTAssertEqual(found.map(\.line), [6, 7], "\(found)")
        XCTAssertTrue(found[0].message.contains("unknown variable {{size}}"))
    }

    func testAnUnclosedSectionIsASyntaxError() throws {
        try write("receipt.mustache", "Subject: Đã nhận\n\nTệp:\n{{#files}}\n{{name}}\n")
        let found = try problems(file: "receipt.mustache")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.message.contains("never closed") == true, "\(found)")
    }

    func testAnUnfinishedTagIsASyntaxError() throws {
        try write("overdue.mustache", "Subject: Quá hạn\n\nKính gửi: {{agency_name\n")
        let found = try problems(file: "overdue.mustache")
        XCTAssertFalse(found.isEmpty)
        XCTAssertEqual(found.first?.line, 3, "\(found)")
    }

    func testAMismatchedClosingTagIsASyntaxError() throws {
        try write("receipt.mustache", "Subject: Đã nhận\n\n{{#files}}{{name}}{{/file}}\n")
        XCTAssertFalse(try problems(file: "receipt.mustache").isEmpty)
    }

    func testPartialsPragmasAndTransformsAreRefused() throws {
        try write("due_today.mustache", "Subject: {{> header}}\n\n{{=<% %>=}}\n<% agency_name %>\n")
        XCTAssertEqual(try problems(file: "due_today.mustache").first?.line, 1)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("due_today.mustache"))
        try write("overdue.mustache", "Subject: Quá hạn\n\n{{uppercased(agency_name)}}\n")
        XCTAssertTrue(try problems(file: "overdue.mustache").first?.message.contains("not supported") == true)
    }

    func testTheFileMustStartWithASubjectAndAnEmptyLine() throws {
        try write("upcoming.mustache", "Kính gửi: {{agency_name}}\n")
        XCTAssertEqual(try problems(file: "upcoming.mustache").first?.line, 1)
        try write("upcoming.mustache", "Subject: Nhắc\nKính gửi: {{agency_name}}\n")
        XCTAssertEqual(try problems(file: "upcoming.mustache").first?.line, 2)
        try write("upcoming.mustache", "Subject: Nhắc\n\n\n")
        XCTAssertEqual(try problems(file: "upcoming.mustache").first?.message, "the body is empty")
    }

    func testAMisspeltFileNameIsAnError() throws {
        try write("upcomming.mustache", "Subject: x\n\ny\n")
        try write("README.md", "notes are fine")
        do {
            _ = try MailTemplates(folder: folder.path)
            XCTFail("no error")
        } catch {
            guard case .invalid(let file, let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, folder.path)
            XCTAssertTrue(problems.first?.message.contains("unknown template file upcomming.mustache") == true, "\(problems)")
        }
    }

    func testTheErrorLineNamesTheFile() throws {
        try write("overdue.mustache", "Subject: Quá hạn {{days_late}} ngày\n\nx\n")
        do {
            _ = try MailTemplates(folder: folder.path)
            XCTFail("no error")
        } catch {
            let path = folder.appendingPathComponent("overdue.mustache").path
            XCTAssertEqual(error.lines.count, 1)
            XCTAssertTrue(error.lines[0].hasPrefix("\(path): line 1: unknown variable {{days_late}}"), error.lines[0])
        }
    }

    private func assertFullyRendered(_ mail: RenderedMail, file: StaticString = #filePath, line: UInt = #line) {
        for text in [mail.subject, mail.body] {
            XCTAssertFalse(text.contains("{{") || text.contains("}}"), text, file: file, line: line)
        }
        XCTAssertFalse(mail.subject.contains("\n"), file: file, line: line)
        XCTAssertTrue(mail.body.hasSuffix(".\n") && !mail.body.hasSuffix("\n\n"), mail.body, file: file, line: line)
    }
}
