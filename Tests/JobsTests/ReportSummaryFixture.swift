import DonDoc
import Foundation

/// The Điện Biên 2020 campaign (examples/dien-bien-2020.yaml) as the report sees it on
/// Tuesday 12/05/2020 09:00 +07:00, three days after the deadline: every status, both
/// channels, a resubmission, a late mail that arrives after "now", failed and bounced
/// reminders, and a review queue. Reserved example addresses only.
enum ReportFixture {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static let now = at("2020-05-12T09:00:00+07:00")

    static let agencies: [Agency] = [
        Agency(id: "stnmt", name: "Sở Tài nguyên và Môi trường"),
        Agency(id: "stc", name: "Sở Tài chính"),
        Agency(id: "skhdt", name: "Sở Kế hoạch và Đầu tư"),
        Agency(id: "snnptnt", name: "Sở Nông nghiệp và Phát triển nông thôn"),
        Agency(id: "snv", name: "Sở Nội vụ", extendedDeadline: day("2020-05-15")),
        Agency(id: "stttt", name: "Sở Thông tin và Truyền thông"),
        Agency(id: "cao-su-dien-bien", name: "Công ty cổ phần Cao su Điện Biên", exempt: true),
        Agency(id: "cao-su-muong-nhe", name: "Công ty cổ phần Cao su Mường Nhé Điện Biên"),
        Agency(id: "ubnd-tp-dien-bien-phu", name: "UBND thành phố Điện Biên Phủ"),
        Agency(id: "ubnd-tx-muong-lay", name: "UBND thị xã Mường Lay"),
        Agency(id: "ubnd-dien-bien", name: "UBND huyện Điện Biên"),
        Agency(id: "ubnd-dien-bien-dong", name: "UBND huyện Điện Biên Đông"),
        Agency(id: "ubnd-muong-ang", name: "UBND huyện Mường Ảng"),
        Agency(id: "ubnd-tuan-giao", name: "UBND huyện Tuần Giáo"),
        Agency(id: "ubnd-tua-chua", name: "UBND huyện Tủa Chùa"),
        Agency(id: "ubnd-muong-cha", name: "UBND huyện Mường Chà"),
        Agency(id: "ubnd-muong-nhe", name: "UBND huyện Mường Nhé"),
        Agency(id: "ubnd-nam-po", name: "UBND huyện Nậm Pồ"),
    ].map { agency in
        var agency = agency
        agency.emails = ["\(agency.id)@dienbien.example.org"]
        return agency
    }

    static func campaign(agencies: [Agency] = ReportFixture.agencies) -> Campaign {
        Campaign(
            id: "giai-trinh-2020-q2",
            title: "Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020",
            timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
            opens: day("2020-04-15"), deadline: day("2020-05-09"), tag: "GT2020",
            office: Office(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org",
                           secretariat: ["chanhvanphong@hdnd.example.org"]),
            mailbox: MailboxSettings(url: URL(string: "imaps://imap.example.org/INBOX")!,
                                     username: "vanphong@hdnd.example.org", password: .environment("UNUSED")),
            smtp: nil, storePath: "/nonexistent/report-fixture.sqlite", reminders: ReminderSettings(),
            agencies: agencies)
    }

    static func email(_ agency: String, _ when: String, ref: String, subject: String = "Báo cáo giải trình",
                      symbol: String? = nil, files: [String] = ["bao-cao.pdf"]) -> SubmissionFact {
        SubmissionFact(agencyID: agency, receivedAt: at(when), channel: .email, messageRef: ref,
                       from: "\(agency)@dienbien.example.org", subject: subject, documentSymbol: symbol,
                       documents: files.enumerated().map { index, name in
                           DocumentFact(name: name, size: 48_000 + index, sha256: String(repeating: "\(index)", count: 8) + ref)
                       })
    }

    /// Subjects and notes that a CSV writer must quote: a comma, quotes, a line break.
    static let quotedSubject = "Báo cáo \"giải trình\", Sở Tài chính"
    static let paperNote = "Báo cáo giải trình, bản ký đóng dấu\nkèm phụ lục"
    static let formulaSubject = "=HYPERLINK(\"http://evil.example/\",\"Báo cáo\")"

