import Foundation

/// One mailbox of an address header. The address is lower-cased so that callers can compare
/// it with configured addresses directly; the display name is decoded and NFC.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    /// The addr-spec, lower-cased: `stnmt@dienbien.example.org`.
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// A leaf part that is a file: a document, a picture, anything that is not the text of the mail.
public struct MIMEAttachment: Sendable {
    /// Decoded (RFC 2231, RFC 2047 even inside quotes), NFC, with any directory part removed.
    public var fileName: String?
    /// Lower-case `type/subtype` as the sender declared it, e.g. `application/octet-stream`
    /// for a PDF that a webmail did not recognise.
    public var mediaType: String
    /// The bytes after undoing the transfer encoding (base64, quoted-printable, uuencode).
    public var content: Data
    /// An embedded picture rather than an attached file: `inline` (or no disposition) and either
    /// no file name, or an image referenced by Content-ID from inside a multipart/related
    /// (Outlook's signature logos carry names like `image001.png`).
    public var isInline: Bool
    /// The part sits inside a message/rfc822 part, i.e. a forwarded or returned message.
    public var fromForwardedMessage: Bool
    /// Why `content` may not be the sender's file; nil when it decoded whole. A damaged part is
    /// still listed, with its name, so that a person can fetch the file another way.
    public var damage: MIMEContentDamage?

    public init(fileName: String?, mediaType: String, content: Data, isInline: Bool, fromForwardedMessage: Bool,
                damage: MIMEContentDamage? = nil) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.content = content
        self.isInline = isInline
        self.fromForwardedMessage = fromForwardedMessage
        self.damage = damage
    }
}

/// What was wrong with a part's encoded body that no repair could undo. The raw values are
/// stable codes, fit to be stored.
public enum MIMEContentDamage: String, Sendable, Equatable, CaseIterable {
    /// base64 whose characters do not add up to whole bytes: a character lost or added in
    /// transport. The bytes after the damage are not the sender's.
    case base64Incomplete = "base64-incomplete"
    /// uuencode with no `begin` line, or lines that are not uuencode.
    case uuencodeUnreadable = "uuencode-unreadable"
    /// A part with a header and no body at all: the file never arrived.
    case missingBody = "missing-body"

    /// One line for a person, in the words of the other reasons dondoc gives.
    public var explanation: String {
        switch self {
        case .base64Incomplete: "its base64 is damaged (characters lost in transport); the file may be incomplete"
        case .uuencodeUnreadable: "its uuencoded body cannot be read; the file is missing or incomplete"
        case .missingBody: "the part has a header but no body; the file did not arrive"
        }
    }
}

/// One per-recipient block of a message/delivery-status part (RFC 3464).
public struct DeliveryStatusRecipient: Sendable, Equatable {
    /// The address of `Final-Recipient`, without its `rfc822;` type, lower-cased.
    public var finalRecipient: String?
    /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lower-cased.
    public var action: String?
    /// The enhanced status code, e.g. `5.1.1`.
    public var status: String?
    /// `Diagnostic-Code` without its `smtp;` type, unfolded.
    public var diagnostic: String?

    public init(finalRecipient: String?, action: String?, status: String?, diagnostic: String?) {
        self.finalRecipient = finalRecipient
        self.action = action
        self.status = status
        self.diagnostic = diagnostic
    }
}

/// What a multipart/report with report-type=delivery-status (a bounce) says.
public struct DeliveryReport: Sendable, Equatable {
    /// The Message-ID (with angle brackets) of the message that could not be delivered, taken
    /// from the returned message or its text/rfc822-headers part.
    public var originalMessageID: String?
    public var recipients: [DeliveryStatusRecipient]

    public init(originalMessageID: String?, recipients: [DeliveryStatusRecipient]) {
        self.originalMessageID = originalMessageID
        self.recipients = recipients
    }
}

/// The envelope of a message carried inside another (message/rfc822): a forward, as
/// clients attach it, keeps the original sender and subject there.
public struct ForwardedMessage: Sendable, Equatable {
    public var from: MailAddress?
    /// Decoded, NFC; empty when absent.
    public var subject: String

    public init(from: MailAddress?, subject: String) {
        self.from = from
        self.subject = subject
    }
}

/// One header field of the top-level message, as GMime decoded it.
public struct MIMEHeaderField: Sendable, Equatable {
    public var name: String
    /// Decoded (RFC 2047, or a fallback charset for raw 8-bit), unfolded, trimmed, NFC.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed message as plain values: no pointer into GMime survives the parse.
public struct MIMEMessage: Sendable {
    /// With angle brackets: `<id@host>`.
    public var messageID: String?
    /// Message-IDs with angle brackets.
    public var inReplyTo: [String]
    public var references: [String]
    public var from: MailAddress?
    public var to: [MailAddress]
    /// Decoded, NFC; empty when the header is absent.
    public var subject: String
    public var date: Date?
    /// Top-level lower-case `type/subtype`.
    public var contentType: String
    /// The first text/plain part of the message itself (before any forwarded message), else its
    /// first text/html part with the tags removed; UTF-8, NFC, at most `MIMEParser.textBodyLimit`
    /// bytes of UTF-8.
    public var textBody: String?
    /// Every leaf part that is a file, in document order, including those inside forwarded
    /// messages. The signature part of multipart/signed is not a file the sender attached.
    public var attachments: [MIMEAttachment]
    /// Messages forwarded inside this one (not the returned message of a bounce), in
    /// document order.
    public var forwarded: [ForwardedMessage] = []
    public var deliveryReport: DeliveryReport?
    /// All header fields of the top-level message, in order.
    public var headers: [MIMEHeaderField]

    public init(
        messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [],
        from: MailAddress? = nil, to: [MailAddress] = [], subject: String = "", date: Date? = nil,
        contentType: String = "text/plain", textBody: String? = nil, attachments: [MIMEAttachment] = [],
        deliveryReport: DeliveryReport? = nil, headers: [MIMEHeaderField] = []
    ) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.contentType = contentType
        self.textBody = textBody
        self.attachments = attachments
        self.deliveryReport = deliveryReport
        self.headers = headers
    }

    /// The first header field with this name (case-insensitive), decoded, unfolded and trimmed.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

public enum MIMEError: Error, Sendable, Equatable {
    /// Not a message at all: empty input, or no header fields GMime could recognise.
    case unparseable(String)
}
