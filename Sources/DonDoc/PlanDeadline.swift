import Foundation

/// The day reports are due, as a plan words it. Plans name several dates (the laws they
/// rest on, the meeting, the visit); the one wanted is tied to sending the reports
/// ("báo cáo bằng văn bản … gửi … trước ngày 10/5/2020"), and its qualifier decides the
/// last day on time: "trước ngày 10/5" is before the 10th, so the 9th.
public struct PlanDeadline: Sendable, Equatable {
    public enum Rule: String, Sendable {
        /// "trước ngày D": D is already late.
        case before
        /// "chậm nhất ngày D", "trước hoặc trong ngày D", "hạn cuối D", "đến hết ngày D".
        case onOrBefore
        /// "trước 17 giờ ngày D": D, the hour dropped (dondoc counts days).
        case beforeTimeOfDay
        /// "gửi báo cáo … ngày D" with no qualifier: taken as D, to be confirmed.
        case unqualified
    }

    /// The last local date on which a report is on time.
    public var date: LocalDate
    /// The date as the plan writes it.
    public var written: LocalDate
    public var rule: Rule
    /// The words of the plan that say it: "trước ngày 10/5/2020".
    public var phrase: String
    /// The sentence (or list item) it was read from.
    public var sentence: String
    /// The plan left out the year ("trước ngày 10/5"); the plan's year was taken.
    public var yearAssumed: Bool

    /// How the date was read, in Vietnamese, for the campaign file's comment.
    public var reading: String {
        var text: String
        switch rule {
        case .before:
            text = "Kế hoạch ghi “\(phrase)”: báo cáo phải đến trước ngày \(written.vietnamese), "
                + "nên ngày cuối cùng còn đúng hạn là \(date.vietnamese) (ngày hôm trước)."
        case .onOrBefore:
            text = "Kế hoạch ghi “\(phrase)”: ngày \(written.vietnamese) vẫn còn đúng hạn, nên hạn cuối là chính ngày đó."
        case .beforeTimeOfDay:
            text = "Kế hoạch ghi “\(phrase)”: hạn cuối là ngày \(date.vietnamese); dondoc tính hạn theo ngày, "
                + "không theo giờ, nên báo cáo đến sau giờ đó trong ngày vẫn được tính là đúng hạn."
        case .unqualified:
            text = "TODO: kế hoạch ghi “\(phrase)” mà không nói “trước” hay “chậm nhất”; dondoc tạm lấy chính ngày "
                + "\(written.vietnamese) làm hạn cuối, Văn phòng xác nhận lại."
        }
        if yearAssumed { text += " Kế hoạch không ghi năm; dondoc lấy năm \(written.year) của kế hoạch." }
        return text
    }

    /// The date reports are due, or nil when the plan names none. `year` fills in a date
    /// written without one ("trước ngày 10/5").
    static func find(in lines: [PlanLine], year: Int?) -> PlanDeadline? {
        var best: (score: Int, deadline: PlanDeadline)?
        for line in lines {
            let lineWords = line.folded
            if PlanText.isLegalBasis(lineWords) { continue }
            if PlanText.startsWith(lineWords, "noi nhan") { break }
            for clause in PlanText.clauses(line.text) {
                for candidate in candidates(in: String(clause), year: year) {
                    let score = candidate.score + context(String(clause), line: line.text, rule: candidate.deadline.rule)
                    if best == nil || score > best!.score { best = (score, candidate.deadline) }
                }
            }
        }
        guard let best, best.score >= minimumScore else { return nil }
        return best.deadline
    }

    /// A qualified date in a sentence about reports passes; a bare date must at least sit
    /// in a sentence that sends reports somewhere.
    private static let minimumScore = 5

