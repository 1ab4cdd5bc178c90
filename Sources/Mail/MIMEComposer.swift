import CGMime
import Foundation

/// A mail dondoc sends: a reminder, a receipt, a report. Plain values; `MIMEComposer` turns
/// it into bytes.
///
/// Every text that ends up in a header (subject, display names, addresses, message ids,
/// extra headers) may come from configuration or from mail an agency sent, so the composer
/// treats all of it as untrusted: see `MIMEComposer.headerSafe(_:)`.
public struct OutgoingMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    /// With angle brackets, `<local@domain>`, chosen by the caller so that the same reminder
    /// always has the same id and replies to it can be attributed.
    public var messageID: String
    /// With angle brackets.
    public var inReplyTo: String?
    /// With angle brackets, oldest first.
    public var references: [String]
    public var date: Date
    /// RFC 3834: `auto-generated` for reminders, `auto-replied` for receipts.
    public var autoSubmitted: String?
    /// UTF-8 plain text with `\n` line ends (CRLF and lone CR are accepted too). The composed
    /// body always ends with a line end: one is added when the text has none, because a
    /// quoted-printable body as GMime writes it reads back with a final line end anyway.
    public var textBody: String
    /// When set the message is multipart/alternative: the text first, then this HTML.
    public var htmlBody: String?
    /// Appended after the standard headers, e.g. `X-Dondoc-Campaign`. Names the composer
    /// writes itself (From, Subject, Content-Type, …) are ignored here.
    public var extraHeaders: [MIMEHeaderField]

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: MailAddress? = nil,
        subject: String, messageID: String, inReplyTo: String? = nil, references: [String] = [],
        date: Date, autoSubmitted: String? = nil, textBody: String, htmlBody: String? = nil,
        extraHeaders: [MIMEHeaderField] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.autoSubmitted = autoSubmitted
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }
}

/// Builds RFC 5322 messages with GMime 3, the same library that parses them, so that what
/// dondoc sends is what it reads back.
///
/// The output has CRLF line ends only (what SMTP's DATA wants), `MIME-Version: 1.0`, headers
/// in 7-bit ASCII (non-ASCII text RFC 2047-encoded as UTF-8 and folded by GMime), and text
/// bodies `text/plain; charset=utf-8` in quoted-printable with lines of at most 76
/// characters. Quoted-printable rather than base64 so that a person reading the raw mail,
/// or a log of it, can still make out the ASCII parts.
///
/// A long Vietnamese subject becomes several B-encoded words, each complete on its own as
/// RFC 2047 requires; mail clients read them correctly. GMime 3.2.13 itself does not: it
/// joins adjacent B words before decoding and stops at the first one's `=` padding
/// (jstedfast/gmime#133), so `MIMEParser` currently reads such a subject back incompletely.
public enum MIMEComposer {
    /// - Parameter timeZone: the offset written in the `Date` header. The campaign's zone is
    ///   the natural choice (`+0700` for Vietnam), so recipients' clients and the Office's
    ///   own sent folder show the local time. Any zone gives the same instant.
    public static func compose(_ message: OutgoingMessage, timeZone: TimeZone) -> Data {
        _ = gmimeInitialised
        let gmimeMessage = g_mime_message_new(1)!
        defer { dondoc_unref(gmimeMessage) }

        addMailbox(message.from, .from, to: gmimeMessage)
        message.to.forEach { addMailbox($0, .to, to: gmimeMessage) }
        message.cc.forEach { addMailbox($0, .cc, to: gmimeMessage) }
        if let replyTo = message.replyTo { addMailbox(replyTo, .replyTo, to: gmimeMessage) }
        g_mime_message_set_subject(gmimeMessage, headerSafe(message.subject), "utf-8")
        setDate(message.date, timeZone: timeZone, on: gmimeMessage)
        if let id = messageIDSafe(message.messageID) {
            // GMime adds the angle brackets itself.
            g_mime_message_set_message_id(gmimeMessage, String(id.dropFirst().dropLast()))
        }

        let object = dondoc_as_object(gmimeMessage)!
        if let inReplyTo = message.inReplyTo.flatMap(messageIDSafe) {
            g_mime_object_set_header(object, "In-Reply-To", inReplyTo, nil)
        }
        let references = message.references.compactMap(messageIDSafe)
        if !references.isEmpty {
            g_mime_object_set_header(object, "References", references.joined(separator: " "), nil)
        }
        if let autoSubmitted = message.autoSubmitted.map(headerSafe), !autoSubmitted.isEmpty {
            g_mime_object_set_header(object, "Auto-Submitted", autoSubmitted, nil)
        }
        for field in message.extraHeaders {
            guard let name = headerNameSafe(field.name) else { continue }
            g_mime_object_append_header(object, name, headerSafe(field.value), "utf-8")
        }

        let body = mimeBody(text: message.textBody, html: message.htmlBody)
        g_mime_message_set_mime_part(gmimeMessage, body)
        dondoc_unref(body)   // the message holds its own reference now
        return bytes(of: object)
    }

