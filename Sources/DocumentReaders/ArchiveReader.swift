import Documents
import Foundation

/// Zip, RAR and 7z attachments: every file inside is listed with its size and hash, and the
/// documents among them are read as if they had been attached on their own.
enum ArchiveReader {
    /// Enough for a report and its annexes; an archive of hundreds of files is not a report.
    static let maxEntries = 20

    static func read(_ data: Data, trustedCAFile: String?, budget: ReadingBudget, entryCap: Int) -> DocumentReading {
        if case let .failure(missing) = ArchiveWalk.library() { return .unreadable(missing.detail, method: "archive") }
        var contents: [ArchivedDocument] = []
        let failure = ArchiveWalk.walk(data, formats: .all, cap: entryCap, visit: { entry in
            if contents.count >= maxEntries { return .stop }
            return isClutter(entry.path) ? .skip : .read
        }, receive: { entry, result in
            let name = baseName(entry.path)
            switch result {
            case let .whole(bytes):
                let reading = budget.exhausted
                    ? .unreadable("not read: the time for this archive ran out")
                    : DocumentReader.read(bytes, fileName: name, mediaType: "", trustedCAFile: trustedCAFile,
                                          budget: budget, entryCap: entryCap, insideArchive: true)
                contents.append(ArchivedDocument(name: name, size: bytes.count, sha256: Checksum.sha256Hex(bytes), reading: reading))
            case let .tooLarge(prefix):
                contents.append(ArchivedDocument(
                    name: name, size: prefix.count, sha256: "",
                    reading: .unreadable("larger than \(entryCap >> 20) MiB uncompressed: not read")))
            case let .failed(reason):
                let detail = entry.encrypted ? "encrypted: it needs a password" : "damaged entry: \(reason)"
                contents.append(ArchivedDocument(name: name, size: 0, sha256: "", reading: .unreadable(detail)))
            }
        })
        if contents.isEmpty {
            return .unreadable(failure.map { "damaged archive: \($0)" } ?? "the archive holds no files", method: "archive")
        }
        return DocumentReading(status: .read, method: "archive", contents: contents)
    }

    /// The last component of a stored path, whichever separator the archiver used; a name
    /// that climbs out (`../x.pdf`) keeps only `x.pdf`.
    static func baseName(_ path: String) -> String {
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            .filter { $0 != "." && $0 != ".." && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return components.last.map { ExtractedText.nfc(String($0)) } ?? "unnamed"
    }

    /// What archivers add on their own: macOS resource forks and Finder and Explorer caches.
    private static func isClutter(_ path: String) -> Bool {
        let name = baseName(path)
        return path.hasPrefix("__MACOSX/") || path.contains("/__MACOSX/") || name == ".DS_Store"
            || name.lowercased() == "thumbs.db" || name.lowercased() == "desktop.ini" || name.hasPrefix("._")
    }
}
