import Foundation

// The place and date ("Điện Biên, ngày 06 tháng 5 năm 2020"): finding them in a segment.

extension HeaderClassifier {
    // MARK: Place and date

    static func containsDateWord(_ raw: String) -> Bool {
        HeaderSegment(raw).words.contains { HeaderFolding.similar($0.folded, "ngay") }
    }

    static func isDate(_ raw: String) -> Bool {
        classify(raw).contains { if case .placeDate = $0 { return true } else { return false } }
    }

    /// "Điện Biên, ngày 06 tháng 5 năm 2020", "Tủa Chùa, ngay 8 thang 05 nam 2020",
    /// "Điện Biên, ngày 06/5/2020", "Điện Biên, ngày     tháng     năm 2020" (left blank).
    static func dateLine(_ segment: HeaderSegment, depth: Int) -> [HeaderPiece]? {
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
}
