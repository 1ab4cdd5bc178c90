import DonDoc
import Foundation
@testable import Jobs
import XCTest
@testable import Reports

/// Every report format rendered from the same `ReportFixture.summary`.
final class ReportRendererTests: XCTestCase {
    let summary = ReportFixture.summary

    // MARK: text

    func testTextFitsA100ColumnTerminal() {
        let text = ReportText.render(summary)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertLessThanOrEqual(String(line).precomposedStringWithCanonicalMapping.count, 100, "too wide: \(line)")
        }
    }

    func testTextTruncatesAVeryLongNameAndStaysWithin100Columns() {
        var agencies = ReportFixture.agencies
        agencies[7].name = "Công ty cổ phần Cao su Mường Nhé Điện Biên, chi nhánh sản xuất và chế biến mủ cao su "
            + "tại các xã biên giới huyện Mường Nhé"
        let s = Summary.make(campaign: ReportFixture.campaign(agencies: agencies),
                             facts: SummaryFacts(submissions: ReportFixture.submissions), now: ReportFixture.now)
        let lines = ReportText.render(s).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 100 }, lines.filter { $0.count > 100 }.joined(separator: "\n"))
        let row = try! XCTUnwrap(lines.first { $0.hasPrefix("8 ") })
        XCTAssertTrue(row.contains("Công ty CP Cao su Mường"), "abbreviated before it is cut: \(row)")
        XCTAssertTrue(row.contains("…"), row)
        XCTAssertTrue(row.contains("Đúng hạn"), "the status survives the cut: \(row)")
    }

    func testTextStatusLabelsPerAgency() {
        let lines = ReportText.render(summary).split(separator: "\n").map(String.init)
        func row(_ number: Int) -> String {
            lines.first { $0.hasPrefix("\(number) ") || $0.hasPrefix("\(number)* ") } ?? "no row \(number)"
        }
        XCTAssertTrue(row(1).contains("Đúng hạn"), row(1))
        XCTAssertTrue(row(3).contains("Muộn 2 ngày"), row(3))
        XCTAssertTrue(row(13).contains("Muộn 1 ngày"), row(13))
        XCTAssertTrue(row(5).contains("Chưa đến hạn"), row(5))
        XCTAssertTrue(row(5).hasPrefix("5*"), "the extension is marked: \(row(5))")
        XCTAssertTrue(row(6).contains("Chưa nộp — quá hạn 3 ngày"), row(6))
        XCTAssertTrue(row(7).contains("Miễn"), row(7))
        XCTAssertTrue(row(18).contains("Chưa nộp — quá hạn 3 ngày"), "the mail of 13/05 is after now: \(row(18))")
        XCTAssertTrue(lines.contains("* Được gia hạn: Sở Nội vụ (đến 15/05/2020)"))
    }

    func testTextShowsArrivalChannelSymbolAndReminders() {
        let lines = ReportText.render(summary).split(separator: "\n").map(String.init)
        let stnmt = lines.first { $0.hasPrefix("1 ") }!
        XCTAssertTrue(stnmt.contains("06/05 10:15"), stnmt)
        XCTAssertTrue(stnmt.contains("thư điện tử"), stnmt)
        XCTAssertTrue(stnmt.contains("45/BC-STNMT"), stnmt)
        XCTAssertTrue(stnmt.hasSuffix("1, 02/05"), stnmt)
        let paper = lines.first { $0.hasPrefix("4 ") }!
        XCTAssertTrue(paper.contains("08/05 14:30"), paper)
        XCTAssertTrue(paper.contains("bản giấy"), paper)
        let overdue = lines.first { $0.hasPrefix("6 ") }!
        XCTAssertTrue(overdue.hasSuffix("5, 12/05"), "five reminders, the last on 12/05: \(overdue)")
        let cancelledOnly = lines.first { $0.hasPrefix("15 ") }!
        XCTAssertTrue(cancelledOnly.hasSuffix("Chưa nộp — quá hạn 3 ngày"), "a cancelled reminder is not counted: \(cancelledOnly)")
    }

    func testTextCountsPerStatus() {
        let text = ReportText.render(summary)
        for expected in ["Tổng số: 18 cơ quan", "Đúng hạn:               9", "Nộp muộn:               2",
                         "Chưa nộp, đã quá hạn:   5", "Chưa nộp, chưa đến hạn: 1", "Miễn nộp:               1"] {
            XCTAssertTrue(text.contains(expected), "missing count line \(expected)\n\(text)")
        }
    }

    func testTextReviewQueueAndUndeliveredRemindersOldestFirst() {
        let text = ReportText.render(summary)
        XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"), "control characters from mail never reach the terminal")
        let lines = text.split(separator: "\n").map(String.init)
        let reviewStart = try! XCTUnwrap(lines.firstIndex { $0.hasPrefix("Thư cần xem xét (2)") })
        XCTAssertTrue(lines[reviewStart + 2].hasPrefix("  41 "), lines[reviewStart + 2])
        XCTAssertEqual(lines[reviewStart + 3], "      → có thể là: UBND huyện Điện Biên, UBND huyện Điện Biên Đông")
        XCTAssertEqual(lines[reviewStart + 4], "      lý do: Người gửi lạ; tên trong tệp khớp hai cơ quan")
        XCTAssertTrue(lines[reviewStart + 5].hasPrefix("  44 "), lines[reviewStart + 5])
        XCTAssertTrue(lines[reviewStart + 5].contains("không đọc được"))
        XCTAssertEqual(lines[reviewStart + 6], "      lý do: GMime không đọc được thư")

        let undeliveredStart = try! XCTUnwrap(lines.firstIndex { $0.hasPrefix("Nhắc không đến được (3)") })
        let rows = lines[(undeliveredStart + 2)...].prefix(3)
        XCTAssertEqual(rows.map { String($0.prefix(12)) }, ["  10/05/2020", "  11/05/2020", "  12/05/2020"])
        XCTAssertTrue(rows.first!.contains("gửi lỗi") && rows.first!.contains("451 4.7.1"), rows.first!)
        XCTAssertTrue(rows.dropFirst().first!.contains("UBND thị xã Mường Lay") && rows.dropFirst().first!.contains("bị trả về"))
    }

    // MARK: CSV

    func testCSVIsUTF8WithBOMAndCRLFOnly() {
        let data = ReportCSV.render(summary)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        assertCRLFOnly(data)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("Sở Nông nghiệp và Phát triển nông thôn"))
    }

    func testCSVOneRowPerAgencyThatParsesBack() throws {
        let records = try parseCSV(ReportCSV.render(summary))
        XCTAssertEqual(records.first, [
            "STT", "Mã cơ quan", "Cơ quan", "Hạn nộp", "Được gia hạn", "Tình trạng", "Số ngày muộn",
            "Nhận lúc", "Hình thức", "Số, ký hiệu văn bản", "Tệp đính kèm", "Số lần nộp",
            "Số lần nhắc", "Nhắc gần nhất", "Nhắc không đến được",
        ])
        XCTAssertEqual(records.count, 19)
        XCTAssertTrue(records.allSatisfy { $0.count == 15 })
        XCTAssertEqual(records.dropFirst().map { $0[1] }, ReportFixture.agencies.map(\.id))

        let stc = records[2]
        XCTAssertEqual(stc[5], "Đúng hạn")
        XCTAssertEqual(stc[7], "09/05/2020 23:59")
        XCTAssertEqual(stc[10], "Báo cáo \"giải trình\", 2020.docx", "comma and quotes survive the round trip")
        let snnptnt = records[4]
        XCTAssertEqual(snnptnt[8], "bản giấy")
        XCTAssertEqual(snnptnt[10], "bao-cao-sua.pdf\r\nphu-luc.xlsx", "files one per line inside the cell")
        XCTAssertEqual(snnptnt[11], "2")
        let snv = records[5]
        XCTAssertEqual(snv[3], "15/05/2020")
        XCTAssertEqual(snv[4], "có")
        let stttt = records[6]
        XCTAssertEqual(Array(stttt[5...6]), ["Chưa nộp — quá hạn 3 ngày", "3"])
        XCTAssertEqual(Array(stttt[12...14]), ["5", "12/05/2020", "2"])
    }

    func testCSVFieldQuoting() {
        let probes = ["plain", "a,b", "say \"hi\"", "two\nlines", "old\r\nmac\r", "Sở Tài chính"]
        XCTAssertEqual(probes.map(CSVDocument.field),
                       ["plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\r\nlines\"", "\"old\r\nmac\r\n\"", "Sở Tài chính"])
        XCTAssertEqual(["=1+1", "+84 215", "-", "@SUM(A1)", "45/BC-STNMT"].map(CSVDocument.inert),
                       ["'=1+1", "'+84 215", "'-", "'@SUM(A1)", "45/BC-STNMT"])
    }

    // MARK: register

    func testRegisterHeaderIsTheDecreesTenColumns() throws {
        let data = ReportRegister.render(summary)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        assertCRLFOnly(data)
        let header = "Ngày đến,Số đến,Tác giả,\"Số, ký hiệu văn bản\",Ngày tháng văn bản,"
            + "Tên loại và trích yếu nội dung văn bản,Đơn vị hoặc người nhận,Ngày chuyển,Ký nhận,Ghi chú\r\n"
        XCTAssertTrue(String(decoding: data.dropFirst(3), as: UTF8.self).hasPrefix(header))
        XCTAssertEqual(try parseCSV(data).first?.count, 10)
    }

    func testRegisterOneNumberedRowPerDocumentInArrivalOrder() throws {
        let rows = Array(try parseCSV(ReportRegister.render(summary)).dropFirst())
        XCTAssertEqual(rows.map { $0[1] }, (1...11).map(String.init))
        XCTAssertEqual(rows.map { $0[2] }, [
            "UBND huyện Điện Biên", "Sở Tài nguyên và Môi trường", "UBND huyện Mường Chà",
            "Công ty cổ phần Cao su Mường Nhé Điện Biên", "UBND thành phố Điện Biên Phủ",
            "Sở Nông nghiệp và Phát triển nông thôn", "UBND huyện Tuần Giáo", "Sở Tài chính",
            "UBND huyện Mường Ảng", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Kế hoạch và Đầu tư",
        ], "no row for the mail without a file nor for the mail after now")
        XCTAssertTrue(rows.allSatisfy { $0.count == 10 })
        XCTAssertTrue(rows.allSatisfy { $0[4].isEmpty && $0[6].isEmpty && $0[7].isEmpty && $0[8].isEmpty },
                      "what dondoc cannot know is left to the clerk")
    }

    func testRegisterCellsDatesSubjectsAndNotes() throws {
        let rows = Array(try parseCSV(ReportRegister.render(summary)).dropFirst())
        XCTAssertEqual(rows[7][0], "09/05/2020", "23:59:59 local is still the 9th")
        XCTAssertEqual(rows[9][0], "11/05/2020", "00:30 local on the 11th is the 10th in UTC")
        XCTAssertEqual(rows[7][5], ReportFixture.quotedSubject)
        XCTAssertEqual(rows[7][3], "38/BC-STC")
        XCTAssertEqual(rows[5][5], ReportFixture.paperNote.replacingOccurrences(of: "\n", with: "\r\n"),
                       "paper: the clerk's note, line break kept")
        XCTAssertEqual(rows[5][9], "Bản giấy. Người ghi nhận: vanthu.")
        XCTAssertEqual(rows[9][9], "Thư điện tử: bao-cao-sua.pdf; phu-luc.xlsx. Nộp lần 2.")
        XCTAssertEqual(rows[10][5], "'" + ReportFixture.formulaSubject, "a formula from mail is made inert")
    }

    func testTextNamesWhoSignedEachDocumentAndWhetherItHolds() {
        var submission = ReportFixture.email("stnmt", "2020-05-06T10:15:00+07:00", ref: "12", files: ["bc-45.pdf"])
        submission.documents[0].signatures = [
            SignatureFacts(signerName: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", status: "digest_mismatch", certificateTrusted: true),
        ]
        let text = ReportText.render(Summary.make(campaign: ReportFixture.campaign(),
                                                  facts: SummaryFacts(submissions: [submission]), now: ReportFixture.now))
        XCTAssertTrue(text.contains("Văn bản có chữ ký số:"), text)
        XCTAssertTrue(text.contains("  Sở Tài nguyên và Môi trường: «bc-45.pdf»\n"
            + "      ký bởi SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG: không còn giá trị: văn bản đã bị sửa sau khi ký\n"), text)
        XCTAssertFalse(ReportText.render(summary).contains("chữ ký số"), "no section when nothing is signed")
    }

    func testRegisterCopiesTheDocumentsOwnHeader() throws {
        var submission = ReportFixture.email("stc", "2020-05-07T08:00:00+07:00", ref: "40", subject: "Gửi văn bản")
        submission.documents[0].header = DocumentHeader(
            parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "SỞ TÀI CHÍNH", symbol: "112/BC-STC",
            place: "Điện Biên", date: LocalDate(iso: "2020-05-06"), documentType: "BÁO CÁO",
            summary: "Kết quả thực hiện các kiến nghị sau phiên giải trình")
        let summary = Summary.make(campaign: ReportFixture.campaign(), facts: SummaryFacts(submissions: [submission]),
                                   now: ReportFixture.now)
        let row = try XCTUnwrap(try parseCSV(ReportRegister.render(summary)).dropFirst().first)
        XCTAssertEqual(row[2], "SỞ TÀI CHÍNH")
        XCTAssertEqual(row[3], "112/BC-STC")
        XCTAssertEqual(row[4], "06/05/2020")
        XCTAssertEqual(row[5], "BÁO CÁO Kết quả thực hiện các kiến nghị sau phiên giải trình")
    }

    // MARK: JSON

    func testJSONHasEveryDocumentedKeyWithExplicitNulls() throws {
        let json = try jsonObject()
        XCTAssertEqual(Set(json.keys), ["campaign", "agencies", "review", "undelivered_reminders"])
        let campaign = try XCTUnwrap(json["campaign"] as? [String: Any])
        XCTAssertEqual(Set(campaign.keys), ["id", "title", "deadline", "timezone", "generated_at"])
        XCTAssertEqual(campaign["deadline"] as? String, "2020-05-09")
        XCTAssertEqual(campaign["timezone"] as? String, "Asia/Ho_Chi_Minh")
        XCTAssertEqual(campaign["generated_at"] as? String, "2020-05-12T09:00:00+07:00")

        let agencies = try XCTUnwrap(json["agencies"] as? [[String: Any]])
        XCTAssertEqual(agencies.count, 18)
        let agencyKeys: Set = ["id", "name", "status", "deadline", "received_at", "channel", "document_symbol",
                               "documents", "reminders", "days_late", "held_by_review", "submissions"]
        XCTAssertTrue(agencies.allSatisfy { Set($0.keys) == agencyKeys })

        let missing = agencies[5]
        XCTAssertEqual(missing["status"] as? String, "missing")
        XCTAssertTrue(missing["received_at"] is NSNull && missing["channel"] is NSNull
                      && missing["document_symbol"] is NSNull)
        XCTAssertEqual(missing["days_late"] as? Int, 3)
        let reminder = try XCTUnwrap((missing["reminders"] as? [[String: Any]])?[2])
        XCTAssertEqual(Set(reminder.keys), ["date", "kind", "status", "detail"])
        XCTAssertEqual(reminder["status"] as? String, "failed")
        XCTAssertTrue(((missing["reminders"] as? [[String: Any]])?[0]["detail"]) is NSNull)

        let onTime = agencies[0]
        XCTAssertTrue(onTime["days_late"] is NSNull)
        XCTAssertEqual(onTime["received_at"] as? String, "2020-05-06T10:15:00+07:00")
        XCTAssertEqual(onTime["channel"] as? String, "email")
        let document = try XCTUnwrap((onTime["documents"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(document.keys), ["name", "size", "sha256", "issuer", "symbol", "document_date",
                                            "document_type", "summary", "signatures"])
        XCTAssertTrue(document["issuer"] is NSNull)
        XCTAssertEqual((document["signatures"] as? [Any])?.count, 0)
        XCTAssertEqual(agencies[4]["deadline"] as? String, "2020-05-15")
        XCTAssertEqual(agencies[4]["status"] as? String, "not_due")
    }

    func testJSONSubmissionsReviewAndUndelivered() throws {
        let json = try jsonObject()
        let agencies = try XCTUnwrap(json["agencies"] as? [[String: Any]])
        let submissions = try XCTUnwrap(agencies[3]["submissions"] as? [[String: Any]])
        XCTAssertEqual(submissions.map { $0["channel"] as? String }, ["paper", "email"])
        XCTAssertEqual(Set(submissions[0].keys), ["received_at", "channel", "message", "from", "subject",
                                                  "document_symbol", "documents", "note", "recorded_by",
                                                  "from_outside_address"])
        XCTAssertTrue(submissions[0]["message"] is NSNull && submissions[0]["subject"] is NSNull)
        XCTAssertEqual(submissions[1]["received_at"] as? String, "2020-05-11T00:30:00+07:00")

        let review = try XCTUnwrap(json["review"] as? [[String: Any]])
        XCTAssertEqual(review.map { $0["message"] as? String }, ["41", "44"])
        XCTAssertTrue(review.allSatisfy {
            Set($0.keys) == ["message", "received_at", "from", "subject", "kind", "reasons", "candidates"]
        })
        XCTAssertTrue(review[1]["from"] is NSNull && review[1]["subject"] is NSNull)

        let undelivered = try XCTUnwrap(json["undelivered_reminders"] as? [[String: Any]])
        XCTAssertEqual(undelivered.map { $0["agency"] as? String }, ["stttt", "ubnd-tx-muong-lay", "stttt"])
        XCTAssertTrue(undelivered.allSatisfy { Set($0.keys) == ["agency", "date", "kind", "status", "detail"] })
    }

    func testJSONKeysSortedAndStable() throws {
        let text = try ReportJSON.render(summary)
        XCTAssertEqual(text, try ReportJSON.render(summary))
        let order = ["\"agencies\"", "\"campaign\"", "\"review\"", "\"undelivered_reminders\""]
            .map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
    }

    // MARK: helpers

    func jsonObject() throws -> [String: Any] {
        let text = try ReportJSON.render(summary)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func assertCRLFOnly(_ data: Data, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(data)
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A { XCTAssertTrue(i > 0 && bytes[i - 1] == 0x0D, "bare LF at \(i)", file: file, line: line) }
            if byte == 0x0D { XCTAssertTrue(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "bare CR at \(i)", file: file, line: line) }
        }
        XCTAssertEqual(bytes.suffix(2), [0x0D, 0x0A], "the last record ends in CRLF", file: file, line: line)
    }

    /// A small RFC 4180 reader, written apart from the writer so that the two check each
    /// other: records end in CRLF, a quoted field may hold anything, "" is a quote.
    func parseCSV(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        guard data.starts(with: [0xEF, 0xBB, 0xBF]) else { throw CSVReadError.noBOM }
        let scalars = Array(String(decoding: data.dropFirst(3), as: UTF8.self).unicodeScalars)
        var records: [[String]] = [], record: [String] = [], field = String.UnicodeScalarView()
        var i = 0, quoted = false
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                guard field.isEmpty else { throw CSVReadError.quoteInsideField(i) }
                quoted = true
            } else if c == "," {
                record.append(String(field)); field = .init()
            } else if c == "\r" {
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { throw CSVReadError.bareCR(i) }
                record.append(String(field)); field = .init()
                records.append(record); record = []
                i += 1
            } else if c == "\n" {
                throw CSVReadError.bareLF(i)
            } else { field.append(c) }
            i += 1
        }
        guard !quoted, record.isEmpty, field.isEmpty else { throw CSVReadError.unterminated }
        return records
    }

    enum CSVReadError: Error { case noBOM, quoteInsideField(Int), bareCR(Int), bareLF(Int), unterminated }
}

