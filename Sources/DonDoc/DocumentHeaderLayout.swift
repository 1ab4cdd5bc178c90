import Foundation

// Cutting the first page's lines into column segments and classifying them.

/// The lines of the first page cut into column segments: runs of three spaces or more
/// and tabs separate the columns Poppler lays side by side and DOCX cells.
enum HeaderLayout {
    /// The header is on the first lines; nothing after these is read.
    static let linesRead = 150
    /// A line longer than this is no header line (and is not cut up).
    static let longestLine = 4000
    /// The most text looked at.
    static let charactersRead = 50_000

    static func lines(_ text: String) -> [[String]] {
        var lines: [[String]] = []
        var nonBlank = 0
        for line in text.prefix(charactersRead).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if nonBlank >= linesRead { break }
            let segments = line.utf8.count > longestLine ? [String(line)] : segments(of: line)
            if !segments.isEmpty { nonBlank += 1 }
            lines.append(segments)
        }
        return lines
    }

    static func segments(of line: Substring) -> [String] {
        var result: [String] = []
        var current: [Character] = []
        var spaces: [Character] = []
        func flush() {
            if current.contains(where: { !HeaderWriting.isSpace($0) }) { result.append(String(current)) }
            current = []
        }
        for c in line {
            if c == "\t" {
                spaces = []
                flush()
            } else if HeaderWriting.isSpace(c) {
                spaces.append(c)
            } else {
                if spaces.count >= 3 { flush() } else { current.append(contentsOf: spaces) }
                spaces = []
                current.append(c)
            }
        }
        flush()
        return result
    }

    /// Each line's pieces. A column split in the middle of a symbol ("Số:" | "45/BC-STNMT")
    /// or of a date ("Tủa Chùa, ngày" | "08 tháng 05 năm 2020", or over two OCR lines)
    /// is joined again first.
    static func pieces(_ text: String) -> [[HeaderPiece]] {
        var lines = lines(text)
        var result: [[HeaderPiece]] = []
        var movedUp = Set<Int>()
        // A title cut short at a line's end is finished on one of the next two lines.
        var tails: [[String]] = []
        var tailsLeft = 0
        for index in lines.indices {
            let segments = lines[index]
            var pieces: [HeaderPiece] = []
            var s = 0
            while s < segments.count {
                var segment = segments[s]
                if segment.count <= HeaderClassifier.longestSegment {
                    if HeaderClassifier.isSymbolLabelOnly(segment), s + 1 < segments.count {
                        segment += " " + segments[s + 1]
                        s += 1
                    } else if mayBeBrokenDate(segment), !HeaderClassifier.isDate(segment) {
                        var joined = segment
                        var taken = 0
                        var found = false
                        for next in segments.dropFirst(s + 1).prefix(3) {
                            joined += " " + next
                            taken += 1
                            if HeaderClassifier.isDate(joined) { found = true; break }
                        }
                        if found {
                            segment = joined
                            s += taken
                        } else if s == segments.count - 1, index + 1 < lines.count, let next = lines[index + 1].first,
                                  HeaderClassifier.isDate(segment + " " + next) {
                            segment += " " + next
                            lines[index + 1].removeFirst()
                            movedUp.insert(index + 1)
                        }
                    }
                }
                let classified = HeaderClassifier.classify(segment, tails: tailsLeft > 0 ? tails : [])
                if tailsLeft > 0, case .title = classified.first, HeaderClassifier.titleTail(segment) == nil { tails = [] }
                pieces += classified
                s += 1
            }
            if !segments.isEmpty {
                let newTails = segments.compactMap(HeaderClassifier.titleTail)
                if !newTails.isEmpty {
                    tails = newTails
                    tailsLeft = 2
                } else {
                    tailsLeft -= 1
                }
            }
            // A line whose only text was moved up to finish a date is no blank line.
            if segments.isEmpty, movedUp.contains(index) { continue }
            result.append(pieces.isEmpty && !segments.isEmpty ? [.noise] : pieces)
        }
        return result
    }

    private static func mayBeBrokenDate(_ segment: String) -> Bool {
        let trimmed = segment.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix(",") && trimmed.count <= 40 || HeaderClassifier.containsDateWord(segment)
    }
}
