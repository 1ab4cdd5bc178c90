import CGMime
import Foundation

/// Parses RFC 5322 messages with GMime 3 and hands back plain Swift values.
///
/// Every GMime object lives only inside `parse`; what leaves is a `MIMEMessage`.
public enum MIMEParser {
    /// How much body text a message keeps, in bytes of UTF-8: enough to find a document
    /// symbol or a reply, not a whole pasted report.
    public static let textBodyLimit = 64 * 1024

    /// Tried in turn on raw 8-bit text that declares no charset: UTF-8 first because it is
    /// self-validating, then the Vietnamese Windows code page, then Latin-1, which accepts
    /// anything.
    public static let fallbackCharsets = ["utf-8", "windows-1258", "iso-8859-1"]

    /// Parses one message. Odd but recognisable mail (a missing closing boundary, bad base64,
    /// the header blocks `RFC2045Repairs` mends) parses as far as GMime gets; only input with
    /// no message header at all throws.
    public static func parse(_ raw: Data) throws(MIMEError) -> MIMEMessage {
        guard !raw.isEmpty else { throw .unparseable("empty input") }
        _ = gmimeInitialised
        let result: Result<MIMEMessage, MIMEError> = raw.withUnsafeBytes { bytes in
            let plan = RFC2045Repairs.plan(bytes)
            guard plan.edits.isEmpty else {
                // Only mail that needs a repair is copied.
                return RFC2045Repairs.apply(plan, to: bytes).withUnsafeBytes { repaired in
                    withParserOptions { options in parse(repaired, options: options) }
                }
            }
            let message = UnsafeRawBufferPointer(rebasing: bytes[min(plan.start, bytes.count)...])
            return withParserOptions { options in parse(message, options: options) }
        }
        return try result.get()
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, options: OpaquePointer) -> Result<MIMEMessage, MIMEError> {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .failure(.unparseable("no header fields")) }
        // Lend the caller's bytes to GMime instead of copying them: the array takes the pointer,
        // the stream does not own the array, and the array is dismantled without freeing the
        // bytes once every GMime object that could read them is gone.
        let array = g_byte_array_new_take(
            UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: guint8.self)), gsize(bytes.count))
        defer { _ = g_byte_array_free(array, 0) }
        guard let stream = g_mime_stream_mem_new_with_byte_array(array) else {
            return .failure(.unparseable("GMime could not open a stream"))
        }
        g_mime_stream_mem_set_owner(dondoc_as_stream_mem(stream), 0)
        defer { dondoc_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else {
            return .failure(.unparseable("GMime could not create a parser"))
        }
        defer { dondoc_unref(parser) }
        // Persisting the stream makes part contents windows onto the caller's bytes, so a large
        // attachment is decoded once, straight into its Data, and never held twice.
        g_mime_parser_set_persist_stream(parser, 1)
        g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE)
        guard let message = g_mime_parser_construct_message(parser, options) else {
            return .failure(.unparseable("GMime found no message headers"))
        }
        defer { dondoc_unref(message) }
        return extract(message, options: options)
    }

    private static func extract(_ message: UnsafeMutablePointer<GMimeMessage>, options: OpaquePointer) -> Result<MIMEMessage, MIMEError> {
        let object: UnsafeMutablePointer<GMimeObject> = dondoc_as_object(message)
        let headers = headerFields(of: object, options: options)
        let body = g_mime_message_get_mime_part(message)
        guard headers.contains(where: { recognisedMessageHeaders.contains($0.name.lowercased()) })
            || body.map(hasMIMEFields) == true else {
            return .failure(.unparseable(headers.isEmpty
                ? "no header fields"
                : "no RFC 5322 header field among \(headers.count) lines that look like headers"))
        }
        var result = MIMEMessage(headers: headers)
        result.messageID = bracketed(g_mime_message_get_message_id(message))
        result.inReplyTo = messageIDs(in: result.header("In-Reply-To"), options: options)
        result.references = messageIDs(in: result.header("References"), options: options)
        let envelope = envelope(of: message, options: options)
        result.from = envelope.from
        result.to = rejoinedMailboxes(from: "To", of: object, options: options)
            ?? mailboxes(in: g_mime_message_get_to(message))
        result.subject = envelope.subject
        result.date = date(of: message)
        guard let body else { return .success(result) }
        result.contentType = mediaType(of: body)
        var walker = MIMEPartWalker(options: options)
        walker.visit(body, context: .topLevel)
        result.textBody = walker.textBody
        result.attachments = walker.attachments
        result.forwarded = walker.forwarded
        result.deliveryReport = walker.deliveryReport
        return .success(result)
    }

    /// The sender and subject of a message, the top-level one or one forwarded inside it.
    static func envelope(of message: UnsafeMutablePointer<GMimeMessage>, options: OpaquePointer) -> ForwardedMessage {
        let object: UnsafeMutablePointer<GMimeObject> = dondoc_as_object(message)
        let from = (rejoinedMailboxes(from: "From", of: object, options: options)
            ?? mailboxes(in: g_mime_message_get_from(message))).first
        let subject = rejoinedSubject(of: object, options: options)
            ?? g_mime_message_get_subject(message).map { normalisedHeaderText(String(cString: $0)) } ?? ""
        return ForwardedMessage(from: from, subject: subject)
    }

    /// Header names that only a mail message would start with; a block of binary that happens
    /// to contain a colon is not a message.
    private static let recognisedMessageHeaders: Set<String> = [
        "from", "to", "cc", "subject", "date", "message-id", "received", "return-path",
        "mime-version", "content-type", "sender", "reply-to", "delivered-to",
    ]

    /// GMime gives the `Content-*` fields of a message's header to its top-level part, so a
    /// message whose header has only those (a scanner's mail, a part saved as a message)
    /// seemed to have no header at all. They are as much a mail header as a `From`.
    private static func hasMIMEFields(_ part: UnsafeMutablePointer<GMimeObject>) -> Bool {
        guard let list = g_mime_object_get_header_list(part) else { return false }
        return (0..<g_mime_header_list_get_count(list)).contains { index in
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let name = g_mime_header_get_name(header) else { return false }
            return mimeFields.contains(String(cString: name).lowercased())
        }
    }

    private static let mimeFields: Set<String> = ["content-type", "content-transfer-encoding", "content-disposition"]

    // MARK: - Header values

    static func headerFields(of object: UnsafeMutablePointer<GMimeObject>, options: OpaquePointer) -> [MIMEHeaderField] {
        guard let list = g_mime_object_get_header_list(object) else { return [] }
        let count = g_mime_header_list_get_count(list)
        guard count > 0 else { return [] }
        return (0..<count).compactMap { index in
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let name = g_mime_header_get_name(header) else { return nil }
            let value = rejoinedValue(of: header, options: options)
                ?? g_mime_header_get_value(header).map { String(cString: $0) } ?? ""
            return MIMEHeaderField(name: String(cString: name), value: normalisedHeaderText(value))
        }
    }

    // MARK: - Adjacent encoded-words

    // GMime 3.2.13 drops text from runs of adjacent encoded-words (see EncodedWords). Where a
    // header has such a run, its raw value is rejoined and decoded again; every other header
    // keeps exactly the value GMime decoded while parsing.

    /// The header decoded from its rejoined raw value; nil when it has no run to rejoin.
    private static func rejoinedValue(of header: UnsafeMutablePointer<GMimeHeader>, options: OpaquePointer) -> String? {
        guard let raw = MIMEText.rawValue(of: header), let rejoined = EncodedWords.rejoined(raw) else { return nil }
        return MIMEText.decodeHeaderText(rejoined, options: options)
    }

    /// Every header of that name, in order: GMime joins the address lists of repeated address
    /// headers and keeps the last Subject.
    private static func headers(named name: String, of object: UnsafeMutablePointer<GMimeObject>) -> [UnsafeMutablePointer<GMimeHeader>] {
        guard let list = g_mime_object_get_header_list(object) else { return [] }
        return (0..<g_mime_header_list_get_count(list)).compactMap { index in
            guard let header = g_mime_header_list_get_header_at(list, index),
                  let headerName = g_mime_header_get_name(header),
                  String(cString: headerName).caseInsensitiveCompare(name) == .orderedSame else { return nil }
            return header
        }
    }

    private static func rejoinedSubject(of object: UnsafeMutablePointer<GMimeObject>, options: OpaquePointer) -> String? {
        headers(named: "Subject", of: object).last
            .flatMap { rejoinedValue(of: $0, options: options) }
            .map(normalisedHeaderText)
    }

    /// The mailboxes of every header of that name, parsed again from raw values with their runs
    /// rejoined; nil when none of those headers has a run, so GMime's own lists stand.
    private static func rejoinedMailboxes(
        from name: String, of object: UnsafeMutablePointer<GMimeObject>, options: OpaquePointer
    ) -> [MailAddress]? {
        let raws = headers(named: name, of: object).compactMap { MIMEText.rawValue(of: $0) }
        let rejoined = raws.map { EncodedWords.rejoined($0) }
        guard rejoined.contains(where: { $0 != nil }) else { return nil }
        return zip(raws, rejoined).flatMap { raw, rejoined in
            MIMEText.withCString(rejoined ?? raw) { text -> [MailAddress] in
                guard let list = internet_address_list_parse(options, text) else { return [] }
                defer { dondoc_unref(list) }
                return mailboxes(in: list)
            }
        }
    }

    // MARK: - Header text

    /// Unfolds what GMime left folded (a fold's tab becomes a space), trims, and composes to
    /// NFC so that equal Vietnamese text compares equal whichever way the sender's client
    /// composed it.
    static func normalisedHeaderText(_ text: String) -> String {
        // Trimmed in Swift: Foundation's trimmingCharacters bridges through NSString, and
        // was a measurable share of a poll with every header of every message passing here.
        let unfolded = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { trimmedWhitespace($0.unicodeScalars.map { $0 == "\t" ? " " : $0 }) }
            .joined(separator: " ")
        return trimmedWhitespace(Array(unfolded.unicodeScalars)).nfc
    }

    /// The scalars without white space (line breaks included) at either end.
    static func trimmedWhitespace(_ scalars: [Unicode.Scalar]) -> String {
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    private static func bracketed(_ id: UnsafePointer<CChar>?) -> String? {
        guard let id else { return nil }
        let text = String(cString: id).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : "<\(text)>"
    }

    private static func messageIDs(in value: String?, options: OpaquePointer) -> [String] {
        guard let value, let references = g_mime_references_parse(options, value) else { return [] }
        defer { g_mime_references_free(references) }
        let bracketedIDs = (0..<g_mime_references_length(references)).compactMap {
            bracketed(g_mime_references_get_message_id(references, $0))
        }
        guard bracketedIDs.isEmpty else { return bracketedIDs }
        // Some clients write ids without angle brackets, which GMime's references parser skips.
        return value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            .filter { $0.contains("@") }
            .compactMap { messageID(fromHeaderValue: String($0)) }
    }

    static func originalMessageID(in message: UnsafeMutablePointer<GMimeMessage>) -> String? {
        bracketed(g_mime_message_get_message_id(message))
    }

    static func messageID(fromHeaderValue value: String) -> String? {
        guard let decoded = g_mime_utils_decode_message_id(value) else { return nil }
        defer { g_free(decoded) }
        return bracketed(decoded)
    }

    private static func mailboxes(in list: UnsafeMutablePointer<InternetAddressList>?) -> [MailAddress] {
        guard let list else { return [] }
        var found: [MailAddress] = []
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index) else { continue }
            if dondoc_is_mailbox(address) != 0 {
                guard let spec = internet_address_mailbox_get_addr(dondoc_as_mailbox(address)) else { continue }
                let name = internet_address_get_name(address).map { normalisedHeaderText(String(cString: $0)) }
                found.append(MailAddress(name: name?.isEmpty == false ? name : nil, address: String(cString: spec).lowercased()))
            } else if dondoc_is_group(address) != 0 {
                found += mailboxes(in: internet_address_group_get_members(dondoc_as_group(address)))
            }
        }
        return found
    }

    private static func date(of message: UnsafeMutablePointer<GMimeMessage>) -> Date? {
        guard let dateTime = g_mime_message_get_date(message) else { return nil }
        let seconds = Double(g_date_time_to_unix(dateTime)) + Double(g_date_time_get_microsecond(dateTime)) / 1_000_000
        return MailDates.representable(Date(timeIntervalSince1970: seconds))
    }

    static func mediaType(of object: UnsafeMutablePointer<GMimeObject>) -> String {
        guard let contentType = g_mime_object_get_content_type(object),
              let mimeType = g_mime_content_type_get_mime_type(contentType) else { return "application/octet-stream" }
        defer { g_free(mimeType) }
        return String(cString: mimeType).lowercased()
    }

    // MARK: - GMime set-up

    private static func withParserOptions<T>(_ body: (OpaquePointer) -> T) -> T {
        let options = g_mime_parser_options_new()!
        // GMime's fallback list is a NULL-terminated array of C strings; ours stay alive until
        // the options are freed, whether or not GMime copies them.
        var charsets: [UnsafeMutablePointer<CChar>?] = fallbackCharsets.map { strdup($0) } + [nil]
        defer {
            g_mime_parser_options_free(options)
            charsets.forEach { free($0) }
        }
        charsets.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                g_mime_parser_options_set_fallback_charsets(options, $0)
            }
        }
        // Real mail from agencies breaks the RFCs in known ways (docs/mime-tolerances.md);
        // loose mode is what makes GMime accept them.
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        return body(options)
    }
}

/// GMime keeps process-wide tables (charsets, registered part types); a global `let` is
/// initialised exactly once, thread-safely, on first use. Shared with `MIMEComposer`:
/// `g_mime_init` itself is not safe to call from two threads at once.
let gmimeInitialised: Bool = {
    g_mime_init()
    return true
}()
