import Foundation

// The pieces of a document header, read one column segment at a time. DocumentHeader
// puts them together; this file knows what a single piece of text looks like.

/// A word of a segment: its folded form for comparison and where it stands in the
/// segment's characters, so the text can be returned as written.
struct HeaderWord {
    var folded: String
    var range: Range<Int>
}

/// One column segment of a line: the characters as written and their folded words.
struct HeaderSegment {
    let chars: [Character]
    let words: [HeaderWord]

    init<S: Sequence>(_ text: S) where S.Element == Character {
        chars = Array(text)
        words = HeaderFolding.words(chars)
    }

    var text: String { String(chars) }

    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<chars.count)
        return String(chars[clamped])
    }

    /// The written text from the start of word `index` to the end of the segment.
    func text(fromWord index: Int) -> String {
        index < words.count ? text(words[index].range.lowerBound..<chars.count) : ""
    }

    /// The written text after word `index`.
    func text(afterWord index: Int) -> String {
        index < words.count ? text(words[index].range.upperBound..<chars.count) : ""
    }

    var letterCount: Int { chars.reduce(0) { $0 + ($1.isLetter ? 1 : 0) } }

    /// Capitals, allowing OCR's odd lower-case letter: at most a fifth of the letters
    /// lower-case ("Uỷ BAN NHÂN DÂN").
    var isUpperCase: Bool { HeaderFolding.isUpperCase(chars[...]) }
}

/// Folding with positions: VietnameseText.fold character by character, so each folded
/// word remembers the written characters it came from.
enum HeaderFolding {
    static func fold(_ c: Character) -> String {
        if let ascii = c.asciiValue {
            switch ascii {
            case 48...57, 97...122: return String(c)
            case 65...90: return String(Character(Unicode.Scalar(ascii + 32)))
            default: return ""
            }
        }
        if let known = latinTable[c] { return known }
        return VietnameseText.fold(String(c))
    }

    /// Latin-1 to Latin Extended-B and Latin Extended Additional (every Vietnamese
    /// letter in NFC), folded once.
    private static let latinTable: [Character: String] = {
        var table: [Character: String] = [:]
        for block in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let c = Character(scalar)
                table[c] = VietnameseText.fold(String(c))
            }
        }
        return table
    }()

    /// Maximal runs of letters and digits; everything else (spaces, punctuation, "&")
    /// separates words.
    static func words(_ chars: [Character]) -> [HeaderWord] {
        var words: [HeaderWord] = []
        var current = ""
        var start = -1
        for (i, c) in chars.enumerated() {
            let folded = fold(c)
            if folded.isEmpty {
                if start >= 0 { words.append(HeaderWord(folded: current, range: start..<i)) }
                current = ""
                start = -1
            } else {
                if start < 0 { start = i }
                current += folded
            }
        }
        if start >= 0 { words.append(HeaderWord(folded: current, range: start..<chars.count)) }
        return words
    }

    static func isUpperCase(_ chars: ArraySlice<Character>) -> Bool {
        var upper = 0, lower = 0
        for c in chars where c.isLetter {
            if c.isLowercase { lower += 1 } else { upper += 1 }
        }
        return upper + lower >= 2 && lower * 5 <= upper + lower
    }

    /// Equal folded words, allowing OCR's letter O for a zero and, in words of three
    /// letters or more, one wrong, missing or extra letter.
    static func similar(_ word: String, _ expected: String) -> Bool {
        if word == expected { return true }
        let mapped = word.replacingOccurrences(of: "0", with: "o")
        if mapped == expected { return true }
        guard expected.count >= 3 else { return false }
        return withinOneEdit(Array(mapped), Array(expected))
    }

    /// Equal folded words up to OCR's O for zero: for short or decisive words.
    static func same(_ word: String, _ expected: String) -> Bool {
        word == expected || word.replacingOccurrences(of: "0", with: "o") == expected
    }

    private static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if a.count < b.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }

    /// A folded word read as a number, OCR's O and l/I taken for 0 and 1 ("o6" → 6,
    /// "2o2o" → 2020); at least one real digit. The count of digits comes with it.
    static func number(_ folded: String) -> (value: Int, digits: Int)? {
        guard !folded.isEmpty, folded.count <= 4 else { return nil }
        var digits = ""
        var real = false
        for c in folded {
            switch c {
            case "0"..."9": digits.append(c); real = true
            case "o": digits.append("0")
            case "l", "i": digits.append("1")
            default: return nil
            }
        }
        guard real, let value = Int(digits) else { return nil }
        return (value, digits.count)
    }
}

