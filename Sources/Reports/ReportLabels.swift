import DonDoc
import Foundation

/// The forms `dondoc report` renders one `Summary` in.
public enum ReportFormat: String, CaseIterable, Sendable { case text, csv, html, json, register }

/// The Vietnamese words and date forms every human-readable report shares, so that the
/// terminal table, the spreadsheet and the register say the same thing the same way.
public enum ReportLabels {
    /// A status as the secretariat says it: the days are in the label, because "late"
    /// alone does not tell a chair whether to telephone.
    public static func status(_ agency: AgencySummary) -> String {
        switch agency.status {
        case .onTime: "Đúng hạn"
        case .late: "Muộn \(agency.daysLate ?? 0) ngày"
        case .missing:
            // On the first day past the deadline it is already "quá hạn 1 ngày".
            "Chưa nộp — quá hạn \(agency.daysLate ?? 0) ngày"
        case .notDue: "Chưa đến hạn"
        case .exempt: "Miễn"
        }
    }

    /// The status without the days: the heading of a count line.
    public static func statusName(_ status: AgencyStatus) -> String {
        switch status {
        case .onTime: "Đúng hạn"
        case .late: "Nộp muộn"
        case .missing: "Chưa nộp, đã quá hạn"
        case .notDue: "Chưa nộp, chưa đến hạn"
        case .exempt: "Miễn nộp"
        }
    }

    public static func channel(_ channel: SubmissionChannel) -> String {
        switch channel {
        case .email: "thư điện tử"
        case .paper: "bản giấy"
        }
    }

    /// The channel of one submission, saying when the mail came from an address that is
    /// not the agency's.
    public static func channel(of submission: SubmissionFact) -> String {
        submission.fromOutsideAddress ? channel(submission.channel) + " (từ địa chỉ ngoài)" : channel(submission.channel)
    }

    public static func reminderKind(_ kind: ReminderKind) -> String {
        switch kind {
        case .upcoming: "sắp đến hạn"
        case .dueToday: "đến hạn"
        case .overdue: "quá hạn"
        }
    }

    public static func delivery(_ delivery: ReminderDelivery) -> String {
        switch delivery {
        case .sent: "đã gửi"
        case .failed: "gửi lỗi"
        case .bounced: "bị trả về"
        case .interrupted: "gián đoạn, chưa rõ đã đến chưa"
        case .pending: "chờ gửi"
        case .cancelled: "đã huỷ"
        }
    }

    /// Keyed by raw value, not a switch: the kinds grow as people get commands to decide
    /// about mail (`reject`), and a kind without a word here still shows as itself.
    public static func messageKind(_ kind: MessageKind) -> String {
        messageKindNames[kind.rawValue] ?? kind.rawValue
    }

    static let messageKindNames = [
        "submission": "báo cáo",
        "correspondence": "thư trao đổi",
        "review": "cần xem xét",
        "auto_reply": "trả lời tự động",
        "bounce": "thư báo lỗi",
        "list": "thư danh sách",
        "unparseable": "không đọc được",
        "rejected": "không phải báo cáo",
        "copy": "bản sao của thư đã có",
    ]
}

/// Instants and dates of a report, written in the campaign's zone the Vietnamese way
/// (day first). Formatters are built once per rendering, not per cell.
struct ReportDates {
    let zone: TimeZone
    private let dayMonthTime: DateFormatter
    private let fullDateTime: DateFormatter
    private let fullDate: DateFormatter
    private let timestamps: Timestamps

    init(zone: TimeZone) {
        self.zone = zone
        func formatter(_ pattern: String) -> DateFormatter {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.calendar = Calendar(identifier: .gregorian)
            f.timeZone = zone
            f.dateFormat = pattern
            return f
        }
        dayMonthTime = formatter("dd/MM HH:mm")
        fullDateTime = formatter("dd/MM/yyyy HH:mm")
        fullDate = formatter("dd/MM/yyyy")
        timestamps = Timestamps(zone: zone)
    }

    /// 08/05 14:30: the campaign lives within one year, a terminal column is narrow.
    func short(_ instant: Date) -> String { dayMonthTime.string(from: instant) }
    /// 08/05/2020 14:30
    func long(_ instant: Date) -> String { fullDateTime.string(from: instant) }
    /// 08/05/2020, the local date of an instant.
    func date(_ instant: Date) -> String { fullDate.string(from: instant) }
    /// 2020-05-08T14:30:00+07:00
    func iso(_ instant: Date) -> String { timestamps.iso(instant) }

    /// 08/05 for a local date.
    static func dayMonth(_ date: LocalDate) -> String { String(format: "%02d/%02d", date.day, date.month) }

    /// "+07:00", the offset a reader of the report should assume.
    func offset(at instant: Date) -> String {
        let seconds = zone.secondsFromGMT(for: instant)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }
}