    // MARK: - Making header values safe

    /// The text with every control character (CR, LF, TAB, NUL, DEL, C1 controls, Unicode
    /// line and paragraph separators) replaced by one space, runs of them collapsed, trimmed,
    /// and composed to NFC. A value can then never end its header line and start another
    /// (`Subject: x\r\nBcc: victim@example.org`), whatever GMime does with it afterwards.
    public static func headerSafe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var inReplacedRun = false
        for scalar in text.unicodeScalars {
            if isLineBreakingOrControl(scalar) {
                // A fold ("\r\n\t") or a space before the break still makes one space.
                if !inReplacedRun, scalars.last != " " { scalars.append(" ") }
                inReplacedRun = true
            } else if inReplacedRun, scalar == " " {
                continue
            } else {
                scalars.append(scalar)
                inReplacedRun = false
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespaces).nfc
    }

    private static func isLineBreakingOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `<local@domain>` keeping only the characters RFC 5322 allows in a msg-id (atext, `.`,
    /// `@`); nil when nothing usable is left. Brackets are optional on input.
    static func messageIDSafe(_ id: String) -> String? {
        var core = headerSafe(id)
        if core.hasPrefix("<") { core.removeFirst() }
        if core.hasSuffix(">") { core.removeLast() }
        let kept = String(String.UnicodeScalarView(core.unicodeScalars.filter(isMessageIDScalar)))
        guard kept.contains("@"), !kept.hasPrefix("@"), !kept.hasSuffix("@") else { return nil }
        return "<\(kept)>"
    }

    private static func isMessageIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let character = Character(scalar)
        return character.isLetter || character.isNumber || "!#$%&'*+-/=?^_`{|}~.@".contains(character)
    }

