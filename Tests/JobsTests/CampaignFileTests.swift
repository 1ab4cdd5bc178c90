import DonDoc
import Foundation
@testable import Jobs
import XCTest
@testable import Configuration

final class CampaignFileTests: XCTestCase {
    static let minimal = """
        campaign:
          id: giai-trinh-2020-q2
          title: Giải trình Quý II năm 2020
          timezone: Asia/Ho_Chi_Minh
          opens: 2020-04-15
          deadline: 2020-05-09
          tag: GT2020
        office:
          name: Văn phòng HĐND tỉnh Điện Biên
          address: vanphong@hdnd.example.org
        mailbox:
          url: imaps://imap.example.org/INBOX
          username: vanphong@hdnd.example.org
          password_env: DONDOC_TEST_PASSWORD
        smtp:
          url: smtps://smtp.example.org
        store:
          path: /tmp/dondoc-test.sqlite
        agencies:
          - id: stnmt
            name: Sở Tài nguyên và Môi trường
            aliases: [Sở TN&MT, STNMT]
            emails: [stnmt@dienbien.example.org]
          - id: stc
            name: Sở Tài chính
            emails: [stc@dienbien.example.org]
        """

    func problems(_ yaml: String) -> [String] {
        do {
            _ = try CampaignFile.parse(yaml: yaml, file: "c.yaml")
            return []
        } catch {
            return error.lines
        }
    }

