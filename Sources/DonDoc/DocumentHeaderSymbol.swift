import Foundation

// The symbol ("Số: 112/BC-STC"): finding it in a segment and reading it.

extension HeaderClassifier {
    // MARK: Symbol

    static func isSymbolLabelOnly(_ raw: String) -> Bool {
        let words = HeaderSegment(raw).words
        return words.count == 1 && HeaderLexicon.symbolLabels.contains(words[0].folded)
    }

    /// "Số: 112/BC-STC", "Số 09 /BC-UBND", "S6: O9/BC-UBND", "Số: 125-BC/TU", "Số:  /BC-UBND".
    static func symbolLine(_ segment: HeaderSegment, depth: Int) -> [HeaderPiece]? {
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
