import Foundation
import Mail
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `dondoc report` and the hands-on commands, run as the clerk runs them: what a person
/// does by hand shows in the report.
final class ReportCommandTests: CampaignTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for (fixture, minutes) in [("submission-pdf-utf8.eml", 15), ("no-signal-personal-address.eml", 60 * 24 + 720), ("list-mail.eml", 20)] {
            try office.deliver(Fixtures.data(fixture), internalDate: CampaignTime.may6(minutes))
        }
        let poll = try dondoc(["poll", "--now", "2020-05-08T16:00:00+07:00"])
        XCTAssertEqual(poll.status, 0, poll.stderr)
    }

    func dondoc(_ arguments: [String]) throws -> DondocCommand.Result {
        // USER is anyone's to set; the record names the real account, and sudo's caller beside it.
        try DondocCommand.run(arguments, environment: ["DONDOC_CONFIG": setup.configPath, "USER": "someone-else",
                                                       "SUDO_USER": "thuky"])
    }

    func reportJSON(at now: String = "2020-05-11T16:30:00+07:00") throws -> [String: Any] {
        let result = try dondoc(["report", "--format", "json", "--now", now])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func agency(_ id: String, in report: [String: Any]) throws -> [String: Any] {
        let agencies = try XCTUnwrap(report["agencies"] as? [[String: Any]])
        return try XCTUnwrap(agencies.first { $0["id"] as? String == id })
    }

    func testHandsOnDecisionsShowInTheReport() throws {
        var report = try reportJSON()
        XCTAssertEqual(try agency("stnmt", in: report)["status"] as? String, "on_time")
        XCTAssertEqual(try agency("stnmt", in: report)["channel"] as? String, "email")
        XCTAssertEqual(try agency("stnmt", in: report)["document_symbol"] as? String, "45/BC-STNMT")
        XCTAssertEqual(try agency("snv", in: report)["status"] as? String, "missing")
        XCTAssertEqual(try agency("ubnd-tx-muong-lay", in: report)["status"] as? String, "missing")
        XCTAssertEqual((report["review"] as? [Any])?.count, 1)

        let record = try dondoc(["record", "snv", "--paper", "--received", "2020-05-08T10:00:00+07:00",
                                 "--symbol", "18/BC-SNV", "--now", "2020-05-08T11:00:00+07:00"])
        XCTAssertEqual(record.status, 0, record.stderr)
        let review = try XCTUnwrap((report["review"] as? [[String: Any]])?.first?["message"] as? String)
        let assign = try dondoc(["assign", review, "ubnd-tx-muong-lay"])
        XCTAssertEqual(assign.status, 0, assign.stderr)

        report = try reportJSON()
        let snv = try agency("snv", in: report)
        XCTAssertEqual(snv["status"] as? String, "on_time")
        XCTAssertEqual(snv["channel"] as? String, "paper")
        XCTAssertEqual(snv["document_symbol"] as? String, "18/BC-SNV")
        XCTAssertEqual((snv["submissions"] as? [[String: Any]])?.first?["recorded_by"] as? String,
                       "\(String(cString: getpwuid(getuid())!.pointee.pw_name)) (sudo: thuky)")
        // The unsigned mail arrived on 7/5 at 21:00: on time once a person said it was Mường Lay's.
        XCTAssertEqual(try agency("ubnd-tx-muong-lay", in: report)["status"] as? String, "on_time")
        XCTAssertEqual((report["review"] as? [Any])?.count, 0)
        // It came from a personal address, not Mường Lay's own: the report says so.
        func outside(_ id: String) throws -> Bool? {
            (try agency(id, in: report)["submissions"] as? [[String: Any]])?.first?["from_outside_address"] as? Bool
        }
        XCTAssertEqual(try outside("ubnd-tx-muong-lay"), true)
        XCTAssertEqual(try outside("stnmt"), false)
        let text = try dondoc(["report", "--now", "2020-05-11T16:30:00+07:00"])
        XCTAssertTrue(text.stdout.contains("(từ địa chỉ ngoài)"), text.stdout)

        // And nobody reminds them any more.
        let remind = try dondoc(["remind", "--dry-run", "--format", "json", "--now", "2020-05-11T07:30:00+07:00"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(remind.stdout.utf8)) as? [[String: Any]])
        let reminded = Set(rows.compactMap { $0["agency"] as? String })
        XCTAssertEqual(reminded.count, 15)
        XCTAssertTrue(reminded.isDisjoint(with: ["stnmt", "snv", "ubnd-tx-muong-lay"]))
    }

    func testEachFormatIsWrittenToAFile() throws {
        let folder = setup.folder
        for (format, check) in [("csv", { (data: Data) in XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF]) }),
                                ("register", { (data: Data) in
                                    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
                                    XCTAssertTrue(text.hasPrefix("Ngày đến,Số đến,Tác giả,\"Số, ký hiệu văn bản\""), text)
                                }),
                                ("html", { (data: Data) in
                                    let text = String(decoding: data, as: UTF8.self)
                                    XCTAssertTrue(text.contains("<svg") && text.contains("Sở Tài nguyên và Môi trường"))
                                }),
                                ("text", { (data: Data) in
                                    XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("Đúng hạn"))
                                })] {
            let path = folder.appendingPathComponent("report.\(format)").path
            let result = try dondoc(["report", "--format", format, "--output", path, "--now", "2020-05-11T16:30:00+07:00"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "")
            check(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    func testEmailSendsTheHTMLReportWithATextAlternativeToTheSecretariat() throws {
        let result = try dondoc(["report", "--email", "--now", "2020-05-11T16:30:00+07:00"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "report sent to chanhvanphong@hdnd.example.org\n")
        let sent = try smtp.received().filter { $0.recipients == ["chanhvanphong@hdnd.example.org"] }
        XCTAssertEqual(sent.count, 1)
        let raw = String(decoding: sent[0].raw, as: UTF8.self)
        XCTAssertTrue(raw.contains("multipart/alternative"), raw.prefix(800).description)
        XCTAssertTrue(raw.contains("text/html") && raw.contains("text/plain"))
        let parsed = try MIMEParser.parse(sent[0].raw)
        XCTAssertTrue(parsed.subject.hasPrefix("[GT2020] Tổng hợp báo cáo giải trình"), parsed.subject)
    }

    func testHandsOnCommandsFailClearly() throws {
        let noPaper = try dondoc(["record", "snv", "--received", "2020-05-08T10:00:00+07:00"])
        XCTAssertEqual(noPaper.status, 64)
        let unknownAgency = try dondoc(["record", "so-y-te", "--paper", "--received", "2020-05-08T10:00:00+07:00"])
        XCTAssertEqual(unknownAgency.status, 64)
        XCTAssertTrue(unknownAgency.stderr.contains("no agency so-y-te"), unknownAgency.stderr)
        let unknownMessage = try dondoc(["assign", "<nobody@example.org>", "stnmt"])
        XCTAssertEqual(unknownMessage.status, 65)
        XCTAssertEqual(unknownMessage.stderr.split(separator: "\n").count, 1, unknownMessage.stderr)
        let show = try dondoc(["show", "#1"])
        XCTAssertEqual(show.status, 0, show.stderr)
    }
}
