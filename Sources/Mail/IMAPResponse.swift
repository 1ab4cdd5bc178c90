import Foundation

/// One server response as read off the wire: text lines with the literals between them.
package struct IMAPResponse {
    enum Segment {
        case text([UInt8])
        case literal(Data)
        /// A literal too large to hold: its beginning, and the length and digest of all of it.
        case partialLiteral(Data, LiteralDigest)
    }

    let segments: [Segment]

    /// Bytes held in memory: the lines, and the literals or their kept beginnings.
    var heldBytes: Int {
        segments.reduce(0) { sum, segment in
            switch segment {
            case .text(let line): sum + line.count
            case .literal(let data), .partialLiteral(let data, _): sum + data.count
            }
        }
    }

    /// The first line, decoded leniently: status text is for people, not for parsing.
    var firstLine: String {
        guard case .text(let bytes)? = segments.first else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `*` for untagged data, `+` for a continuation request, else the command's tag.
    var tag: Substring { firstLine.prefix { $0 != " " } }

    /// Everything after the tag and its space.
    package var afterTag: Substring {
        let line = firstLine
        guard let space = line.firstIndex(of: " ") else { return "" }
        return line[line.index(after: space)...]
    }

    /// The first word after the tag, upper-cased: `OK`, `NO`, `BAD`, `BYE`, `SEARCH`, or a
    /// number for `* 3 EXISTS` and `* 3 FETCH`.
    var word: String { afterTag.prefix { $0 != " " }.uppercased() }

    /// For `* 3 EXISTS`: the number and the keyword after it.
    var numbered: (number: Int, keyword: String)? {
        let words = afterTag.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, let number = Int(words[0]) else { return nil }
        return (number, words[1].uppercased())
    }

    /// For `* OK [UIDVALIDITY 123] text`: `("UIDVALIDITY", "123")`.
    var responseCode: (name: String, value: String)? {
        let rest = afterTag.drop { $0 != " " }.dropFirst()
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        let name = inside.prefix { $0 != " " }
        return (name.uppercased(), String(inside.dropFirst(name.count).drop { $0 == " " }))
    }

    /// A `NO` whose RFC 5530 code says "not now" rather than "never": `UNAVAILABLE`,
    /// `INUSE` or `LIMIT`.
    var isRefusalForNow: Bool {
        word == "NO" && ["UNAVAILABLE", "INUSE", "LIMIT"].contains(responseCode?.name ?? "")
    }

    /// The human-readable text of a status response, without status word and code.
    var statusText: String {
        var rest = afterTag.drop { $0 != " " }.drop { $0 == " " }
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        return String(rest)
    }
}

/// The length and SHA-256 of a literal of which only the beginning was kept.
package struct LiteralDigest: Sendable, Equatable {
    var size: Int
    var sha256: String
}

/// The tokens of a response: enough of RFC 3501's grammar for FETCH data.
package enum IMAPToken: Equatable {
    case atom(String)      // also NIL, numbers, and `BODY[...]` with its section
    case quoted([UInt8])   // the bytes, unescaped: a body is not necessarily UTF-8
    case literal(Data)
    case partialLiteral(Data, LiteralDigest)
    case open
    case close
}

extension IMAPResponse {
    /// Splits the whole response into tokens.
    ///
    /// A quoted string must end on the line it starts on: RFC 3501 allows no CR or LF in
    /// one. A server that sends a body that way has broken it into lines the reader
    /// takes for separate responses; taking the first line's part for the body would
    /// store a fragment and lose the message, so the response is refused instead.
    package func tokens() throws(MailError) -> [IMAPToken] {
        var tokens: [IMAPToken] = []
        for segment in segments {
            switch segment {
            case .literal(let data): tokens.append(.literal(data))
            case .partialLiteral(let data, let digest): tokens.append(.partialLiteral(data, digest))
            case .text(let line):
                guard Self.tokenize(line, into: &tokens) else {
                    // Without the line itself: it may be a piece of someone's mail.
                    throw .protocolError("the mail server sent a quoted string broken across lines, which RFC 3501 forbids (a server bug); nothing of that response is kept, and the message is asked for again next poll")
                }
            }
        }
        return tokens
    }

    /// False for a quoted string that does not end on its line or holds a CR.
    private static func tokenize(_ line: [UInt8], into tokens: inout [IMAPToken]) -> Bool {
        var index = 0
        while index < line.count {
            let byte = line[index]
            switch byte {
            case UInt8(ascii: " "):
                index += 1
            case UInt8(ascii: "("):
                tokens.append(.open); index += 1
            case UInt8(ascii: ")"):
                tokens.append(.close); index += 1
            case UInt8(ascii: "\""):
                var value: [UInt8] = []
                index += 1
                while index < line.count, line[index] != UInt8(ascii: "\"") {
                    if line[index] == UInt8(ascii: "\\"), index + 1 < line.count { index += 1 }
                    guard line[index] != 0x0D else { return false }
                    value.append(line[index])
                    index += 1
                }
                guard index < line.count else { return false }
                index += 1
                tokens.append(.quoted(value))
            case UInt8(ascii: "{") where (try? IMAPReader.literalLength(endingLine: Array(line[index...]))) != nil:
                index = line.count  // the announcement; its literal is the next segment
            default:
                let startIndex = index
                var bracketDepth = 0
                while index < line.count {
                    let current = line[index]
                    if current == UInt8(ascii: "[") { bracketDepth += 1 }
                    if current == UInt8(ascii: "]") { bracketDepth = max(0, bracketDepth - 1) }
                    if bracketDepth == 0 && (current == UInt8(ascii: " ") || current == UInt8(ascii: "(")
                        || current == UInt8(ascii: ")") || current == UInt8(ascii: "\"")) { break }
                    index += 1
                }
                tokens.append(.atom(String(decoding: line[startIndex..<index], as: UTF8.self)))
            }
        }
        return true
    }
}

/// The items of one `* n FETCH (...)` response that this client asks for.
struct FetchResponse {
    var sequenceNumber: Int
    var uid: UInt32?
    var internalDate: Date?
    var size: Int?
    /// `BODY[]`: nil when absent (an unsolicited FLAGS update, or a date-only fetch);
    /// only its beginning when `bodyWhole` is set.
    var body: Data?
    /// The length and digest of the whole body when it was too large to hold.
    var bodyWhole: LiteralDigest?

    /// Parses a FETCH response; nil for any other response.
    init?(_ response: IMAPResponse) throws(MailError) {
        guard response.tag == "*", let numbered = response.numbered, numbered.keyword == "FETCH" else { return nil }
        sequenceNumber = numbered.number
        var tokens = try response.tokens().dropFirst(3)[...]  // "*", number, "FETCH"
        guard tokens.popFirst() == .open else {
            throw .protocolError("malformed FETCH response: \(response.firstLine.prefix(200))")
        }
        while let nameToken = tokens.popFirst(), nameToken != .close {
            guard case .atom(let rawName) = nameToken else {
                throw .protocolError("malformed FETCH item in: \(response.firstLine.prefix(200))")
            }
            let name = rawName.uppercased()
            let value = try Self.takeValue(&tokens, response: response)
            switch (name, value) {
            case ("UID", .atom(let text)): uid = UInt32(text)
            case ("INTERNALDATE", .quoted(let text)):
                internalDate = IMAPSyntax.parseInternalDate(String(decoding: text, as: UTF8.self))
            case ("RFC822.SIZE", .atom(let text)): size = Int(text)
            case (let item, .literal(let data)) where item.hasPrefix("BODY["): (body, bodyWhole) = (data, nil)
            case (let item, .partialLiteral(let data, let digest)) where item.hasPrefix("BODY["): (body, bodyWhole) = (data, digest)
            case (let item, .quoted(let bytes)) where item.hasPrefix("BODY["): (body, bodyWhole) = (Data(bytes), nil)
            default: break  // FLAGS, MODSEQ, NIL bodies and the like
            }
        }
    }

    /// One value; a parenthesised list (FLAGS) is skipped whole and returned as `.open`.
    private static func takeValue(_ tokens: inout ArraySlice<IMAPToken>, response: IMAPResponse) throws(MailError) -> IMAPToken {
        guard let value = tokens.popFirst(), value != .close else {
            throw .protocolError("FETCH item without a value in: \(response.firstLine.prefix(200))")
        }
        guard value == .open else { return value }
        var depth = 1
        while depth > 0, let token = tokens.popFirst() {
            if token == .open { depth += 1 } else if token == .close { depth -= 1 }
        }
        return .open
    }
}
