import Foundation

/// Just enough of the RFC 2045 §5.1 Content-Type syntax to find a part's type token and its
/// boundary in raw header bytes, before GMime has parsed anything.
enum MediaTypeSyntax {
    private static let semicolon = UInt8(ascii: ";")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let equalsSign = UInt8(ascii: "=")
    private static let openParenthesis = UInt8(ascii: "(")
    private static let closeParenthesis = UInt8(ascii: ")")

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// The `type/subtype` token of a raw Content-Type value (folds included): after blanks
    /// and comments, up to a `;`, a blank or a comment. Empty, at the value's end, when there is none.
    static func typeToken(in bytes: UnsafeRawBufferPointer, _ value: Range<Int>) -> Range<Int> {
        var index = value.lowerBound
        var depth = 0
        while index < value.upperBound {
            let byte = bytes[index]
            if depth > 0 {
                if byte == closeParenthesis { depth -= 1 } else if byte == openParenthesis { depth += 1 }
            } else if byte == openParenthesis {
                depth = 1
            } else if !isBlank(byte) {
                break
            }
            index += 1
        }
        var end = index
        while end < value.upperBound, !isBlank(bytes[end]), bytes[end] != semicolon, bytes[end] != openParenthesis {
            end += 1
        }
        return index..<end
    }

    /// What a type token without a subtype is read as; nil when it has one, or when the value
    /// is empty and GMime's own default (text/plain, RFC 2045 §5.2) applies.
    static func replacement(forTypeToken token: String, hasParameters: Bool) -> String? {
        if token.isEmpty { return hasParameters ? "application/octet-stream" : nil }
        if token.contains("=") { return "application/octet-stream" }
        let pieces = token.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty { return nil }
        switch pieces.first.map(String.init) ?? "" {
        case "text": return "text/plain"
        case "multipart": return "multipart/mixed"
        default: return "application/octet-stream"
        }
    }

    /// The value of a parameter (`boundary`), unquoted, from an unfolded Content-Type value.
    static func parameter(_ name: String, in value: [UInt8]) -> [UInt8]? {
        var index = 0
        // The type token and anything before the first parameter.
        while index < value.count, value[index] != semicolon {
            if value[index] == quote { index = afterQuotedString(value, from: index).end } else { index += 1 }
        }
        while index < value.count {
            index += 1
            while index < value.count, isBlank(value[index]) { index += 1 }
            let attributeStart = index
            while index < value.count, !isBlank(value[index]), value[index] != equalsSign, value[index] != semicolon {
                index += 1
            }
            let attribute = String(decoding: value[attributeStart..<index], as: UTF8.self).lowercased()
            while index < value.count, isBlank(value[index]) { index += 1 }
            var parameterValue: [UInt8] = []
            if index < value.count, value[index] == equalsSign {
                index += 1
                while index < value.count, isBlank(value[index]) { index += 1 }
                if index < value.count, value[index] == quote {
                    let quoted = afterQuotedString(value, from: index)
                    parameterValue = quoted.text
                    index = quoted.end
                } else {
                    let valueStart = index
                    while index < value.count, !isBlank(value[index]), value[index] != semicolon { index += 1 }
                    parameterValue = Array(value[valueStart..<index])
                }
            }
            if attribute == name { return parameterValue }
            while index < value.count, value[index] != semicolon { index += 1 }
        }
        return nil
    }

    /// The lower-cased first token of a value, e.g. a Content-Transfer-Encoding.
    static func firstToken(in value: [UInt8]) -> String {
        let token = value.drop(while: isBlank).prefix { !isBlank($0) && $0 != semicolon && $0 != openParenthesis }
        return String(decoding: token, as: UTF8.self).lowercased()
    }

    /// A quoted-string starting at `start` (its opening quote): its text without quoting, and
    /// where it ends. An unterminated one runs to the end of the value.
    private static func afterQuotedString(_ value: [UInt8], from start: Int) -> (text: [UInt8], end: Int) {
        var text: [UInt8] = []
        var index = start + 1
        while index < value.count, value[index] != quote {
            if value[index] == backslash, index + 1 < value.count { index += 1 }
            text.append(value[index])
            index += 1
        }
        return (text, min(index + 1, value.count))
    }
}
