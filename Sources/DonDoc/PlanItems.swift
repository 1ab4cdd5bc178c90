import Foundation

/// What one piece of a plan's list names, before it is looked up.
enum PlanItem: Equatable {
    /// "các đơn vị liên quan", "các sở, ngành": nobody in particular.
    case vague(String)
    /// "UBND cấp huyện" (kinds nil: every kind), "UBND các huyện, thị xã, thành phố", and
    /// "UBND các huyện Mường Nhé, Nậm Pồ" (names after the kinds in `rest`).
    case collective(kinds: [Gazetteer.UnitKind]?, rest: String)
    case unit(Gazetteer.UnitKind, name: String)
    case department(String)
    case company(String)
    case other(String)
    /// A name with nothing saying what it is: "Tài chính" after "các sở:", "Tủa Chùa".
    case bare(String)

    var isConcrete: Bool {
        switch self {
        case .vague, .bare: false
        default: true
        }
    }
}

/// How a list names its items when it leaves their kind out: "Thủ trưởng các sở, ngành:
/// Tài chính; Nội vụ" are departments, "UBND các huyện: Mường Nhé, Nậm Pồ" units.
enum PlanListContext: Equatable {
    case departments
    case units([Gazetteer.UnitKind])
}

enum PlanItems {
    static func classify(_ text: String) -> PlanItem {
        let words = VietnameseText.nameWords(text)
        guard !words.isEmpty else { return .vague(text) }
        let plain = PlanText.words(text).map(\.folded)
        if PlanText.contains(plain, "lien quan") || PlanText.contains(plain, "co lien quan") { return .vague(text) }
        if let phrase = unitPhrase(text) {
            if phrase.plural || phrase.kinds.count > 1 || phrase.rest.isEmpty {
                return .collective(kinds: phrase.everyKind ? nil : phrase.kinds, rest: phrase.rest)
            }
            return .unit(phrase.kinds[0], name: phrase.rest)
        }
        if words.first == "cac" || PlanText.startsWith(plain, "don vi khac") || PlanText.startsWith(plain, "co quan khac") {
            return .vague(text)
        }
        if words.first == "so", words.count >= 2, !(words[1].first?.isNumber ?? false) { return .department(text) }
        if companyHeads.contains(where: { PlanText.startsWith(words, $0) }) { return .company(text) }
        if otherHeads.contains(where: { PlanText.startsWith(words, $0) }) { return .other(text) }
        return .bare(text)
    }

    private static let companyHeads = ["ctcp", "cty", "tong cty", "tap doan", "ngan hang", "chi nhanh", "hop tac xa", "htx"]
    private static let otherHeads = [
        "ubnd", "hdnd", "thanh tra", "van phong", "ban", "cong an", "bo chi huy", "cuc", "chi cuc", "kho bac", "bao hiem",
        "bhxh", "dai", "bao", "truong", "benh vien", "trung tam", "vien", "hoi", "lien minh", "lien doan", "doan",
        "uy ban mat tran", "ubmttq", "mat tran", "toa an", "quy", "vuon quoc gia", "khu", "cang vu", "bo doi",
    ]

    /// The list's context an introducer ("Thủ trưởng các sở, ngành", "UBND các huyện") sets.
    static func listContext(_ introducer: String) -> PlanListContext? {
        let text = stripRoles(introducer)
        let words = VietnameseText.nameWords(text)
        if let phrase = unitPhrase(text), phrase.plural || phrase.rest.isEmpty {
            return .units(phrase.everyKind ? Gazetteer.UnitKind.allCases : phrase.kinds)
        }
        // "các sở", "Sở, ngành", "Giám đốc Sở:"; not "Sở Tài chính:", which names one.
        let generic = words == ["so"] || (words.first == "so" && ["nganh", "ban"].contains(words.dropFirst().first ?? ""))
        if words.contains("so"), words.first == "cac" || generic { return .departments }
        return nil
    }

    // MARK: Units