    /// Every date in one clause, with the score its qualifier earns.
    private static func candidates(in clause: String, year: Int?) -> [(score: Int, deadline: PlanDeadline)] {
        let words = PlanText.words(clause)
        var result: [(Int, PlanDeadline)] = []
        var index = 0
        while index < words.count {
            guard let mention = PlanDates.date(in: clause, words: words, at: index, year: year) else {
                index += 1
                continue
            }
            defer { index = mention.end }
            if PlanDates.isReference(clause, before: words[index].range.lowerBound) { continue }
            let (rule, qualifierStart) = qualifier(words.map(\.folded), before: index)
            let last = rule == .before ? mention.date.adding(days: -1) : mention.date
            let phraseStart = words[qualifierStart ?? index].range.lowerBound
            let phraseEnd = words[mention.end - 1].range.upperBound
            let deadline = PlanDeadline(
                date: last, written: mention.date, rule: rule, phrase: String(clause[phraseStart..<phraseEnd]),
                sentence: PlanText.collapseSpaces(String(clause)), yearAssumed: mention.yearAssumed)
            result.append((rule == .unqualified ? 0 : 4, deadline))
        }
        return result
    }

    /// What stands before the date (at word `index`, "ngày" or the day's number).
    private static func qualifier(_ folded: [String], before index: Int) -> (PlanDeadline.Rule, Int?) {
        var start = index
        // The hour: "17 giờ 00", "17h00", "16 giờ 30 phút", "lúc 17h", then "ngày".
        var hasTime = false
        while start > 0, isTimeWord(folded[start - 1]) {
            start -= 1
            hasTime = hasTime || folded[start].contains(where: \.isNumber)
        }
        let tail = Array(folded[max(0, start - 8)..<start])
        func ends(_ phrase: String) -> Int? {
            let wanted = phrase.split(separator: " ").map(String.init)
            guard tail.count >= wanted.count, tail.suffix(wanted.count).elementsEqual(wanted) else { return nil }
            return start - wanted.count
        }
        for phrase in ["truoc hoac trong", "truoc hoac vao", "truoc hoac dung", "den het", "trong"] {
            if let from = ends(phrase) { return (.onOrBefore, from) }
        }
        if let from = ends("truoc") { return (hasTime ? .beforeTimeOfDay : .before, from) }
        for phrase in ["cham nhat", "han cuoi", "han chot", "thoi han", "han nop", "khong muon hon", "khong qua"] {
            let wanted = phrase.split(separator: " ").map(String.init)
            if let at = PlanText.find(wanted, in: tail) {
                let from = start - tail.count + at
                return (hasTime ? .beforeTimeOfDay : .onOrBefore, from)
            }
        }
        return (.unqualified, nil)
    }

    private static func isTimeWord(_ word: String) -> Bool {
        // Not "vào": "trước hoặc vào ngày" is a qualifier, not an hour.
        if ["gio", "phut", "luc", "h"].contains(word) { return true }
        // "17h00", "17h", "17", "00"
        let digits = word.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 2 else { return false }
        let rest = word.dropFirst(digits.count)
        return rest.isEmpty || rest == "h" || (rest.hasPrefix("h") && rest.dropFirst().allSatisfy(\.isNumber))
    }

    /// What the sentence is about: sending reports scores, a meeting or a visit does not.
    private static func context(_ clause: String, line: String, rule: Rule) -> Int {
        let words = PlanText.words(clause).map(\.folded)
        let lineWords = PlanText.words(line).map(\.folded)
        var score = 0
        let aboutReports = PlanText.contains(words, "bao cao")
        if aboutReports { score += 3 }
        if ["gui", "nop", "chuyen", "tiep nhan"].contains(where: { PlanText.contains(words, $0) }) { score += 2 }
        if clause.contains("@") || PlanText.contains(lineWords, "dien tu") || PlanText.contains(words, "email") {
            score += 2
        }
        let aboutMeeting = ["phien hop", "ky hop", "khai mac", "giam sat truc tiep", "lam viec voi", "tham du",
                            "thoi gian to chuc", "hoi nghi"].contains { PlanText.contains(words, $0) }
        if aboutMeeting, !aboutReports { score -= 4 }
        if rule == .unqualified, !aboutReports { score -= 4 }
        return score
    }
}

