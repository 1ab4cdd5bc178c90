import Foundation

/// What a campaign needs that the Office's plan (kế hoạch) says: what the campaign is,
/// when reports are due, where they are mailed, and who owes one. What the plan leaves
/// out stays nil, for the campaign file to mark as a TODO.
public struct Plan: Sendable, Equatable {
    /// The plan's subject: "Tổ chức giải trình tại phiên họp Thường trực Hội đồng nhân dân tỉnh".
    public var title: String?
    /// "giai-trinh-2020-q2": the activity, the year, the quarter when the plan names one.
    public var campaignID: String
    /// "GT2020": the activity's initials and the year.
    public var tag: String
    /// The plan's own date, from its header ("Điện Biên, ngày 15 tháng 4 năm 2020").
    public var planDate: LocalDate?
    public var deadline: PlanDeadline?
    /// The address the plan gives for electronic copies.
    public var mailbox: String?
    public var province: Gazetteer.Province?
    /// The words that named the province: "tỉnh Lai Châu", "Điện Biên".
    public var provinceEvidence: String?
    /// "Văn phòng HĐND tỉnh Điện Biên"; nil when the province is unknown.
    public var officeName: String?
    /// The headings the bodies were read under: "Đối tượng giải trình".
    public var bodySections: [String]
    public var groups: [PlanBodyGroup]
    /// Vietnamese sentences for the Office: what the plan mentions and dondoc left out.
    public var notes: [String]

    public var bodies: [PlanBody] { groups.flatMap(\.bodies) }
}

public enum PlanReader {
    public static func read(_ text: String) -> Plan {
        let lines = PlanText.lines(text)
        let title = self.title(lines)
        let planDate = self.planDate(lines)
        let year = planDate?.year ?? titleYear(title) ?? commonYear(lines)
        let deadline = PlanDeadline.find(in: lines, year: year)
        let found = Gazetteer.province(of: lines)
        let (activity, initials) = self.activity(title ?? "")
        let campaignYear = deadline?.written.year ?? year
        let quarter = self.quarter(lines)
        let id = [activity, campaignYear.map(String.init), quarter.map { "q\($0)" }].compactMap { $0 }.joined(separator: "-")

        var reader = PlanBodyReader(province: found?.0)
        let sections = PlanBodyReader.sections(lines)
        for section in sections { reader.read(heading: section.heading, items: section.items) }
        var notes: [String] = []
        if reader.groups.isEmpty, let deadline {
            reader.read(sentence: deadline.sentence)
            if !reader.groups.isEmpty {
                notes.append("TODO: kế hoạch không có mục “Đối tượng giải trình”, “Cơ quan báo cáo” hay “Đơn vị thực hiện”; "
                    + "dondoc lấy các cơ quan nêu trong câu về hạn gửi báo cáo, Văn phòng kiểm tra lại danh sách.")
            }
        }
        reader.settleAliases()

        return Plan(
            title: title, campaignID: id, tag: initials + (campaignYear.map(String.init) ?? ""), planDate: planDate,
            deadline: deadline, mailbox: mailbox(text, lines: lines, deadline: deadline), province: found?.0,
            provinceEvidence: found?.evidence, officeName: found.map { officeName(lines, province: $0.0) },
            bodySections: sections.map { PlanBodyNames.tidy(String($0.heading.text.prefix { $0 != ":" })) },
            groups: reader.groups,
            notes: notes + reader.notes)
    }

    // MARK: Title

    private static let documentTypes = ["ke hoach", "chuong trinh", "thong bao", "quyet dinh", "cong van"]

    /// The line under "KẾ HOẠCH" (one to three lines, up to a blank line), the rest of a
    /// "KẾ HOẠCH Tổ chức …" line, or a "V/v" line; else what "ban hành Kế hoạch … như
    /// sau" names.
    static func title(_ lines: [PlanLine]) -> String? {
        let head = lines.prefix(40).prefix { $0.marker != .roman && !PlanText.startsWith($0.folded, "can cu") }
        for (offset, line) in head.enumerated() {
            let words = line.words
            let folded = words.map(\.folded)
            if PlanText.startsWith(folded, "v v"), words.count > 2 {
                return tidyTitle(String(line.text[words[2].range.lowerBound...]))
            }
            guard let type = documentTypes.first(where: { PlanText.startsWith(folded, $0) }) else { continue }
            let typeWords = type.split(separator: " ").count
            // The document's type is written in capitals; "Kế hoạch này…" is a sentence.
            guard isUpperCase(line.text, words: words[..<typeWords]) else { continue }
            if folded.count > typeWords { return tidyTitle(String(line.text[words[typeWords].range.lowerBound...])) }
            var parts: [String] = []
            var previous = line.index
            for next in head.dropFirst(offset + 1) {
                if !parts.isEmpty, next.index > previous + 1 { break }
                if PlanText.startsWith(next.folded, "can cu") || next.marker != .none || parts.count == 3 { break }
                previous = next.index
                if next.text.contains(where: \.isLetter) { parts.append(next.text) } else if !parts.isEmpty { break }
            }
            if !parts.isEmpty { return tidyTitle(parts.joined(separator: " ")) }
        }
        for line in lines.prefix(60) {
            let words = line.words
            let folded = words.map(\.folded)
            guard let issued = PlanText.find(["ban", "hanh", "ke", "hoach"], in: folded), issued + 4 < words.count
            else { continue }
            let end = PlanText.find(["nhu", "sau"], in: folded, from: issued + 4).map { words[$0].range.lowerBound }
                ?? line.text.endIndex
            return tidyTitle(String(line.text[words[issued + 4].range.lowerBound..<end]))
        }
        return nil
    }

