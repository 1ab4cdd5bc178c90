import CGMime
import Foundation

/// Small text chores around parsing that GMime leaves to its caller: undeclared 8-bit text,
/// file names, RFC 3464 field blocks, and a readable text from HTML-only mail.
enum MIMEText {
    // MARK: - Charsets

    /// Text with no usable charset label: kept as is when it is valid UTF-8, otherwise handed to
    /// GMime, which picks whichever fallback charset converts it best.
    static func decodeUndeclared(_ raw: Data, options: OpaquePointer) -> String {
        if let text = String(validating: raw, as: UTF8.self) { return text }
        return raw.withUnsafeBytes { bytes -> String in
            guard let base = bytes.baseAddress,
                  let converted = g_mime_utils_decode_8bit(options, base.assumingMemoryBound(to: CChar.self), bytes.count)
            else { return String(decoding: raw, as: UTF8.self) }
            defer { g_free(converted) }
            return String(cString: converted)
        }
    }

    /// Text in a declared charset, converted by GMime's charset filter as
    /// `g_mime_text_part_get_text` does, but from bytes dondoc decoded itself (see
    /// `MIMEPartContent`). Nil when GMime knows no such charset or the result is not UTF-8.
    static func convert(_ raw: Data, fromCharset charset: String) -> String? {
        guard let filter = g_mime_filter_charset_new(charset, "utf-8") else { return nil }
        defer { dondoc_unref(filter) }
        let array = g_byte_array_new()
        guard let sink = g_mime_stream_mem_new_with_byte_array(array) else { return nil }
        defer { dondoc_unref(sink) }
        guard let filtered = g_mime_stream_filter_new(sink) else { return nil }
        _ = g_mime_stream_filter_add(dondoc_as_stream_filter(filtered), filter)
        raw.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            _ = g_mime_stream_write(filtered, base.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        _ = g_mime_stream_flush(filtered)
        dondoc_unref(filtered)
        guard let converted = g_mime_stream_mem_get_byte_array(dondoc_as_stream_mem(sink)) else { return nil }
        let count = Int(converted.pointee.len)
        guard count > 0, let base = converted.pointee.data else { return "" }
        return String(validating: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// A C string from GMime that should be UTF-8 but may be raw 8-bit from an old client.
    static func string(fromGMime text: UnsafePointer<CChar>, options: OpaquePointer) -> String {
        if let valid = String(validatingCString: text) { return valid }
        return decodeUndeclared(Data(bytes: text, count: strlen(text)), options: options)
    }

    // MARK: - Raw header values

    /// A header's value as it came off the wire, folds and undeclared 8-bit bytes included.
    static func rawValue(of header: UnsafeMutablePointer<GMimeHeader>) -> [UInt8]? {
        guard let raw = g_mime_header_get_raw_value(header) else { return nil }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)))
    }

    /// The raw value (with folds) of the named header, the first one of that name.
    static func rawValue(of name: String, in object: UnsafeMutablePointer<GMimeObject>) -> [UInt8]? {
        guard let list = g_mime_object_get_header_list(object),
              let header = g_mime_header_list_get_header(list, name) else { return nil }
        return rawValue(of: header)
    }

