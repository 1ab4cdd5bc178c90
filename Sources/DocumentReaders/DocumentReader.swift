import Documents
import Foundation

/// Opens an attached document the way a clerk would and says what it holds.
public enum DocumentReader {
    /// In-process reading. Used by the child process; never call it on untrusted input in the
    /// main process: a hostile PDF can crash or hang the C libraries underneath.
    public static func read(_ data: Data, fileName: String?, mediaType: String, trustedCAFile: String?) -> DocumentReading {
        let limits = DocumentLimits()
        return read(data, fileName: fileName, mediaType: mediaType, trustedCAFile: trustedCAFile,
                    budget: ReadingBudget(limits: limits), entryCap: limits.maxInputBytes, insideArchive: false)
    }

    static func read(_ data: Data, fileName: String?, mediaType: String, trustedCAFile: String?,
                     budget: ReadingBudget, entryCap: Int, insideArchive: Bool) -> DocumentReading {
        guard !data.isEmpty else { return .unreadable("empty file") }
        switch DocumentKind.detect(data, fileName: fileName, mediaType: mediaType) {
        case .pdf:
            return PDFReader.read(data, trustedCAFile: trustedCAFile, budget: budget)
        case .docx:
            return OfficeReader.docx(data)
        case .odt:
            return OfficeReader.odt(data)
        case .image:
            return ImageReader.read(data, budget: budget)
        case .zipContainer:
            switch ZipContainer.identify(data) {
            case .docx: return OfficeReader.docx(data)
            case .odt: return OfficeReader.odt(data)
            case .other: break
            }
            fallthrough
        case .archive:
            if insideArchive { return .unsupported("an archive inside an archive is listed, not opened") }
            return ArchiveReader.read(data, trustedCAFile: trustedCAFile, budget: budget, entryCap: entryCap)
        case .legacyOffice:
            return .unsupported(DocumentKind.legacyOfficeDetail)
        case .other:
            let label = DocumentKind.fileExtension(fileName).map { ".\($0)" }
                ?? (mediaType.isEmpty ? "unknown type" : mediaType)
            return .unsupported("not a kind of document dondoc reads (\(label))")
        }
    }
}

/// A zip whose label did not say what it is: its parts do.
enum ZipContainer {
    enum Identity { case docx, odt, other }

    static func identify(_ data: Data) -> Identity {
        var identity = Identity.other
        _ = ArchiveWalk.walk(data, formats: .zip, cap: 256, visit: { entry in
            switch entry.path {
            case "word/document.xml": identity = .docx; return .stop
            case "mimetype": return .read
            default: return .skip
            }
        }, receive: { _, contents in
            if case let .whole(bytes) = contents,
               String(decoding: bytes, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument.text") {
                identity = .odt
            }
        })
        return identity
    }
}
