import DonDoc
import Documents
import Foundation
import Mail
import Store

/// Opens each attached document as a clerk would, once: what the reader said of a file
/// is kept by the file's SHA-256, so a file sent twice, found again after a crash, or
/// that killed the reader, is never read again.
struct DocumentIntake {
    let store: MessageStore
    let sandbox: DocumentSandbox
    let trustedCAFile: String?

    /// One file of a message, with the hash the store already computed for it.
    struct File {
        var attachment: MIMEAttachment
        var sha256: String
    }

    /// What was read from the files dondoc knows how to read, each with its name.
    func readings(of files: [File], now: Date) throws(StoreError) -> [(name: String, reading: DocumentReading)] {
        // The bytes decide, not the label: a PDF sent as application/octet-stream named
        // "scan0001" is a PDF. At most `filesPerMessage`, each distinct file once.
        var seen = Set<String>()
        let readable = files.filter {
            !$0.attachment.isInline
                && DocumentKind.canRead($0.attachment.content, fileName: $0.attachment.fileName,
                                        mediaType: $0.attachment.mediaType)
                && seen.insert($0.sha256).inserted
        }.prefix(Self.filesPerMessage)
        try noteLegacyOffice(files.filter { !$0.attachment.isInline }, now: now)
        guard !readable.isEmpty else { return [] }
        let stored = try store.documentReadings(sha256: readable.map(\.sha256))
        var readings: [(name: String, reading: DocumentReading)] = []
        for file in readable {
            let name = file.attachment.fileName ?? file.attachment.mediaType
            if let known = stored[file.sha256].flatMap(Self.decode) {
                readings.append((name, known))
                continue
            }
            let reading = sandbox.read(file.attachment.content, fileName: file.attachment.fileName,
                                       mediaType: file.attachment.mediaType, trustedCAFile: trustedCAFile)
            // The reader never ran: nothing is known of the file, and a later message
            // carrying it must get its chance.
            guard !DocumentSandbox.isTransient(reading) else {
                readings.append((name, reading))
                continue
            }
            try store.saveDocumentReading(StoredDocumentReading(
                sha256: file.sha256, status: reading.status.rawValue, method: reading.method,
                reading: Self.encode(reading), readAt: now))
            try store.saveDocumentFacts([(file.sha256, DocumentFacts.encode(DocumentFacts(reading)))],
                                        revision: DocumentHeader.readerRevision)
            readings.append((name, reading))
        }
        return readings
    }

    /// A .doc/.xls/.ppt is a document dondoc cannot open: it is recorded as not read,
    /// without a child process, so `show` says why its envelope alone decided.
    private func noteLegacyOffice(_ files: [File], now: Date) throws(StoreError) {
        let legacy = files.filter {
            DocumentKind.isLegacyOffice($0.attachment.content, fileName: $0.attachment.fileName,
                                        mediaType: $0.attachment.mediaType)
        }
        guard !legacy.isEmpty else { return }
        let reading = DocumentReading(status: .unsupported, detail: DocumentKind.legacyOfficeDetail)
        for file in legacy {
            try store.saveDocumentReading(StoredDocumentReading(
                sha256: file.sha256, status: reading.status.rawValue, method: reading.method,
                reading: Self.encode(reading), readAt: now))
        }
    }

    /// The readings as the domain's evidence: the header of each document that was read,
    /// and its signatures; a document inside an archive is named "archive › document".
    /// A report comes with a few files; a message of hundreds is not read whole (each
    /// file costs a child process, OCR seconds).
    static let filesPerMessage = 20

    static func evidence(_ readings: [(name: String, reading: DocumentReading)]) -> [DocumentEvidence] {
        readings.flatMap { name, reading -> [DocumentEvidence] in
            if reading.method == "archive" {
                return reading.contents.compactMap { evidence(name: "\(name) › \($0.name)", $0.reading) }
            }
            return evidence(name: name, reading).map { [$0] } ?? []
        }
    }

    private static func evidence(name: String, _ reading: DocumentReading) -> DocumentEvidence? {
        guard reading.status == .read else { return nil }
        let header = DocumentHeader.read(reading.text)
        let signatures = reading.signatures.map {
            SignatureFacts(signerName: $0.signerName, signingTime: $0.signingTime, status: $0.status,
                           certificateTrusted: $0.certificateTrusted, coversWholeDocument: $0.coversWholeDocument)
        }
        guard header != nil || !signatures.isEmpty else { return nil }
        return DocumentEvidence(fileName: name, method: reading.method, header: header, signatures: signatures)
    }

    static func encode(_ reading: DocumentReading) -> String {
        // A reading is plain strings, numbers and dates: encoding it cannot fail.
        let data = (try? Documents.DocumentJSON.encoder.encode(reading)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ stored: StoredDocumentReading) -> DocumentReading? {
        try? Documents.DocumentJSON.decoder.decode(DocumentReading.self, from: Data(stored.reading.utf8))
    }
}
