import DonDoc
import Foundation

/// The secretariat's report as one self-contained HTML page, to read on screen, print on
/// A4 and attach to mail for the Standing Committee. Nothing is fetched from the network:
/// the style and the chart are inline, there are no scripts and no web fonts, so the page
/// looks the same on an offline office PC as in the mail client.
///
/// Every string that came from mail or from the campaign file is escaped.
public enum ReportHTML {
    public static func render(_ summary: Summary) -> String {
        let clock = Clock(summary.timeZone)
        var page = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tình hình tiếp nhận báo cáo – \(escape(summary.title))</title>
            <style>\(stylesheet)</style>
            </head>
            <body>

            """
        page += header(summary, clock: clock)
        page += statusCounts(summary)
        page += agencyTable(summary, clock: clock)
        page += timeline(summary)
        page += reviewQueue(summary, clock: clock)
        page += undeliveredReminders(summary)
        page += """
            <footer>Lập tự động bởi dondoc lúc \(clock.timeAndDate(summary.generatedAt)) \
            (\(clock.utcOffset(at: summary.generatedAt))) · Mã đợt: \(escape(summary.campaignID))</footer>
            </body>
            </html>

            """
        return page
    }

    // MARK: Sections

    private static func header(_ summary: Summary, clock: Clock) -> String {
        """
        <header>
        <p class="office">\(escape(summary.officeName))</p>
        <h1>Tình hình tiếp nhận báo cáo</h1>
        <p class="campaign">\(escape(summary.title))</p>
        <p class="when">Hạn gửi: hết ngày <strong>\(summary.deadline.vietnamese)</strong> · \
        Số liệu tính đến <strong>\(clock.timeAndDate(summary.generatedAt))</strong> \
        (\(clock.utcOffset(at: summary.generatedAt)))</p>
        </header>

        """
    }

    /// Shown in the order a reader asks about them: who is missing first.
    private static let countedStatuses: [AgencyStatus] = [.missing, .late, .onTime, .notDue, .exempt]

    private static func statusCounts(_ summary: Summary) -> String {
        var cells = ""
        for status in countedStatuses {
            let count = summary.count(status)
            // Exemptions are rare; a zero box for them is noise.
            if status == .exempt && count == 0 { continue }
            cells += "<li class=\"status-\(status.rawValue)\"><span class=\"count\">\(count)</span> "
                + "<span class=\"label\">\(ReportLabels.statusName(status))</span></li>\n"
        }
        return """
            <section class="counts" aria-label="Số cơ quan theo trạng thái">
            <ul>
            \(cells)<li class="total"><span class="count">\(summary.agencies.count)</span> <span class="label">Tổng số cơ quan</span></li>
            </ul>
            </section>

            """
    }

    private static func agencyTable(_ summary: Summary, clock: Clock) -> String {
        var rows = ""
        for (index, agency) in summary.agencies.enumerated() {
            rows += "<tr class=\"row-\(agency.status.rawValue)\">"
            rows += "<td class=\"number\">\(index + 1)</td>"
            rows += "<td>\(escape(agency.name))"
            if agency.hasExtension {
                rows += "<div class=\"note\">Gia hạn đến \(agency.deadline.vietnamese)</div>"
            }
            if !agency.heldBy.isEmpty {
                let messages = agency.heldBy.map { "#\(escape($0))" }.joined(separator: ", ")
                rows += "<div class=\"note\">Tạm dừng nhắc: thư \(messages) có thể là báo cáo, đang chờ người xem</div>"
            }
            rows += "</td>"
            rows += "<td>\(statusBadge(agency))</td>"
            rows += "<td class=\"date\">\(arrival(agency, clock: clock))</td>"
            rows += "<td class=\"channel\">\(channels(agency))</td>"
            rows += "<td>\(documentSymbol(agency))</td>"
            rows += "<td class=\"files\">\(files(agency))</td>"
            rows += "<td>\(remindersSent(agency))</td>"
            rows += "</tr>\n"
        }
        return """
            <section>
            <h2>Tình hình gửi báo cáo của các cơ quan</h2>
            <table class="agencies">
            <colgroup><col class="c-number"><col class="c-agency"><col class="c-status"><col class="c-date">\
            <col class="c-channel"><col class="c-symbol"><col class="c-files"><col class="c-reminders"></colgroup>
            <thead><tr><th>STT</th><th>Cơ quan</th><th>Trạng thái</th><th>Ngày nhận</th><th>Hình thức</th>\
            <th>Số ký hiệu</th><th>Tệp</th><th>Nhắc đã gửi<div class=\"note\">(lần cuối)</div></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    private static func timeline(_ summary: Summary) -> String {
        """
        <section class="timeline">
        <h2>Thời điểm nhận báo cáo so với hạn gửi</h2>
        <figure>
        \(timelineSVG(summary))
        </figure>
        </section>

        """
    }

