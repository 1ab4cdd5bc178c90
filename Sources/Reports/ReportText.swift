import DonDoc
import Foundation

/// `dondoc report` (the default format): what a secretary reads in a terminal before a
/// meeting. One line per agency, the status first in words that need no legend, then
/// the counts, then what needs a person: the review queue and reminders that did not
/// arrive. No line is wider than `width` columns.
public enum ReportText {
    /// An 80-column terminal would cut the agency names to nothing; 100 is what the
    /// Office's screens show without wrapping.
    public static let width = 100

    public static func render(_ s: Summary) -> String {
        let dates = ReportDates(zone: s.timeZone)
        var lines: [String] = []
        lines.append(s.title)
        lines.append("\(s.officeName) · hạn nộp \(s.deadline.vietnamese) · số liệu đến "
            + "\(dates.long(s.generatedAt)) (\(dates.offset(at: s.generatedAt)))")
        lines.append("")
        lines += agencyTable(s, dates: dates)
        let extended = s.agencies.filter(\.hasExtension)
        if !extended.isEmpty {
            lines.append("* Được gia hạn: " + extended.map { "\($0.name) (đến \($0.deadline.vietnamese))" }
                .joined(separator: ", "))
        }
        lines.append("")
        lines += counts(s)
        lines.append("")
        let signed = signatures(s)
        if !signed.isEmpty { lines += signed + [""] }
        lines += reviewQueue(s, dates: dates)
        lines.append("")
        lines += undelivered(s)
        return lines.map { FittedTable.fit(TerminalText.clean($0), to: width) }.joined(separator: "\n") + "\n"
    }

    static func agencyTable(_ s: Summary, dates: ReportDates) -> [String] {
        let rows = s.agencies.enumerated().map { index, agency in
            let first = agency.firstSubmission
            let issued = agency.remindersIssued
            return [
                "\(index + 1)" + (agency.hasExtension ? "*" : ""),
                agency.name,
                ReportLabels.status(agency),
                first.map { dates.short($0.receivedAt) } ?? "",
                first.map { ReportLabels.channel(of: $0) } ?? "",
                agency.documentSymbol ?? "",
                issued.last.map { "\(issued.count), \(ReportDates.dayMonth($0.date))" } ?? "",
            ]
        }
        let table = FittedTable(
            // "TT" (thứ tự), not "STT": every column counts in 100.
            headers: ["TT", "Cơ quan", "Tình trạng", "Nhận lúc", "Kênh", "Số, ký hiệu", "Nhắc"],
            rows: rows,
            // A symbol longer than this is a misreading more often than a real one.
            caps: [nil, nil, nil, nil, nil, 16, nil],
            flexible: 1,
            // One space between columns: with two, the names of the ten districts would be
            // cut to "UBND huyện Mườn…", and three of them start that way.
            gutter: " ",
            shorten: AgencyNames.abbreviated)
        return table.render(width: width)
    }

    static func counts(_ s: Summary) -> [String] {
        let names = AgencyStatus.allCases.map { ReportLabels.statusName($0) + ":" }
        let labelWidth = names.map(\.count).max() ?? 0
        var lines = ["Tổng số: \(s.agencies.count) cơ quan"]
        for (status, name) in zip(AgencyStatus.allCases, names) {
            lines.append("  " + name.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + " " + String(s.count(status)))
        }
        return lines
    }

    /// Who signed each agency's documents and whether the signature holds: the Standing
    /// Committee asks, and only a signature that holds vouches for the file.
    static func signatures(_ s: Summary) -> [String] {
        var lines: [String] = []
        for agency in s.agencies {
            for document in agency.documents {
                for signature in document.signatures {
                    // Two lines: a signer's name and the state do not fit beside the agency in 100 columns.
                    lines.append("  \(agency.name): «\(document.name)»")
                    lines.append("      ký bởi \(signature.signerName ?? "không rõ"): \(signature.vietnameseState)")
                }
            }
        }
        return lines.isEmpty ? [] : ["Văn bản có chữ ký số:"] + lines
    }

    static func reviewQueue(_ s: Summary, dates: ReportDates) -> [String] {
        guard !s.review.isEmpty else { return ["Thư cần xem xét: không có."] }
        let names = Dictionary(uniqueKeysWithValues: s.agencies.map { ($0.id, $0.name) })
        let rows = s.review.map { item in
            [item.messageRef, dates.short(item.receivedAt), item.from ?? "",
             ReportLabels.messageKind(item.kind), item.subject ?? ""]
        }
        let table = FittedTable(headers: ["Mã thư", "Nhận lúc", "Người gửi", "Loại", "Tiêu đề"],
                                rows: rows, caps: [nil, nil, 34, nil, nil], flexible: 4, indent: "  ")
        let rendered = table.render(width: width)
        var lines = ["Thư cần xem xét (\(s.review.count)) — dondoc messages --review:", rendered[0]]
        for (item, line) in zip(s.review, rendered.dropFirst()) {
            lines.append(line)
            // Under each message, on lines of their own so the table's columns do not cut
            // them: the agencies the signals pointed at (what the clerk will assign to), by
            // name, then why dondoc did not decide.
            if !item.candidates.isEmpty {
                lines.append("      → có thể là: " + item.candidates.map { names[$0] ?? $0 }.joined(separator: ", "))
            }
            let held = s.agencies.filter { $0.heldBy.contains(item.messageRef) }.map(\.name)
            if !held.isEmpty {
                lines.append("      tạm dừng nhắc cho đến khi có quyết định: " + held.joined(separator: ", "))
            }
            if !item.reasons.isEmpty { lines.append("      lý do: " + item.reasons.joined(separator: "; ")) }
        }
        return lines
    }

