import Foundation

// Text as written: spaces, edge noise, bullets, and tidying what is returned.

enum HeaderWriting {
    static let spaces: Set<Character> = [
        " ", "\u{00A0}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}",
        "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{202F}", "\u{3000}",
    ]

    static func isSpace(_ c: Character) -> Bool { spaces.contains(c) || c == "\t" }

    /// What OCR leaves at the edges of a line: rules, bars, stray quotes.
    static let edgeNoise: Set<Character> = [
        "|", "_", "‘", "’", "`", "~", "=", "*", "•", "·", "—", "―", "^", "¦", "«", "»", "'", "¬", "ˆ", "˜", "´", "¨",
        "\u{FFFD}",
    ]

    /// Leading marks of a list item.
    static let bullets: Set<Character> = ["-", "–", "—", "―", "‒", "−", "•", "+", "*", "·", "\u{F0B7}", "\u{F02D}"]

    /// Trimmed of spaces and edge noise (plus `extra`) at both ends, inner runs of spaces
    /// made one space.
    static func tidy<C: Collection>(_ text: C, extra: Set<Character> = []) -> String where C.Element == Character {
        var out: [Character] = []
        var pendingSpace = false
        for c in text {
            if isSpace(c) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        let strip = edgeNoise.union(extra).union([" "])
        var start = 0, end = out.count
        while start < end, strip.contains(out[start]) { start += 1 }
        while end > start, strip.contains(out[end - 1]) { end -= 1 }
        return String(out[start..<end])
    }

    /// A name, a place: also without edge hyphens, colons, commas, full stops.
    static func tidyName<C: Collection>(_ text: C) -> String where C.Element == Character {
        tidy(text, extra: ["-", "–", ":", ";", ",", "."])
    }

    /// An addressee: no bullet in front, no list punctuation behind.
    static func tidyItem(_ text: String) -> String {
        var t = tidy(text)
        while let first = t.first, bullets.contains(first) || first == ":" { t = tidy(t.dropFirst()) }
        while let last = t.last, [";", ",", ".", ":"].contains(last) { t = tidy(t.dropLast()) }
        return t
    }

    /// The segment without a leading bullet, and whether it had one.
    static func unbulleted(_ text: String) -> (text: String, bullet: Bool) {
        let t = tidy(text, extra: [])
        guard let first = t.first, bullets.contains(first) || first == "-" else {
            // tidy() eats a leading em dash as noise; look at the raw start too.
            let raw = text.drop(while: isSpace)
            if let r = raw.first, ["—", "―", "•", "·", "*"].contains(r) { return (t, true) }
            return (t, false)
        }
        return (tidy(t.dropFirst()), true)
    }

    static func startsLowerCase(_ text: String) -> Bool {
        text.first(where: \.isLetter)?.isLowercase ?? false
    }

    /// "I. KẾT QUẢ", "1. Tình hình…", "2.1.", "a) …": a heading or item of the body.
    static func isNumbered(_ text: String) -> Bool {
        let chars = Array(text.prefix(8))
        guard let stop = chars.firstIndex(where: { $0 == "." || $0 == ")" }), stop > 0, stop <= 5 else { return false }
        let head = chars[0..<stop]
        let after = stop + 1 < chars.count ? chars[stop + 1] : " "
        guard isSpace(after) || after.isNumber || after == "." else { return false }
        if head.allSatisfy(\.isNumber) { return true }
        if head.allSatisfy({ "IVX".contains($0) }) { return true }
        return head.count == 1 && chars[stop] == ")" && (head.first?.isLowercase ?? false)
    }
}