/// A message in review that may be an agency's report holds that agency's reminders, and
/// every format says so, naming the message, so the secretariat knows what to decide.
final class HeldReminderReportTests: XCTestCase {
    private func summaryWithAHold() throws -> (Summary, agency: AgencySummary) {
        let missing = try XCTUnwrap(ReportFixture.summary.agencies.first { $0.status == .missing })
        let doubt = ReviewFact(messageRef: "57", receivedAt: ReportFixture.at("2020-05-10T08:00:00+07:00"),
                               from: "vanthu@mail.example.net", subject: "Gửi báo cáo", kind: .review,
                               reasons: ["Chỉ có tên trong tệp đính kèm"], candidates: [missing.id])
        let summary = Summary.make(campaign: ReportFixture.campaign(),
                                   facts: SummaryFacts(submissions: ReportFixture.submissions,
                                                       reminders: ReportFixture.reminders,
                                                       review: ReportFixture.review + [doubt]),
                                   now: ReportFixture.now)
        let agency = try XCTUnwrap(summary.agencies.first { $0.id == missing.id })
        XCTAssertEqual(agency.heldBy, ["57"])
        return (summary, agency)
    }

    func testTextSaysWhoseRemindersAReviewItemHolds() throws {
        let (summary, agency) = try summaryWithAHold()
        XCTAssertTrue(ReportText.render(summary).contains("tạm dừng nhắc cho đến khi có quyết định: \(agency.name)"))
    }

    func testHTMLSaysWhichMessageHoldsTheAgencysReminders() throws {
        let (summary, _) = try summaryWithAHold()
        XCTAssertTrue(ReportHTML.render(summary).contains("Tạm dừng nhắc: thư #57"))
    }

    func testJSONListsTheMessagesHoldingEachAgency() throws {
        let (summary, agency) = try summaryWithAHold()
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(summary).utf8)) as? [String: Any])
        let agencies = try XCTUnwrap(json["agencies"] as? [[String: Any]])
        let held = agencies.first { $0["id"] as? String == agency.id }?["held_by_review"] as? [String]
        XCTAssertEqual(held, ["57"])
        XCTAssertTrue(agencies.filter { $0["id"] as? String != agency.id }
            .allSatisfy { ($0["held_by_review"] as? [String])?.isEmpty == true })
    }
}
