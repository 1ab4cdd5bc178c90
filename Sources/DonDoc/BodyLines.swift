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

    /// A line a separator, an envelope field, a greeting or a signature line can be: the
    /// longer ones are paragraphs, and are not folded or searched.
    static func isShort(_ line: Substring) -> Bool { line.utf8.count <= 600 }
}

extension Substring {
    /// Without white space (Unicode's, line breaks and no-break spaces included) at either
    /// end, cut on scalars: Foundation's trimming bridges every string through NSString,
    /// which cost more than the rest of reading a body's lines or a campaign file.
    package var trimmedWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !Self.isWhitespace($0) }) else { return self[endIndex...] }
        return Substring(scalars[first...last])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

extension String {
    package var trimmedWhitespace: Substring { self[...].trimmedWhitespace }
}