    /// The addr-spec when it is one plain `local@domain` in printable ASCII, else nil. A value
    /// with the characters that delimit addresses in a header (`<>,;:"()[]\` or a space),
    /// such as `a@x.org, victim@y.org`, is refused whole rather than repaired: it cannot
    /// become a second recipient, and a mangled address would be no better than none.
    /// Campaign addresses are validated when the file is read, so this only stops mistakes.
    static func addressSafe(_ address: String) -> String? {
        let forbidden = Set("<>,;:\"()[]\\ ".unicodeScalars)
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !forbidden.contains($0) })
        else { return nil }
        return trimmed
    }

    /// A field name is printable ASCII without a colon (RFC 5322 ftext). Names the composer
    /// writes itself are refused so an extra header cannot contradict the message's own.
    static func headerNameSafe(_ name: String) -> String? {
        let kept = String(String.UnicodeScalarView(name.unicodeScalars.filter {
            $0.value > 0x20 && $0.value < 0x7F && $0 != ":"
        }))
        guard !kept.isEmpty, !composerOwnedHeaders.contains(kept.lowercased()),
              !kept.lowercased().hasPrefix("content-") else { return nil }
        return kept
    }

    private static let composerOwnedHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "date", "message-id",
        "in-reply-to", "references", "auto-submitted", "mime-version",
    ]

    // MARK: - Building the GMime message

    private enum AddressField {
        case from, to, cc, replyTo

        var gmimeType: GMimeAddressType {
            switch self {
            case .from: GMIME_ADDRESS_TYPE_FROM
            case .to: GMIME_ADDRESS_TYPE_TO
            case .cc: GMIME_ADDRESS_TYPE_CC
            case .replyTo: GMIME_ADDRESS_TYPE_REPLY_TO
            }
        }
    }

    private static func addMailbox(_ mailbox: MailAddress, _ field: AddressField, to message: UnsafeMutablePointer<GMimeMessage>) {
        guard let address = addressSafe(mailbox.address) else { return }
        let name = mailbox.name.map(headerSafe) ?? ""
        // GMime quotes the name or RFC 2047-encodes it as needed.
        g_mime_message_add_mailbox(message, field.gmimeType, name.isEmpty ? nil : name, address)
    }

    private static func setDate(_ date: Date, timeZone: TimeZone, on message: UnsafeMutablePointer<GMimeMessage>) {
        let seconds = gint64(date.timeIntervalSince1970.rounded(.down))
        let offset = timeZone.secondsFromGMT(for: date)
        guard let utc = g_date_time_new_from_unix_utc(seconds) else { return }
        defer { g_date_time_unref(utc) }
        guard let zone = g_time_zone_new_offset(gint32(offset)) else { return }
        defer { g_time_zone_unref(zone) }
        guard let local = g_date_time_to_timezone(utc, zone) else { return }
        defer { g_date_time_unref(local) }
        g_mime_message_set_date(message, local)
    }

    /// The body as a new GMime object the caller owns: one text/plain part, or a
    /// multipart/alternative of the text and the HTML (text first: RFC 2046 orders
    /// alternatives from plainest to richest).
    private static func mimeBody(text: String, html: String?) -> UnsafeMutablePointer<GMimeObject> {
        let textPart = textPart(subtype: "plain", content: text)
        guard let html else { return textPart }
        let alternative = g_mime_multipart_new_with_subtype("alternative")!
        let htmlPart = self.textPart(subtype: "html", content: html)
        g_mime_multipart_add(alternative, textPart)
        g_mime_multipart_add(alternative, htmlPart)
        dondoc_unref(textPart)
        dondoc_unref(htmlPart)
        return dondoc_as_object(alternative)
    }

    /// A UTF-8 text part in quoted-printable. The charset is set explicitly rather than by
    /// GMime's guess, which would label pure ASCII `us-ascii` and could pick Latin-1.
    private static func textPart(subtype: String, content: String) -> UnsafeMutablePointer<GMimeObject> {
        let part = g_mime_text_part_new_with_subtype(subtype)!
        var text = unixLineEnds(content).nfc
        if !text.hasSuffix("\n") { text += "\n" }
        let bytes = Array(text.utf8)
        // The memory stream copies the bytes.
        let stream = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return g_mime_stream_mem_new()! }
            return g_mime_stream_mem_new_with_buffer(base.assumingMemoryBound(to: CChar.self), buffer.count)!
        }
        let wrapper = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT)!
        let object = dondoc_as_object(part)!
        g_mime_part_set_content(dondoc_as_part(object), wrapper)
        dondoc_unref(wrapper)
        dondoc_unref(stream)
        g_mime_text_part_set_charset(part, "utf-8")
        g_mime_part_set_content_encoding(dondoc_as_part(object), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
        return object
    }

    /// GMime writes each `\n` as CRLF; a CR already there would come out as a stray `\r`.
    private static func unixLineEnds(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private static func bytes(of object: UnsafeMutablePointer<GMimeObject>) -> Data {
        let options = g_mime_format_options_new()!
        defer { g_mime_format_options_free(options) }
        g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS)
        let stream = g_mime_stream_mem_new()!
        defer { dondoc_unref(stream) }
        _ = g_mime_object_write_to_stream(object, options, stream)
        guard let array = g_mime_stream_mem_get_byte_array(dondoc_as_stream_mem(stream)),
              let data = array.pointee.data else { return Data() }
        return Data(bytes: data, count: Int(array.pointee.len))
    }
}
