import DonDoc
import Documents
import Foundation
import Mail
import Store

/// Opens each attached document as a clerk would, once: what the reader said of a file
/// is kept by the file's SHA-256, so a file sent twice, found again after a crash, or
/// that killed the reader, is never read again.
struct DocumentIntake: Sendable {
    let store: MessageStore
    let sandbox: DocumentSandbox
    let trustedCAFile: String?
    /// Readings of the files of messages read ahead, started in the background.
    var readAhead: DocumentReadAhead?

    /// One file of a message, with the hash the store already computed for it.
    struct File {
        var attachment: MIMEAttachment
        var sha256: String
    }

    /// What was read from the files dondoc knows how to read, each with its name.
    /// What a clerk reads in the files: each file's header and signatures, read once and
    /// derived once (what is derived is kept for the report beside the reading).
    func evidence(of files: [File], now: Date) throws(StoreError) -> [DocumentEvidence] {
        var evidence: [DocumentEvidence] = []
        var facts: [(sha256: String, facts: String)] = []
        for (file, name, reading, isNew) in try readings(of: files, now: now) {
            let found = Self.evidence([(name, reading)])
            evidence += found
            if isNew { facts.append((file.sha256, DocumentFacts.encode(DocumentFacts(found)))) }
        }
        try store.saveDocumentFacts(facts, revision: DocumentHeader.readerRevision)
        return evidence
    }

    private func readings(of files: [File], now: Date) throws(StoreError)
        -> [(file: File, name: String, reading: DocumentReading, isNew: Bool)] {
        let readable = Self.readable(files)
        try noteLegacyOffice(files.filter { !$0.attachment.isInline }, now: now)
        guard !readable.isEmpty else { return [] }
        let stored = try store.documentReadings(sha256: readable.map(\.sha256))
        var readings: [(file: File, name: String, reading: DocumentReading, isNew: Bool)] = []
        for file in readable {
            let name = file.attachment.fileName ?? file.attachment.mediaType
            if let known = stored[file.sha256].flatMap(Self.decode) {
                readings.append((file, name, known, false))
                continue
            }
            let reading = readAhead?.take(file.sha256)
                ?? sandbox.read(file.attachment.content, fileName: file.attachment.fileName,
                                mediaType: file.attachment.mediaType, trustedCAFile: trustedCAFile)
            // The reader never ran: nothing is known of the file, and a later message
            // carrying it must get its chance.
            guard !DocumentSandbox.isTransient(reading) else {
                readings.append((file, name, reading, false))
                continue
            }
            try store.saveDocumentReading(StoredDocumentReading(
                sha256: file.sha256, status: reading.status.rawValue, method: reading.method,
                reading: Self.encode(reading), readAt: now))
            readings.append((file, name, reading, true))
        }
        return readings
    }

    /// The files a clerk would open, each distinct one once, at most `filesPerMessage`.
    /// The bytes decide, not the label: a PDF sent as application/octet-stream named
    /// "scan0001" is a PDF.
    static func readable(_ files: [File]) -> ArraySlice<File> {
        var seen = Set<String>()
        return files.filter {
            !$0.attachment.isInline
                && DocumentKind.canRead($0.attachment.content, fileName: $0.attachment.fileName,
                                        mediaType: $0.attachment.mediaType)
                && seen.insert($0.sha256).inserted
        }.prefix(filesPerMessage)
    }

    /// Starts reading, in the background, the files of a message that will need them and
    /// that no earlier reading covers.
    func readAhead(_ files: [File]) throws(StoreError) {
        guard let readAhead else { return }
        let readable = Self.readable(files)
        guard !readable.isEmpty else { return }
        let stored = try store.documentReadings(sha256: readable.map(\.sha256))
        for file in readable where stored[file.sha256] == nil {
            readAhead.start(MIMEAttachmentBytes(content: file.attachment.content, fileName: file.attachment.fileName,
                                                mediaType: file.attachment.mediaType), sha256: file.sha256)
        }
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
