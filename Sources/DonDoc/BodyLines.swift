/// The top of a message body as lines, for the rules that read a body's short lines (a
/// forwarded envelope, a signature, a closing formula). Cut and trimmed on bytes and
/// scalars: grapheme-by-grapheme splitting and Foundation's trimming of every line cost
/// more than all the rest of attribution on a body of long lines.
enum BodyLines {
    /// The lines of the first `limit` UTF-8 bytes of `body` (no line is cut short except
    /// the last), split at "\n", each without a "\r" before it.
    static func top(of body: String, limit: Int) -> [Substring] {
        let utf8 = body.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: limit, limitedBy: utf8.endIndex) ?? utf8.endIndex
        // A cut inside a multi-byte letter moves back to its start.
        while end != utf8.endIndex, end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < end {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(line(body, start, index))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(line(body, start, end))
        return lines
    }

    private static func line(_ body: String, _ start: String.Index, _ end: String.Index) -> Substring {
        var end = end
        if end > start, body.utf8[body.utf8.index(before: end)] == UInt8(ascii: "\r") { end = body.utf8.index(before: end) }
        return body[start..<end]
    }

    /// Without spaces, tabs and no-break spaces at either end.
    static func trimmed(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return line[line.endIndex...] }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        return Substring(scalars[first...last])
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || (scalar.value >= 0x80 && scalar.properties.isWhitespace)
    }

    /// A line a separator, an envelope field, a greeting or a signature line can be: the
    /// longer ones are paragraphs, and are not folded or searched.
    static func isShort(_ line: Substring) -> Bool { line.utf8.count <= 600 }
}