    /// Raw header bytes as a C string for GMime, which reads up to the first NUL.
    static func withCString<T>(_ raw: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (raw + [0]).withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count, body)
        }
    }

    /// Unstructured header text decoded the way GMime decodes a header's value: RFC 2047 words,
    /// fallback charsets for raw 8-bit. Untrimmed, still folded.
    static func decodeHeaderText(_ raw: [UInt8], options: OpaquePointer) -> String {
        withCString(raw) { text in
            guard let decoded = g_mime_utils_header_decode_text(options, text) else { return "" }
            defer { g_free(decoded) }
            return string(fromGMime: decoded, options: options)
        }
    }

    // MARK: - File names

    /// The name a person would see: RFC 2047 words decoded even where the RFC forbids them
    /// (inside a quoted parameter, as Outlook and many Vietnamese webmails send), no directory
    /// part, no control characters, NFC.
    static func cleanFileName(_ raw: String, options: OpaquePointer) -> String? {
        var name = raw
        if name.contains("=?") {
            // GMime 3.2.13 loses what follows a padded B word in a run (see EncodedWords).
            name = decodeHeaderText(Array((EncodedWords.rejoined(name) ?? name).utf8), options: options)
        }
        let lastComponent = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(String.UnicodeScalarView(lastComponent.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        let trimmed = printable.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed != ".", trimmed != ".." else { return nil }
        return trimmed.nfc
    }

    /// Old Windows clients put the whole path in the file name, unescaped:
    /// `filename="C:\Users\vanthu\Desktop\Bao cao.pdf"`. RFC 822 reads each backslash as a
    /// quoting character, so the decoded name runs the folders together; this recovers the last
    /// component from the raw header when the quoted value is a drive or UNC path.
    static func windowsPathTail(inRawHeader raw: String, parameter: String) -> String? {
        guard let start = raw.range(of: "\(parameter)=\"", options: .caseInsensitive)?.upperBound,
              let end = raw[start...].firstIndex(of: "\"") else { return nil }
        let value = raw[start..<end]
        let isDrivePath = value.count > 3 && value.first!.isLetter && value.dropFirst().hasPrefix(":\\")
        guard isDrivePath || value.hasPrefix("\\\\") else { return nil }
        return value.split(separator: "\\").last.map(String.init)
    }

    // MARK: - RFC 3464 field blocks

    /// Splits a message/delivery-status body (or a text/rfc822-headers block) into its
    /// blank-line separated groups of `Name: value` fields, unfolded. Names are lower-cased;
    /// the first occurrence of a name in a group wins.
    static func fieldBlocks(_ content: Data) -> [[String: String]] {
        let text = String(decoding: content, as: UTF8.self)
        var blocks: [[String: String]] = []
        var current: [(name: String, value: String)] = []
        func finishBlock() {
            guard !current.isEmpty else { return }
            var fields: [String: String] = [:]
            for field in current where fields[field.name] == nil {
                fields[field.name] = field.value.trimmingCharacters(in: .whitespaces)
            }
            blocks.append(fields)
            current = []
        }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                finishBlock()
            } else if let first = line.first, first == " " || first == "\t", !current.isEmpty {
                current[current.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                current.append((name, String(line[line.index(after: colon)...])))
            }
        }
        finishBlock()
        return blocks
    }

    /// `rfc822; user@host` → `user@host`, `smtp; 550 ...` → `550 ...`.
    static func droppingTypePrefix(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Body text

    /// At most `limit` bytes of UTF-8, cut on a character boundary.
    static func truncated(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > limit { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Readable text from an HTML-only message: enough to find a document symbol, a name,
    /// a signature or a forwarded envelope, not a rendering. Script, style and head are
    /// dropped, entities are decoded, blank runs collapse. Lines are the lines a reader
    /// sees, because the signature and inline-forward rules read line by line: the
    /// source's own line breaks are spaces (Outlook wraps its HTML mid-sentence, which
    /// would cut "From: Văn thư <addr>" in two), `<br>` ends a line, a `div`, row or list
    /// item starts one line (Yahoo writes one `div` per envelope field; one break each,
    /// not two), a paragraph, heading or table is set off by a blank line, and cells are
    /// spaced apart.
    static func plainText(fromHTML html: String, limit: Int) -> String {
        var output = ""
        var preformatted = 0
        var index = html.startIndex
        let end = html.endIndex
        while index < end {
            let character = html[index]
            if character == "<" {
                let tag = skipTag(in: html, at: index)
                index = tag.next
                if tag.name == "pre" { preformatted = max(0, preformatted + (tag.isClosing ? -1 : 1)) }
                if tag.name == "br" {
                    output.append("\n")
                } else if lineElements.contains(tag.name) {
                    breakLine(&output, blankLine: false)
                } else if paragraphElements.contains(tag.name) {
                    breakLine(&output, blankLine: true)
                } else if tag.name == "td" || tag.name == "th" {
                    output.append(" ")
                }
            } else if character == "&", let (decoded, next) = entity(in: html, at: index) {
                output.append(decoded)
                index = next
            } else {
                // "\r\n" is one Character; inside <pre> the source's lines are the text's.
                output.append(character.isNewline ? (preformatted > 0 ? "\n" : " ") : character)
                index = html.index(after: index)
            }
        }
        let lines = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
        }
        var collapsed: [String] = []
        for line in lines where !(line.isEmpty && (collapsed.last?.isEmpty ?? true)) {
            collapsed.append(line)
        }
        let text = collapsed.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return truncated(text.nfc, limit: limit)
    }

    private static let lineElements: Set<String> = [
        "div", "tr", "li", "dt", "dd", "caption", "center", "address", "section", "article", "header", "footer",
    ]
    private static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr", "ul", "ol", "dl", "pre",
    ]
    private static let invisibleElements: Set<String> = ["script", "style", "head", "title"]

    /// Ends the current line (and leaves a blank one after it for a paragraph) unless the
    /// text already does: nested and adjacent blocks make one break, not one each.
    private static func breakLine(_ output: inout String, blankLine: Bool) {
        while let last = output.last, last == " " || last == "\t" { output.removeLast() }
        guard !output.isEmpty else { return }
        let present = output.reversed().prefix(while: { $0 == "\n" }).count
        let wanted = blankLine ? 2 : 1
        if present < wanted { output.append(String(repeating: "\n", count: wanted - present)) }
    }

    /// Consumes the tag (or comment) starting at `start`, and a whole invisible element
    /// with it; returns where text resumes and the tag's lower-cased name ("" for a comment).
    private static func skipTag(in html: String, at start: String.Index) -> (next: String.Index, name: String, isClosing: Bool) {
        let rest = html[start...]
        if rest.hasPrefix("<!--") {
            return (rest.range(of: "-->")?.upperBound ?? html.endIndex, "", false)
        }
        guard let close = rest.firstIndex(of: ">") else { return (html.endIndex, "", false) }
        let inside = html[html.index(after: start)..<close]
        let isClosing = inside.hasPrefix("/")
        let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
        let afterTag = html.index(after: close)
        if !isClosing && invisibleElements.contains(name) {
            guard let endTag = html[afterTag...].range(of: "</\(name)", options: .caseInsensitive) else { return (html.endIndex, "", false) }
            return (html[endTag.upperBound...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex, "", false)
        }
        return (afterTag, name, isClosing)
    }

    /// The HTML 4 Latin-1 entity names, U+00C0 to U+00FF in order: they cover the Vietnamese
    /// letters Outlook writes by name (`&aacute;`, `&ecirc;`); the rest come as numbers.
    private static let latin1LetterEntities = [
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc",
        "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml",
        "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
        "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
        "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
        "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]
    private static let namedEntities: [String: Character] = {
        var table: [String: Character] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
            "ndash": "–", "mdash": "—", "hellip": "…", "laquo": "«", "raquo": "»",
            "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "bull": "•", "copy": "©",
        ]
        for (offset, name) in latin1LetterEntities.enumerated() {
            table[name] = Character(Unicode.Scalar(0xC0 + offset)!)
        }
        return table
    }()

    private static func entity(in html: String, at start: String.Index) -> (Character, String.Index)? {
        let body = html[html.index(after: start)...].prefix(12)
        guard let semicolon = body.firstIndex(of: ";") else { return nil }
        let name = body[..<semicolon]
        let next = html.index(after: semicolon)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (Character(scalar), next)
        }
        return namedEntities[String(name)].map { ($0, next) }
    }
}