// MARK: - Text as written

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

// MARK: - Pieces

enum HeaderPiece {
    /// Rules, stamps, stray marks.
    case noise
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    case title
    /// "Số: 112/BC-STC"; nil for a symbol left blank ("Số:     /BC-UBND").
    case symbol(String?)
    case placeDate(place: String?, date: LocalDate?)
    /// "BÁO CÁO" (canonical), what followed it on the line, and the line as written.
    case documentType(String, rest: String?, written: String)
    /// "V/v gửi báo cáo": the text after the marker, and the line as written.
    case subject(String, written: String)
    /// "Kính gửi: …": what follows the colon.
    case addressedTo(String?)
    /// A line in capitals (a body's name, a summary in capitals).
    case upper(String, bullet: Bool)
    /// Anything else; `long` when it reads like a sentence of the body.
    case text(String, bullet: Bool, words: Int, long: Bool)
}

enum HeaderLexicon {
    static let nationalTitle = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"]
    static let motto = ["doc", "lap", "tu", "do", "hanh", "phuc"]
    static let partyTitle = ["dang", "cong", "san", "viet", "nam"]
    static let titles = [nationalTitle, motto, partyTitle]
    /// Two-word pieces of a title that are never part of a body's name.
    static let titlePairs: [[String]] = [["doc", "lap"], ["tu", "do"], ["hanh", "phuc"], ["chu", "nghia"]]

    /// Marks stamped or typed beside the header that are neither body nor title.
    static let stamps: [[String]] = [
        ["du", "thao"], ["khan"], ["thuong", "khan"], ["hoa", "toc"], ["mat"], ["toi", "mat"], ["tuyet", "mat"],
        ["den"], ["cong", "van", "den"],
    ]

    /// "Số" as written, read with and without diacritics, and as OCR misreads it.
    static let symbolLabels: Set<String> = ["so", "s0", "s6", "5o"]

    /// Document types, longest first: folded words and the written form returned.
    static let documentTypes: [(words: [String], name: String)] = [
        (["bao", "cao", "tom", "tat"], "BÁO CÁO TÓM TẮT"),
        (["bao", "cao", "giai", "trinh"], "BÁO CÁO GIẢI TRÌNH"),
        (["bao", "cao"], "BÁO CÁO"),
        (["to", "trinh"], "TỜ TRÌNH"),
        (["ke", "hoach"], "KẾ HOẠCH"),
        (["thong", "bao"], "THÔNG BÁO"),
        (["quyet", "dinh"], "QUYẾT ĐỊNH"),
        (["nghi", "quyet"], "NGHỊ QUYẾT"),
        (["cong", "van"], "CÔNG VĂN"),
        (["cong", "dien"], "CÔNG ĐIỆN"),
        (["giai", "trinh"], "GIẢI TRÌNH"),
        (["tom", "tat"], "TÓM TẮT"),
        (["chi", "thi"], "CHỈ THỊ"),
        (["huong", "dan"], "HƯỚNG DẪN"),
        (["chuong", "trinh"], "CHƯƠNG TRÌNH"),
        (["phuong", "an"], "PHƯƠNG ÁN"),
        (["de", "an"], "ĐỀ ÁN"),
        (["du", "an"], "DỰ ÁN"),
        (["bien", "ban"], "BIÊN BẢN"),
        (["ket", "luan"], "KẾT LUẬN"),
        (["giay", "moi"], "GIẤY MỜI"),
        (["quy", "che"], "QUY CHẾ"),
        (["quy", "dinh"], "QUY ĐỊNH"),
    ]

    /// How sentences of the body begin ("Căn cứ…", "Thực hiện Kế hoạch số…").
    static let bodyOpeners: [[String]] = [
        ["can", "cu"], ["thuc", "hien"], ["theo"], ["nham"], ["trien", "khai"], ["tiep", "nhan"],
        ["sau", "khi"], ["hien", "nay"], ["qua"], ["ngay"], ["trong", "thoi", "gian"], ["trong", "qua", "trinh"],
        ["tren", "co", "so"], ["kinh", "de", "nghi"], ["xet", "de", "nghi"],
    ]