    func testShippedExampleLoadsWithEighteenAgencies() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/dien-bien-2020.yaml")
        let campaign = try CampaignFile.load(path: url.path)
        XCTAssertEqual(campaign.agencies.count, 18)
        XCTAssertEqual(campaign.deadline, LocalDate(year: 2020, month: 5, day: 9))
        XCTAssertEqual(campaign.timeZone.identifier, "Asia/Ho_Chi_Minh")
        XCTAssertEqual(campaign.reminders.holidays.map(\.iso), ["2020-04-30", "2020-05-01"])
        XCTAssertEqual(campaign.agency(id: "stnmt")?.aliases.first, "Sở TN&MT")
        for agency in campaign.agencies {
            for email in agency.emails { XCTAssertTrue(email.hasSuffix(".example.org"), email) }
        }
    }

    func testMinimalFileGetsDefaults() throws {
        let campaign = try CampaignFile.parse(yaml: Self.minimal, file: "c.yaml")
        XCTAssertEqual(campaign.reminders, ReminderSettings())
        XCTAssertEqual(campaign.mailbox.password, .environment("DONDOC_TEST_PASSWORD"))
        XCTAssertEqual(campaign.mailbox.afterProcessing, .none)
        XCTAssertEqual(campaign.smtp?.url.absoluteString, "smtps://smtp.example.org")
        XCTAssertNil(campaign.smtp?.password)
    }

    func testUnknownKeyIsReportedWithPathAndLine() {
        let yaml = Self.minimal.replacingOccurrences(of: "  tag: GT2020", with: "  tag: GT2020\n  dedline: 2020-05-09")
        XCTAssertEqual(problems(yaml).count, 1)
        XCTAssertTrue(problems(yaml)[0].hasPrefix("c.yaml: line 8: campaign.dedline: unknown key"), problems(yaml)[0])
    }

    func testBadAgencyAddressNamesItsKeyPath() {
        let yaml = Self.minimal.replacingOccurrences(of: "[stc@dienbien.example.org]", with: "[\"stc@\"]")
        XCTAssertEqual(problems(yaml), ["c.yaml: line 26: agencies[1].emails[0]: \"stc@\" is not an email address"])
    }

    func testEveryProblemIsReportedNotJustTheFirst() {
        let yaml = Self.minimal
            .replacingOccurrences(of: "deadline: 2020-05-09", with: "deadline: 9/5/2020")
            .replacingOccurrences(of: "timezone: Asia/Ho_Chi_Minh", with: "timezone: Asia/Hanoi_City")
            .replacingOccurrences(of: "id: stc", with: "id: stnmt")
        let lines = problems(yaml)
        XCTAssertEqual(lines.count, 3, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("campaign.deadline: \"9/5/2020\" is not a date") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("campaign.timezone: \"Asia/Hanoi_City\" is not a known time zone") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("agencies[1].id: \"stnmt\" is already the id of agencies[0]") }, "\(lines)")
    }

    func testAliasThatFoldsToAnotherAgencysAliasIsRejected() {
        let yaml = Self.minimal.replacingOccurrences(of: "name: Sở Tài chính", with: "name: Sở Tài chính\n    aliases: [SO TN & MT]")
        let lines = problems(yaml)
        XCTAssertEqual(lines.count, 1, "\(lines)")
        XCTAssertTrue(lines[0].contains("agencies[1].aliases[0]: \"SO TN & MT\" also names agency stnmt"), lines[0])
    }

    func testAliasThatIsAnotherAgencysNameInShortFormIsRejected() {
        // "Sở TC và KH" and "SỞ TC&KH" are one name to attribution, so one to the check too.
        let yaml = Self.minimal
            .replacingOccurrences(of: "aliases: [Sở TN&MT, STNMT]", with: "aliases: [Sở TN&MT, STNMT, Sở TC và KH]")
            .replacingOccurrences(of: "name: Sở Tài chính", with: "name: Sở Tài chính\n    aliases: [SỞ TC&KH]")
        XCTAssertTrue(problems(yaml).contains { $0.contains("\"SỞ TC&KH\" also names agency stnmt") }, "\(problems(yaml))")
    }

    func testMissingPasswordSourceIsAnError() {
        let yaml = Self.minimal.replacingOccurrences(of: "  password_env: DONDOC_TEST_PASSWORD\n", with: "")
        XCTAssertEqual(problems(yaml).count, 1)
        XCTAssertTrue(problems(yaml)[0].contains("mailbox: needs one of password_file"), problems(yaml)[0])
    }

    func testMarkingMailAsSeenIsRefusedUntilSupported() {
        let yaml = Self.minimal.replacingOccurrences(of: "  password_env: DONDOC_TEST_PASSWORD",
                                                     with: "  password_env: DONDOC_TEST_PASSWORD\n  after_processing: seen")
        XCTAssertTrue(problems(yaml).first?.contains("mailbox.after_processing") == true, "\(problems(yaml))")
    }

    func testDeadlineBeforeOpeningIsAnError() {
        let yaml = Self.minimal.replacingOccurrences(of: "opens: 2020-04-15", with: "opens: 2020-06-01")
        XCTAssertEqual(problems(yaml).count, 1)
        XCTAssertTrue(problems(yaml)[0].contains("campaign.deadline: is before campaign.opens"))
    }

    func testPlainIMAPURLWithCredentialsIsRejected() {
        let yaml = Self.minimal.replacingOccurrences(of: "imaps://imap.example.org/INBOX", with: "imaps://u:p@imap.example.org/INBOX")
        XCTAssertTrue(problems(yaml).first?.contains("must not carry a user name or password") == true)
    }

    func testReceiptsWithoutSMTPAreAnError() {
        let yaml = Self.minimal.replacingOccurrences(of: "smtp:\n  url: smtps://smtp.example.org\n", with: "")
        XCTAssertEqual(problems(yaml).count, 1, "\(problems(yaml))")
        XCTAssertTrue(problems(yaml)[0].contains("reminders.receipts: is true (the default) but there is no smtp section"))
        let without = yaml + "\nreminders:\n  receipts: false\n"
        XCTAssertEqual(problems(without), [])
    }

    func testConfigErrorExitsWithStatus78() {
        let error = JobError.config(.invalid(file: "c.yaml", problems: []))
        XCTAssertEqual(error.exitStatus, 78)
    }

    func testConfigPathFallsBackToEnvironment() throws {
        XCTAssertEqual(try CampaignFile.resolvePath(nil, environment: ["DONDOC_CONFIG": "/etc/dondoc/c.yaml"]), "/etc/dondoc/c.yaml")
        XCTAssertEqual(try CampaignFile.resolvePath("a.yaml", environment: ["DONDOC_CONFIG": "b.yaml"]), "a.yaml")
        XCTAssertThrowsError(try CampaignFile.resolvePath(nil, environment: [:]))
    }

    func testPasswordFileOthersOrTheGroupCanReadOrWriteIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-secret-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("s3cret\n".utf8), attributes: [.posixPermissions: 0o644]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for mode in [0o644, 0o640, 0o620, 0o602] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            XCTAssertThrowsError(try Secrets.resolve(.file(path), for: "mailbox"), String(mode, radix: 8)) { error in
                XCTAssertTrue((error as? ConfigError)?.lines.first?.contains("read or changed by other users") == true, "\(error)")
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        XCTAssertEqual(try Secrets.resolve(.file(path), for: "mailbox"), "s3cret")
    }

    func testPasswordFromEnvironmentAndCommand() throws {
        XCTAssertEqual(try Secrets.resolve(.environment("P"), for: "smtp", environment: ["P": "x"]), "x")
        XCTAssertThrowsError(try Secrets.resolve(.environment("P"), for: "smtp", environment: [:]))
        XCTAssertEqual(try Secrets.resolve(.command("printf 'from-command\\n'"), for: "smtp"), "from-command")
        XCTAssertThrowsError(try Secrets.resolve(.command("exit 3"), for: "smtp"))
    }
}

