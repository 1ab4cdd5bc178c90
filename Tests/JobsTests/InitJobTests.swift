import DonDoc
import Documents
import Foundation
@testable import Jobs
import TestSupport
import XCTest
@testable import Configuration

/// `dondoc init --plan`: from the Office's plan to a campaign file `CampaignFile` accepts,
/// and `dondoc check` listing what is left to fill in.
final class InitJobTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-init")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func plan(_ name: String) -> String { Fixtures.url("plans/\(name)").path }

    private func output(_ name: String = "campaign.yaml") -> String { folder.appendingPathComponent(name).path }

    // MARK: The seed plan

    func testInitOnTheSeedPlanWritesACampaignFileThatCampaignFileAccepts() throws {
        let result = try DondocCommand.run(["init", "--plan", plan("ke-hoach-giai-trinh-2020.txt"), "--output", output()])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("wrote \(output())\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("deadline: 2020-05-09 (the plan says “trước ngày 10/5/2020”)"), result.stdout)

        let campaign = try CampaignFile.load(path: output())
        XCTAssertEqual(campaign.id, "giai-trinh-2020-q2")
        XCTAssertEqual(campaign.title, "Tổ chức giải trình tại phiên họp Thường trực Hội đồng nhân dân tỉnh")
        XCTAssertEqual(campaign.tag, "GT2020")
        XCTAssertEqual(campaign.deadline, LocalDate(iso: "2020-05-09"))
        XCTAssertEqual(campaign.opens, LocalDate(iso: "2020-04-09"))
        XCTAssertEqual(campaign.office.name, "Văn phòng HĐND tỉnh Điện Biên")
        XCTAssertEqual(campaign.office.address, "thuhienhdnd@hdnd.example.org")
        XCTAssertEqual(campaign.mailbox.username, "thuhienhdnd@hdnd.example.org")
        XCTAssertEqual(campaign.reminders.holidays, [LocalDate(iso: "2020-04-30")!, LocalDate(iso: "2020-05-01")!])
        XCTAssertEqual(campaign.agencies.count, 18)
        XCTAssertTrue(campaign.agencies.allSatisfy { $0.emails.isEmpty })

        let attributes = try FileManager.default.attributesOfItem(atPath: output())
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let yaml = try String(contentsOfFile: output(), encoding: .utf8)
        XCTAssertTrue(yaml.contains("  deadline: 2020-05-09"), yaml)
        XCTAssertTrue(yaml.contains("# Kế hoạch ghi “trước ngày 10/5/2020”"), yaml)
        XCTAssertTrue(yaml.contains("    emails: []  # TODO: địa chỉ thư của cơ quan"), yaml)
    }

    func testTheSeedPlanGivesTheAgenciesOfTheShippedExample() throws {
        let outcome = try InitJob(planPath: plan("ke-hoach-giai-trinh-2020.txt")).run()
        let generated = try CampaignFile.parse(yaml: outcome.yaml, file: "generated.yaml")
        let example = try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        XCTAssertEqual(generated.agencies.map(\.id), example.agencies.map(\.id))
        XCTAssertEqual(generated.agencies.map(\.name), example.agencies.map(\.name))
        XCTAssertEqual(generated.agencies.map(\.aliases), example.agencies.map(\.aliases))
        XCTAssertEqual(generated.deadline, example.deadline)
        XCTAssertEqual(generated.office.name, example.office.name)
    }

    // MARK: Other plans

    func testEveryPlanFixtureRoundTripsThroughCampaignFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("plans").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 5)
        for name in names {
            let outcome = try InitJob(planPath: plan(name)).run()
            XCTAssertEqual(outcome.problems, [], name)
            let campaign = try CampaignFile.parse(yaml: outcome.yaml, file: name)
            XCTAssertEqual(campaign.agencies.map(\.id), outcome.plan.bodies.map(\.id), name)
            XCTAssertEqual(campaign.deadline, outcome.plan.deadline?.date, name)
            XCTAssertEqual(campaign.office.address, outcome.plan.mailbox, name)
            // Examples and fixtures carry reserved domains only; the seed keeps its real text.
            if name != "ke-hoach-giai-trinh-2020.txt" {
                XCTAssertTrue(outcome.plan.mailbox?.hasSuffix(".example.org") == true, name)
            }
        }
    }

    func testADocxPlanIsReadThroughTheDocumentReader() throws {
        let reader = DocumentSandbox(executable: DondocCommand.reader)
        let docx = try InitJob(planPath: plan("ke-hoach-giam-sat-lai-chau-2021.docx"), documentReader: reader).run()
        let text = try InitJob(planPath: plan("ke-hoach-giam-sat-lai-chau-2021.txt")).run()
        XCTAssertEqual(docx.problems, [])
        XCTAssertEqual(docx.plan.bodies.map(\.id), text.plan.bodies.map(\.id))
        XCTAssertEqual(docx.plan.deadline?.date, LocalDate(iso: "2021-07-15"))
        XCTAssertEqual(docx.plan.mailbox, "banvhxh@hdnd.laichau.example.org")

        let result = try DondocCommand.run(["init", "--plan", plan("ke-hoach-giam-sat-lai-chau-2021.docx")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try CampaignFile.parse(yaml: result.stdout, file: "stdout").agencies.count, 8)
        XCTAssertTrue(result.stderr.contains("dondoc: deadline: 2021-07-15"), result.stderr)
    }

    func testAPlanWithNothingToReadLeavesTodosThatCampaignFileExplains() throws {
        let path = output("ke-hoach.txt")
        try "Thông báo\nCuộc họp sẽ được tổ chức sau.\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try InitJob(planPath: path).run()
        XCTAssertEqual(Set(outcome.problems.map(\.path)),
                       ["campaign.title", "campaign.opens", "campaign.deadline", "office.address", "mailbox.username",
                        "agencies"])
        XCTAssertTrue(outcome.yaml.contains("TODO: dondoc không tìm thấy hạn gửi báo cáo"), outcome.yaml)
    }

    // MARK: Files

    func testInitNeverOverwritesAnExistingFile() throws {
        try Data("campaign: mine\n".utf8).write(to: URL(fileURLWithPath: output()))
        let result = try DondocCommand.run(["init", "--plan", plan("ke-hoach-giai-trinh-2020.txt"), "--output", output()])
        XCTAssertEqual(result.status, 73, result.stderr)
        XCTAssertTrue(result.stderr.contains("already exists"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: output(), encoding: .utf8), "campaign: mine\n")
    }

    func testAPlanThatIsNeitherTextNorADocumentIsBadData() throws {
        let path = output("plan.bin")
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: URL(fileURLWithPath: path))
        let result = try DondocCommand.run(["init", "--plan", path])
        XCTAssertEqual(result.status, 65, result.stderr)
        let missing = try DondocCommand.run(["init", "--plan", output("none.txt")])
        XCTAssertEqual(missing.status, 65, missing.stderr)
    }

    func testTextInUTF16OrWithAByteOrderMarkIsText() {
        let text = "KẾ HOẠCH\nGiám sát"
        XCTAssertEqual(InitJob.plainText(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)), text)
        XCTAssertEqual(InitJob.plainText(text.data(using: .utf16)!), text)
        XCTAssertNil(InitJob.plainText(Data("PK\u{3}\u{4}\0\0".utf8)))
    }

    func testAReadingCutShortSaysWhatIsMissing() {
        let pdf = DocumentReading(status: .read, method: "pdf-text", text: "KẾ HOẠCH", pageCount: 5)
        XCTAssertEqual(InitJob.limits(of: pdf).map(\.english),
                       ["only the first 2 of the PDF's 5 pages were read (the document reader reads no more); "
                        + "for the whole plan, give it as .docx or text"])
        let long = DocumentReading(status: .read, method: "docx", text: String(repeating: "a", count: DocumentReading.textLimit))
        XCTAssertEqual(InitJob.limits(of: long).count, 1)
    }

    func testScalarsThatYAMLWouldReadOtherwiseAreQuoted() throws {
        XCTAssertEqual(InitYAML.scalar("Sở TN&MT"), "Sở TN&MT")
        XCTAssertEqual(InitYAML.scalar("Văn hóa, Thể thao và Du lịch"), "Văn hóa, Thể thao và Du lịch")
        XCTAssertEqual(InitYAML.scalar("Văn hóa, Thể thao và Du lịch", inFlow: true), "\"Văn hóa, Thể thao và Du lịch\"")
        XCTAssertEqual(InitYAML.scalar("UBND: \"tỉnh\" #1"), "\"UBND: \\\"tỉnh\\\" #1\"")
        XCTAssertEqual(InitYAML.scalar("yes"), "\"yes\"")
        XCTAssertEqual(InitYAML.scalar("& co"), "\"& co\"")
    }

    // MARK: check

    /// The file init wrote, with password files that exist: what remains are the TODOs.
    private func initialised(_ planName: String) throws -> String {
        let result = try DondocCommand.run(["init", "--plan", plan(planName), "--output", output()])
        XCTAssertEqual(result.status, 0, result.stderr)
        let secret = folder.appendingPathComponent("secret").path
        XCTAssertTrue(FileManager.default.createFile(atPath: secret, contents: Data("pw".utf8),
                                                     attributes: [.posixPermissions: 0o600]))
        var yaml = try String(contentsOfFile: output(), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "/etc/dondoc/imap.secret", with: secret)
            .replacingOccurrences(of: "/etc/dondoc/smtp.secret", with: secret)
        try yaml.write(toFile: output(), atomically: true, encoding: .utf8)
        return output()
    }

    func testCheckPrintsOneLinePerAgencyWithoutAnAddress() throws {
        let config = try initialised("ke-hoach-giai-trinh-2020.txt")
        let check = try DondocCommand.run(["check", "--config", config])
        XCTAssertEqual(check.status, 0, check.stderr)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        let missing = lines.filter { $0.hasSuffix("has no email address; reminders and receipts cannot reach it") }
        XCTAssertEqual(missing.count, 18, check.stdout)
        XCTAssertEqual(missing.first, "TODO: agency stnmt (Sở Tài nguyên và Môi trường) has no email address; "
            + "reminders and receipts cannot reach it")
        XCTAssertTrue(lines.contains("TODO: mailbox.url: imap.example.org is a placeholder (a reserved example domain); "
            + "put the Office's server there"), check.stdout)
        XCTAssertTrue(lines.contains("TODO: smtp.url: smtp.example.org is a placeholder (a reserved example domain); "
            + "put the Office's server there"), check.stdout)
    }

    func testCheckNamesAPlaceholderAgency() throws {
        let config = try initialised("ke-hoach-giam-sat-thanh-hoa-2021.txt")
        let check = try DondocCommand.run(["check", "--config", config])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("TODO: agency todo-ubnd-cap-huyen (UBND cấp huyện (TODO: tách thành từng đơn vị)) "
            + "stands for bodies the plan did not list"), check.stdout)
    }

    func testCheckListsTheTodosAlongWithAMissingPasswordFile() throws {
        let result = try DondocCommand.run(["init", "--plan", plan("ke-hoach-khao-sat-son-la-2020.txt"), "--output", output()])
        XCTAssertEqual(result.status, 0, result.stderr)
        let check = try DondocCommand.run(["check", "--config", output()])
        XCTAssertEqual(check.status, 78, check.stderr)
        XCTAssertTrue(check.stderr.contains("dondoc: khao-sat-2020: TODO: agency svhttdl"), check.stderr)
        XCTAssertTrue(check.stderr.contains("mailbox password file /etc/dondoc/imap.secret cannot be read"), check.stderr)
    }

    func testCheckConnectRefusesAPlaceholderServer() throws {
        let config = try initialised("ke-hoach-khao-sat-son-la-2020.txt")
        let check = try DondocCommand.run(["check", "--connect", "--config", config])
        XCTAssertEqual(check.status, 78, check.stderr)
        XCTAssertTrue(check.stderr.contains("imap.example.org is a placeholder; put the Office's server there before check --connect"),
                      check.stderr)
    }
}
