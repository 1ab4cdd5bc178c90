import Foundation

/// Comparing Vietnamese names the way a clerk reads them: the same agency arrives as
/// "Sở TN&MT", "SỞ TN & MT", "So TN&MT" (typed without diacritics), in NFD from a Mac
/// or windows-1258 mail, and all of those must compare equal.
public enum VietnameseText {
    /// Folding for comparison: NFC/NFD-insensitive, tone marks and all combining marks
    /// removed, đ/Đ→d, lower-cased, `&` joins its neighbours ("TN & MT", "TN&MT" →
    /// "tnmt"), every other punctuation/whitespace run → one space, trimmed.
    public static func fold(_ s: String) -> String {
        var folded = String.UnicodeScalarView()
        var separatorPending = false
        // "TN & MT" is one abbreviation written with spaces, so an ampersand swallows the
        // separators on both sides of it instead of producing a word break.
        var joinPending = false
        // Compatibility decomposition also splits precomposed letters (NFC "ế" → e + marks)
        // and turns full-width forms ("ＴＮ＆ＭＴ") into plain ones.
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
                appendLowercased(scalar, to: &folded)
            }
        }
        return String(folded)
    }

    /// fold(s) split into words.
    public static func words(_ s: String) -> [String] {
        fold(s).split(separator: " ").map(String.init)
    }

    /// The folded text with no spaces at all: how abbreviations are compared, since
    /// "Sở TN&MT", "TN-MT" and "TNMT" differ only in where the breaks fall.
    static func compact(_ s: String) -> String {
        fold(s).replacingOccurrences(of: " ", with: "")
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

    private static func appendLowercased(_ scalar: Unicode.Scalar, to folded: inout String.UnicodeScalarView) {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            switch lower {
            // đ does not decompose to d, so it is mapped by hand. Legacy converters often
            // write Đ as the look-alike eth (Ð, U+00D0) or African D (Ɖ, U+0189).
            case "\u{0111}", "\u{00F0}", "\u{0256}":
                folded.append("d")
            default:
                // Lower-casing can itself produce a combining mark ("İ" → "i" + dot).
                if role(of: lower) != .mark { folded.append(lower) }
            }
        }
    }
}