    private static func reviewQueue(_ summary: Summary, clock: Clock) -> String {
        guard !summary.review.isEmpty else {
            return "<section>\n<h2>Thư cần xem xét</h2>\n<p class=\"empty\">Không có thư nào chờ xem xét.</p>\n</section>\n\n"
        }
        let names = Dictionary(summary.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var rows = ""
        for (index, item) in summary.review.enumerated() {
            var reasons = item.kind == .unparseable ? ["Không đọc được nội dung thư"] : []
            reasons += item.reasons
            let candidates = item.candidates.map { names[$0] ?? $0 }
            rows += "<tr><td class=\"number\">\(index + 1)</td>"
            rows += "<td><code>\(escape(item.messageRef))</code></td>"
            rows += "<td class=\"date\">\(clock.dateLine(item.receivedAt))</td>"
            rows += "<td class=\"wrap\">\(optional(item.from))</td>"
            rows += "<td class=\"wrap\">\(optional(item.subject))</td>"
            rows += "<td>\(list(reasons))</td>"
            rows += "<td>\(list(candidates))</td></tr>\n"
        }
        return """
            <section>
            <h2>Thư cần xem xét</h2>
            <p class="hint">Chưa xác định được cơ quan gửi; cần một người kiểm tra \
            (<code>dondoc assign</code> hoặc <code>dondoc reject</code> với mã thư).</p>
            <table class="review">
            <colgroup><col class="c-number"><col class="c-ref"><col class="c-date"><col class="c-from">\
            <col class="c-subject"><col class="c-reasons"><col class="c-candidates"></colgroup>
            <thead><tr><th>STT</th><th>Mã thư</th><th>Nhận lúc</th><th>Người gửi</th><th>Tiêu đề</th>\
            <th>Lý do</th><th>Có thể là</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    private static func undeliveredReminders(_ summary: Summary) -> String {
        guard !summary.undeliveredReminders.isEmpty else {
            return "<section>\n<h2>Thư nhắc không gửi được</h2>\n<p class=\"empty\">Mọi thư nhắc đều đã gửi được.</p>\n</section>\n\n"
        }
        let names = Dictionary(summary.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var rows = ""
        for (index, reminder) in summary.undeliveredReminders.enumerated() {
            rows += "<tr><td class=\"number\">\(index + 1)</td>"
            rows += "<td>\(escape(names[reminder.agencyID] ?? reminder.agencyID))</td>"
            rows += "<td class=\"date\">\(reminder.date.vietnamese)</td>"
            rows += "<td>\(ReportLabels.reminderKind(reminder.kind))</td>"
            rows += "<td>\(ReportLabels.delivery(reminder.delivery))</td>"
            rows += "<td class=\"wrap\">\(optional(reminder.detail))</td></tr>\n"
        }
        return """
            <section>
            <h2>Thư nhắc không gửi được</h2>
            <table class="undelivered">
            <colgroup><col class="c-number"><col class="c-agency"><col class="c-date"><col class="c-kind">\
            <col class="c-delivery"><col class="c-detail"></colgroup>
            <thead><tr><th>STT</th><th>Cơ quan</th><th>Ngày nhắc</th><th>Loại thư nhắc</th><th>Kết quả</th>\
            <th>Chi tiết</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    // MARK: Cells

    /// The same words as the terminal and the spreadsheet, days included, on a pale
    /// background of its own per status.
    private static func statusBadge(_ agency: AgencySummary) -> String {
        "<span class=\"status status-\(agency.status.rawValue)\">\(escape(ReportLabels.status(agency)))</span>"
    }

    private static func arrival(_ agency: AgencySummary, clock: Clock) -> String {
        guard let first = agency.firstSubmission else { return dash }
        return clock.dateLine(first.receivedAt)
    }

    private static func channels(_ agency: AgencySummary) -> String {
        var seen: [String] = []
        for submission in agency.submissions {
            let label = ReportLabels.channel(of: submission)
            if !seen.contains(label) { seen.append(label) }
        }
        guard !seen.isEmpty else { return dash }
        return seen.map(escape).joined(separator: "<br>")
    }

    private static func documentSymbol(_ agency: AgencySummary) -> String {
        // The first submission that carries one: a paper copy recorded later often does.
        guard let symbol = agency.submissions.lazy.compactMap(\.documentSymbol).first else { return dash }
        return escape(symbol)
    }

    private static func files(_ agency: AgencySummary) -> String {
        let documents = agency.submissions.flatMap(\.documents)
        guard !documents.isEmpty else { return dash }
        return documents.map { document in
            "<div>\(escape(document.name)) <span class=\"size\">(\(fileSize(document.size)))</span></div>"
                + document.signatures.map { signature in
                    // Who signed and whether it holds: the Standing Committee asks.
                    "<div class=\"note\">Ký số: \(escape(signature.signerName ?? "không rõ người ký")), "
                        + "\(escape(signature.vietnameseState))</div>"
                }.joined()
        }.joined()
    }

    private static func remindersSent(_ agency: AgencySummary) -> String {
        // A bounced reminder did leave: the agency's server returned it later.
        let left = agency.reminders.filter { $0.delivery == .sent || $0.delivery == .bounced }
        let notArrived = agency.reminders.filter { $0.delivery == .failed || $0.delivery == .bounced }.count
        guard let last = left.map(\.date).max() else {
            return notArrived > 0 ? "0<div class=\"note\">\(notArrived) không gửi được</div>" : "0"
        }
        var cell = "\(left.count)<div class=\"note\">\(ReportDates.dayMonth(last))</div>"
        if notArrived > 0 { cell += "<div class=\"note\">\(notArrived) không tới nơi</div>" }
        return cell
    }

    private static let dash = "<span class=\"none\">–</span>"

    private static func optional(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return dash }
        return escape(text)
    }

    private static func list(_ items: [String]) -> String {
        guard !items.isEmpty else { return dash }
        return items.map { "<div class=\"item\">\(escape($0))</div>" }.joined()
    }

    /// Sizes the way Vietnamese office software writes them: decimal comma, KB and MB.
    static func fileSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kilobytes = Double(bytes) / 1024
        if kilobytes < 1024 { return "\(Int(kilobytes.rounded())) KB" }
        let tenths = Int((kilobytes / 1024 * 10).rounded())
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
