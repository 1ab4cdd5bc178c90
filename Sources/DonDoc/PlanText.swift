import Foundation

/// A plan's text as its parsers read it: lines with their list markers, and words both as
/// written (to quote the plan back to the Office) and folded (to compare, so that a plan
/// typed without diacritics, or converted from an old font, reads the same).
struct PlanWord: Sendable {
    var folded: String
    var range: Range<String.Index>
}

/// How a line of a Vietnamese administrative text is numbered. The order of the cases is
/// the order of the levels: "I." holds "1.", which holds "1.1.", then "a)", then "-", "+".
enum PlanMarker: Sendable, Equatable {
    case roman, number(depth: Int), letter, bullet, subBullet, none

    /// Smaller is higher: a line ends every section opened at its level or below.
    var level: Int {
        switch self {
        case .roman: 1
        case .number(let depth): 1 + depth
        case .letter: 5
        case .bullet: 6
        case .subBullet: 7
        case .none: 8
        }
    }
}

struct PlanLine: Sendable {
    /// Position among the plan's lines, blank ones included.
    var index: Int
    var marker: PlanMarker
    /// The line without its marker, spaces collapsed.
    var text: String

    var words: [PlanWord] { PlanText.words(text) }
    var folded: [String] { PlanText.words(text).map(\.folded) }
}

