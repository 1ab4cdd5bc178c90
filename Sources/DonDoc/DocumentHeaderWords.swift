import Foundation

// The words of a header segment: folded for comparison, each remembering where it
// stands in the text as written.

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
        let mapped = zeroAsO(word)
        if mapped == expected { return true }
        guard expected.count >= 3 else { return false }
        // One edit apart means lengths at most one apart: most pairs end here.
        guard abs(mapped.utf8.count - expected.utf8.count) <= 4 else { return false }
        return withinOneEdit(Array(mapped), Array(expected))
    }

    /// Equal folded words up to OCR's O for zero: for short or decisive words.
    static func same(_ word: String, _ expected: String) -> Bool {
        word == expected || zeroAsO(word) == expected
    }

    /// The word with each digit zero read as the letter o; the word itself when it has
    /// none (most do, and Foundation's replacement was a tenth of a header's reading).
    private static func zeroAsO(_ word: String) -> String {
        guard word.utf8.contains(UInt8(ascii: "0")) else { return word }
        return String(String.UnicodeScalarView(word.unicodeScalars.map { $0 == "0" ? "o" : $0 }))
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
