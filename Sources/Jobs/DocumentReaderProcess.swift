import Documents
import Foundation

/// Where dondoc finds `dondoc-read-document`, the child that opens one untrusted file
/// under limits. It is a program of its own so that dondoc itself links none of the
/// document libraries (Poppler, Tesseract, OpenSSL), whose loading every run would pay.
public enum DocumentReaderProcess {
    public static let executableName = "dondoc-read-document"

    /// Beside dondoc (a build folder, or both in /usr/local/bin), else in the libexec
    /// folder `make install` puts it in; `DONDOC_READER` names it outright.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let named = environment["DONDOC_READER"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? URL(fileURLWithPath: named) : nil
        }
        guard let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let folder = URL(fileURLWithPath: own).deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent(executableName),
            folder.deletingLastPathComponent().appendingPathComponent("libexec/dondoc/\(executableName)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// What `check` and `poll` say when the reader cannot be found (exit 78).
    public static var missing: JobError {
        .config(.other("\(executableName) is not beside dondoc nor in ../libexec/dondoc: attached documents "
            + "could not be read; reinstall with make install"))
    }

    /// The sandbox poll reads documents with, or nil when the reader is not installed.
    public static func sandbox() -> DocumentSandbox? {
        locate().map { DocumentSandbox(executable: $0) }
    }
}
