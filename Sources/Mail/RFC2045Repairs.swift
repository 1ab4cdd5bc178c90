import Foundation

/// Repairs, in the raw bytes and before GMime reads them, the header blocks that GMime 3.2.13
/// misreads so badly that files are lost:
///
/// - **No blank line between a header and its body** (RFC 5322 §2.1, RFC 2045 §3); Gmail has
///   sent parts whose base64 starts on the line after `Content-Transfer-Encoding`. GMime takes
///   every body line for a broken header field and drops it, so the file arrives empty. As a
///   tolerant reader does, the first line that is not a field (`name:` with a printable ASCII
///   name) nor a fold of one starts the body: a line break is inserted before it.
/// - **A Content-Type with no subtype** (`application-x-gzip; name=…`, `BINARY; name=…`).
///   GMime drops the whole value, parameters included, so the file loses its name and is taken
///   for an unnamed inline part. The type is rewritten as `application/octet-stream` (RFC 2046
///   §4.5.1 for what is unknown), `text` alone as `text/plain` (RFC 2045 §5.2) and `multipart`
///   alone as `multipart/mixed` (RFC 2046 §5.1.3), keeping the parameters.
/// - **Folded or blank-looking lines before the first header field** (left by a relay that
///   cut a header above them). GMime reads no header at all; they are skipped.
///
/// Part header blocks are found as GMime finds them: after a delimiter line of an enclosing
/// multipart's boundary (RFC 2046 §5.1.1), or as the header of a message/rfc822 body. Only
/// header blocks are read; bodies are only searched for delimiter lines. A message that needs
/// no repair is not copied.
enum RFC2045Repairs {
    /// Replace `removing` bytes at `offset` with `inserting`.
    struct Edit: Equatable {
        var offset: Int
        var removing: Int
        var inserting: [UInt8]
    }

    struct Plan: Equatable {
        /// Where the message really starts, after leading folded lines.
        var start = 0
        /// In increasing offset order, none overlapping.
        var edits: [Edit] = []
    }

    /// Deeper than `MIMEPartWalker.maximumDepth` nothing is read anyway; stopping the scan
    /// there keeps a hostile nesting from making it quadratic.
    static let maximumNesting = 64

    static func plan(_ bytes: UnsafeRawBufferPointer) -> Plan {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        // A header's type is repaired after the line break before its body has been queued.
        return Plan(start: scanner.start, edits: scanner.edits.sorted { $0.offset < $1.offset })
    }

    /// The repaired message; callers parse `bytes[plan.start...]` in place when there are no edits.
    static func apply(_ plan: Plan, to bytes: UnsafeRawBufferPointer) -> Data {
        var output = Data()
        output.reserveCapacity(bytes.count + plan.edits.reduce(0) { $0 + $1.inserting.count })
        var position = min(max(plan.start, 0), bytes.count)
        for edit in plan.edits where edit.offset >= position && edit.offset <= bytes.count {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<edit.offset]))
            output.append(contentsOf: edit.inserting)
            position = min(edit.offset + max(edit.removing, 0), bytes.count)
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position...]))
        return output
    }
}

// MARK: - The scan

private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let hyphen = UInt8(ascii: "-")
private let colon = UInt8(ascii: ":")

