import Foundation

// The pieces of a document header, read one column segment at a time. DocumentHeader
// puts them together; this file knows what a single piece of text looks like.
// Symbol and place-and-date lines are read in DocumentHeaderSymbol.swift and
// DocumentHeaderDates.swift.

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

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
