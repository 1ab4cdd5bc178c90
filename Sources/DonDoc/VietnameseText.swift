import Foundation

/// Comparing Vietnamese names the way a clerk reads them: the same agency arrives as
/// "Sở TN&MT", "SỞ TN & MT", "So TN&MT" (typed without diacritics), in NFD from a Mac
/// or windows-1258 mail, and all of those must compare equal.
public enum VietnameseText {
    /// Folding for comparison: NFC/NFD-insensitive, tone marks and all combining marks
    /// removed, đ/Đ→d, lower-cased, `&` joins its neighbours ("TN & MT", "TN&MT" →
    /// "tnmt"), every other punctuation/whitespace run → one space, trimmed.
    public static func fold(_ s: String) -> String {
        String(decoding: folded(s).bytes, as: UTF8.self)
    }

    private static func folded(_ s: String) -> Folder {
        var folder = Folder()
        folder.bytes.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII: letters and digits are words, & joins, the rest separates.
                switch value {
                case 0x41...0x5A: folder.word(Unicode.Scalar(value + 0x20)!)
                case 0x61...0x7A, 0x30...0x39: folder.word(scalar)
                case 0x26: folder.joinPending = true
                default: folder.separatorPending = true
                }
            } else if let base = vietnameseBase[value] {
                folder.word(base)
            } else if (0x300...0x36F).contains(value) {
                continue   // a combining mark of NFD text: tones, breve, circumflex, horn
            } else {
                // Compatibility decomposition also splits other precomposed letters and
                // turns full-width forms ("ＴＮ＆ＭＴ") into plain ones.
                for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
                    switch role(of: part) {
                    case .mark: continue
                    case .joiner: folder.joinPending = true
                    case .separator: folder.separatorPending = true
                    case .wordCharacter: folder.letter(part)
                    }
                }
            }
        }
        return folder
    }

    /// The folded text being built: a separator or an ampersand waits for the next word
    /// character, so that "TN & MT" is one abbreviation written with spaces and runs of
    /// punctuation and space become one space.
    ///
    /// Built as UTF-8 bytes: appending to a String's scalars was most of folding a name.
    private struct Folder {
        var bytes: [UInt8] = []
        var isASCII = true
        var separatorPending = false
        var joinPending = false

        /// A character already folded (ASCII lower case or digit).
        mutating func word(_ scalar: Unicode.Scalar) {
            if separatorPending, !joinPending, !bytes.isEmpty { bytes.append(0x20) }
            separatorPending = false
            joinPending = false
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        }

        /// Any other letter or digit, lower-cased as Unicode says.
        mutating func letter(_ scalar: Unicode.Scalar) {
            if separatorPending, !joinPending, !bytes.isEmpty { bytes.append(0x20) }
            separatorPending = false
            joinPending = false
            VietnameseText.appendLowercased(scalar) { append($0) }
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                isASCII = false
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// Each precomposed Vietnamese letter, either case, and its folded base letter: the
    /// letters of every name, folded without asking Foundation to decompose them (that
    /// was most of the time of loading a campaign of a thousand agencies).
    static let vietnameseBase: [UInt32: Unicode.Scalar] = {
        let letters: [(Unicode.Scalar, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậ"), ("e", "èéẻẽẹêềếểễệ"), ("i", "ìíỉĩị"),
            ("o", "òóỏõọôồốổỗộơờớởỡợ"), ("u", "ùúủũụưừứửữự"), ("y", "ỳýỷỹỵ"), ("d", "đ"),
        ]
        var table: [UInt32: Unicode.Scalar] = [:]
        for (base, forms) in letters {
            for form in forms.unicodeScalars {
                table[form.value] = base
                for upper in form.properties.uppercaseMapping.unicodeScalars where upper != form {
                    table[upper.value] = base
                }
            }
        }
        return table
    }()

    /// The fold as first written, decomposing the whole text: what `fold` must equal.
    static func foldByDecomposition(_ s: String) -> String {
        var folded = String.UnicodeScalarView()
        var separatorPending = false
        var joinPending = false
        for scalar in s.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch role(of: scalar) {
            case .mark:
                continue
            case .joiner:
                joinPending = true
            case .separator:
                separatorPending = true
            case .wordCharacter:
                if separatorPending, !joinPending, !folded.isEmpty { folded.append(" ") }
                separatorPending = false
                joinPending = false
                appendLowercased(scalar) { folded.append($0) }
            }
        }
        return String(folded)
    }

    /// fold(s) split into words.
    public static func words(_ s: String) -> [String] {
        let folder = folded(s)
        // A folded Vietnamese name is ASCII, whose characters are its bytes: split there
        // without breaking graphemes. Other scripts keep Character splitting (a prepended
        // mark can hold a space inside one character).
        guard folder.isASCII else {
            return String(decoding: folder.bytes, as: UTF8.self).split(separator: " ").map(String.init)
        }
        return folder.bytes.withUnsafeBufferPointer { bytes in
            var words: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
                if index > start {
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
            return words
        }
    }

    /// The folded text with no spaces at all: how abbreviations are compared, since
    /// "Sở TN&MT", "TN-MT" and "TNMT" differ only in where the breaks fall.
    static func compact(_ s: String) -> String {
        String(String.UnicodeScalarView(fold(s).unicodeScalars.filter { $0 != " " }))
    }

    /// The first letters of a name's words, leaving out the conjunction "và": the way
    /// Vietnamese agencies form the issuer code of their documents ("Sở Kế hoạch và Đầu
    /// tư" → "skhdt", "Sở Nông nghiệp và Phát triển nông thôn" → "snnptnt").
    static func initialism(_ name: String) -> String {
        String(words(name).filter { $0 != "va" }.compactMap(\.first))
    }

    private enum Role { case wordCharacter, mark, joiner, separator }

    private static func role(of scalar: Unicode.Scalar) -> Role {
        if scalar == "&" { return .joiner }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .wordCharacter
        default:
            return .separator
        }
    }

    fileprivate static func appendLowercased(_ scalar: Unicode.Scalar, to append: (Unicode.Scalar) -> Void) {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            switch lower {
            // đ does not decompose to d, so it is mapped by hand. Legacy converters often
            // write Đ as the look-alike eth (Ð, U+00D0) or African D (Ɖ, U+0189).
            case "\u{0111}", "\u{00F0}", "\u{0256}":
                append("d")
            default:
                // Lower-casing can itself produce a combining mark ("İ" → "i" + dot).
                if role(of: lower) != .mark { append(lower) }
            }
        }
    }
}
