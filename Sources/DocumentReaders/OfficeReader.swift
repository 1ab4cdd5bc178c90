import Documents
import Foundation

/// DOCX and ODT: a zip holding one XML part with the body.
enum OfficeReader {
    /// The body part is read up to this many bytes uncompressed: far more than any report,
    /// and the text wanted is at its beginning anyway.
    static let partCap = 32 << 20

    static func docx(_ data: Data) -> DocumentReading {
        read(data, part: "word/document.xml", method: "docx", kindName: "DOCX", text: OfficeText.docx)
    }

    static func odt(_ data: Data) -> DocumentReading {
        read(data, part: "content.xml", method: "odt", kindName: "ODT", text: OfficeText.odt)
    }

    private static func read(_ data: Data, part: String, method: String, kindName: String,
                             text: (Data, Int) -> String) -> DocumentReading {
        if case let .failure(missing) = ArchiveWalk.library() { return .unreadable(missing.detail, method: method) }
        let xml: Data
        switch ArchiveWalk.member(part, in: data, cap: partCap) {
        case let .whole(bytes)?: xml = bytes
        // A bomb, or an enormous body: the beginning is all that is wanted, and a partial
        // XML part still scans.
        case let .tooLarge(prefix)?: xml = prefix
        case let .failed(reason)?: return .unreadable("damaged \(kindName): \(reason)", method: method)
        case nil: return .unreadable("damaged \(kindName): no \(part) inside", method: method)
        }
        let body = ExtractedText.tidy(text(xml, DocumentReading.textLimit))
        return DocumentReading(status: .read, method: method, text: body)
    }
}
