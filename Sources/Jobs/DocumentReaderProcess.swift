import Documents
import Foundation

/// dondoc reads documents by running itself: `dondoc read-document` is the child that
/// opens one untrusted file under limits, so that the CLI needs no import of its own.
public enum DocumentReaderProcess {
    /// The first argument that makes a dondoc process the document reader's child.
    public static let command = "read-document"

    /// The child's whole run; returns its exit status.
    public static func runChild(arguments: [String]) -> Int32 {
        DocumentChild.run(arguments: arguments)
    }

    /// A reader that runs this very executable as its child.
    public static func ownExecutable() -> DocumentSandbox? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return DocumentSandbox(executable: URL(fileURLWithPath: path))
    }
}