    struct UnitPhrase {
        var plural: Bool
        var everyKind: Bool
        var kinds: [Gazetteer.UnitKind]
        var rest: String
    }

    private static let kindForms: [(words: [String], kind: Gazetteer.UnitKind)] = [
        (["thanh", "pho"], .city), (["tp"], .city), (["thi", "xa"], .town), (["tx"], .town),
        (["huyen"], .district), (["h"], .district), (["quan"], .urbanDistrict),
    ]

    /// "UBND cấp huyện", "UBND các huyện, thị xã, thành phố", "huyện Tủa Chùa", "TP. Điện
    /// Biên Phủ", "Ủy ban nhân dân các huyện Mường Nhé, Nậm Pồ".
    static func unitPhrase(_ text: String) -> UnitPhrase? {
        let tokens = PlanText.words(text)
        let folded = tokens.map(\.folded)
        var i = 0
        if PlanText.startsWith(folded, "ubnd") { i = 1 } else if PlanText.startsWith(folded, "uy ban nhan dan") { i = 4 }
        var plural = false
        var every = false
        if i < folded.count, folded[i] == "cac" {
            plural = true
            i += 1
        } else if i < folded.count, folded[i] == "cap" {
            // "cấp huyện" is the district level: cities and towns too, where "các huyện"
            // is the rural districts alone.
            plural = true
            every = i + 1 < folded.count && folded[i + 1] == "huyen"
            i += 1
        }
        var kinds: [Gazetteer.UnitKind] = []
        scanning: while i < folded.count {
            if folded[i] == "va", !kinds.isEmpty { i += 1; continue }
            for form in kindForms where folded.count - i >= form.words.count
                && folded[i..<(i + form.words.count)].elementsEqual(form.words) {
                if !kinds.contains(form.kind) { kinds.append(form.kind) }
                i += form.words.count
                continue scanning
            }
            break
        }
        guard !kinds.isEmpty else { return nil }
        let rest = i < tokens.count ? PlanBodyNames.tidy(String(text[tokens[i].range.lowerBound...])) : ""
        return UnitPhrase(plural: plural, everyKind: every, kinds: kinds, rest: rest)
    }

    // MARK: Cleaning a piece of a list

    /// "Thủ trưởng", "Giám đốc", "Chủ tịch", "Đề nghị"…: who at the body answers, or the
    /// plan's own verb, taken off the front.
    static func stripRoles(_ text: String) -> String {
        let tokens = PlanText.words(text)
        let folded = tokens.map(\.folded)
        var i = 0
        stripping: while i < folded.count {
            for role in roles {
                let wanted = role.split(separator: " ").map(String.init)
                guard folded.count - i >= wanted.count, folded[i..<(i + wanted.count)].elementsEqual(wanted) else { continue }
                let next = i + wanted.count < folded.count ? folded[i + wanted.count] : ""
                if role == "chanh", !["thanh", "van"].contains(next) { continue }
                if role == "truong", next != "ban" { continue }
                i += wanted.count
                continue stripping
            }
            break
        }
        guard i > 0 else { return text }
        return i < tokens.count ? String(text[tokens[i].range.lowerBound...]) : ""
    }

    private static let roles = [
        "thu truong", "tong giam doc", "pho giam doc", "giam doc", "pho chu tich", "chu tich", "lanh dao",
        "nguoi dung dau", "dai dien", "de nghi", "yeu cau", "hoi dong quan tri", "hdqt", "chanh", "truong", "cua",
        "doi voi", "gom", "dong chi",
    ]

    /// The name ends where the plan goes on to say what the body does: "Sở Tài chính chủ
    /// trì, phối hợp …" is "Sở Tài chính".
    static func cutAtVerbs(_ text: String) -> String {
        let tokens = PlanText.words(text)
        let folded = tokens.map(\.folded)
        // A piece that starts with a verb ("Chủ trì tổng hợp …") is a task, not a name.
        for i in folded.indices where stops.contains(where: { PlanText.startsWith(Array(folded[i...]), $0) }) {
            return PlanBodyNames.tidy(String(text[..<tokens[i].range.lowerBound]))
        }
        return PlanBodyNames.tidy(text)
    }

