import Foundation

/// One attachment as the domain sees it: its name and declared type, not its bytes.
public struct AttachmentFacts: Sendable, Equatable {
    public var fileName: String?
    /// Lower-case, without parameters: "application/pdf".
    public var mediaType: String
    /// The bytes that arrived are not the sender's file (lost in transport): a person must
    /// look before such a file counts as a report.
    public var isDamaged = false

    public init(fileName: String?, mediaType: String, isDamaged: Bool = false) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.isDamaged = isDamaged
    }

    /// Whether this attachment is a document that can count as a submitted report: PDF,
    /// Word, ODF, a spreadsheet or presentation, RTF, an archive, or a scanned image.
    /// Judged by media type or by file extension, because agencies' mail clients often
    /// declare everything as `application/octet-stream`.
    public var isDocument: Bool {
        if isLikelyInlineImage { return false }
        return Self.documentMediaTypes.contains(baseMediaType)
            || fileExtension.map(Self.documentExtensions.contains) == true
    }

    /// The extension of the file name, lower-cased, without the dot.
    var fileExtension: String? {
        guard let name = baseFileName, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    /// The file name without any directory a client put in front of it.
    var baseFileName: String? {
        guard let name = fileName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return nil }
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
    }

    private var baseMediaType: String {
        let type = mediaType.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private var isImage: Bool {
        baseMediaType.hasPrefix("image/") || fileExtension.map(Self.imageExtensions.contains) == true
    }

    /// Signature logos and pasted pictures travel as image parts too. Counting them as a
    /// scanned report would mark an agency as having submitted when it only wrote a
    /// letter, so images without a name, or with the names mail clients give inline
    /// pictures ("image001.png", "Outlook-abc.png"), are not documents. Erring this way
    /// keeps the reminders going and a person can still assign the message.
    private var isLikelyInlineImage: Bool {
        guard isImage else { return false }
        guard let name = baseFileName?.lowercased() else { return true }
        return name.range(of: "^image[0-9]+\\.[a-z]+$", options: .regularExpression) != nil
            || name.hasPrefix("outlook-")
    }

    private static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "tif", "tiff", "gif", "bmp", "heic", "webp"]

    private static let documentExtensions: Set<String> = [
        "pdf", "doc", "docx", "odt", "ods", "odp", "xls", "xlsx", "ppt", "pptx", "rtf",
        "zip", "rar", "7z", "jpg", "jpeg", "png", "tif", "tiff",
    ]

    private static let documentMediaTypes: Set<String> = [
        "application/pdf", "application/x-pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/rtf", "text/rtf",
        "application/zip", "application/x-zip-compressed", "application/x-zip",
        "application/vnd.rar", "application/x-rar-compressed", "application/x-rar",
        "application/x-7z-compressed",
        "image/jpeg", "image/pjpeg", "image/png", "image/tiff",
    ]
}

/// The sender and subject of a message forwarded inside another: attached as
/// message/rfc822, or copied into the body by the forwarder's client (`InlineForward`).
public struct ForwardedFacts: Sendable, Equatable {
    /// Lower-cased addr-spec.
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String
    /// Read from the body's forwarded header block rather than an attached message, so
    /// that a reason can tell a person where to look.
    public var inline: Bool

    public init(fromAddress: String? = nil, fromName: String? = nil, subject: String = "", inline: Bool = false) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.subject = subject
        self.inline = inline
    }
}

/// What the domain needs to know of one message. Built by the Jobs layer from the
/// parsed MIME, so that attribution can be decided and tested without any mail library.
public struct MessageFacts: Sendable, Equatable {
    /// "<abc@x>", with angle brackets.
    public var messageID: String?
    /// Message-IDs from In-Reply-To and References, with angle brackets.
    public var replyTargets: [String]
    /// Lower-cased addr-spec.
    public var fromAddress: String?
    /// Decoded display name, NFC.
    public var fromName: String?
    /// Decoded, NFC; "" when absent.
    public var subject: String
    public var attachments: [AttachmentFacts]
    /// Messages forwarded inside this one, as their senders wrote them.
    public var forwarded: [ForwardedFacts] = []
    /// What was read from the attached documents, those inside archives included.
    public var documents: [DocumentEvidence] = []
    /// The message's own first text/plain part or, in HTML-only mail, its first text/html
    /// part turned into lines of text (Mail's `MIMEText.plainText`); maybe truncated.
    public var bodyText: String?
    /// Header values, raw (trimmed), nil when absent.
    public var autoSubmitted: String?
    public var precedence: String?
    public var xAutoreply: String?
    public var listID: String?
    /// "<>" means an empty return path.
    public var returnPath: String?
    /// multipart/report; report-type=delivery-status, or a message/delivery-status part.
    public var isDeliveryReport: Bool
    /// The MIME structure could not be parsed.
    public var isUnparseable: Bool
    /// Every `Authentication-Results` value, top first (read against the Office
    /// server's authserv-id by `SenderAuthentication`); at most a few dozen are kept.
    public var authenticationResults: [String] = []

    public init(
        messageID: String? = nil, replyTargets: [String] = [], fromAddress: String? = nil,
        fromName: String? = nil, subject: String = "", attachments: [AttachmentFacts] = [],
        bodyText: String? = nil, autoSubmitted: String? = nil, precedence: String? = nil,
        xAutoreply: String? = nil, listID: String? = nil, returnPath: String? = nil,
        isDeliveryReport: Bool = false, isUnparseable: Bool = false
    ) {
        self.messageID = messageID
        self.replyTargets = replyTargets
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.subject = subject
        self.attachments = attachments
        self.bodyText = bodyText
        self.autoSubmitted = autoSubmitted
        self.precedence = precedence
        self.xAutoreply = xAutoreply
        self.listID = listID
        self.returnPath = returnPath
        self.isDeliveryReport = isDeliveryReport
        self.isUnparseable = isUnparseable
    }
}

extension MessageFacts {
    /// How much of a subject, a name or a file name the signals read. Real ones are a
    /// line or two; a hostile one of megabytes must cost no more than a real one.
    static let searchedCharacters = 2_000

    /// The same facts with every header-borne text cut to `searchedCharacters` (the body
    /// is already cut when it is read) and at most `searchedDocuments` of each list.
    func limitedForSearch() -> MessageFacts {
        func cut(_ text: String) -> String { text.count > Self.searchedCharacters ? String(text.prefix(Self.searchedCharacters)) : text }
        var limited = self
        limited.subject = cut(subject)
        limited.fromName = fromName.map(cut)
        limited.attachments = attachments.prefix(Self.searchedDocuments).map {
            AttachmentFacts(fileName: $0.fileName.map(cut), mediaType: cut($0.mediaType), isDamaged: $0.isDamaged)
        }
        limited.forwarded = forwarded.prefix(Self.searchedDocuments).map {
            ForwardedFacts(fromAddress: $0.fromAddress.map(cut), fromName: $0.fromName.map(cut), subject: cut($0.subject),
                           inline: $0.inline)
        }
        limited.replyTargets = Array(replyTargets.prefix(Self.searchedDocuments * 5))
        return limited
    }

    static let searchedDocuments = 50
}
