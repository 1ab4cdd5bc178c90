import Foundation
import TestSupport
import XCTest

/// The committed files of Tests/Fixtures/documents (made by scripts/make-document-fixtures.sh).
enum DocumentFixtures {
    static let directory = Fixtures.directory.appendingPathComponent("documents", isDirectory: true)

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func data(_ name: String) -> Data { Fixtures.data("documents/\(name)") }

    static var testCA: String { url("test-ca.pem").path }
    static var otherCA: String { url("other-ca.pem").path }
}

/// The development executable `dondoc-read-document`, built beside the test bundle.
enum ReaderExecutable {
    static var url: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("dondoc-read-document") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}

extension String {
    /// Lower case, no tone marks or diacritics, đ as d, runs of white space as one space:
    /// what OCR output can be compared on.
    var folded: String {
        let stripped = decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x300...0x36F).contains($0.value) }
        let plain = String(String.UnicodeScalarView(stripped)).lowercased()
            .replacingOccurrences(of: "đ", with: "d")
        return plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Folded, and without any space at all: OCR splits and joins words at will.
    var squeezed: String { folded.replacingOccurrences(of: " ", with: "") }
}

func XCTAssertLinesInOrder(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let lines = text.components(separatedBy: "\n")
    var from = 0
    for wanted in expected {
        guard let found = lines[from...].firstIndex(where: { $0 == wanted }) else {
            XCTFail("line \"\(wanted)\" missing after line \(from) in:\n\(text)", file: file, line: line)
            return
        }
        from = found + 1
    }
}
