import Foundation

/// The number and symbol (số, ký hiệu) of an administrative document, e.g. "45/BC-STNMT":
/// number 45, kind BC (báo cáo), issued by STNMT (Sở Tài nguyên và Môi trường). Decree
/// 30/2020/NĐ-CP fixes the shape, so the issuer part names the sender more reliably than
/// any free-text name.
public struct DocumentSymbol: Sendable, Equatable {
    /// "45"; a legal document carries its year as well: "12/2020".
    public var number: String
    /// The kind abbreviation (loại văn bản): BC, CV, TTr, TB, KH, QĐ… Empty for an
    /// official letter (công văn), whose symbol has no kind: "567/STNMT-VP".
    public var kind: String
    /// "STNMT"; may contain further hyphen parts naming the drafting unit: "UBND-TNMT".
    public var issuer: String
    /// As found, normalised to "45/BC-STNMT".
    public var text: String

    public init(number: String, kind: String, issuer: String) {
        self.number = number
        self.kind = kind
        self.issuer = issuer
        self.text = kind.isEmpty ? "\(number)/\(issuer)" : "\(number)/\(kind)-\(issuer)"
    }

    /// All symbols in free text ("Số: 45/BC-STNMT", "số 12/BC-SKHĐT ngày…") and in file
    /// names ("45-BC-STNMT.pdf", "45_BC_STNMT.docx"), in order of appearance, each once.
    public static func find(in text: String) -> [DocumentSymbol] {
        var seen = Set<String>()
        return occurrences(in: text.nfc)
            .map(\.symbol)
            .filter { seen.insert($0.text).inserted }
    }

    /// The organisation that issued the document: the first part of the issuer. The
    /// parts after it name a unit inside that organisation ("UBND-TNMT" is the district
    /// committee's document drafted by its environment office, not the provincial Sở).
    var issuingBody: String {
        String(issuer.split(separator: "-", maxSplits: 1).first ?? Substring(issuer))
    }

    struct Occurrence {
        var symbol: DocumentSymbol
        /// Range in the NFC text that was searched.
        var range: Range<String.Index>
    }