    private static func isUpperCase(_ text: String, words: ArraySlice<PlanWord>) -> Bool {
        words.allSatisfy { !text[$0.range].contains(where: \.isLowercase) }
    }

    private static func tidyTitle(_ text: String) -> String? {
        let tidy = PlanBodyNames.capitalised(PlanBodyNames.tidy(text))
        return tidy.isEmpty ? nil : tidy
    }

    // MARK: Campaign id and tag

    private static let activities: [(phrase: String, id: String, tag: String)] = [
        ("giai trinh", "giai-trinh", "GT"), ("giam sat", "giam-sat", "GS"), ("khao sat", "khao-sat", "KS"),
        ("chat van", "chat-van", "CV"), ("tiep xuc cu tri", "tiep-xuc-cu-tri", "TXCT"), ("bao cao", "bao-cao", "BC"),
    ]

    /// The id's first words and the tag's letters, from what the plan is about.
    static func activity(_ title: String) -> (String, String) {
        let words = PlanText.words(title).map(\.folded)
        if let known = activities.first(where: { PlanText.contains(words, $0.phrase) }) { return (known.id, known.tag) }
        let filler: Set<String> = ["to", "chuc", "ve", "viec", "thuc", "hien", "trien", "khai", "ke", "hoach", "tai", "cua",
                                   "cac"]
        let meaningful = words.filter { !filler.contains($0) && $0.allSatisfy(\.isLetter) }.prefix(3)
        guard !meaningful.isEmpty else { return ("ke-hoach", "KH") }
        return (PlanBodyNames.slug(Array(meaningful)), String(meaningful.compactMap(\.first)).uppercased())
    }

    /// "Quý II năm 2020" → 2.
    static func quarter(_ lines: [PlanLine]) -> Int? {
        let numerals = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
        for line in lines where !PlanText.isLegalBasis(line.folded) {
            let folded = line.folded
            if let at = PlanText.find(["quy"], in: folded), at + 1 < folded.count, let n = numerals[folded[at + 1]] {
                return n
            }
        }
        return nil
    }

    // MARK: Dates

    /// The header's "Điện Biên, ngày 15 tháng 4 năm 2020": a short place, then the date,
    /// before the body of the plan starts.
    static func planDate(_ lines: [PlanLine]) -> LocalDate? {
        for line in lines.prefix(25) {
            if line.marker == .roman || PlanText.startsWith(line.folded, "can cu") { break }
            let words = line.words
            guard let at = words.firstIndex(where: { $0.folded == "ngay" }), at >= 1, at <= 8,
                  line.text[..<words[at].range.lowerBound].contains(","),
                  let mention = PlanDates.date(in: line.text, words: words, at: at, year: nil)
            else { continue }
            return mention.date
        }
        return nil
    }

    private static func titleYear(_ title: String?) -> Int? {
        let folded = PlanText.words(title ?? "").map(\.folded)
        guard let at = PlanText.find(["nam"], in: folded), at + 1 < folded.count, folded[at + 1].count == 4 else { return nil }
        return Int(folded[at + 1])
    }

    private static func commonYear(_ lines: [PlanLine]) -> Int? {
        let years = PlanDates.all(in: lines).map(\.year)
        return Dictionary(grouping: years, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
    }

    // MARK: Mailbox and office

    /// The address in the sentence that sets the deadline, else the first one near
    /// "điện tử"/"email", else the first one.
    static func mailbox(_ text: String, lines: [PlanLine], deadline: PlanDeadline?) -> String? {
        if let deadline, let address = addresses(in: deadline.sentence).first { return address }
        for line in lines {
            let folded = line.folded
            if ["dien tu", "email", "thu dien tu", "hop thu"].contains(where: { PlanText.contains(folded, $0) }),
               let address = addresses(in: line.text).first {
                return address
            }
        }
        return addresses(in: text).first
    }

    /// Addresses as a reader spots them: letters, digits and ._%+- around an "@", with a
    /// dotted domain; the sentence's full stop after it is not part of it.
    static func addresses(in text: String) -> [String] {
        let chars = Array(text)
        let local = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
        let domain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        var result: [String] = []
        for (at, c) in chars.enumerated() where c == "@" {
            var start = at
            while start > 0, local.contains(chars[start - 1]) { start -= 1 }
            var end = at + 1
            while end < chars.count, domain.contains(chars[end]) { end += 1 }
            let user = String(chars[start..<at]).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let host = String(chars[(at + 1)..<end]).trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
            let labels = host.split(separator: ".")
            guard !user.isEmpty, labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter)
            else { continue }
            let address = "\(user)@\(host)".lowercased()
            if !result.contains(address) { result.append(address) }
        }
        return result
    }

    /// "Văn phòng HĐND tỉnh Điện Biên", or the joint office of 2016–2021 when the plan names
    /// it ("Văn phòng Đoàn ĐBQH và HĐND tỉnh").
    static func officeName(_ lines: [PlanLine], province: Gazetteer.Province) -> String {
        let joint = lines.contains { line in
            let folded = line.folded
            return PlanText.contains(folded, "van phong doan dbqh va hdnd")
                || PlanText.contains(folded, "van phong doan dai bieu quoc hoi va hoi dong nhan dan")
        }
        return (joint ? "Văn phòng Đoàn ĐBQH và HĐND " : "Văn phòng HĐND ") + province.councilName
    }
}
