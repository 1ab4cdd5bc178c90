import DonDoc
import Foundation
@testable import Jobs
import TestSupport
import XCTest
@testable import Reports

/// The HTML report, as a string and as a browser prints it: headless Chromium turns it
/// into an A4 PDF, poppler reads the text back, and the test checks what a reader of the
/// paper would see.
final class ReportHTMLTests: XCTestCase {
    // MARK: The document as a string

    func testIsOneSelfContainedVietnameseDocument() throws {
        let html = ReportHTML.render(try ReportHTMLSample.summary())
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains("@page { size: A4; margin: 15mm; }"))
        XCTAssertTrue(html.contains("thead { display: table-header-group; }"), "the table header repeats on every page")
        // Nothing that could reach the network or run.
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "url(", "@font-face", "<img", "<iframe"] {
            XCTAssertFalse(html.lowercased().contains(forbidden), "the report contains \(forbidden)")
        }
        XCTAssertNil(html.range(of: #"<[a-zA-Z][^>]*\son[a-z]+\s*="#, options: .regularExpression), "an event handler attribute")
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 1, "one inline chart")
        XCTAssertEqual(html.components(separatedBy: "</svg>").count - 1, 1)
    }

    func testEscapesEverythingFromMailAndConfiguration() throws {
        let html = ReportHTML.render(try ReportHTMLSample.summary())
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Báo cáo giải trình"))
        XCTAssertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.pdf"))
        XCTAssertTrue(html.contains("&#39;Văn thư&#39; &lt;vanthu@lạ.example.org&gt; &amp; co"))
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("onerror=alert(2)>"))
    }

    func testEscapesCampaignTextInTheChartToo() throws {
        var summary = try ReportHTMLSample.summary()
        summary.officeName = "Văn phòng <b>HĐND</b> & \"tỉnh\""
        summary.title = "Quý II </title><script>x</script>"
        summary.campaignID = "id'<>"
        summary.agencies[0].name = "Sở TN&MT </text><circle r='99'/>"
        let html = ReportHTML.render(summary)
        XCTAssertTrue(html.contains("Văn phòng &lt;b&gt;HĐND&lt;/b&gt; &amp; &quot;tỉnh&quot;"))
        XCTAssertTrue(html.contains("Quý II &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"))
        XCTAssertTrue(html.contains("id&#39;&lt;&gt;"))
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        XCTAssertTrue(svg.contains("<title>Sở TN&amp;MT &lt;/text&gt;&lt;circle r=&#39;99&#39;/&gt;: "), "dot titles are escaped")
        XCTAssertFalse(html.contains("<circle r='99'/>"))
        XCTAssertFalse(html.contains("<b>"))
    }

    func testSignedDocumentShowsItsSignerAndWhetherTheSignatureHolds() {
        var submission = ReportFixture.email("stnmt", "2020-05-06T10:15:00+07:00", ref: "12")
        submission.documents[0].signatures = [
            SignatureFacts(signerName: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG <b>", status: "valid", certificateTrusted: true,
                           coversWholeDocument: true),
        ]
        let html = ReportHTML.render(Summary.make(campaign: ReportFixture.campaign(),
                                                  facts: SummaryFacts(submissions: [submission]), now: ReportFixture.now))
        XCTAssertTrue(html.contains("Ký số: SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG &lt;b&gt;, hợp lệ, chứng thư số được tổ chức tin cậy xác nhận"))
    }

    func testEscapeFunction() {
        XCTAssertEqual(ReportHTML.escape(#"a&b<c>d"e'f"#), "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        XCTAssertEqual(ReportHTML.escape("Điện Biên Đông"), "Điện Biên Đông")
        XCTAssertEqual(ReportHTML.escape("a\u{0}b\u{1B}c\td"), "a\u{FFFD}b\u{FFFD}c\td", "controls cannot reach the page")
    }

    func testTableHasEveryAgencyWithItsStatusAndFacts() throws {
        let summary = try ReportHTMLSample.summary()
        let html = ReportHTML.render(summary)
        XCTAssertEqual(summary.agencies.count, 18)
        for heading in ["STT", "Cơ quan", "Trạng thái", "Ngày nhận", "Hình thức", "Số ký hiệu", "Tệp", "Nhắc đã gửi"] {
            XCTAssertTrue(html.contains("<th>\(heading)<"), heading)
        }
        for agency in summary.agencies {
            XCTAssertTrue(html.contains("<td>\(ReportHTML.escape(agency.name))"), agency.name)
            XCTAssertTrue(html.contains("status-\(agency.status.rawValue)\">\(ReportHTML.escape(ReportLabels.status(agency)))<"))
        }
        XCTAssertEqual(html.components(separatedBy: "<tr class=\"row-").count - 1, 18)
        XCTAssertTrue(html.contains("thư điện tử<br>bản giấy"), "Sở Tài chính sent both")
        XCTAssertTrue(html.contains("Gia hạn đến 15/05/2020"))
        XCTAssertTrue(html.contains("Hạn gửi: hết ngày <strong>09/05/2020</strong>"))
        XCTAssertTrue(html.contains("Số liệu tính đến <strong>16:30 ngày 12/05/2020</strong> (UTC+07:00)"))
    }

    func testChartHasOneMarkPerFirstSubmissionAndVietnameseLabels() throws {
        let summary = try ReportHTMLSample.summary()
        let html = ReportHTML.render(summary)
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        let submitted = summary.agencies.filter { $0.firstSubmission != nil }
        let paper = submitted.filter { $0.firstSubmission?.channel == .paper }
        let arrivals = try XCTUnwrap(svg.range(of: "<g class=\"arrivals\">").map { String(svg[$0.upperBound...]) })
            .components(separatedBy: "</g>")[0]
        XCTAssertEqual(arrivals.components(separatedBy: "<circle").count - 1, submitted.count - paper.count)
        XCTAssertEqual(arrivals.components(separatedBy: "<rect").count - 1, paper.count)
        XCTAssertEqual(arrivals.components(separatedBy: "fill=\"#fff\"").count - 1, summary.count(.late), "late dots are hollow")
        for label in ["Hạn gửi: hết ngày 09/05/2020", "Lập báo cáo: 16:30 12/05", "Đúng hạn", "Nộp muộn", "Bản giấy",
                      "Chưa nộp: 3 · Chưa đến hạn: 1 cơ quan", ">28/04<", "Ngày nhận báo cáo"] {
            XCTAssertTrue(svg.contains(label), label)
        }
    }

    func testChartOfACampaignWithNothingYetStillShowsTheDeadlineAndNow() throws {
        var summary = try ReportHTMLSample.summary(generatedAt: ReportHTMLSample.at("2020-07-20T08:00:00+07:00"))
        for index in summary.agencies.indices {
            summary.agencies[index].submissions = []
            summary.agencies[index].reminders = []
        }
        let html = ReportHTML.render(summary)
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        XCTAssertTrue(svg.contains("<g class=\"arrivals\"></g>"), "no arrival dots")
        XCTAssertTrue(svg.contains("Hạn gửi: hết ngày 09/05/2020"))
        XCTAssertTrue(svg.contains("Lập báo cáo: 08:00 20/07"))
        // Ten weeks on one line: labels thin out rather than overprint.
        let dayLabels = svg.components(separatedBy: "<g class=\"axis-labels\"")[1].components(separatedBy: "</g>")[0]
            .components(separatedBy: "<text").count - 1
        XCTAssertGreaterThan(dayLabels, 5)
        XCTAssertLessThanOrEqual(dayLabels, 22)
        XCTAssertTrue(svg.contains(">02/05<"), "a week before the deadline starts the axis")
    }

    func testEmptyQueuesSaySoInWords() throws {
        var summary = try ReportHTMLSample.summary()
        summary.review = []
        summary.undeliveredReminders = []
        let html = ReportHTML.render(summary)
        XCTAssertTrue(html.contains("Không có thư nào chờ xem xét."))
        XCTAssertTrue(html.contains("Mọi thư nhắc đều đã gửi được."))
    }

    // MARK: In a real browser

    func testPrintedOnA4ByChromiumReadsAsTheOfficeExpects() throws {
        let folder = try makeTemporaryDirectory(prefix: "dondoc-report-html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try ReportHTMLSample.summary()
        let page = folder.appendingPathComponent("bao-cao.html")
        try ReportHTML.render(summary).write(to: page, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("bao-cao.pdf")

        try requireTool(Chromium.executable, package: "chromium")
        let started = Date()
        try Chromium.printToPDF(html: page, pdf: pdf)
        print("ReportHTMLTests: Chromium printed the report to PDF in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")

        let info = try Poppler.run("pdfinfo", [pdf.path])
        XCTAssertTrue(info.contains("(A4)"), info)
        let pages = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) })
        // Measured: the 18 rows fill the first A4 page and part of the second, where the
        // chart and both queues follow. More pages means rows or the chart grew.
        XCTAssertEqual(pages, 2, info)

        // The page as laid out: lines a reader sees whole.
        let layout = try Poppler.run("pdftotext", ["-layout", "-enc", "UTF-8", pdf.path, "-"])
            .precomposedStringWithCanonicalMapping
        XCTAssertTrue(layout.contains(summary.officeName.precomposedStringWithCanonicalMapping.uppercased()), "office name")
        for line in ["TÌNH HÌNH TIẾP NHẬN BÁO CÁO", summary.title.precomposedStringWithCanonicalMapping,
                     "Hạn gửi: hết ngày 09/05/2020 · Số liệu tính đến 16:30 ngày 12/05/2020 (UTC+07:00)",
                     "Hạn gửi: hết ngày 09/05/2020", "Lập báo cáo: 16:30 12/05", "06/05", "12/05",
                     "Ngày nhận báo cáo (ngày/tháng, giờ UTC+07:00)", "Đúng hạn", "Nộp muộn",
                     "Thư cần xem xét", "Thư nhắc không gửi được", "550 5.7.1 Relay access denied"] {
            XCTAssertTrue(layout.contains(line), "\(line) missing from the PDF")
        }
        // The table header is printed again at the top of the second page.
        let secondPage = try Poppler.run("pdftotext", ["-layout", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf.path, "-"])
        XCTAssertNotNil(secondPage.range(of: #"STT\s+Cơ quan\s+Trạng thái\s+Ngày nhận"#, options: .regularExpression),
                        "no repeated table header on page 2")

        // Cell by cell, in the order the browser wrote them: a name that wraps inside its
        // cell still reads whole once line breaks are spaces again.
        let cells = try Poppler.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"])
            .precomposedStringWithCanonicalMapping
        let flowing = cells.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for agency in summary.agencies {
            XCTAssertTrue(flowing.contains(agency.name.precomposedStringWithCanonicalMapping), "\(agency.name) not in the PDF")
            XCTAssertTrue(flowing.contains(ReportLabels.status(agency)), "\(agency.name): status not in the PDF")
        }
        // Hostile text is printed literally; the browser may break it anywhere in its cell.
        let unbroken = String(cells.filter { !$0.isWhitespace })
        for hostile in [ReportHTMLSample.hostileSubject, ReportHTMLSample.hostileFileName, ReportHTMLSample.hostileSender] {
            XCTAssertTrue(unbroken.contains(hostile.filter { !$0.isWhitespace }), "\(hostile) not printed as text")
        }
        XCTAssertFalse(cells.contains("\u{FFFD}"), "a character could not be printed")
    }

    /// One screenshot, to look at like a person would. Kept when DONDOC_KEEP_SCREENSHOT
    /// names a folder.
    func testScreenshotRendersTheWholePage() throws {
        let keep = ProcessInfo.processInfo.environment["DONDOC_KEEP_SCREENSHOT"].map { URL(fileURLWithPath: $0) }
        let folder = try keep ?? makeTemporaryDirectory(prefix: "dondoc-report-png")
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
        let page = folder.appendingPathComponent("bao-cao.html")
        try ReportHTML.render(try ReportHTMLSample.summary()).write(to: page, atomically: true, encoding: .utf8)
        let png = folder.appendingPathComponent("bao-cao.png")

        try requireTool(Chromium.executable, package: "chromium")
        try Chromium.screenshot(html: page, png: png, width: 900, height: 2400)
        let bytes = try Data(contentsOf: png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        if keep != nil { print("ReportHTMLTests: screenshot at \(png.path)") }
    }

    // MARK: Helpers

    /// Under CI a missing tool fails the test: a skipped browser check is a check that
    /// never runs. On a developer's machine it skips and says what to install.
    @discardableResult
    private func requireTool(_ path: String?, package: String) throws -> String {
        if let path { return path }
        let message = "\(package) is not installed; run scripts/setup.sh or apt-get install \(package)"
        if underCI { throw TestSupportError(message) }
        throw XCTSkip(message)
    }
}

/// CI sets CI=true (some services use 1).
private var underCI: Bool {
    ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
}

/// pdfinfo and pdftotext from poppler-utils.
private enum Poppler {
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let path = "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            let message = "\(tool) is not installed; run scripts/setup.sh or apt-get install poppler-utils"
            if underCI { throw TestSupportError(message) }
            throw XCTSkip(message)
        }
        return try runTool(path, arguments)
    }
}
