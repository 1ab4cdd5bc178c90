import Foundation

/// What an attachment is. Mail clients label files loosely (`application/octet-stream`,
/// a `.pdf` that is really a scan in JPEG), so the bytes decide when they can, then the
/// media type, then the file name's extension.
public enum DocumentKind: Equatable, Sendable {
    case pdf, docx, odt, archive, image
    /// Zip bytes whose entries decide between DOCX, ODT and a plain archive.
    case zipContainer
    case legacyOffice
    case other

    static let mediaTypes: [String: DocumentKind] = [
        "application/pdf": .pdf, "application/x-pdf": .pdf,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": .docx,
        "application/vnd.oasis.opendocument.text": .odt,
        "application/zip": .archive, "application/x-zip-compressed": .archive, "application/x-zip": .archive,
        "application/vnd.rar": .archive, "application/x-rar-compressed": .archive, "application/x-rar": .archive,
        "application/x-7z-compressed": .archive,
        "image/jpeg": .image, "image/jpg": .image, "image/pjpeg": .image, "image/png": .image,
        "image/tiff": .image, "image/tif": .image,
        "application/msword": .legacyOffice, "application/vnd.ms-excel": .legacyOffice,
        "application/vnd.ms-powerpoint": .legacyOffice,
    ]

    static let extensions: [String: DocumentKind] = [
        "pdf": .pdf, "docx": .docx, "odt": .odt,
        "zip": .archive, "rar": .archive, "7z": .archive,
        "jpg": .image, "jpeg": .image, "jpe": .image, "png": .image, "tif": .image, "tiff": .image,
        "doc": .legacyOffice, "xls": .legacyOffice, "ppt": .legacyOffice,
    ]

    /// From the label alone: what `canRead` answers by.
    package static func declared(fileName: String?, mediaType: String) -> DocumentKind {
        let type = mediaType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        if let kind = mediaTypes[type] { return kind }
        if let ext = fileExtension(fileName), let kind = extensions[ext] { return kind }
        return .other
    }

    /// From the bytes when they say, else from the label.
    package static func detect(_ data: Data, fileName: String?, mediaType: String) -> DocumentKind {
        let declared = declared(fileName: fileName, mediaType: mediaType)
        guard let sniffed = sniff(data) else { return declared }
        if sniffed == .zipContainer {
            return declared == .docx || declared == .odt ? declared : .zipContainer
        }
        return sniffed
    }

    package static func fileExtension(_ fileName: String?) -> String? {
        guard let fileName, let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    private static func sniff(_ data: Data) -> DocumentKind? {
        let head = [UInt8](data.prefix(1024))
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zipContainer }
        if starts(Array("Rar!\u{1A}\u{07}".utf8)) || starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .archive }
        if starts([0xFF, 0xD8, 0xFF]) || starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .image }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        // Poppler accepts a header anywhere in the first kilobyte, after a mail gateway's junk.
        let marker = Array("%PDF-".utf8)
        if head.count >= marker.count,
           (0...(head.count - marker.count)).contains(where: { head[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            return .pdf
        }
        return nil
    }
}

extension DocumentKind {
    /// Whether these bytes are of a kind dondoc reads, whatever their label says.
    public static func canRead(_ data: Data, fileName: String?, mediaType: String) -> Bool {
        switch detect(data, fileName: fileName, mediaType: mediaType) {
        case .pdf, .docx, .odt, .archive, .image, .zipContainer: return true
        case .legacyOffice, .other: return false
        }
    }
}

extension DocumentKind {
    /// Office 97-2003 files (.doc, .xls, .ppt): documents a clerk would open, in a format
    /// dondoc does not read. Recorded as not read, so a person sees why the envelope decided.
    public static func isLegacyOffice(_ data: Data, fileName: String?, mediaType: String) -> Bool {
        detect(data, fileName: fileName, mediaType: mediaType) == .legacyOffice
    }

    public static let legacyOfficeDetail = "legacy Office 97-2003 file (.doc/.xls/.ppt): dondoc reads PDF, DOCX and ODT"
}