/// Dates as plans write them: "10/5/2020", "10-5-2020", "10.5.2020", "ngày 10 tháng 5 năm
/// 2020", and without the year ("ngày 10/5", "ngày 10 tháng 5").
enum PlanDates {
    struct Mention {
        var date: LocalDate
        /// Word index just after the date.
        var end: Int
        var yearAssumed: Bool
    }

    static func date(in text: String, words: [PlanWord], at index: Int, year: Int?) -> Mention? {
        func number(_ i: Int, digits: ClosedRange<Int>) -> Int? {
            guard i < words.count, words[i].folded.allSatisfy(\.isASCII), words[i].folded.allSatisfy(\.isNumber),
                  digits.contains(words[i].folded.count) else { return nil }
            return Int(words[i].folded)
        }
        func separated(_ i: Int) -> Bool {
            // Between word i and i+1 only one of / - . (spaces allowed around it).
            let between = text[words[i].range.upperBound..<words[i + 1].range.lowerBound].filter { $0 != " " }
            return between.count == 1 && "/-.".contains(between.first!)
        }
        func make(_ d: Int, _ m: Int, _ y: Int?, end: Int) -> Mention? {
            guard let y = y ?? year, let date = LocalDate(year: y, month: m, day: d) else { return nil }
            return Mention(date: date, end: end, yearAssumed: false)
        }
        let word = words[index].folded
        if word == "ngay" {
            // ngày 10 tháng 5 năm 2020 / ngày 10 tháng 5
            if let d = number(index + 1, digits: 1...2), index + 3 < words.count, words[index + 2].folded == "thang",
               let m = number(index + 3, digits: 1...2) {
                if index + 5 < words.count, words[index + 4].folded == "nam", let y = number(index + 5, digits: 4...4) {
                    return withYear(make(d, m, y, end: index + 6), assumed: false)
                }
                return withYear(make(d, m, nil, end: index + 4), assumed: true)
            }
            // ngày 10/5/2020, ngày 10/5
            if let d = number(index + 1, digits: 1...2), let m = number(index + 2, digits: 1...2), separated(index + 1) {
                if let y = number(index + 3, digits: 4...4), separated(index + 2) {
                    return withYear(make(d, m, y, end: index + 4), assumed: false)
                }
                return withYear(make(d, m, nil, end: index + 3), assumed: true)
            }
            return nil
        }
        // 10/5/2020 standing alone: only with its year, a bare "10/5" is too often something else.
        if let d = number(index, digits: 1...2), let m = number(index + 1, digits: 1...2), separated(index),
           let y = number(index + 2, digits: 4...4), separated(index + 1) {
            return withYear(make(d, m, y, end: index + 3), assumed: false)
        }
        return nil
    }

    private static func withYear(_ mention: Mention?, assumed: Bool) -> Mention? {
        guard var mention else { return nil }
        mention.yearAssumed = assumed
        return mention
    }

    /// "Nghị quyết số 21/NQ-HĐND ngày 19/12/2019": a date that dates another document.
    static func isReference(_ text: String, before position: String.Index) -> Bool {
        let before = text[..<position].split(separator: " ").suffix(2)
        return before.contains { token in token.contains("/") && token.contains(where: \.isLetter) }
    }

    /// Every date in the text with its year, outside the legal basis: for the plan's year.
    static func all(in lines: [PlanLine]) -> [LocalDate] {
        var result: [LocalDate] = []
        for line in lines where !PlanText.isLegalBasis(line.folded) {
            let words = line.words
            var index = 0
            while index < words.count {
                if let mention = date(in: line.text, words: words, at: index, year: nil) {
                    result.append(mention.date)
                    index = mention.end
                } else {
                    index += 1
                }
            }
        }
        return result
    }
}
