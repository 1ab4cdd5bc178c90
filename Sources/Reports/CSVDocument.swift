import Foundation

/// A CSV file the way office spreadsheets open it without asking: UTF-8 with a byte
/// order mark (without it Excel reads Vietnamese as Windows-1252), CRLF between records,
/// and RFC 4180 quoting.
struct CSVDocument {
    private var records: [[String]] = []

    init(header: [String]) { records.append(header) }

    mutating func add(_ record: [String]) { records.append(record) }

    var data: Data {
        var text = "\u{FEFF}"
        for record in records {
            text += record.map(Self.field).joined(separator: ",")
            text += "\r\n"
        }
        return Data(text.utf8)
    }

    /// A field is quoted when it holds a separator, a quote or a line break; quotes inside
    /// are doubled. Line breaks inside a field become CRLF too, so that no bare LF reaches
    /// a reader that splits on CRLF.
    static func field(_ value: String) -> String {
        // Most cells hold none of these: they are written as they are, without the four
        // Foundation replacements below (a fifth of the register's time).
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return value }
        let normalized = value.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        // Swift treats "\r\n" as one Character, so test the scalars.
        let needsQuotes = normalized.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
        guard needsQuotes else { return normalized }
        return "\"" + normalized.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text that came from mail, made inert: a spreadsheet runs a cell that starts with
    /// =, +, - or @ as a formula, so a subject like "=HYPERLINK(…)" would become a link
    /// or worse. A leading apostrophe is how a clerk would type it by hand.
    static func inert(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
