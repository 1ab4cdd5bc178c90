import CGMime
import Foundation

/// Walks a GMime part tree once and collects the values `MIMEMessage` needs. Lives only for
/// the duration of one parse, while the tree it points into is alive.
struct MIMEPartWalker {
    struct Context {
        var forwarded = false
        var insideRelated = false
        var insideReport = false
        var depth = 0

        static let topLevel = Context()
    }

    /// Deeper nesting than this is not mail a person wrote; stopping keeps a hostile message
    /// from exhausting the stack.
    static let maximumDepth = 48

    let options: OpaquePointer
    private(set) var attachments: [MIMEAttachment] = []
    private(set) var forwarded: [ForwardedMessage] = []
    private var firstPlain: String?
    private var firstHTML: String?
    private var forwardedPlain: String?
    private var forwardedHTML: String?
    private var reportFound = false
    private var reportOriginalMessageID: String?
    private var reportRecipients: [DeliveryStatusRecipient] = []

    init(options: OpaquePointer) {
        self.options = options
    }

    var textBody: String? {
        if let firstPlain { return firstPlain }
        if let firstHTML { return MIMEText.plainText(fromHTML: firstHTML, limit: MIMEParser.textBodyLimit) }
        if let forwardedPlain { return forwardedPlain }
        return forwardedHTML.map { MIMEText.plainText(fromHTML: $0, limit: MIMEParser.textBodyLimit) }
    }

    var deliveryReport: DeliveryReport? {
        reportFound ? DeliveryReport(originalMessageID: reportOriginalMessageID, recipients: reportRecipients) : nil
    }

    mutating func visit(_ object: UnsafeMutablePointer<GMimeObject>, context: Context) {
        guard context.depth < Self.maximumDepth else { return }
        var inner = context
        inner.depth += 1
        if dondoc_is_multipart(object) != 0 {
            visitMultipart(object, context: inner)
        } else if dondoc_is_message_part(object) != 0 {
            guard let message = g_mime_message_part_get_message(dondoc_as_message_part(object)) else { return }
            if context.insideReport && !context.forwarded && reportOriginalMessageID == nil {
                reportOriginalMessageID = MIMEParser.originalMessageID(in: message)
            } else if !context.insideReport {
                forwarded.append(MIMEParser.envelope(of: message, options: options))
            }
            guard let body = g_mime_message_get_mime_part(message) else { return }
            inner.forwarded = true
            inner.insideRelated = false
            inner.insideReport = false
            visit(body, context: inner)
        } else if dondoc_is_part(object) != 0 {
            visitLeaf(object, context: context)
        }
    }

    private mutating func visitMultipart(_ object: UnsafeMutablePointer<GMimeObject>, context: Context) {
        let multipart = dondoc_as_multipart(object)
        let mediaType = MIMEParser.mediaType(of: object)
        var childContext = context
        childContext.insideRelated = mediaType == "multipart/related"
        if mediaType == "multipart/report" && !context.forwarded {
            // report-type is sometimes missing from real bounces; the delivery-status child
            // decides in that case (see visitLeaf).
            let reportType = g_mime_object_get_content_type_parameter(object, "report-type")
                .map { String(cString: $0).lowercased() }
            if reportType == "delivery-status" || reportType == "global-delivery-status" { reportFound = true }
            childContext.insideReport = true
        }
        var count = Int(g_mime_multipart_get_count(multipart))
        // The second half of multipart/signed is the signature, not something the sender attached.
        if dondoc_is_multipart_signed(object) != 0 { count = min(count, 1) }
        for index in 0..<count {
            guard let child = g_mime_multipart_get_part(multipart, Int32(index)) else { continue }
            visit(child, context: childContext)
        }
    }

    private mutating func visitLeaf(_ object: UnsafeMutablePointer<GMimeObject>, context: Context) {
        let part = dondoc_as_part(object)!
        let mediaType = MIMEParser.mediaType(of: object)
        if context.insideReport {
            switch mediaType {
            case "message/delivery-status", "message/global-delivery-status":
                reportFound = true
                readDeliveryStatus(MIMEPartContent(of: part).data)
                return
            case "text/rfc822-headers", "text/global-headers":
                if reportOriginalMessageID == nil { readReturnedHeaders(MIMEPartContent(of: part).data) }
                return
            default:
                break
            }
        }
        let disposition = g_mime_object_get_disposition(object).map { String(cString: $0).lowercased() }
        let fileName = fileName(of: object)
        let isText = mediaType.hasPrefix("text/")
        if isText && fileName == nil && disposition != "attachment" {
            collectText(object, mediaType: mediaType, forwarded: context.forwarded)
            return
        }
        let embeddedImage = mediaType.hasPrefix("image/") && context.insideRelated && g_mime_object_get_content_id(object) != nil
        let isInline = disposition != "attachment" && (fileName == nil || embeddedImage)
        let content = MIMEPartContent(of: part)
        attachments.append(MIMEAttachment(
            fileName: fileName, mediaType: mediaType, content: content.data,
            isInline: isInline, fromForwardedMessage: context.forwarded, damage: content.damage))
    }

    /// GMime's decoded file name (Content-Disposition filename, else Content-Type name),
    /// unless the raw header shows a Windows path that GMime's unquoting ran together.
    private func fileName(of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        guard let decoded = g_mime_part_get_filename(dondoc_as_part(object)) else { return nil }
        let name = MIMEText.string(fromGMime: decoded, options: options)
        for (header, parameter) in [("Content-Disposition", "filename"), ("Content-Type", "name")] {
            guard let raw = rawHeader(header, of: object),
                  let tail = MIMEText.windowsPathTail(inRawHeader: raw, parameter: parameter),
                  name.hasSuffix(tail) else { continue }
            return MIMEText.cleanFileName(tail, options: options)
        }
        return MIMEText.cleanFileName(fileNameFromRejoinedHeader(of: object) ?? name, options: options)
    }

