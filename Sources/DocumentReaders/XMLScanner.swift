import Documents
import Foundation

/// A forgiving, non-validating tokenizer for the XML inside office files.
///
/// Hand-written rather than XMLParser because a hostile document must cost nothing: it never
/// reads a DTD, so entities a document declares are never expanded (no billion laughs); it
/// keeps no element stack, so nesting depth costs nothing; and the caller stops it as soon as
/// it has enough text. Only the five predefined entities and character references are decoded.
struct XMLScanner {
    enum Event {
        /// Local name (prefix dropped), attributes by qualified name, whether it closes itself.
        case start(name: Substring, attributes: [Substring: String], selfClosing: Bool)
        case end(name: Substring)
        /// Character data, entities decoded; may arrive in several pieces.
        case text([UInt8])
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ data: Data) {
        bytes = XMLScanner.utf8(data)
    }

    /// Calls `handle` for each event until the input ends or `handle` returns false.
    mutating func scan(_ handle: (Event) -> Bool) {
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") {
                guard let event = markup() else { continue }
                if !handle(event) { return }
            } else {
                let start = position
                while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
                if !handle(.text(Self.decodeEntities(bytes[start..<position]))) { return }
            }
        }
    }

    /// One piece of markup from `<`; nil for what carries no content (declarations, comments,
    /// processing instructions). CDATA comes back as text.
    private mutating func markup() -> Event? {
        if matches("<!--") { skip(past: "-->"); return nil }
        if matches("<![CDATA[") {
            let start = position + 9
            skip(past: "]]>")
            let end = max(start, min(position - 3, bytes.count))
            return .text(Array(bytes[start..<end]))
        }
        if matches("<?") { skip(past: "?>"); return nil }
        if matches("<!") { skipDeclaration(); return nil }
        position += 1
        let closing = position < bytes.count && bytes[position] == UInt8(ascii: "/")
        if closing { position += 1 }
        let name = readName()
        var attributes: [Substring: String] = [:]
        var selfClosing = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") { position += 1; break }
            if byte == UInt8(ascii: "/") { selfClosing = true; position += 1; continue }
            if Self.isSpace(byte) { position += 1; continue }
            let attribute = readName(keepPrefix: true)
            if attribute.isEmpty { position += 1; continue }
            if let value = readAttributeValue() { attributes[attribute] = value }
        }
        return closing ? .end(name: name) : .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func readName(keepPrefix: Bool = false) -> Substring {
        let start = position
        var localStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") { break }
            if byte == UInt8(ascii: ":") { localStart = position + 1 }
            position += 1
        }
        let from = keepPrefix ? start : localStart
        return Substring(String(decoding: bytes[from..<position], as: UTF8.self))
    }

    private mutating func readAttributeValue() -> String? {
        while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return nil }
        position += 1
        while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
        guard position < bytes.count else { return nil }
        let quote = bytes[position]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        position += 1
        let start = position
        while position < bytes.count && bytes[position] != quote { position += 1 }
        let value = bytes[start..<min(position, bytes.count)]
        position += 1
        return String(decoding: Self.decodeEntities(value), as: UTF8.self)
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
    }

    private mutating func skip(past terminator: StaticString) {
        while position < bytes.count {
            if matches(terminator) { position += terminator.utf8CodeUnitCount; return }
            position += 1
        }
    }

    /// `<!DOCTYPE … [ internal subset ]>`: skipped whole, brackets and quotes respected, and
    /// nothing in it is ever used.
    private mutating func skipDeclaration() {
        var depth = 0
        var quote: UInt8?
        position += 2
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if byte == UInt8(ascii: ">") && depth == 0 {
                return
            }
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func decodeEntities(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&"),
                  let semicolon = raw[index..<min(raw.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";"))
            else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            if let replacement = entity(name) {
                out.append(contentsOf: replacement)
                index = semicolon + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func entity(_ name: String) -> [UInt8]? {
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(Character(scalar)).utf8)
        }
    }

    /// Office XML is UTF-8 in practice; a UTF-16 part (its byte-order mark says so) is
    /// transcoded once so the scanner sees bytes it understands.
    private static func utf8(_ data: Data) -> [UInt8] {
        let head = [UInt8](data.prefix(2))
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] {
            let littleEndian = head[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(data.count / 2)
            var index = data.startIndex + 2
            while index + 1 < data.endIndex {
                let a = UInt16(data[index]), b = UInt16(data[index + 1])
                units.append(littleEndian ? a | b << 8 : a << 8 | b)
                index += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        }
        return [UInt8](data)
    }
}
