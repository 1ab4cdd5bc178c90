import CArchive
import CPoppler
import Documents
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Walks the entries of a zip, RAR or 7z held in memory with libarchive, handing out each
/// regular file's name and, on request, its bytes up to a cap: a zip bomb costs `cap` bytes.
enum ArchiveWalk {
    struct Entry {
        /// As stored (folders included), decoded to UTF-8.
        var path: String
        var encrypted: Bool
    }

    enum Contents {
        case whole(Data)
        /// The entry went past the cap: its first `cap` bytes.
        case tooLarge(prefix: Data)
        case failed(String)
    }

    /// What the visitor wants done with an entry.
    enum Decision {
        case skip
        case read
        case stop
    }

    /// Visits regular files in archive order. `visit` is called with the entry; when it says
    /// `.read`, `receive` gets the bytes. Returns nil when the walk finished, or why it broke
    /// off (a damaged archive, an unknown format).
    static func walk(_ data: Data, formats: Formats, cap: Int,
                     visit: (Entry) -> Decision, receive: (Entry, Contents) -> Void) -> String? {
        let lib: dondoc_archive_library
        switch library() {
        case let .success(opened): lib = opened
        case let .failure(missing): return missing.detail
        }
        let locale = UTF8Locale()
        // The thread's locale is restored when `locale` goes, so it must last the whole walk.
        return withExtendedLifetime(locale) { data.withUnsafeBytes { bytes -> String? in
            guard let base = bytes.baseAddress, let archive = lib.archive_read_new() else { return "libarchive did not start" }
            defer { _ = lib.archive_read_free(archive) }
            formats.enable(on: archive, lib)
            guard lib.archive_read_open_memory(archive, base, bytes.count) == DONDOC_ARCHIVE_OK else {
                return message(archive, lib, or: "not an archive libarchive knows")
            }
            var entryPointer: OpaquePointer?
            while true {
                let status = lib.archive_read_next_header(archive, &entryPointer)
                if status == DONDOC_ARCHIVE_EOF { return nil }
                guard status == DONDOC_ARCHIVE_OK || status == DONDOC_ARCHIVE_WARN, let entryPointer else {
                    return message(archive, lib, or: "damaged archive")
                }
                guard lib.archive_entry_filetype(entryPointer) == DONDOC_AE_IFREG else { continue }
                let entry = Entry(path: path(of: entryPointer, lib), encrypted: lib.archive_entry_is_encrypted(entryPointer) != 0)
                switch locale.outside({ visit(entry) }) {
                case .stop: return nil
                case .skip: continue
                case .read:
                    let contents = readData(archive, lib, cap: cap)
                    locale.outside { receive(entry, contents) }
                }
            }
        } }
    }

    /// libarchive, opened on first use (CArchive.h says why).
    static func library() -> Result<dondoc_archive_library, LibraryMissing> {
        var error: UnsafePointer<CChar>?
        guard let shared = dondoc_archive_library_shared(&error) else {
            let reason = error.map { String(cString: $0) } ?? DONDOC_ARCHIVE_SONAME
            return .failure(LibraryMissing(detail: "libarchive could not be loaded (\(reason)); install libarchive13 to read DOCX, ODT and archives"))
        }
        return .success(shared.pointee)
    }

    struct LibraryMissing: Error {
        let detail: String
    }

    /// The first entry whose path is `name`, up to `cap` bytes: how DOCX and ODT parts are found.
    static func member(_ name: String, in data: Data, cap: Int) -> Contents? {
        var found: Contents?
        let failure = walk(data, formats: .zip, cap: cap,
                           visit: { found != nil ? .stop : $0.path == name ? .read : .skip },
                           receive: { _, contents in found = contents })
        if let found { return found }
        return failure.map { .failed($0) }
    }

    struct Formats: OptionSet {
        let rawValue: Int
        static let zip = Formats(rawValue: 1)
        static let rar = Formats(rawValue: 2)
        static let sevenZip = Formats(rawValue: 4)
        static let all: Formats = [.zip, .rar, .sevenZip]

        fileprivate func enable(on archive: OpaquePointer, _ lib: dondoc_archive_library) {
            // Seekable zip reads the central directory, which is where sizes and UTF-8 names
            // are reliable (entries written with data descriptors have neither up front).
            if contains(.zip) { _ = lib.archive_read_support_format_zip_seekable(archive) }
            if contains(.rar) {
                _ = lib.archive_read_support_format_rar(archive)
                _ = lib.archive_read_support_format_rar5(archive)
            }
            if contains(.sevenZip) {
                _ = lib.archive_read_support_format_7zip(archive)
                _ = lib.archive_read_support_filter_all(archive)
            }
        }
    }

    private static func readData(_ archive: OpaquePointer, _ lib: dondoc_archive_library, cap: Int) -> Contents {
        var data = Data()
        let chunk = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { lib.archive_read_data(archive, $0.baseAddress!, chunk) }
            if count == 0 { return .whole(data) }
            if count < 0 { return .failed(message(archive, lib, or: "damaged entry")) }
            if data.count + count > cap {
                data.append(contentsOf: buffer[0..<(cap - data.count)])
                return .tooLarge(prefix: data)
            }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// libarchive converts names to the locale's charset, which under the C locale of a cron job
    /// fails for Vietnamese; the UTF-8 accessor avoids that. Windows' own zip writes names in
    /// the OEM code page with no flag: for Vietnamese that is windows-1258.
    private static func path(of entry: OpaquePointer, _ lib: dondoc_archive_library) -> String {
        if let utf8 = lib.archive_entry_pathname_utf8(entry) { return String(cString: utf8) }
        guard let raw = lib.archive_entry_pathname(entry) else { return "" }
        let bytes = Array(UnsafeBufferPointer(start: raw, count: strlen(raw))).map { UInt8(bitPattern: $0) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return fromWindows1258(raw) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// libarchive converts names through the locale's character set, and a cron job's C
    /// locale has none for Vietnamese: names came back empty. A UTF-8 locale for this thread
    /// only, and only while libarchive runs; the readers called back for each entry run in
    /// the process's own locale again (Tesseract insists on "C").
    private final class UTF8Locale {
        private let utf8: locale_t?
        private let previous: locale_t?

        init() {
            utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
            previous = utf8.map { uselocale($0) } ?? nil
        }

        deinit {
            if let previous { uselocale(previous) }
            if let utf8 { freelocale(utf8) }
        }

        func outside<T>(_ body: () -> T) -> T {
            guard let previous, let utf8 else { return body() }
            uselocale(previous)
            defer { uselocale(utf8) }
            return body()
        }
    }

    private static func fromWindows1258(_ raw: UnsafePointer<CChar>) -> String? {
        guard let converted = g_convert(raw, -1, "UTF-8", "WINDOWS-1258", nil, nil, nil) else { return nil }
        defer { g_free(converted) }
        return String(cString: converted)
    }

    private static func message(_ archive: OpaquePointer, _ lib: dondoc_archive_library, or fallback: String) -> String {
        guard let text = lib.archive_error_string(archive) else { return fallback }
        return String(cString: text)
    }
}
