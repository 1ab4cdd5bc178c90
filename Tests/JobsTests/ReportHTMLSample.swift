import DonDoc
import Foundation
import Jobs
import TestSupport
@testable import Configuration

/// A Summary as the Điện Biên office would see it on Tuesday 12/05/2020 at 16:30, three
/// days past the deadline: the 18 agencies of the shipped campaign file, most on time,
/// some late or missing, one with an extension, one exempt, paper and email, failed and
/// bounced reminders, and a review queue whose mail tries to inject markup. Built by hand
/// so that the HTML can be judged without a store.
enum ReportHTMLSample {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let hostileSubject = "<script>alert(1)</script> Báo cáo giải trình"
    static let hostileFileName = "\"><img src=x onerror=alert(2)>.pdf"
    static let hostileSender = "'Văn thư' <vanthu@lạ.example.org> & co"

    static func at(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static func campaign() throws -> Campaign {
        try CampaignFile.load(path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
    }

    static func summary(generatedAt: Date = at("2020-05-12T16:30:00+07:00")) throws -> Summary {
        let campaign = try campaign()
        let agencies = campaign.agencies.map { agency in
            var line = AgencySummary(id: agency.id, name: agency.name, deadline: campaign.deadline, hasExtension: false,
                                     status: .onTime, submissions: [], reminders: [], daysLate: nil)
            shape(&line)
            return line
        }
        let undelivered = agencies.flatMap(\.reminders).filter { $0.delivery == .failed || $0.delivery == .bounced }
            .sorted { $0.date < $1.date }
        return Summary(campaignID: campaign.id, title: campaign.title, officeName: campaign.office.name,
                       deadline: campaign.deadline, timeZone: zone, generatedAt: generatedAt,
                       agencies: agencies, review: review, undeliveredReminders: undelivered)
    }

    static let review: [ReviewFact] = [
        ReviewFact(messageRef: "m7c1", receivedAt: at("2020-05-07T14:03:00+07:00"), from: hostileSender,
                   subject: hostileSubject, kind: .review,
                   reasons: ["Tên “Cao su Mường Nhé” và “huyện Mường Nhé” cùng khớp"],
                   candidates: ["cao-su-muong-nhe", "ubnd-muong-nhe"]),
        ReviewFact(messageRef: "m9e4", receivedAt: at("2020-05-11T08:20:00+07:00"), from: "noreply@example.test",
                   subject: nil, kind: .unparseable, reasons: [], candidates: []),
    ]

    private static func email(_ id: String, _ time: String, symbol: String?, files: [String]) -> SubmissionFact {
        SubmissionFact(agencyID: id, receivedAt: at(time), channel: .email, messageRef: "m" + String(id.prefix(3)),
                       from: "\(id)@dienbien.example.org", subject: "Báo cáo giải trình",
                       documentSymbol: symbol,
                       documents: files.enumerated().map { index, name in
                           DocumentFact(name: name, size: 180_000 + index * 1_300_000, sha256: String(repeating: "ab", count: 32))
                       })
    }

    private static func paper(_ id: String, _ time: String, symbol: String?) -> SubmissionFact {
        SubmissionFact(agencyID: id, receivedAt: at(time), channel: .paper, documentSymbol: symbol,
                       note: "Văn thư nhận trực tiếp", recordedBy: "chanhvanphong")
    }

    private static func reminder(_ id: String, _ date: String, _ kind: ReminderKind,
                                 _ delivery: ReminderDelivery = .sent, detail: String? = nil) -> ReminderFact {
        ReminderFact(agencyID: id, date: day(date), kind: kind, delivery: delivery, detail: detail)
    }

    /// The story of each agency; those not named here sent one PDF on time.
    private static func shape(_ line: inout AgencySummary) {
        let id = line.id
        let runUp = [reminder(id, "2020-05-04", .upcoming), reminder(id, "2020-05-06", .upcoming),
                     reminder(id, "2020-05-08", .upcoming)]
        switch id {
        case "stnmt":
            line.submissions = [email(id, "2020-05-06T09:12:00+07:00", symbol: "45/BC-STNMT",
                                      files: ["BaoCao_GiaiTrinh_STNMT_2020.pdf", "Phu luc so lieu dat dai.xlsx"])]
            line.reminders = [reminder(id, "2020-05-04", .upcoming)]
        case "stc":
            line.submissions = [email(id, "2020-04-28T15:40:00+07:00", symbol: "112/BC-STC", files: ["112-BC-STC.pdf"]),
                                paper(id, "2020-05-04T10:00:00+07:00", symbol: "112/BC-STC")]
        case "skhdt":
            line.status = .late
            line.daysLate = 2
            line.submissions = [email(id, "2020-05-11T08:05:00+07:00", symbol: "87/BC-SKHĐT", files: ["Báo cáo giải trình SKHĐT.docx"])]
            line.reminders = runUp + [reminder(id, "2020-05-11", .overdue)]
        case "snnptnt":
            line.status = .missing
            line.daysLate = 3
            line.reminders = runUp + [reminder(id, "2020-05-11", .overdue, .bounced, detail: "550 5.1.1 <snnptnt@dienbien.example.org>: User unknown"),
                                      reminder(id, "2020-05-12", .overdue)]
        case "snv":
            line.submissions = [paper(id, "2020-05-08T14:30:00+07:00", symbol: "301/BC-SNV")]
            line.reminders = Array(runUp.prefix(2))
        case "stttt":
            line.submissions = [email(id, "2020-05-09T22:40:00+07:00", symbol: nil, files: ["scan_0001.pdf", "scan_0002.pdf"])]
            line.reminders = runUp
        case "cao-su-muong-nhe":
            line.status = .missing
            line.daysLate = 3
            line.reminders = runUp.map { reminder(id, $0.date.iso, $0.kind, .failed, detail: "550 5.7.1 Relay access denied") }
        case "ubnd-tx-muong-lay":
            line.status = .late
            line.daysLate = 1
            line.submissions = [email(id, "2020-05-10T07:15:00+07:00", symbol: "56/BC-UBND", files: ["56-BC-UBND.pdf"])]
            line.reminders = runUp
        case "ubnd-dien-bien-dong":
            line.status = .notDue
            line.hasExtension = true
            line.deadline = day("2020-05-15")
            line.reminders = Array(runUp.prefix(2))
        case "ubnd-tua-chua":
            line.status = .missing
            line.daysLate = 3
            line.reminders = runUp + [reminder(id, "2020-05-11", .overdue), reminder(id, "2020-05-12", .overdue)]
        case "ubnd-muong-nhe":
            line.status = .late
            line.daysLate = 3
            line.submissions = [email(id, "2020-05-12T07:50:00+07:00", symbol: "77/BC-UBND", files: [hostileFileName])]
            line.reminders = runUp + [reminder(id, "2020-05-11", .overdue), reminder(id, "2020-05-12", .overdue)]
        case "ubnd-nam-po":
            line.status = .exempt
        default:
            let times = ["ubnd-muong-ang": "2020-05-06T09:40:00+07:00", "ubnd-tuan-giao": "2020-05-06T09:25:00+07:00",
                         "cao-su-dien-bien": "2020-05-07T16:05:00+07:00", "ubnd-tp-dien-bien-phu": "2020-05-05T08:30:00+07:00",
                         "ubnd-dien-bien": "2020-05-08T11:00:00+07:00", "ubnd-muong-cha": "2020-05-04T13:20:00+07:00"]
            line.submissions = [email(id, times[id] ?? "2020-05-07T10:00:00+07:00", symbol: id.hasPrefix("cao-su") ? "24/BC-CSĐB" : "68/BC-UBND",
                                      files: ["bao-cao-\(id).pdf"])]
            line.reminders = [reminder(id, "2020-05-04", .upcoming)]
        }
    }
}
