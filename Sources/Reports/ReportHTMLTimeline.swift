import DonDoc
import Foundation

extension ReportHTML {
    /// A dot chart of arrivals against the deadline, as inline SVG: one dot per agency at
    /// the instant its first report arrived, a solid line where the deadline ends and a
    /// dashed one at the time of the report. On time and late differ by fill (solid or
    /// hollow) and paper differs from email by shape, so a black-and-white copy reads
    /// the same as the screen.
    static func timelineSVG(_ summary: Summary) -> String {
        TimelineChart(summary).svg
    }
}

private struct TimelineChart {
    let summary: Summary
    let firstDay: LocalDate
    /// The day after the last one shown.
    let endDay: LocalDate
    let dots: [Dot]
    let levels: Int

    struct Dot {
        var x: Double
        var level: Int
        var onTime: Bool
        var paper: Bool
        var title: String
    }

    // Geometry, in SVG user units (the figure is scaled to the page width).
    static let width = 680.0
    static let left = 14.0
    static let right = 14.0
    static let labelRows = 40.0
    static let dotRadius = 4.0
    static let levelHeight = 10.0
    static let axisHeight = 34.0
    static let legendHeight = 20.0

    init(_ summary: Summary) {
        self.summary = summary
        let zone = summary.timeZone
        let arrivals = summary.agencies.compactMap { agency in agency.firstSubmission.map { (agency, $0) } }
        let arrivalDays = arrivals.map { LocalDate($0.1.receivedAt, in: zone) }
        let reminderDays = summary.agencies.flatMap(\.reminders).map(\.date)
        let today = LocalDate(summary.generatedAt, in: zone)
        // From the first thing that happened (and at least a week before the deadline, so
        // an empty campaign still shows its run-up) to two days past the deadline or now.
        firstDay = ([summary.deadline.adding(days: -7)] + arrivalDays + reminderDays).min()!
        endDay = ([summary.deadline, today] + arrivalDays).max()!.adding(days: 2)

        let start = firstDay.start(in: zone).timeIntervalSince1970
        let span = endDay.start(in: zone).timeIntervalSince1970 - start
        let plotWidth = Self.width - Self.left - Self.right
        let clock = ReportHTML.Clock(zone)
        var placed: [Dot] = []
        var lastXOnLevel: [Double] = []
        for (agency, submission) in arrivals.sorted(by: { $0.1.receivedAt < $1.1.receivedAt }) {
            let x = Self.left + (submission.receivedAt.timeIntervalSince1970 - start) / span * plotWidth
            // Stack dots that would overlap: the lowest level with room at this x.
            let gap = Self.dotRadius * 2 + 1
            let level = lastXOnLevel.firstIndex { x - $0 >= gap } ?? lastXOnLevel.count
            if level == lastXOnLevel.count { lastXOnLevel.append(x) } else { lastXOnLevel[level] = x }
            placed.append(Dot(x: x, level: level, onTime: agency.status != .late,
                              paper: submission.channel == .paper,
                              title: "\(agency.name): \(clock.timeAndDate(submission.receivedAt))"))
        }
        dots = placed
        levels = max(lastXOnLevel.count, 3)
    }

    var plotTop: Double { Self.labelRows }
    var baseline: Double { plotTop + Double(levels) * Self.levelHeight + 8 }
    var height: Double { baseline + Self.axisHeight + Self.legendHeight }

    func x(of instant: Date) -> Double {
        let start = firstDay.start(in: summary.timeZone).timeIntervalSince1970
        let span = endDay.start(in: summary.timeZone).timeIntervalSince1970 - start
        return Self.left + (instant.timeIntervalSince1970 - start) / span * (Self.width - Self.left - Self.right)
    }