    static func hasPrefix(_ words: [String], _ prefix: [String]) -> Bool {
        guard words.count >= prefix.count else { return false }
        return zip(words, prefix).allSatisfy { HeaderFolding.same($0, $1) }
    }

    static func opensBody(_ text: String) -> Bool {
        let words = HeaderSegment(text).words.prefix(4).map(\.folded)
        return bodyOpeners.contains { hasPrefix(Array(words), $0) }
    }
}

// MARK: - Classifying a segment

enum HeaderClassifier {
    /// Segments longer than this are body text whatever they contain.
    static let longestSegment = 600
    /// Pieces cut out of a segment are classified again, to this depth.
    static let deepest = 3

    /// `tails`: the words that would finish a title cut short on an earlier line
    /// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" expects "NAM").
    static func classify(_ raw: String, depth: Int = 0, tails: [[String]] = []) -> [HeaderPiece] {
        if raw.count > longestSegment {
            return [.text(HeaderWriting.tidy(raw.prefix(longestSegment)), bullet: false, words: 100, long: true)]
        }
        let segment = HeaderSegment(raw)
        if segment.words.isEmpty {
            return segment.chars.allSatisfy(HeaderWriting.isSpace) ? [] : [.noise]
        }
        let folded = segment.words.map(\.folded)
        for tail in tails where folded.count >= tail.count && matches(Array(folded.prefix(tail.count)), tail) {
            let rest = segment.text(segment.words[tail.count - 1].range.upperBound..<segment.chars.count)
            return [.title] + (depth < deepest ? classify(rest, depth: depth + 1) : [])
        }
        if depth < deepest {
            if let pieces = peelTitle(segment, depth: depth) { return pieces }
        }
        if isTitleFragment(folded) { return [.title] }
        if HeaderLexicon.stamps.contains(where: { $0 == folded })
            || HeaderLexicon.hasPrefix(folded, ["cong", "van", "den"])
            || HeaderLexicon.hasPrefix(folded, ["den", "so"]) {
            return [.noise]
        }
        if depth < deepest {
            if let pieces = symbolLine(segment, depth: depth) { return pieces }
            if let pieces = dateLine(segment, depth: depth) { return pieces }
        }
        if let piece = addressedTo(segment) { return [piece] }
        if let piece = subject(segment) { return [piece] }

        let (text, bullet) = HeaderWriting.unbulleted(segment.text)
        let plain = bullet ? HeaderSegment(text) : segment
        if plain.words.isEmpty { return [.noise] }
        if HeaderWriting.isNumbered(text) {
            return [.text(text, bullet: bullet, words: plain.words.count, long: true)]
        }
        if !bullet, let piece = documentType(plain) { return [piece] }
        let letters = plain.letterCount
        if letters < 3 { return [.noise] }
        if plain.isUpperCase { return [.upper(HeaderWriting.tidyName(text), bullet: bullet)] }
        let long = plain.words.count >= 7 || letters >= 40
        return [.text(text, bullet: bullet, words: plain.words.count, long: long)]
    }

    /// Pieces cut from around a symbol or a date must not be sentences: a date inside a
    /// line of the body is not the document's date.
    static func areHeaderLike(_ pieces: [HeaderPiece]) -> Bool {
        pieces.allSatisfy {
            if case let .text(_, _, words, long) = $0 { return !long && words <= 2 }
            return true
        }
    }

    // MARK: Titles

    /// The national title, the motto or the Party's title anywhere in the segment (two
    /// columns run together with one space): cut out, the rest classified again.
    private static func peelTitle(_ segment: HeaderSegment, depth: Int) -> [HeaderPiece]? {
        let words = segment.words
        for start in words.indices {
            for title in HeaderLexicon.titles where start + title.count <= words.count {
                guard matches(words[start..<(start + title.count)].map(\.folded), title) else { continue }
                let left = segment.text(0..<words[start].range.lowerBound)
                let right = segment.text(words[start + title.count - 1].range.upperBound..<segment.chars.count)
                return classify(left, depth: depth + 1) + [.title] + classify(right, depth: depth + 1)
            }
        }
        // Columns run together and the title broken: "UBND TỈNH ĐIỆN BIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT".
        if let (start, _) = titleBeginning(words.map(\.folded), shortest: 4), start > 0 {
            return classify(segment.text(0..<words[start].range.lowerBound), depth: depth + 1) + [.title]
        }
        return nil
    }