    /// Symbols with where they stand in `nfcText`, which must already be NFC (callers
    /// cut these ranges out of the same string).
    static func occurrences(in nfcText: String) -> [Occurrence] {
        // Every symbol has a digit right before a slash, a hyphen or an underscore; text
        // without one (most bodies) is not handed to ICU, which copies it into UTF-16.
        guard mayHoldSymbol(nfcText) else { return [] }
        // Neither pattern matches a line break, and both look behind only for letters,
        // digits and "/": searching line by line finds the same symbols, and only the
        // lines that may hold one are copied for ICU.
        var found: [Occurrence] = []
        // Split on the byte: "\r\n" is one Character, which a Character split would miss.
        for line in nfcText.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let text = String(line), mayHoldSymbol(text) else { continue }
            let offset = nfcText.utf8.distance(from: nfcText.startIndex, to: line.startIndex)
            for (symbol, range) in occurrences(inLine: text) {
                let lower = nfcText.utf8.index(nfcText.startIndex, offsetBy: offset + text.utf8.distance(from: text.startIndex, to: range.lowerBound))
                let upper = nfcText.utf8.index(lower, offsetBy: text.utf8.distance(from: range.lowerBound, to: range.upperBound))
                found.append(Occurrence(symbol: symbol, range: lower..<upper))
            }
        }
        return found
    }

    /// The symbols of one line, in order, with their ranges in it.
    private static func occurrences(inLine text: String) -> [(DocumentSymbol, Range<String.Index>)] {
        let whole = NSRange(text.startIndex..., in: text)
        var found: [(symbol: DocumentSymbol, range: Range<String.Index>)] = []
        for match in freeTextPattern.matches(in: text, range: whole) {
            let parts = splitParts(group(3, of: match, in: text), separators: hyphens)
            if let symbol = symbol(number: group(1, of: match, in: text),
                                   year: optionalGroup(2, of: match, in: text),
                                   parts: parts, kindRequired: false),
               let range = Range(match.range, in: text) {
                found.append((symbol, range))
            }
        }
        for match in fileNamePattern.matches(in: text, range: whole) {
            let kindPart = group(3, of: match, in: text)
            // A file name gives no case-free way to tell "STNMT_VP" (unit) from
            // "STNMT_Bao_cao" (title words), so only capitalised parts extend the issuer.
            var issuerParts = splitParts(group(4, of: match, in: text), separators: hyphens + "_")
            if issuerParts.count > 1 {
                let unitParts = issuerParts.dropFirst().prefix { isCapitalisedCode($0) }
                issuerParts = [issuerParts[0]] + unitParts
            }
            if let symbol = symbol(number: group(1, of: match, in: text),
                                   year: optionalGroup(2, of: match, in: text),
                                   parts: [kindPart] + issuerParts, kindRequired: true),
               let range = Range(match.range, in: text),
               !found.contains(where: { $0.range.overlaps(range) }) {
                found.append((symbol, range))
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A decimal digit (what ICU's \\d is) followed by "/", "_" or one of `hyphens`: what
    /// both patterns need to match at all.
    static func mayHoldSymbol(_ text: String) -> Bool {
        var afterDigit = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if afterDigit, value == 0x2F || value == 0x5F || value == 0x2D || (0x2010...0x2013).contains(value) || value == 0x2212 {
                return true
            }
            afterDigit = value < 0x80 ? (0x30...0x39).contains(value) : scalar.properties.numericType == .decimal
        }
        return false
    }

    // MARK: - Recognising the parts

    private static func symbol(number: String, year: String?, parts: [String], kindRequired: Bool) -> DocumentSymbol? {
        guard let first = parts.first else { return nil }
        let kind: String
        let issuerParts: ArraySlice<String>
        if let known = canonicalKind(first), parts.count > 1 {
            kind = known
            issuerParts = parts.dropFirst()
        } else if kindRequired {
            return nil
        } else {
            kind = ""
            issuerParts = parts[...]
        }
        // "10/5-2020" is a date range, not a symbol: an issuer is always a name.
        guard let issuingBody = issuerParts.first, issuingBody.contains(where: \.isLetter) else { return nil }
        let issuer = issuerParts.map { $0.uppercased() }.joined(separator: "-")
        return DocumentSymbol(number: year.map { "\(number)/\($0)" } ?? number, kind: kind, issuer: issuer)
    }

    /// Kind abbreviations of Decree 30/2020/NĐ-CP (Appendix III) and the common "CV".
    private static let kinds = [
        "NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
        "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "CV",
        "TT", "TTLT", "NĐ", "KL",
    ]

    /// Abbreviations differ only in case or in đ when written on ASCII keyboards
    /// ("QD" for "QĐ"); where that leaves two candidates ("HD": hướng dẫn or hợp đồng)
    /// the form as written is kept.
    private static func canonicalKind(_ written: String) -> String? {
        let upper = written.uppercased()
        if let exact = kinds.first(where: { $0.uppercased() == upper }) { return exact }
        let folded = VietnameseText.compact(written)
        let byFolding = kinds.filter { VietnameseText.compact($0) == folded }
        switch byFolding.count {
        case 0: return nil
        case 1: return byFolding[0]
        default: return upper
        }
    }

    private static func isCapitalisedCode(_ part: String) -> Bool {
        part.contains(where: \.isLetter) && !part.contains(where: \.isLowercase)
    }

    private static func splitParts(_ s: String, separators: String) -> [String] {
        s.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }

    // MARK: - Patterns

    /// Hyphen, non-breaking hyphen, figure dash, en dash and minus: word processors
    /// replace the hyphen of a symbol with any of these.
    private static let hyphens = "-\u{2010}\u{2011}\u{2012}\u{2013}\u{2212}"
    private static let codePart = "[\\p{L}\\p{N}&]+"
    /// The part right after the number is a kind or an issuer: both are names, never
    /// figures, which keeps "1-BC-45-BC-STNMT" from swallowing the real symbol.
    private static let leadingPart = "\\p{L}[\\p{L}\\p{N}&]*"

    /// "45/BC-STNMT", "12/2020/QĐ-UBND", "567/STNMT-VP": a number, an optional year, a
    /// slash, then hyphen-joined parts.
    private static let freeTextPattern: NSRegularExpression = {
        let hyphen = "[\(hyphens)]"
        return compile("(?<![\\p{L}\\p{N}/])(\\d{1,6})(?:/(\\d{4}))?/(\(leadingPart)(?:\(hyphen)\(codePart))+)")
    }()

    /// "45-BC-STNMT.pdf", "45_BC_STNMT.docx", "12_2020_QD_UBND.pdf": the slash cannot
    /// appear in a file name, so it is written like the other separators. A kind is
    /// required here, otherwise every "2020-bao-cao" would look like a symbol.
    private static let fileNamePattern: NSRegularExpression = {
        let separator = "[\(hyphens)_]"
        return compile(
            "(?<![\\p{L}\\p{N}])(\\d{1,6})\(separator)(?:(\\d{4})\(separator))?(\\p{L}{1,4})\(separator)(\(leadingPart)(?:\(separator)\(codePart))*)"
        )
    }()

    /// Compiled once: compiling is most of the cost of a search (measured: two thirds of
    /// a whole poll's CPU when it was done per message).
    private static func compile(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file; failing to compile is a programming error.
        try! NSRegularExpression(pattern: pattern)
    }

    private static func group(_ index: Int, of match: NSTextCheckingResult, in text: String) -> String {
        optionalGroup(index, of: match, in: text) ?? ""
    }

    private static func optionalGroup(_ index: Int, of match: NSTextCheckingResult, in text: String) -> String? {
        let range = match.range(at: index)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        return String(text[swiftRange])
    }
}
