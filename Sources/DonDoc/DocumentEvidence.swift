import Foundation

/// What was read from one attached document (or one document inside an attached
/// archive): the header a clerk reads and the digital signatures it carries.
public struct DocumentEvidence: Sendable, Equatable {
    /// As shown to a person: "bao-cao.pdf", or "ho-so.zip › bao-cao.pdf" inside an archive.
    public var fileName: String
    /// How the text was obtained: "pdf-text", "docx", "odt", "ocr-image", "ocr-pdf".
    public var method: String
    public var header: DocumentHeader?
    public var signatures: [SignatureFacts]

    public init(fileName: String, method: String, header: DocumentHeader?, signatures: [SignatureFacts] = []) {
        self.fileName = fileName
        self.method = method
        self.header = header
        self.signatures = signatures
    }

    /// OCR misreads letters, so a header read this way can point at an agency but an
    /// issuer it cannot match is more likely noise than a stranger.
    public var isOCR: Bool { method.hasPrefix("ocr") }

    /// "đọc từ lớp chữ của tệp PDF": where the facts were read, for the reasons.
    public var readingPhrase: String {
        switch method {
        case "pdf-text": "đọc từ lớp chữ của tệp PDF"
        case "docx": "đọc từ tệp Word"
        case "odt": "đọc từ tệp ODT"
        case "ocr-image": "đọc từ ảnh chụp bằng OCR"
        case "ocr-pdf": "đọc từ bản quét PDF bằng OCR"
        default: "đọc từ tệp"
        }
    }
}

/// One digital signature of a PDF, as the document reader verified it.
public struct SignatureFacts: Sendable, Equatable {
    /// The certificate's common name: "SỞ TÀI CHÍNH TỈNH ĐIỆN BIÊN".
    public var signerName: String?
    public var signingTime: Date?
    /// "valid", "invalid", "digest_mismatch", "decoding_error", "generic_error", "not_verified".
    public var status: String
    /// Whether the certificate chains to a CA the campaign trusts; nil when no trust
    /// anchor was configured or the check could not run.
    public var certificateTrusted: Bool?
    /// False when bytes were added after signing (the signed range is not the whole file).
    public var coversWholeDocument: Bool?

    public init(signerName: String?, signingTime: Date? = nil, status: String, certificateTrusted: Bool? = nil,
                coversWholeDocument: Bool? = nil) {
        self.signerName = signerName
        self.signingTime = signingTime
        self.status = status
        self.certificateTrusted = certificateTrusted
        self.coversWholeDocument = coversWholeDocument
    }

    /// The signature verifies over the whole document as it arrived.
    public var holds: Bool { status == "valid" && coversWholeDocument != false }

    /// Holds, and a CA the campaign trusts vouches for the signer: only then is the
    /// signer's name more than what the document's maker wrote into the certificate.
    public var isTrusted: Bool { holds && certificateTrusted == true }

    /// "hợp lệ, chứng thư tin cậy": the state of the signature in a few words.
    public var vietnameseState: String {
        switch status {
        case "valid" where coversWholeDocument == false: "hợp lệ nhưng văn bản bị thêm nội dung sau khi ký"
        case "valid" where certificateTrusted == true: "hợp lệ, chứng thư số được tổ chức tin cậy xác nhận"
        case "valid" where certificateTrusted == false: "hợp lệ nhưng chứng thư số không do tổ chức tin cậy cấp"
        case "valid": "hợp lệ, chưa kiểm tra được chứng thư số"
        case "digest_mismatch": "không còn giá trị: văn bản đã bị sửa sau khi ký"
        case "invalid": "không hợp lệ"
        default: "không kiểm tra được"
        }
    }
}