enum PlanText {
    /// Every non-blank line, NFC, with its marker taken off.
    static func lines(_ text: String) -> [PlanLine] {
        var result: [PlanLine] = []
        var previousIndex = -2
        for (index, raw) in text.nfc.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let collapsed = collapseSpaces(String(raw))
            guard !collapsed.isEmpty else { continue }
            let (marker, rest) = splitMarker(collapsed)
            // A PDF's text breaks where the page's lines end: "… gửi về Văn phòng trước" /
            // "ngày 10/5/2020." is one sentence. A line that starts in lower case and
            // follows one without its full stop goes on that line.
            if marker == .none, index == previousIndex + 1, let first = rest.first, first.isLowercase,
               let last = result.last, let end = last.text.last, !".;:!?".contains(end) {
                result[result.count - 1].text += " " + rest
                previousIndex = index
                continue
            }
            result.append(PlanLine(index: index, marker: marker, text: rest))
            previousIndex = index
        }
        return result
    }

    /// Runs of white space (tabs, no-break spaces of Word) as one space, trimmed.
    static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// Letters and digits in runs; everything else separates. "10/5/2020" is three words,
    /// and the separators between them are read from the ranges when they matter.
    static func words(_ s: String) -> [PlanWord] {
        var result: [PlanWord] = []
        var start: String.Index?
        var index = s.startIndex
        while index < s.endIndex {
            let c = s[index]
            let isWordCharacter = c.isLetter || c.isNumber
            if isWordCharacter, start == nil { start = index }
            if !isWordCharacter, let begun = start {
                result.append(PlanWord(folded: VietnameseText.fold(String(s[begun..<index])), range: begun..<index))
                start = nil
            }
            index = s.index(after: index)
        }
        if let begun = start {
            result.append(PlanWord(folded: VietnameseText.fold(String(s[begun...])), range: begun..<s.endIndex))
        }
        return result.filter { !$0.folded.isEmpty }
    }

    /// Where `phrase` (folded words) starts in `words` at or after `from`.
    static func find(_ phrase: [String], in words: [String], from: Int = 0) -> Int? {
        guard !phrase.isEmpty, words.count >= phrase.count, from <= words.count - phrase.count else { return nil }
        return (from...(words.count - phrase.count)).first { words[$0..<($0 + phrase.count)].elementsEqual(phrase) }
    }

    static func contains(_ words: [String], _ phrase: String) -> Bool {
        find(phrase.split(separator: " ").map(String.init), in: words) != nil
    }

    static func startsWith(_ words: [String], _ phrase: String) -> Bool {
        let wanted = phrase.split(separator: " ").map(String.init)
        return words.count >= wanted.count && words.prefix(wanted.count).elementsEqual(wanted)
    }

    // MARK: Markers

    private static let romanNumerals: Set<String> = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    /// Dashes, dots and squares; U+F0A7 and U+F0B7 are Word's Symbol-font bullets.
    private static let bullets: Set<Character> = ["-", "–", "—", "•", "·", "*", "●", "○", "▪", "■", "◦", "‣", "⁃",
                                                  "\u{F0A7}", "\u{F0B7}", "§"]

    /// "II. NỘI DUNG", "2. Đối tượng", "2.1. Sở…", "a) UBND…", "(1) Việc…", "- Thủ trưởng…",
    /// "+ Đại biểu…", "• Sở…". A date or a symbol at the start ("10/5/2020 …") is no marker.
    static func splitMarker(_ line: String) -> (PlanMarker, String) {
        let chars = Array(line)
        guard let first = chars.first else { return (.none, line) }
        func rest(_ from: Int) -> String { String(chars[min(from, chars.count)...]).trimmingCharacters(in: .whitespaces) }
        if bullets.contains(first) { return (.bullet, rest(1)) }
        if first == "+" { return (.subBullet, rest(1)) }
        // Roman numerals, then a dot or a parenthesis.
        var end = 0
        while end < chars.count, "IVX".contains(chars[end]) { end += 1 }
        if end > 0, end < chars.count, ".)".contains(chars[end]), romanNumerals.contains(String(chars[0..<end])),
           end + 1 == chars.count || chars[end + 1] == " " {
            return (.roman, rest(end + 1))
        }
        // 1. / 1) / 2.1. / 2.1
        end = 0
        var depth = 1
        while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
        if end > 0, end <= 2 {
            var cursor = end
            while cursor + 1 < chars.count, chars[cursor] == ".", chars[cursor + 1].isASCII, chars[cursor + 1].isNumber {
                cursor += 1
                while cursor < chars.count, chars[cursor].isASCII, chars[cursor].isNumber { cursor += 1 }
                depth += 1
            }
            if cursor < chars.count, ".)".contains(chars[cursor]), cursor + 1 == chars.count || chars[cursor + 1] == " " {
                return (.number(depth: min(depth, 3)), rest(cursor + 1))
            }
            if depth > 1, cursor < chars.count, chars[cursor] == " " { return (.number(depth: min(depth, 3)), rest(cursor)) }
        }
        // a) b) đ) or a. followed by a space; (1) (a)
        if chars.count > 2, first.isLowercase, first.isLetter, ").".contains(chars[1]), chars[2] == " " {
            return (.letter, rest(2))
        }
        if first == "(", chars.count > 2, let close = chars.firstIndex(of: ")"), close <= 3,
           chars[1..<close].allSatisfy({ $0.isNumber || ($0.isLowercase && $0.isLetter) }) {
            return (.letter, rest(close + 1))
        }
        return (.none, line)
    }

    // MARK: Clauses

    /// A line cut where its sentences or list items end: at ";" and at ". " before a capital
    /// letter after a lower-case word ("năm 2020. Các" ends a sentence, "TP. Điện Biên" does not).
    static func clauses(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let c = text[index]
            let next = text.index(after: index)
            var cut = c == ";"
            if c == ".", let previous, previous.isLowercase || previous.isNumber || previous == ")",
               next < text.endIndex, text[next] == " " {
                let after = text.index(after: next)
                cut = after < text.endIndex && text[after].isUppercase
            }
            if cut {
                result.append(text[start..<index])
                start = next
            }
            previous = c
            index = next
        }
        result.append(text[start...])
        return result.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// "Căn cứ Luật …", "Căn cứ Nghị quyết số …": the legal basis, whose dates and bodies
    /// are other documents', not this plan's. "Căn cứ chức năng, nhiệm vụ, báo cáo …" is an
    /// instruction and is read.
    static func isLegalBasis(_ folded: [String]) -> Bool {
        guard startsWith(folded, "can cu") else { return false }
        let next = Array(folded.dropFirst(2).prefix(3))
        return documentTypes.contains { startsWith(next, $0) } || startsWith(next, "cac") || startsWith(next, "vao")
    }

    static let documentTypes = ["luat", "bo luat", "hien phap", "nghi quyet", "nghi dinh", "quyet dinh", "thong tu",
                                "chi thi", "ke hoach", "chuong trinh", "cong van", "thong bao", "van ban", "phap lenh",
                                "huong dan", "ket luan", "quy che", "quy dinh", "to trinh"]
}