private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var start = 0
    var edits: [RFC2045Repairs.Edit] = []
    /// The boundaries of the enclosing multiparts, outermost first.
    var boundaries: [[UInt8]] = []

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// What follows a header block.
    enum Next {
        case body(from: Int)
        case message(from: Int)
        case delimiter(at: Int)
        case end
    }

    mutating func run() {
        start = skippingFoldedLines()
        var next = headerBlock(at: start, topLevel: true)
        while true {
            switch next {
            case .end:
                return
            case .message(let position):
                next = headerBlock(at: position, topLevel: false)
            case .body(let position):
                guard let delimiter = nextDelimiterLine(from: position) else { return }
                next = .delimiter(at: delimiter)
            case .delimiter(let position):
                next = afterDelimiter(at: position)
            }
        }
    }

    /// A relay that cut a header can leave its folded tail, or a line of blanks, first.
    private func skippingFoldedLines() -> Int {
        var position = 0
        while position < bytes.count, bytes[position] == space || bytes[position] == tab {
            position = lineEnd(from: position) + 1
        }
        return min(position, bytes.count)
    }

    // MARK: Header blocks

    private mutating func headerBlock(at blockStart: Int, topLevel: Bool) -> Next {
        var position = blockStart
        var fields = 0
        var contentTypes: [Range<Int>] = []
        var transferEncoding: Range<Int>?
        // The field being read, while its folds may follow: which one it is, and its value.
        var current: (field: MIMEField?, value: Range<Int>)?
        func finishField() {
            guard let (field, value) = current else { return }
            if field == .contentType { contentTypes.append(value) }
            if field == .contentTransferEncoding, transferEncoding == nil { transferEncoding = value }
            current = nil
        }
        while position < bytes.count {
            let end = lineEnd(from: position)
            let contentEnd = end > position && bytes[end - 1] == carriageReturn ? end - 1 : end
            if contentEnd == position {
                finishField()
                return afterHeader(contentTypes: contentTypes, transferEncoding: transferEncoding, bodyStart: min(end + 1, bytes.count))
            }
            if delimiterLevel(lineStart: position, lineEnd: contentEnd) != nil {
                // A part with a header and no body; GMime says so itself, and lists it by the
                // name its type gives.
                finishField()
                _ = repairedMediaTypes(contentTypes)
                return .delimiter(at: position)
            }
            if bytes[position] == space || bytes[position] == tab {
                // A fold continues the field before it; with no field before it, GMime and
                // tolerant readers alike skip it.
                if let (field, value) = current { current = (field, value.lowerBound..<contentEnd) }
            } else if let nameEnd = fieldNameEnd(lineStart: position, lineEnd: contentEnd) {
                finishField()
                fields += 1
                current = (MIMEField(named: bytes, position..<nameEnd), (nameEnd + 1)..<contentEnd)
            } else if topLevel && fields == 0 && position == blockStart && hasPrefix("From ", at: position) {
                // An mbox separator line; GMime skips it too.
            } else if topLevel && fields == 0 {
                // Not a message: leave it for the parser to refuse.
                return .end
            } else if nextLineIsField(after: end) {
                // A fold that lost its indent: the header evidently goes on. GMime drops the
                // line, and the body after the blank line stays whole.
                finishField()
            } else {
                finishField()
                edits.append(.init(offset: position, removing: 0, inserting: end > contentEnd ? [carriageReturn, lineFeed] : [lineFeed]))
                return afterHeader(contentTypes: contentTypes, transferEncoding: transferEncoding, bodyStart: position)
            }
            position = end + 1
        }
        finishField()
        _ = repairedMediaTypes(contentTypes)
        return .end
    }

    /// A field name: printable ASCII other than the colon, then optional blanks (RFC 822's
    /// obsolete syntax, which GMime accepts), then the colon. The colon's offset, or nil.
    private func fieldNameEnd(lineStart: Int, lineEnd: Int) -> Int? {
        var index = lineStart
        while index < lineEnd, bytes[index] > space, bytes[index] < 0x7F, bytes[index] != colon { index += 1 }
        guard index > lineStart else { return nil }
        while index < lineEnd, bytes[index] == space || bytes[index] == tab { index += 1 }
        return index < lineEnd && bytes[index] == colon ? index : nil
    }

    private func nextLineIsField(after end: Int) -> Bool {
        let next = end + 1
        guard next < bytes.count else { return false }
        let nextEnd = lineEnd(from: next)
        return fieldNameEnd(lineStart: next, lineEnd: nextEnd > next && bytes[nextEnd - 1] == carriageReturn ? nextEnd - 1 : nextEnd) != nil
    }

    private mutating func afterHeader(contentTypes: [Range<Int>], transferEncoding: Range<Int>?, bodyStart: Int) -> Next {
        let mediaTypes = repairedMediaTypes(contentTypes)
        guard let contentType = contentTypes.last, let mediaType = mediaTypes.last else {
            return boundaries.isEmpty ? .end : .body(from: bodyStart)
        }
        if mediaType.hasPrefix("multipart/") {
            guard boundaries.count < RFC2045Repairs.maximumNesting else { return .end }
            if let boundary = MediaTypeSyntax.parameter("boundary", in: unfolded(contentType)), !boundary.isEmpty {
                boundaries.append(boundary)
            }
        } else if ["message/rfc822", "message/rfc2822", "message/global", "message/news"].contains(mediaType) {
            let encoding = transferEncoding.map { MediaTypeSyntax.firstToken(in: unfolded($0)) } ?? ""
            if !["base64", "quoted-printable", "uuencode", "x-uuencode", "x-uue"].contains(encoding) {
                return .message(from: bodyStart)
            }
        }
        return boundaries.isEmpty ? .end : .body(from: bodyStart)
    }

    /// GMime goes by the last Content-Type of a header and keeps the others; each is mended.
    private mutating func repairedMediaTypes(_ values: [Range<Int>]) -> [String] {
        values.map { repairedMediaType(in: $0) }
    }

    /// The lower-case `type/subtype`, with an edit queued when the value has no subtype.
    private mutating func repairedMediaType(in value: Range<Int>) -> String {
        let token = MediaTypeSyntax.typeToken(in: bytes, value)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[token]), as: UTF8.self).lowercased()
        let hasParameters = bytes[token.upperBound..<value.upperBound].contains(UInt8(ascii: ";"))
        guard let replacement = MediaTypeSyntax.replacement(forTypeToken: text, hasParameters: hasParameters) else {
            return text
        }
        let inserted = Array(replacement.utf8)
        if text.contains("=") {
            // A parameter where the type belongs: keep it, put a type before it.
            edits.append(.init(offset: token.lowerBound, removing: 0, inserting: inserted + Array("; ".utf8)))
        } else {
            edits.append(.init(offset: token.lowerBound, removing: token.count, inserting: inserted))
        }
        return replacement
    }

    /// The value with its folds' line breaks removed.
    private func unfolded(_ value: Range<Int>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(value.count)
        for index in value where bytes[index] != carriageReturn && bytes[index] != lineFeed { text.append(bytes[index]) }
        return text
    }

    // MARK: Delimiters

    /// After a delimiter line: the header of the next part, or the rest of an enclosing body.
    private mutating func afterDelimiter(at lineStart: Int) -> Next {
        let end = lineEnd(from: lineStart)
        let contentEnd = end > lineStart && bytes[end - 1] == carriageReturn ? end - 1 : end
        guard let (level, closing) = delimiterLevel(lineStart: lineStart, lineEnd: contentEnd), end < bytes.count else { return .end }
        boundaries.removeSubrange((closing ? level : level + 1)...)
        if closing { return boundaries.isEmpty ? .end : .body(from: end + 1) }
        return headerBlock(at: end + 1, topLevel: false)
    }

    /// The next line at or after `position` (a line start) that is a delimiter of an
    /// enclosing boundary. memchr jumps from hyphen to hyphen, and base64 has none.
    private func nextDelimiterLine(from position: Int) -> Int? {
        guard !boundaries.isEmpty, let base = bytes.baseAddress else { return nil }
        var candidate = position
        while candidate < bytes.count {
            guard let found = memchr(base + candidate, Int32(hyphen), bytes.count - candidate) else { return nil }
            let index = base.distance(to: UnsafeRawPointer(found))
            if index == position || bytes[index - 1] == lineFeed {
                let end = lineEnd(from: index)
                let contentEnd = end > index && bytes[end - 1] == carriageReturn ? end - 1 : end
                if delimiterLevel(lineStart: index, lineEnd: contentEnd) != nil { return index }
                candidate = end
            } else {
                candidate = index + 1
            }
        }
        return nil
    }

    /// Which enclosing boundary (index into `boundaries`) the line delimits, innermost first
    /// as GMime checks, and whether it is the closing one. Blanks may follow (RFC 2046 §5.1.1).
    private func delimiterLevel(lineStart: Int, lineEnd: Int) -> (Int, Bool)? {
        guard lineEnd - lineStart >= 2, bytes[lineStart] == hyphen, bytes[lineStart + 1] == hyphen,
              let base = bytes.baseAddress else { return nil }
        for level in boundaries.indices.reversed() {
            let afterBoundary = lineStart + 2 + boundaries[level].count
            guard afterBoundary <= lineEnd else { continue }
            let matches = boundaries[level].withUnsafeBytes { boundary in
                boundary.baseAddress.map { memcmp(base + lineStart + 2, $0, boundary.count) == 0 } ?? true
            }
            guard matches else { continue }
            let closing = afterBoundary + 1 < lineEnd && bytes[afterBoundary] == hyphen && bytes[afterBoundary + 1] == hyphen
            var rest = closing ? afterBoundary + 2 : afterBoundary
            while rest < lineEnd, bytes[rest] == space || bytes[rest] == tab || bytes[rest] == carriageReturn { rest += 1 }
            if rest == lineEnd { return (level, closing) }
        }
        return nil
    }

    // MARK: Lines

    /// The offset of the line feed ending the line at `position`, or the end of the data.
    private func lineEnd(from position: Int) -> Int {
        guard position < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + position, Int32(lineFeed), bytes.count - position) else { return bytes.count }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private func hasPrefix(_ prefix: StaticString, at position: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + position, prefix.utf8Start, count) == 0
    }
}

/// The header fields the scan needs to know, told apart without building strings.
private enum MIMEField {
    case contentType
    case contentTransferEncoding

    /// Nil for any other field. Blanks before the colon are not part of the name.
    init?(named bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        let length = end - range.lowerBound
        guard let base = bytes.baseAddress else { return nil }
        if length == 12, strncasecmp(base + range.lowerBound, "content-type", 12) == 0 {
            self = .contentType
        } else if length == 25, strncasecmp(base + range.lowerBound, "content-transfer-encoding", 25) == 0 {
            self = .contentTransferEncoding
        } else {
            return nil
        }
    }
}
