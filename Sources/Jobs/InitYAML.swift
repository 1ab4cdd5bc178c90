import DonDoc
import Foundation
import Configuration

/// Writes the campaign file `dondoc init` proposes. Everything it tells people is a
/// Vietnamese comment, for the Office; every key is one `CampaignFile` reads. What the
/// plan does not say is either a placeholder `check` reports (an example.org server, an
/// agency without addresses) or an empty value `check` explains, each with a TODO.
enum InitYAML {
    /// How long before the deadline the campaign opens when the plan carries no date.
    static let defaultOpeningDays = 30

    static func render(_ plan: Plan, planName: String, readingNotes: [String]) -> String {
        var out = Lines()
        out.comment("Tệp chiến dịch do `dondoc init` lập từ kế hoạch “\(planName)”.", indent: 0)
        out.comment("Các dòng TODO là việc Văn phòng còn phải làm (điền địa chỉ thư, xác nhận danh sách). "
            + "Sau khi sửa, chạy `dondoc check --config <tệp này>`: lệnh này liệt kê những gì còn thiếu.", indent: 0)
        for note in readingNotes + plan.notes { out.comment(note, indent: 0) }
        out.blank()
        campaign(plan, &out)
        office(plan, &out)
        reminders(plan, &out)
        agencies(plan, &out)
        return out.text
    }

    // MARK: Sections

    private static func campaign(_ plan: Plan, _ out: inout Lines) {
        out.line("campaign:")
        out.line("  id: \(plan.campaignID)")
        if let title = plan.title {
            out.line("  title: \(scalar(title))")
        } else {
            out.line("  title:", comment: "TODO: tên chiến dịch; dondoc không tìm thấy tiêu đề kế hoạch")
        }
        out.line("  timezone: Asia/Ho_Chi_Minh")
        let opens = opening(plan)
        out.comment(opens.note, indent: 2)
        out.line("  opens: \(opens.date?.iso ?? "")")
        if let deadline = plan.deadline {
            out.comment(deadline.reading, indent: 2)
            out.comment("Câu trong kế hoạch: “\(shortened(deadline.sentence))”", indent: 2)
            out.line("  deadline: \(deadline.date.iso)", comment: "ngày cuối cùng còn đúng hạn")
        } else {
            out.comment("TODO: dondoc không tìm thấy hạn gửi báo cáo trong kế hoạch (như “trước ngày 10/5/2020” "
                + "hay “chậm nhất ngày 15/7/2021”); ghi ngày cuối cùng còn đúng hạn, dạng YYYY-MM-DD.", indent: 2)
            out.line("  deadline:")
        }
        out.line("  tag: \(plan.tag)", comment: "thẻ ở đầu tiêu đề thư dondoc gửi: [\(plan.tag)-MÃ CƠ QUAN]")
        out.blank()
    }

    private static func opening(_ plan: Plan) -> (date: LocalDate?, note: String) {
        if let planDate = plan.planDate, plan.deadline.map({ planDate <= $0.date }) ?? true {
            return (planDate, "Ngày ban hành kế hoạch: thư đến trước ngày này không thuộc chiến dịch.")
        }
        if let deadline = plan.deadline {
            return (deadline.date.adding(days: -defaultOpeningDays),
                    "TODO: kế hoạch không ghi ngày ban hành; dondoc tạm lấy \(defaultOpeningDays) ngày trước hạn. "
                        + "Thư đến trước ngày này không thuộc chiến dịch.")
        }
        return (nil, "TODO: ngày bắt đầu nhận báo cáo (thường là ngày ban hành kế hoạch), dạng YYYY-MM-DD.")
    }

    private static func office(_ plan: Plan, _ out: inout Lines) {
        out.line("office:")
        if let name = plan.officeName {
            out.line("  name: \(scalar(name))", comment: plan.provinceEvidence.map { "tỉnh đọc từ kế hoạch (“\($0)”)" })
        } else {
            out.line("  name: Văn phòng HĐND tỉnh", comment: "TODO: thêm tên tỉnh; dondoc không nhận ra kế hoạch của tỉnh nào")
        }
        let address = plan.mailbox
        if let address {
            out.line("  address: \(address)", comment: "hộp thư nhận bản điện tử mà kế hoạch nêu")
        } else {
            out.line("  address:", comment: "TODO: hộp thư nhận báo cáo; kế hoạch không nêu địa chỉ thư điện tử nào")
        }
        out.line("  secretariat: []", comment: "TODO: địa chỉ thư của lãnh đạo Văn phòng nhận báo cáo tổng hợp")
        out.blank()

        out.line("mailbox:")
        out.line("  url: imaps://imap.example.org/INBOX", comment: "TODO: máy chủ IMAP của hộp thư trên")
        out.line("  username: \(address ?? "")", comment: address == nil ? "TODO: tên đăng nhập hộp thư" : nil)
        out.line("  password_file: /etc/dondoc/imap.secret", comment: "mật khẩu để riêng trong tệp này, chmod 600")
        out.line("  after_processing: none", comment: "dondoc không bao giờ thay đổi hộp thư")
        out.blank()
        out.line("smtp:")
        out.line("  url: smtps://smtp.example.org", comment: "TODO: máy chủ gửi thư")
        out.line("  username: \(address ?? "")", comment: address == nil ? "TODO: tên đăng nhập máy chủ gửi thư" : nil)
        out.line("  password_file: /etc/dondoc/smtp.secret")
        out.blank()
        out.line("store:")
        out.line("  path: /var/lib/dondoc/\(plan.campaignID).sqlite")
        out.blank()
    }