    /// GMime 3.2.13 decodes encoded-words in a quoted file name while parsing and loses what
    /// follows a padded B word (see EncodedWords). When the header that names the file has
    /// encoded-words, its raw value is rejoined and its parameters parsed again; GMime then
    /// hands back a quoted name decoded, or RFC 2231 continuations joined but still encoded,
    /// which `cleanFileName` decodes. Nil means GMime's own name stands.
    private func fileNameFromRejoinedHeader(of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        // The order GMime itself looks in: the disposition's filename, then the type's name.
        for header in ["Content-Disposition", "Content-Type"] {
            guard let raw = MIMEText.rawValue(of: header, in: object) else { continue }
            let value = MIMEText.withCString(EncodedWords.rejoined(raw) ?? raw) { text in
                header == "Content-Disposition" ? dispositionFileName(text) : contentTypeName(text)
            }
            guard let value else { continue }
            let hasEncodedWords = zip(raw, raw.dropFirst()).contains { $0 == UInt8(ascii: "=") && $1 == UInt8(ascii: "?") }
            return hasEncodedWords ? value : nil
        }
        return nil
    }

    private func dispositionFileName(_ header: UnsafePointer<CChar>) -> String? {
        guard let disposition = g_mime_content_disposition_parse(options, header) else { return nil }
        defer { dondoc_unref(disposition) }
        return g_mime_content_disposition_get_parameter(disposition, "filename").map {
            MIMEText.string(fromGMime: $0, options: options)
        }
    }

    private func contentTypeName(_ header: UnsafePointer<CChar>) -> String? {
        guard let contentType = g_mime_content_type_parse(options, header) else { return nil }
        defer { dondoc_unref(contentType) }
        return g_mime_content_type_get_parameter(contentType, "name").map { MIMEText.string(fromGMime: $0, options: options) }
    }

    private func rawHeader(_ name: String, of object: UnsafeMutablePointer<GMimeObject>) -> String? {
        guard let list = g_mime_object_get_header_list(object),
              let header = g_mime_header_list_get_header(list, name),
              let raw = g_mime_header_get_raw_value(header) else { return nil }
        return MIMEText.string(fromGMime: raw, options: options)
    }

    // MARK: - Text

    private mutating func collectText(_ object: UnsafeMutablePointer<GMimeObject>, mediaType: String, forwarded: Bool) {
        switch (mediaType, forwarded) {
        case ("text/plain", false) where firstPlain == nil:
            firstPlain = decodedText(object).map { MIMEText.truncated($0, limit: MIMEParser.textBodyLimit) }
        case ("text/html", false) where firstHTML == nil:
            firstHTML = decodedText(object)
        case ("text/plain", true) where forwardedPlain == nil:
            forwardedPlain = decodedText(object).map { MIMEText.truncated($0, limit: MIMEParser.textBodyLimit) }
        case ("text/html", true) where forwardedHTML == nil:
            forwardedHTML = decodedText(object)
        default:
            break
        }
    }

    /// The part's text in UTF-8 NFC. A legacy charset label (windows-1258, iso-8859-1) is
    /// trusted and GMime converts from it. No label, or one of the labels clients write without
    /// looking (us-ascii, utf-8), means the raw bytes decide: UTF-8 when they are valid UTF-8,
    /// else GMime's fallback charsets. GMime's converter would silently drop the 8-bit bytes.
    private func decodedText(_ object: UnsafeMutablePointer<GMimeObject>) -> String? {
        let content = MIMEPartContent(of: dondoc_as_part(object)).data
        let charset = g_mime_object_get_content_type_parameter(object, "charset").map { String(cString: $0).lowercased() }
        if let charset, !Self.unreliableCharsetLabels.contains(charset), dondoc_is_text_part(object) != 0,
           let text = MIMEText.convert(content, fromCharset: charset) {
            return readable(text)
        }
        return readable(MIMEText.decodeUndeclared(content, options: options))
    }

    private static let unreliableCharsetLabels: Set<String> = [
        "us-ascii", "ascii", "utf-8", "utf8", "unknown-8bit", "x-unknown", "x-user-defined",
    ]

    /// One line-ending convention and one Unicode composition for everything downstream.
    /// CRLF is dropped byte by byte: String's own search works on grapheme clusters and
    /// cost a sixth of a poll.
    private func readable(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text.nfc }
        let bytes = Array(text.utf8)
        var lines = [UInt8]()
        lines.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
            lines.append(byte)
        }
        return String(decoding: lines, as: UTF8.self).nfc
    }

    // MARK: - Delivery reports

    private mutating func readDeliveryStatus(_ content: Data) {
        let blocks = MIMEText.fieldBlocks(content)
        for fields in blocks.dropFirst() where fields["final-recipient"] != nil || fields["action"] != nil {
            reportRecipients.append(DeliveryStatusRecipient(
                finalRecipient: fields["final-recipient"].map { MIMEText.droppingTypePrefix($0).lowercased() },
                action: fields["action"]?.lowercased(),
                status: fields["status"],
                diagnostic: fields["diagnostic-code"].map(MIMEText.droppingTypePrefix)))
        }
    }

    private mutating func readReturnedHeaders(_ content: Data) {
        guard let value = MIMEText.fieldBlocks(content).first?["message-id"] else { return }
        reportOriginalMessageID = MIMEParser.messageID(fromHeaderValue: value)
    }
}