    static func undelivered(_ s: Summary) -> [String] {
        guard !s.undeliveredReminders.isEmpty else { return ["Nhắc không đến được: không có."] }
        let names = Dictionary(uniqueKeysWithValues: s.agencies.map { ($0.id, $0.name) })
        let rows = s.undeliveredReminders.map { reminder in
            [reminder.date.vietnamese, names[reminder.agencyID] ?? reminder.agencyID,
             ReportLabels.reminderKind(reminder.kind), ReportLabels.delivery(reminder.delivery),
             reminder.detail ?? ""]
        }
        let table = FittedTable(headers: ["Ngày", "Cơ quan", "Loại nhắc", "Tình trạng", "Chi tiết"],
                                rows: rows, caps: [nil, 30, nil, nil, nil], flexible: 4, indent: "  ")
        return ["Nhắc không đến được (\(s.undeliveredReminders.count)):"] + table.render(width: width)
    }
}

/// Columns padded to a common width, fitted into a line width: one column (the name,
/// the subject) gives up room when the others need it, and a cell too long for its
/// column ends in "…". Widths count Characters of NFC text, one column each, which is
/// how terminals show Vietnamese.
struct FittedTable {
    var headers: [String]
    var rows: [[String]]
    /// Widest a column may be, when its content should not crowd out the rest.
    var caps: [Int?]
    /// The column that shrinks to fit.
    var flexible: Int
    var indent: String = ""
    var gutter = "  "
    /// A shorter way to say a cell of the flexible column, tried before cutting it.
    var shorten: (String) -> String = { $0 }

    func render(width: Int) -> [String] {
        let all = ([headers] + rows).map { $0.map(TerminalText.clean) }
        var widths = headers.indices.map { column in
            let natural = all.map { $0[column].count }.max() ?? 0
            return caps[column].map { min($0, natural) } ?? natural
        }
        let used = indent.count + widths.reduce(0, +) + gutter.count * (widths.count - 1)
        if used > width {
            // Never below the header's first letter and the ellipsis.
            widths[flexible] = max(2, widths[flexible] - (used - width))
        }
        return all.map { row in
            let cells = row.enumerated().map { column, cell in
                let fitted = column == flexible && cell.count > widths[column]
                    ? Self.fit(shorten(cell), to: widths[column]) : Self.fit(cell, to: widths[column])
                return column == row.count - 1
                    ? fitted : fitted + String(repeating: " ", count: widths[column] - fitted.count)
            }
            var line = indent + cells.joined(separator: gutter)
            while line.last == " " { line.removeLast() }
            return Self.fit(line, to: width)
        }
    }

    /// Cut to `width` Characters, marking the cut with "…".
    static func fit(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 0 else { return "" }
        return String(text.prefix(width - 1)) + "…"
    }
}

/// The standard abbreviations of Vietnamese administrative writing, used when a name
/// does not fit its column: "Công ty cổ phần Cao su Mường Nhé Điện Biên" keeps the part
/// that tells it from "Công ty cổ phần Cao su Điện Biên" once it reads "Công ty CP …".
enum AgencyNames {
    static let abbreviations: [(long: String, short: String)] = [
        ("Công ty trách nhiệm hữu hạn", "Công ty TNHH"),
        ("Công ty cổ phần", "Công ty CP"),
        ("Ủy ban nhân dân", "UBND"),
        ("Uỷ ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
        ("thành phố", "TP"),
        ("Thành phố", "TP"),
        ("thị xã", "TX"),
        ("Thị xã", "TX"),
    ]

    /// Replaced on UTF-8 bytes: names are NFC, and the text report shortens every
    /// agency's name (Foundation's replacement was a tenth of a report's time).
    static func abbreviated(_ name: String) -> String {
        var bytes = Array(name.utf8)
        for (long, short) in abbreviationBytes {
            var start = 0
            while start + long.count <= bytes.count {
                if bytes[start] == long[0], bytes[start..<(start + long.count)].elementsEqual(long) {
                    bytes.replaceSubrange(start..<(start + long.count), with: short)
                    start += short.count
                } else {
                    start += 1
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let abbreviationBytes = abbreviations.map { (Array($0.long.nfc.utf8), Array($0.short.utf8)) }
}
