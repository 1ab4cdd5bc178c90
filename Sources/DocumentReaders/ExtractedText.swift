import Documents
import Foundation

/// Text as every reader hands it on: NFC, "\n" between lines, no trailing blanks, at most one
/// empty line in a row, and at most `DocumentReading.textLimit` bytes cut at a line end when
/// one is near.
enum ExtractedText {
    static func tidy(_ raw: String, limit: Int = DocumentReading.textLimit) -> String {
        var lines: [Substring] = []
        var blank = false
        var bytes = 0
        let unified = raw.replacingOccurrences(of: "\r\n", with: "\n")
        for line in unified.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            let trimmed = line.trimmingSuffix(while: { $0.isWhitespace })
            if trimmed.isEmpty {
                if blank || lines.isEmpty { continue }
                blank = true
            } else {
                blank = false
            }
            lines.append(trimmed)
            bytes += trimmed.utf8.count + 1
            // Far enough past the limit to decide; the cut below is exact.
            if bytes > limit * 2 { break }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return cut(nfc(lines.joined(separator: "\n")), limit: limit)
    }

    static func nfc(_ text: String) -> String {
        // Precomposed Vietnamese is already NFC; Foundation's normalizer is the slow path.
        let composed = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
        return composed ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whole characters only, and at a line end when one lies in the last quarter.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > limit { break }
            used += size
            end = text.index(after: index)
        }
        let head = text[..<end]
        if let newline = head.lastIndex(of: "\n"), head.utf8.distance(from: head.startIndex, to: newline) > limit * 3 / 4 {
            return String(head[..<newline])
        }
        return String(head)
    }

    /// Letters on a page: whether a PDF's text layer is real or a scan's stray marks.
    static func letterCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard predicate(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