    private static func reminders(_ plan: Plan, _ out: inout Lines) {
        out.line("reminders:")
        out.line("  before_days: [7, 3, 1]", comment: "nhắc trước hạn 7, 3 và 1 ngày")
        out.line("  on_deadline_day: true")
        out.line("  overdue_every_days: 1")
        out.line("  overdue_max: 10")
        out.line("  working_days_only: true")
        // The overdue reminders run for two working weeks or so after the deadline.
        let holidays = plan.deadline.map {
            fixedHolidays(from: opening(plan).date ?? $0.date, to: $0.date.adding(days: 45))
        } ?? []
        out.comment("TODO: dondoc chỉ ghi các ngày lễ dương lịch trong thời gian chiến dịch; thêm ngày nghỉ bù, "
            + "Tết, Giỗ Tổ nếu rơi vào thời gian này.", indent: 2)
        out.line("  holidays: [\(holidays.map(\.iso).joined(separator: ", "))]")
        out.line("  receipts: true", comment: "gửi xác nhận đã nhận cho mỗi báo cáo")
        out.blank()
    }

    /// New Year, Reunification Day, Labour Day and National Day: the holidays of a fixed
    /// solar date. The lunar ones (Tết, the Hùng Kings) and the days given in lieu change
    /// each year and are left to the Office.
    static func fixedHolidays(from start: LocalDate, to end: LocalDate) -> [LocalDate] {
        guard start <= end else { return [] }
        return (start.year...end.year).flatMap { year in
            [(1, 1), (4, 30), (5, 1), (9, 2)].compactMap { LocalDate(year: year, month: $0.0, day: $0.1) }
        }.filter { $0 >= start && $0 <= end }
    }

    private static func agencies(_ plan: Plan, _ out: inout Lines) {
        guard !plan.groups.isEmpty else {
            out.comment("TODO: dondoc không tìm thấy cơ quan nào phải báo cáo (mục “Đối tượng giải trình”, “Cơ quan báo "
                + "cáo”…); thêm mỗi cơ quan một mục: id, name, aliases, emails.", indent: 0)
            out.line("agencies: []")
            return
        }
        out.comment("Bí danh (aliases) được so sánh sau khi bỏ dấu, chữ hoa, dấu câu; không dùng một bí danh có thể chỉ "
            + "hai cơ quan.", indent: 0)
        out.line("agencies:")
        for (index, group) in plan.groups.enumerated() {
            if index > 0 { out.blank() }
            switch group.source {
            case .heading(let heading): out.comment("Kế hoạch, mục “\(heading)”:", indent: 2)
            case .words(let words): out.comment("Kế hoạch ghi: “\(words)”", indent: 2)
            }
            if let confirm = group.toConfirm { out.comment(confirm.hasPrefix("TODO") ? confirm : "TODO: " + confirm, indent: 2) }
            for body in group.bodies {
                out.line("  - id: \(body.id)")
                out.line("    name: \(scalar(body.name))")
                if !body.aliases.isEmpty {
                    out.line("    aliases: [\(body.aliases.map { scalar($0, inFlow: true) }.joined(separator: ", "))]")
                }
                out.line("    emails: []", comment: "TODO: địa chỉ thư của cơ quan")
            }
        }
    }

    // MARK: YAML text

    /// A plain scalar when YAML reads it back as the same string, else double-quoted.
    static func scalar(_ text: String, inFlow: Bool = false) -> String {
        let special = Set("-?:,[]{}#&*!|>'\"%@`")
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        var plain = !text.isEmpty && !special.contains(text.first!) && text.first != " " && text.last != " "
            && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":") && !text.contains(where: \.isNewline)
            && !reserved.contains(text.lowercased()) && Double(text) == nil
        if inFlow, text.contains(where: { ",[]{}".contains($0) }) { plain = false }
        if plain { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    private static func shortened(_ text: String) -> String {
        text.count <= 300 ? text : String(text.prefix(297)) + "…"
    }

    /// The file being written, with comments wrapped to a readable width.
    struct Lines {
        private(set) var text = ""

        mutating func line(_ content: String, comment: String? = nil) {
            guard let comment else {
                text += content + "\n"
                return
            }
            text += content + "  # " + comment + "\n"
        }

        mutating func comment(_ sentence: String, indent: Int) {
            let prefix = String(repeating: " ", count: indent) + "# "
            var current = ""
            for word in sentence.split(separator: " ") {
                if !current.isEmpty, prefix.count + current.count + 1 + word.count > 100 {
                    text += prefix + current + "\n"
                    current = ""
                }
                current += current.isEmpty ? String(word) : " " + word
            }
            if !current.isEmpty { text += prefix + current + "\n" }
        }

        mutating func blank() { text += "\n" }
    }
}