    var svg: String {
        var parts: [String] = []
        parts.append(
            "<svg class=\"timeline\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" role=\"img\" "
                + "aria-labelledby=\"timeline-title\" font-family=\"'Noto Sans', 'DejaVu Sans', Arial, sans-serif\">")
        parts.append("<title id=\"timeline-title\">Thời điểm nhận báo cáo đầu tiên của từng cơ quan so với hạn gửi</title>")
        parts.append(axis())
        parts.append(markers())
        parts.append(dotMarks())
        parts.append(legend())
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    // MARK: Parts

    private func axis() -> String {
        let zone = summary.timeZone
        let days = firstDay.days(until: endDay)
        let pixelsPerDay = (Self.width - Self.left - Self.right) / Double(days)
        // Every day gets a tick; labels only as often as they fit ("09/05" needs ~30 units).
        let labelEvery = max(1, Int((32 / pixelsPerDay).rounded(.up)))
        var marks = "<g class=\"grid\" stroke=\"#d8d8d8\" stroke-width=\"0.6\">"
        for offset in 0...days {
            let x = self.x(of: firstDay.adding(days: offset).start(in: zone))
            marks += "<line x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(baseline))\"/>"
        }
        marks += "</g>\n<g class=\"axis\" stroke=\"#333\" stroke-width=\"0.8\">"
        marks += "<line x1=\"\(n(Self.left))\" y1=\"\(n(baseline))\" x2=\"\(n(Self.width - Self.right))\" y2=\"\(n(baseline))\"/>"
        for offset in 0...days {
            let x = self.x(of: firstDay.adding(days: offset).start(in: zone))
            marks += "<line x1=\"\(n(x))\" y1=\"\(n(baseline))\" x2=\"\(n(x))\" y2=\"\(n(baseline + 3))\"/>"
        }
        marks += "</g>\n<g class=\"axis-labels\" font-size=\"9.5\" fill=\"#222\" text-anchor=\"middle\">"
        for offset in stride(from: 0, to: days, by: labelEvery) {
            let day = firstDay.adding(days: offset)
            // Centred under the day it names, not on its midnight tick.
            let x = self.x(of: day.start(in: zone).addingTimeInterval(12 * 3600))
            marks += "<text x=\"\(n(x))\" y=\"\(n(baseline + 13))\">\(ReportDates.dayMonth(day))</text>"
        }
        marks += "</g>\n"
        marks += "<text x=\"\(n(Self.width / 2))\" y=\"\(n(baseline + 27))\" font-size=\"9\" text-anchor=\"middle\" "
            + "fill=\"#222\">Ngày nhận báo cáo (ngày/tháng, giờ \(ReportHTML.Clock(zone).utcOffset(at: summary.generatedAt)))</text>"
        return marks
    }

    private func markers() -> String {
        let deadlineX = x(of: summary.deadline.end(in: summary.timeZone))
        let nowX = x(of: summary.generatedAt)
        let clock = ReportHTML.Clock(summary.timeZone)
        let now = "\(clock.time(summary.generatedAt)) \(ReportDates.dayMonth(LocalDate(summary.generatedAt, in: summary.timeZone)))"
        // Two rows, so the labels never collide however close the two lines are; each
        // label sits beside its line (the deadline's reads towards it from the left).
        var marks = "<g class=\"deadline\">"
        marks += "<line x1=\"\(n(deadlineX))\" y1=\"\(n(plotTop - 30))\" x2=\"\(n(deadlineX))\" y2=\"\(n(baseline))\" "
            + "stroke=\"#000\" stroke-width=\"1.6\"/>"
        marks += label("Hạn gửi: hết ngày \(summary.deadline.vietnamese)", x: deadlineX, y: plotTop - 21,
                       preferLeft: true, bold: true)
        marks += "</g>\n<g class=\"now\">"
        marks += "<line x1=\"\(n(nowX))\" y1=\"\(n(plotTop - 16))\" x2=\"\(n(nowX))\" y2=\"\(n(baseline))\" "
            + "stroke=\"#444\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>"
        marks += label("Lập báo cáo: \(now)", x: nowX, y: plotTop - 7, preferLeft: false, bold: false)
        marks += "</g>\n"
        return marks
    }

    /// A label beside a vertical line, on the preferred side when it fits in the figure.
    private func label(_ text: String, x: Double, y: Double, preferLeft: Bool, bold: Bool) -> String {
        let fontSize = 10.0
        // An estimate is enough: Vietnamese in these fonts averages about 0.55 em a letter.
        let width = Double(text.count) * fontSize * 0.55
        let fitsLeft = x - 4 - width >= 0
        let fitsRight = x + 4 + width <= Self.width
        let left = preferLeft ? (fitsLeft || !fitsRight) : (!fitsRight && fitsLeft)
        return "<text x=\"\(n(left ? x - 4 : x + 4))\" y=\"\(n(y))\" font-size=\"\(n(fontSize))\" "
            // A white outline under the letters: a line crossing the label stops short of it.
            + "text-anchor=\"\(left ? "end" : "start")\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"3\" "
            + "paint-order=\"stroke\"" + (bold ? " font-weight=\"700\"" : "")
            + ">\(ReportHTML.escape(text))</text>"
    }

    private func dotMarks() -> String {
        var marks = "<g class=\"arrivals\">"
        for dot in dots {
            let y = baseline - 4 - Self.dotRadius - Double(dot.level) * Self.levelHeight
            let fill = dot.onTime ? "#1f1f1f" : "#fff"
            let title = "<title>\(ReportHTML.escape(dot.title))</title>"
            if dot.paper {
                let side = Self.dotRadius * 1.7
                marks += "<rect x=\"\(n(dot.x - side / 2))\" y=\"\(n(y - side / 2))\" width=\"\(n(side))\" height=\"\(n(side))\" "
                    + "fill=\"\(fill)\" stroke=\"#000\" stroke-width=\"1.3\">\(title)</rect>"
            } else {
                marks += "<circle cx=\"\(n(dot.x))\" cy=\"\(n(y))\" r=\"\(n(Self.dotRadius))\" "
                    + "fill=\"\(fill)\" stroke=\"#000\" stroke-width=\"1.3\">\(title)</circle>"
            }
        }
        return marks + "</g>\n"
    }

    private func legend() -> String {
        let y = baseline + Self.axisHeight + 10
        var marks = "<g class=\"legend\" font-size=\"9\" fill=\"#222\">"
        marks += "<circle cx=\"\(n(Self.left + 4))\" cy=\"\(n(y - 3))\" r=\"4\" fill=\"#1f1f1f\" stroke=\"#000\" stroke-width=\"1.3\"/>"
        marks += "<text x=\"\(n(Self.left + 12))\" y=\"\(n(y))\">Đúng hạn</text>"
        marks += "<circle cx=\"\(n(Self.left + 74))\" cy=\"\(n(y - 3))\" r=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.3\"/>"
        marks += "<text x=\"\(n(Self.left + 82))\" y=\"\(n(y))\">Nộp muộn</text>"
        marks += "<rect x=\"\(n(Self.left + 143))\" y=\"\(n(y - 6.4))\" width=\"6.8\" height=\"6.8\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.3\"/>"
        marks += "<text x=\"\(n(Self.left + 154))\" y=\"\(n(y))\">Bản giấy (còn lại: thư điện tử)</text>"
        let waiting = summary.count(.missing)
        let notDue = summary.count(.notDue)
        marks += "<text x=\"\(n(Self.width - Self.right))\" y=\"\(n(y))\" text-anchor=\"end\">"
            + "Chưa nộp: \(waiting) · Chưa đến hạn: \(notDue) cơ quan</text>"
        return marks + "</g>"
    }

    /// Coordinates with one decimal: enough for print, and stable text for tests.
    private func n(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