    /// Where the segment ends with the beginning of a title (`shortest` words or more,
    /// not all of it), and the words still to come.
    private static func titleBeginning(_ words: [String], shortest: Int) -> (start: Int, tail: [String])? {
        for title in HeaderLexicon.titles {
            var length = min(title.count - 1, words.count)
            while length >= shortest {
                if matches(Array(words.suffix(length)), Array(title.prefix(length))) {
                    return (words.count - length, Array(title.dropFirst(length)))
                }
                length -= 1
            }
        }
        return nil
    }

    /// The words that would finish a title this segment leaves cut short.
    static func titleTail(_ raw: String) -> [String]? {
        guard raw.count <= longestSegment else { return nil }
        return titleBeginning(HeaderSegment(raw).words.map(\.folded), shortest: 3)?.tail
    }

    /// Word by word, at most two of them misread.
    private static func matches(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count == phrase.count else { return false }
        var misread = 0
        for (word, expected) in zip(words, phrase) where !HeaderFolding.same(word, expected) {
            guard HeaderFolding.similar(word, expected) else { return false }
            misread += 1
        }
        return misread <= 2
    }

    /// A title broken over lines: three or more of its words in order, or a pair that
    /// no body's name contains ("Hạnh phúc"; but "XÃ HỘI" may end "THƯƠNG BINH VÀ XÃ HỘI").
    private static func isTitleFragment(_ words: [String]) -> Bool {
        if words.count == 2, HeaderLexicon.titlePairs.contains(where: { matches(words, $0) }) { return true }
        guard words.count >= 3 else { return false }
        for title in HeaderLexicon.titles where words.count <= title.count {
            for start in 0...(title.count - words.count) where matches(words, Array(title[start..<(start + words.count)])) {
                return true
            }
        }
        return false
    }

    // MARK: Symbol

    static func isSymbolLabelOnly(_ raw: String) -> Bool {
        let words = HeaderSegment(raw).words
        return words.count == 1 && HeaderLexicon.symbolLabels.contains(words[0].folded)
    }

    /// "Số: 112/BC-STC", "Số 09 /BC-UBND", "S6: O9/BC-UBND", "Số: 125-BC/TU", "Số:  /BC-UBND".
    private static func symbolLine(_ segment: HeaderSegment, depth: Int) -> [HeaderPiece]? {
        guard let label = segment.words.first, HeaderLexicon.symbolLabels.contains(label.folded),
              segment.chars[0..<label.range.lowerBound].allSatisfy({ HeaderWriting.isSpace($0) || HeaderWriting.edgeNoise.contains($0) })
        else { return nil }
        var rest = Array(segment.chars[label.range.upperBound...])
        let leading: Set<Character> = [":", ";", ".", ",", "…", "‘", "’", "'", "`", "|", "_"]
        while let first = rest.first, HeaderWriting.isSpace(first) || leading.contains(first) { rest.removeFirst() }
        let compacted = compactSeparators(rest)
        let end = compacted.firstIndex(where: HeaderWriting.isSpace) ?? compacted.count
        let candidate = Array(compacted[0..<end])
        guard let reading = HeaderSymbolReading.read(candidate) else { return nil }
        let remainder = String(compacted[end...])
        let after = classify(remainder, depth: depth + 1)
        guard areHeaderLike(after) else { return nil }
        return [.symbol(reading.text)] + after
    }