extension CampaignFileTests {
    func testAgencyExtensionAndExemptionAreRead() throws {
        let yaml = Self.minimal.replacingOccurrences(
            of: "    emails: [stc@dienbien.example.org]",
            with: "    emails: [stc@dienbien.example.org]\n    extension: 2020-05-15\n    exempt: false")
        let campaign = try CampaignFile.parse(yaml: yaml, file: "c.yaml")
        let stc = try XCTUnwrap(campaign.agency(id: "stc"))
        XCTAssertEqual(stc.extendedDeadline, LocalDate(year: 2020, month: 5, day: 15))
        XCTAssertEqual(campaign.deadline(for: stc), LocalDate(year: 2020, month: 5, day: 15))
        XCTAssertEqual(campaign.deadline(for: campaign.agency(id: "stnmt")!), campaign.deadline)
    }

    func testExtensionBeforeTheDeadlineIsAnError() {
        let yaml = Self.minimal.replacingOccurrences(
            of: "    emails: [stc@dienbien.example.org]",
            with: "    emails: [stc@dienbien.example.org]\n    extension: 2020-05-01")
        XCTAssertEqual(problems(yaml).count, 1)
        XCTAssertTrue(problems(yaml)[0].contains("agencies[1].extension: 2020-05-01 is not after campaign.deadline"),
                      "\(problems(yaml))")
    }

    func testTrustedCAForSignaturesIsRead() throws {
        let pem = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-ca-\(UUID().uuidString).pem")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: pem)
        addTeardownBlock { try? FileManager.default.removeItem(at: pem) }
        let campaign = try CampaignFile.parse(yaml: Self.minimal + "\ndocuments:\n  trusted_ca: \(pem.path)\n", file: "c.yaml")
        XCTAssertEqual(campaign.trustedCAFile, pem.path)
        XCTAssertNil(try CampaignFile.parse(yaml: Self.minimal, file: "c.yaml").trustedCAFile)
    }

    func testTrustedCAFileMustExist() {
        let yaml = Self.minimal + "\ndocuments:\n  trusted_ca: /nonexistent/roots.pem\n"
        XCTAssertTrue(problems(yaml).contains { $0.contains("documents.trusted_ca") }, "\(problems(yaml))")
    }

    func testTemplatesFolderMustExist() {
        let yaml = Self.minimal + "\ntemplates:\n  path: /nonexistent/dondoc-templates\n"
        XCTAssertTrue(problems(yaml).first?.contains("templates.path: /nonexistent/dondoc-templates is not a folder") == true,
                      "\(problems(yaml))")
    }
}
