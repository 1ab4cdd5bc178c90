import DonDoc
import Documents
import Foundation
import Store

/// What the report and the register need of one stored document: the header of its
/// first page (for an archive, of its first document that has one) and every signature
/// it carries. Derived from the reading once and kept, because reading a first page's
/// header costs milliseconds and a campaign's store holds thousands of documents.
struct DocumentFacts: Codable, Equatable {
    var header: DocumentHeader?
    var signatures: [Signature]

    struct Signature: Codable, Equatable {
        var signerName: String?
        var signingTime: Date?
        var status: String
        var certificateTrusted: Bool?
        var coversWholeDocument: Bool?
    }

    init(_ reading: DocumentReading) {
        self.init(DocumentIntake.evidence([("", reading)]))
    }

    /// From what was read of one file (for an archive, of each document in it).
    init(_ evidence: [DocumentEvidence]) {
        header = evidence.lazy.compactMap(\.header).first
        signatures = evidence.flatMap(\.signatures).map {
            Signature(signerName: $0.signerName, signingTime: $0.signingTime, status: $0.status,
                      certificateTrusted: $0.certificateTrusted, coversWholeDocument: $0.coversWholeDocument)
        }
    }

    var signatureFacts: [SignatureFacts] {
        signatures.map {
            SignatureFacts(signerName: $0.signerName, signingTime: $0.signingTime, status: $0.status,
                           certificateTrusted: $0.certificateTrusted, coversWholeDocument: $0.coversWholeDocument)
        }
    }

    static let empty = DocumentFacts(header: nil, signatures: [])

    private init(header: DocumentHeader?, signatures: [Signature]) {
        self.header = header
        self.signatures = signatures
    }

    /// The facts of these documents: kept ones as they were kept, the rest derived from
    /// their readings now (a store from before facts were kept, or from an older header
    /// reader); a document never read has none.
    static func load(_ keys: [String], from store: MessageStore) throws(StoreError) -> [String: DocumentFacts] {
        let unique = Array(Set(keys))
        var facts: [String: DocumentFacts] = [:]
        let decoder = DocumentJSON.decoder
        for (key, json) in try store.documentFacts(sha256: unique, revision: DocumentHeader.readerRevision) {
            facts[key] = decode(json, decoder)
        }
        let missing = unique.filter { facts[$0] == nil }
        for (key, stored) in try store.documentReadings(sha256: missing) {
            facts[key] = DocumentIntake.decode(stored).map(DocumentFacts.init) ?? .empty
        }
        return facts
    }

    /// Derives and keeps the facts of readings that have none under this revision, a
    /// slice per run so that a poll after an upgrade stays short.
    static func keepMissing(in store: MessageStore, limit: Int = 1_000) throws(StoreError) -> Int {
        let readings = try store.readingsWithoutFacts(revision: DocumentHeader.readerRevision, limit: limit)
        try store.saveDocumentFacts(readings.map { stored in
            (stored.sha256, encode(DocumentIntake.decode(stored).map(DocumentFacts.init) ?? .empty))
        }, revision: DocumentHeader.readerRevision)
        return readings.count
    }

    static func encode(_ facts: DocumentFacts) -> String {
        // Strings, dates and booleans: encoding cannot fail.
        let data = (try? DocumentJSON.encoder.encode(facts)) ?? Data("{\"signatures\":[]}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ json: String, _ decoder: JSONDecoder = DocumentJSON.decoder) -> DocumentFacts {
        (try? decoder.decode(DocumentFacts.self, from: Data(json.utf8))) ?? .empty
    }
}