    private static let stops = [
        "chu tri", "phoi hop", "bao cao", "thuc hien", "gui", "nop", "co trach nhiem", "chiu trach nhiem", "giai trinh",
        "tham du", "chuan bi", "ve viec", "la co quan", "la don vi", "theo chuc nang", "can cu", "lam ro", "tong hop",
        "cung cap", "duoc giam sat", "chiu su giam sat", "giam sat", "khao sat", "lam viec",
    ]

    /// Parenthesised remarks ("(giải trình làm rõ …)") taken out; an unclosed one cuts the rest.
    static func withoutParentheses(_ text: String) -> String {
        var result = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1; continue }
            if c == ")", depth > 0 { depth -= 1; continue }
            if depth == 0 { result.append(c) }
        }
        return PlanText.collapseSpaces(result)
    }

    // MARK: Splitting a list

    /// A list's pieces: at ";", at "," unless the comma is inside a department's name ("Văn
    /// hóa, Thể thao và Du lịch") or joins a collective's kinds ("UBND các huyện, thị xã,
    /// thành phố"), and at "và" before another body ("Sở Tài chính và UBND các huyện").
    static func pieces(_ text: String) -> [String] {
        var result: [String] = []
        for piece in text.split(separator: ";") {
            let parts = piece.split(separator: ",").map(String.init)
            var merged: [String] = []
            var i = 0
            while i < parts.count {
                if let j = stride(from: min(parts.count - 1, i + 3), to: i, by: -1).first(where: {
                    PlanBodyNames.department(matching: parts[i...$0].joined(separator: ",")) != nil
                }) {
                    merged.append(parts[i...j].joined(separator: ","))
                    i = j + 1
                    continue
                }
                let words = VietnameseText.nameWords(parts[i])
                if !words.isEmpty, words.allSatisfy(kindWords.contains), let last = merged.last,
                   let lastWord = VietnameseText.nameWords(last).last, kindWords.contains(lastWord) {
                    merged[merged.count - 1] = last + "," + parts[i]
                } else {
                    merged.append(parts[i])
                }
                i += 1
            }
            for part in merged { result += splitAtAnd(part) }
        }
        return result.map(PlanBodyNames.tidy).filter { !$0.isEmpty }
    }

    private static let kindWords: Set<String> = ["h", "tx", "tp", "quan"]

    private static func splitAtAnd(_ text: String) -> [String] {
        let tokens = PlanText.words(text)
        for (i, token) in tokens.enumerated() where token.folded == "va" && i > 0 && i + 1 < tokens.count {
            let left = String(text[..<token.range.lowerBound])
            let right = String(text[tokens[i + 1].range.lowerBound...])
            let rightItem = classify(stripRoles(right))
            // "… và các đơn vị liên quan" ends a list; "Ban Quản lý Khu kinh tế và các khu công
            // nghiệp" is one name.
            var startsABody = rightItem.isConcrete
            if case .vague(let text) = rightItem, PlanText.contains(PlanText.words(text).map(\.folded), "lien quan") {
                startsABody = true
            }
            let twoDepartments = PlanBodyNames.department(matching: text) == nil
                && PlanBodyNames.department(matching: left) != nil && PlanBodyNames.department(matching: right) != nil
            if startsABody || twoDepartments { return [left] + splitAtAnd(right) }
        }
        return [text]
    }

    /// "Nậm Pồ và Tủa Chùa" in a list of units: places never hold "và".
    static func splitPlaces(_ text: String) -> [String] {
        text.components(separatedBy: " và ").flatMap { $0.components(separatedBy: " Và ") }
            .map(PlanBodyNames.tidy).filter { !$0.isEmpty }
    }
}