    static let submissions: [SubmissionFact] = [
        email("stnmt", "2020-05-06T10:15:00+07:00", ref: "12", symbol: "45/BC-STNMT",
              files: ["bao-cao-giai-trinh.pdf"]),
        email("stc", "2020-05-09T23:59:59+07:00", ref: "31", subject: quotedSubject, symbol: "38/BC-STC",
              files: ["Báo cáo \"giải trình\", 2020.docx"]),
        email("skhdt", "2020-05-11T08:05:00+07:00", ref: "40", subject: formulaSubject, symbol: "61/BC-SKHĐT"),
        SubmissionFact(agencyID: "snnptnt", receivedAt: at("2020-05-08T14:30:00+07:00"), channel: .paper,
                       documentSymbol: "112/BC-SNNPTNT", note: paperNote, recordedBy: "vanthu"),
        email("snnptnt", "2020-05-11T00:30:00+07:00", ref: "38", subject: "Gửi lại báo cáo đã sửa",
              symbol: "112/BC-SNNPTNT", files: ["bao-cao-sua.pdf", "phu-luc.xlsx"]),
        email("cao-su-muong-nhe", "2020-05-07T16:40:00+07:00", ref: "20", symbol: "21/BC-CSMN"),
        email("ubnd-tp-dien-bien-phu", "2020-05-08T09:00:00+07:00", ref: "24", symbol: "95/BC-UBND"),
        email("ubnd-dien-bien", "2020-05-05T07:50:00+07:00", ref: "9"),
        // A mail the attribution kept as the agency's, but with nothing attached.
        email("ubnd-dien-bien-dong", "2020-05-09T10:00:00+07:00", ref: "29", files: []),
        email("ubnd-muong-ang", "2020-05-10T08:00:00+07:00", ref: "35", symbol: "70/BC-UBND"),
        email("ubnd-tuan-giao", "2020-05-08T15:00:00+07:00", ref: "25"),
        email("ubnd-muong-cha", "2020-05-07T11:20:00+07:00", ref: "18", symbol: "33/BC-UBND"),
        // After "now": not part of this report.
        email("ubnd-nam-po", "2020-05-13T08:00:00+07:00", ref: "52"),
    ]

    static func reminder(_ agency: String, _ date: String, _ kind: ReminderKind, _ delivery: ReminderDelivery,
                         _ detail: String? = nil) -> ReminderFact {
        ReminderFact(agencyID: agency, date: day(date), kind: kind, delivery: delivery, detail: detail)
    }

    static let reminders: [ReminderFact] = [
        reminder("stnmt", "2020-05-02", .upcoming, .sent),
        reminder("skhdt", "2020-05-06", .upcoming, .sent),
        reminder("skhdt", "2020-05-10", .overdue, .sent),
        reminder("stttt", "2020-05-02", .upcoming, .sent),
        reminder("stttt", "2020-05-08", .dueToday, .sent),
        reminder("stttt", "2020-05-10", .overdue, .failed, "451 4.7.1 Greylisted, try again later"),
        reminder("stttt", "2020-05-11", .overdue, .sent),
        reminder("stttt", "2020-05-12", .overdue, .bounced, "5.1.1 user unknown"),
        reminder("ubnd-tx-muong-lay", "2020-05-11", .overdue, .bounced, "550 5.1.1 mailbox unavailable"),
        reminder("ubnd-tua-chua", "2020-05-11", .overdue, .cancelled, "đã nhận bản giấy"),
    ]

    static let review: [ReviewFact] = [
        ReviewFact(messageRef: "44", receivedAt: at("2020-05-11T18:20:00+07:00"), from: nil, subject: nil,
                   kind: .unparseable, reasons: ["GMime không đọc được thư"], candidates: []),
        ReviewFact(messageRef: "41", receivedAt: at("2020-05-07T10:12:00+07:00"),
                   from: "vanthu.nguyen@mail.example.net",
                   // An escape sequence in a subject must not reach the terminal.
                   subject: "Báo cáo giải trình của huyện\u{1B}[31m", kind: .review,
                   reasons: ["Người gửi lạ; tên trong tệp khớp hai cơ quan"],
                   candidates: ["ubnd-dien-bien", "ubnd-dien-bien-dong"]),
    ]

    static var summary: Summary {
        Summary.make(campaign: campaign(),
                     facts: SummaryFacts(submissions: submissions, reminders: reminders, review: review), now: now)
    }
}