    /// Spaces next to a slash or a hyphen are dropped: "09 /BC - UBND" → "09/BC-UBND".
    private static func compactSeparators(_ chars: [Character]) -> [Character] {
        let separators: Set<Character> = ["/", "\\", "-", "‐", "‑", "‒", "–", "—", "−", "_"]
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if HeaderWriting.isSpace(c) {
                var j = i
                while j < chars.count, HeaderWriting.isSpace(chars[j]) { j += 1 }
                let before = out.last.map { separators.contains($0) } ?? false
                let next = j < chars.count && separators.contains(chars[j])
                if !(before || next) { out.append(contentsOf: chars[i..<j]) }
                i = j
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    // MARK: Place and date

    static func containsDateWord(_ raw: String) -> Bool {
        HeaderSegment(raw).words.contains { HeaderFolding.similar($0.folded, "ngay") }
    }

    static func isDate(_ raw: String) -> Bool {
        classify(raw).contains { if case .placeDate = $0 { return true } else { return false } }
    }

    /// "Điện Biên, ngày 06 tháng 5 năm 2020", "Tủa Chùa, ngay 8 thang 05 nam 2020",
    /// "Điện Biên, ngày 06/5/2020", "Điện Biên, ngày     tháng     năm 2020" (left blank).
    private static func dateLine(_ segment: HeaderSegment, depth: Int) -> [HeaderPiece]? {
        let words = segment.words
        guard let k = words.indices.first(where: { HeaderFolding.similar(words[$0].folded, "ngay") && dateParts(words, after: $0, segment) != nil }),
              let (end, date, spelled) = dateParts(words, after: k, segment)
        else { return nil }
        let trailing = classify(segment.text(words[end - 1].range.upperBound..<segment.chars.count), depth: depth + 1)
        guard areHeaderLike(trailing) else { return nil }
        let (leftover, place) = splitPlace(Array(segment.chars[0..<words[k].range.lowerBound]))
        let before = classify(leftover, depth: depth + 1)
        let meaningful = before.contains { if case .noise = $0 { return false } else { return true } }
        // "Ngày: 08/5/2020" without a place is a form's field (the incoming-mail stamp).
        if place == nil, meaningful || !spelled { return nil }
        guard areHeaderLike(before) else { return nil }
        return before + [.placeDate(place: place, date: date)] + trailing
    }

    /// After "ngày": day, "tháng", month, "năm", year (any number left blank but the
    /// year's), or day/month/year with slashes. The end word index, the date (nil unless
    /// a real calendar date), and whether "tháng" and "năm" were spelled out. "Ngày:"
    /// with a colon labels a field, not the document's date.
    private static func dateParts(_ words: [HeaderWord], after k: Int, _ segment: HeaderSegment) -> (Int, LocalDate?, Bool)? {
        func number(_ i: Int) -> (value: Int, digits: Int)? {
            i < words.count ? HeaderFolding.number(words[i].folded) : nil
        }
        func word(_ i: Int, _ expected: String) -> Bool {
            i < words.count && HeaderFolding.similar(words[i].folded, expected)
        }
        func date(_ d: (value: Int, digits: Int)?, _ m: (value: Int, digits: Int)?, _ y: (value: Int, digits: Int)?) -> LocalDate? {
            guard let d, let m, let y, y.digits == 4, d.digits <= 2, m.digits <= 2 else { return nil }
            return LocalDate(year: y.value, month: m.value, day: d.value)
        }
        if k + 1 < words.count, segment.text(words[k].range.upperBound..<words[k + 1].range.lowerBound).contains(":") {
            return nil
        }
        var i = k + 1
        let day = number(i)
        if day != nil { i += 1 }
        if word(i, "thang") {
            i += 1
            let month = number(i)
            if month != nil { i += 1 }
            guard word(i, "nam") else { return nil }
            i += 1
            guard let year = number(i) else { return nil }
            return (i + 1, date(day, month, year), true)
        }
        // 06/5/2020
        guard let day, let month = number(k + 2), let year = number(k + 3), year.digits == 4 else { return nil }
        let between = segment.text(words[k + 1].range.upperBound..<words[k + 3].range.lowerBound)
        guard between.contains(where: { "/.-".contains($0) }), !between.contains(where: \.isLetter) else { return nil }
        return (k + 4, date(day, month, year), false)
    }

    /// The place is what stands before "ngày": all of it when it is a short name, else
    /// the title-case words just before (the rest of a merged line is returned to be
    /// classified on its own: "NÔNG THÔN Điện Biên, ngày…").
    private static func splitPlace(_ chars: [Character]) -> (leftover: String, place: String?) {
        var prefix = chars
        let trailing: Set<Character> = [",", ":", ";", "."]
        while let last = prefix.last, HeaderWriting.isSpace(last) || trailing.contains(last) || HeaderWriting.edgeNoise.contains(last) {
            prefix.removeLast()
        }
        // A run of two spaces or a tab still separates columns.
        var cut = 0
        var run = 0
        for (i, c) in prefix.enumerated() {
            if HeaderWriting.isSpace(c) {
                run += 1
                if run >= 2 || c == "\t" { cut = i + 1 }
            } else {
                run = 0
            }
        }
        var leftover = String(prefix[0..<cut])
        let candidate = HeaderSegment(prefix[cut...])
        let words = candidate.words
        guard !words.isEmpty else { return (leftover, nil) }
        func isCapitalised(_ word: HeaderWord) -> Bool {
            let written = candidate.chars[word.range]
            guard let first = written.first, first.isLetter, first.isUppercase else { return false }
            return written.count <= 2 || written.dropFirst().contains(where: \.isLowercase)
        }
        func isShouting(_ word: HeaderWord) -> Bool {
            let written = candidate.chars[word.range]
            return written.filter(\.isLetter).count >= 3 && !written.contains(where: \.isLowercase)
        }
        let isMarker = subject(candidate) != nil || HeaderLexicon.symbolLabels.contains(words[0].folded) && words.count > 1
            && words[1].folded.first?.isNumber == true
        if words.count <= 6, !isMarker, !words.contains(where: isShouting),
           !words.contains(where: { $0.folded.contains(where: \.isNumber) }) {
            return (leftover, nonEmpty(HeaderWriting.tidyName(candidate.chars)))
        }
        var first = words.count
        while first > 0, words.count - first < 6, isCapitalised(words[first - 1]) { first -= 1 }
        guard first < words.count else { return (leftover + "  " + candidate.text, nil) }
        leftover += "  " + candidate.text(0..<words[first].range.lowerBound)
        return (leftover, nonEmpty(HeaderWriting.tidyName(candidate.text(fromWord: first))))
    }

    // MARK: Addressees, subject, type

    /// "Kính gửi: Thường trực HĐND tỉnh Điện Biên", "Kinh gui:".
    private static func addressedTo(_ segment: HeaderSegment) -> HeaderPiece? {
        let words = segment.words
        guard words.count >= 2, HeaderFolding.similar(words[0].folded, "kinh"), HeaderFolding.similar(words[1].folded, "gui"),
              segment.chars[0..<words[0].range.lowerBound].allSatisfy({ HeaderWriting.isSpace($0) || HeaderWriting.edgeNoise.contains($0) })
        else { return nil }
        return .addressedTo(nonEmpty(HeaderWriting.tidyItem(segment.text(afterWord: 1))))
    }

    /// "V/v gửi báo cáo…", OCR's "V/V", "v/v", "V|v", "Vlv", and "Về việc…".
    static func subject(_ segment: HeaderSegment) -> HeaderPiece? {
        let chars = segment.chars
        var i = 0
        while i < chars.count, HeaderWriting.isSpace(chars[i]) || HeaderWriting.edgeNoise.contains(chars[i]) { i += 1 }
        let start = i
        func skipSpaces() { while i < chars.count, HeaderWriting.isSpace(chars[i]) { i += 1 } }
        var restStart: Int?
        if i < chars.count, "Vv".contains(chars[i]) {
            i += 1
            skipSpaces()
            if i < chars.count, "/|\\lI1".contains(chars[i]) {
                i += 1
                skipSpaces()
                if i < chars.count, "vVy".contains(chars[i]), i + 1 == chars.count || !chars[i + 1].isLetter {
                    restStart = i + 1
                }
            }
        }
        if restStart == nil, segment.words.count >= 2, segment.words[0].folded == "ve", segment.words[1].folded == "viec",
           segment.words[0].range.lowerBound == start {
            restStart = segment.words[1].range.upperBound
        }
        guard let restStart else { return nil }
        let rest = HeaderWriting.tidy(chars[restStart...].drop { HeaderWriting.isSpace($0) || ":.-".contains($0) })
        return .subject(rest, written: HeaderWriting.tidy(chars[start...]))
    }

    /// "BÁO CÁO", "TỜ TRÌNH", "BAO CAO" (OCR): a known type written in capitals at the
    /// start of the line.
    private static func documentType(_ segment: HeaderSegment) -> HeaderPiece? {
        let folded = segment.words.map(\.folded)
        for type in HeaderLexicon.documentTypes where folded.count >= type.words.count {
            // One misread letter only in words of four letters or more: "CÔNG AN" is no "CÔNG VĂN".
            guard zip(folded, type.words).allSatisfy({ HeaderFolding.same($0, $1) || min($0.count, $1.count) >= 4 && HeaderFolding.similar($0, $1) })
            else { continue }
            let end = segment.words[type.words.count - 1].range.upperBound
            guard HeaderFolding.isUpperCase(segment.chars[0..<end]) else { return nil }
            // OCR leaves marks after the type ("BÁO CÁO. : _ VÌ"): the rest begins a
            // summary only when it holds words.
            let rest = HeaderWriting.tidy(segment.chars[end...].drop { !$0.isLetter && !$0.isNumber })
            let restWords = HeaderFolding.words(Array(rest))
            let summaryStart = restWords.count >= 2 && rest.filter(\.isLetter).count >= 6 ? rest : ""
            return .documentType(type.name, rest: nonEmpty(summaryStart), written: HeaderWriting.tidy(segment.chars))
        }
        return nil
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

// MARK: - Symbol

/// Reads the characters after "Số" as a symbol, tolerant of OCR's look-alikes, and
/// normalises it as DocumentSymbol does.
enum HeaderSymbolReading {
    struct Reading { var text: String? }

    /// nil when this is no symbol at all; a reading with nil text when the number was
    /// left blank ("/BC-UBND", ".../BC-UBND").
    static func read(_ written: [Character]) -> Reading? {
        var chars = written.map { c -> Character in
            switch c {
            case "—", "―", "‒", "−", "–", "‐", "‑", "_": return "-"
            case "\\": return "/"
            case "Ð": return "Đ"
            case "ð": return "đ"
            default: return c
            }
        }
        while let last = chars.last, !(last.isLetter || last.isNumber) { chars.removeLast() }
        guard let split = chars.firstIndex(where: { $0 == "/" || $0 == "-" }) else { return nil }
        let numberPart = chars[0..<split]
        let tail = Array(chars[split...])
        guard tail.count > 1, tail.contains(where: \.isLetter) else { return nil }
        if numberPart.allSatisfy({ ".…".contains($0) }) {
            return tail.first == "/" && tail.dropFirst().first?.isLetter == true ? Reading(text: nil) : nil
        }
        var number = ""
        for c in numberPart {
            switch c {
            case "0"..."9": number.append(c)
            case "O", "o", "Q": number.append("0")
            case "l", "I", "i", "|", "!": number.append("1")
            default: return nil
            }
        }
        guard (1...6).contains(number.count) else { return nil }
        let code = String(tail)
        if code.first == "-" { return partySymbol(number: number, tail: String(code.dropFirst())) }
        let text = number + code
        if let found = DocumentSymbol.find(in: text).first,
           found.number == number || found.number.hasPrefix(number + "/"),
           text.uppercased().hasSuffix(found.issuer.uppercased()) {
            return Reading(text: found.text)
        }
        return kindless(number: number, tail: String(code.dropFirst()))
    }

    /// The Party's shape: "125-BC/TU" (number-kind/issuer), kept in that shape.
    private static func partySymbol(number: String, tail: String) -> Reading? {
        let halves = tail.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2, (1...5).contains(halves[0].count), halves[0].allSatisfy(\.isLetter),
              let lead = halves[1].first, lead.isLetter,
              halves[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "&" })
        else { return nil }
        let kind = String(halves[0]), issuer = String(halves[1])
        if let found = DocumentSymbol.find(in: "\(number)/\(kind)-\(issuer)").first, !found.kind.isEmpty {
            return Reading(text: "\(number)-\(found.kind)/\(found.issuer)")
        }
        return Reading(text: "\(number)-\(kind.uppercased())/\(issuer.uppercased())")
    }

    /// "123/UBND", "12/2020/UBND": an issuer without a kind or a unit.
    private static func kindless(number: String, tail: String) -> Reading? {
        var parts = tail.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var year: String?
        if parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isNumber) { year = parts.removeFirst() }
        guard parts.count == 1, let code = parts.first, let lead = code.first, lead.isLetter,
              code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "&" })
        else { return nil }
        let full = year.map { "\(number)/\($0)" } ?? number
        return Reading(text: DocumentSymbol(number: full, kind: "", issuer: code.uppercased()).text)
    }
}
