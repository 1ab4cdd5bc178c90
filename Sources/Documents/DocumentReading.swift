import Foundation

/// What dondoc got out of one attached document, the way a clerk opening it would: the
/// first page's text, the page count, the digital signatures, and for an archive what is
/// inside.
public struct DocumentReading: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case read, unreadable, unsupported
    }

    public var status: Status
    /// How the text was obtained: "pdf-text", "docx", "odt", "ocr-image", "ocr-pdf", "archive",
    /// or "" when not read.
    public var method: String
    /// Text of the first page(s) (PDF: first 2 pages; DOCX/ODT: the beginning of the body),
    /// lines separated by "\n", NFC, at most `DocumentReading.textLimit` bytes of UTF-8.
    public var text: String
    public var pageCount: Int?
    public var signatures: [DocumentSignature]
    /// Why it is unreadable/unsupported (English, one line), nil when read.
    public var detail: String?
    /// For archives: each document inside (name as stored, reduced to its base name) with its
    /// own reading; one level of nesting at most.
    public var contents: [ArchivedDocument]

    /// Enough for a header, its symbol and the opening paragraphs; the store keeps this per
    /// document, so it must stay small.
    public static let textLimit = 16 * 1024

    public init(status: Status, method: String = "", text: String = "", pageCount: Int? = nil,
                signatures: [DocumentSignature] = [], detail: String? = nil, contents: [ArchivedDocument] = []) {
        self.status = status
        self.method = method
        self.text = text
        self.pageCount = pageCount
        self.signatures = signatures
        self.detail = detail
        self.contents = contents
    }

    public static func unreadable(_ detail: String, method: String = "") -> DocumentReading {
        DocumentReading(status: .unreadable, method: method, detail: detail)
    }

    public static func unsupported(_ detail: String) -> DocumentReading {
        DocumentReading(status: .unsupported, detail: detail)
    }
}

/// One file inside an archive. The reading is held directly: the recursion goes through
/// `DocumentReading.contents`, an array, so the struct has a fixed size.
public struct ArchivedDocument: Sendable, Equatable, Codable {
    /// The name as stored, reduced to its base name (no folders, nothing that climbs out).
    public var name: String
    /// Uncompressed size in bytes; for an entry stopped at the size cap, the bytes read.
    public var size: Int
    /// Lower-case hex SHA-256 of the whole entry; "" when the entry was too large to read whole.
    public var sha256: String
    public var reading: DocumentReading

    public init(name: String, size: Int, sha256: String, reading: DocumentReading) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.reading = reading
    }
}

public struct DocumentSignature: Sendable, Equatable, Codable {
    /// Certificate subject common name as Poppler reports it.
    public var signerName: String?
    public var signingTime: Date?
    /// "valid", "invalid", "digest_mismatch" (changed after signing), "decoding_error",
    /// "generic_error", "not_verified"
    public var status: String
    /// Whether the certificate chains to a CA the campaign trusts (the PEM file passed as
    /// trustedCAFile); nil when no trust file was given or the check could not run.
    public var certificateTrusted: Bool?
    /// Whether the signed byte range covers the whole file (false: something was appended
    /// after signing).
    public var coversWholeDocument: Bool?

    public init(signerName: String? = nil, signingTime: Date? = nil, status: String,
                certificateTrusted: Bool? = nil, coversWholeDocument: Bool? = nil) {
        self.signerName = signerName
        self.signingTime = signingTime
        self.status = status
        self.certificateTrusted = certificateTrusted
        self.coversWholeDocument = coversWholeDocument
    }
}

/// What one reading may cost before the child process reading it is stopped.
public struct DocumentLimits: Sendable, Equatable {
    /// RLIMIT_CPU of the child: SIGXCPU, then SIGKILL a second later.
    public var cpuSeconds: Int
    /// RLIMIT_AS of the child (address space, not resident memory).
    public var memoryBytes: Int
    /// The parent kills the child's process group after this long.
    public var wallSeconds: Double
    /// Larger documents are not read at all; also the cap on each file taken out of an archive.
    public var maxInputBytes: Int

    public init(cpuSeconds: Int = 20, memoryBytes: Int = 1 << 30, wallSeconds: Double = 30,
                maxInputBytes: Int = 64 << 20) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.wallSeconds = wallSeconds
        self.maxInputBytes = maxInputBytes
    }
}

/// One JSON shape for both sides of the pipe; dates as ISO 8601 so a person debugging the
/// child can read them.
public enum DocumentJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension DocumentLimits {
    /// How the parent hands its limits to the child: `cpu=20,as=1073741824,wall=30,input=67108864`.
    package var environment: String {
        "cpu=\(cpuSeconds),as=\(memoryBytes),wall=\(wallSeconds),input=\(maxInputBytes)"
    }

    package init?(environment text: String?) {
        guard let text else { return nil }
        var values: [String: Double] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]), value > 0 else { return nil }
            values[String(parts[0])] = value
        }
        guard let cpu = values["cpu"], let memory = values["as"], let wall = values["wall"], let input = values["input"] else {
            return nil
        }
        self.init(cpuSeconds: Int(cpu), memoryBytes: Int(memory), wallSeconds: wall, maxInputBytes: Int(input))
    }
}
