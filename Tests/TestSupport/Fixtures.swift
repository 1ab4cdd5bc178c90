import Foundation

/// The real `.eml` files under Tests/Fixtures, found from this source file's own path so that
/// tests run the same from any working directory and need no bundle resources.
public enum Fixtures {
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures", isDirectory: true)

    public static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// The fixture's bytes; a missing fixture is a broken checkout, so it stops the test run
    /// with the path it looked for.
    public static func data(_ name: String) -> Data {
        do {
            return try Data(contentsOf: url(name))
        } catch {
            fatalError("fixture \(name) not readable at \(url(name).path): \(error)")
        }
    }
}
