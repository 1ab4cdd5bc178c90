import CTesseract
@testable import DocumentReaders
import Documents
import TestSupport
import XCTest

/// Tesseract (with Leptonica), libarchive and libcrypto are opened only by the documents that
/// need them: a reader started for a text PDF must not pay for the others, and a machine
/// without Tesseract still reads text.
final class LazyLibraryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-lazy")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The libraries the real reader loaded while reading `fixture`, as the dynamic loader
    /// itself lists them (LD_DEBUG=files), and its answer.
    private func loadedLibraries(reading fixture: String, arguments: [String] = []) throws -> (libraries: Set<String>, reading: DocumentReading) {
        let answer = folder.appendingPathComponent("answer.json"), trace = folder.appendingPathComponent("trace")
        _ = FileManager.default.createFile(atPath: answer.path, contents: nil)
        _ = FileManager.default.createFile(atPath: trace.path, contents: nil)
        let process = Process()
        process.executableURL = ReaderExecutable.url
        process.arguments = ["--type", "application/octet-stream", "--name", fixture] + arguments
        process.environment = ["LD_DEBUG": "files", "SWIFT_BACKTRACE": "enable=no", "OMP_THREAD_LIMIT": "1"]
        process.standardInput = try FileHandle(forReadingFrom: DocumentFixtures.url(fixture))
        process.standardOutput = try FileHandle(forWritingTo: answer)
        process.standardError = try FileHandle(forWritingTo: trace)
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        // "     123:\tfile=libtesseract.so.5 [0];  dynamically loaded by ..."
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
        let libraries = Set(lines.compactMap { line -> String? in
            guard let start = line.range(of: "file=") else { return nil }
            return line[start.upperBound...].split(separator: " ").first.map(String.init)
        })
        return (libraries, try DocumentJSON.decoder.decode(DocumentReading.self, from: Data(contentsOf: answer)))
    }

    func testReadingATextPDFLoadsNeitherTesseractNorLibarchiveNorLibcrypto() throws {
        let (libraries, reading) = try loadedLibraries(reading: "report-stc-text-layer.pdf")
        XCTAssertEqual(reading.method, "pdf-text")
        XCTAssertTrue(libraries.contains("libpoppler-glib.so.8"), "the loader's trace names what it loads: \(libraries.sorted())")
        for unwanted in ["libtesseract.so.5", "liblept.so.5", "libcurl.so.4", "libgomp.so.1", "libarchive.so.13", "libcrypto.so.3"] {
            XCTAssertFalse(libraries.contains(unwanted), "\(unwanted) loaded for a text PDF")
        }
    }

    func testAScanLoadsTesseractWhenItNeedsOCR() throws {
        let (libraries, reading) = try loadedLibraries(reading: "report-tua-chua-scanned.pdf")
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-pdf")
        XCTAssertTrue(libraries.contains("libtesseract.so.5"), "\(libraries.sorted())")
    }

    func testADOCXLoadsLibarchiveButNotTesseract() throws {
        let (libraries, reading) = try loadedLibraries(reading: "report-skhdt.docx")
        XCTAssertEqual(reading.method, "docx")
        XCTAssertTrue(libraries.contains("libarchive.so.13"), "\(libraries.sorted())")
        XCTAssertFalse(libraries.contains("libtesseract.so.5"))
    }

    func testASignedPDFWithATrustedCALoadsLibcryptoToCheckTheChain() throws {
        let (libraries, reading) = try loadedLibraries(reading: "signed-stnmt.pdf", arguments: ["--trusted-ca", DocumentFixtures.testCA])
        XCTAssertEqual(reading.signatures.first?.certificateTrusted, true)
        XCTAssertTrue(libraries.contains("libcrypto.so.3"), "\(libraries.sorted())")
    }

    func testWithoutTesseractScansAndPhotosAreUnreadableWithTheReasonAndTextPDFsStillRead() throws {
        let absent = "libdondoc-no-such-tesseract.so.5"
        try OCR.$libraryName.withValue(absent) {
            let scan = DocumentReader.read(DocumentFixtures.data("report-tua-chua-scanned.pdf"), fileName: "scan.pdf",
                                           mediaType: "application/pdf", trustedCAFile: nil)
            XCTAssertEqual(scan.status, .unreadable)
            XCTAssertEqual(scan.method, "ocr-pdf")
            XCTAssertEqual(scan.pageCount, 1, "Poppler still counted the pages")
            let detail = try XCTUnwrap(scan.detail)
            XCTAssertTrue(detail.hasPrefix("Tesseract could not be loaded (\(absent): cannot open shared object file"), detail)
            XCTAssertTrue(detail.hasSuffix("install libtesseract5 to read scans and photos"), detail)

            let photo = DocumentReader.read(DocumentFixtures.data("report-tua-chua-scan.png"), fileName: "scan.png",
                                            mediaType: "image/png", trustedCAFile: nil)
            XCTAssertEqual(photo.status, .unreadable)
            XCTAssertEqual(photo.method, "ocr-image")
            XCTAssertEqual(photo.detail, detail)

            let text = DocumentReader.read(DocumentFixtures.data("report-stc-text-layer.pdf"), fileName: "report.pdf",
                                           mediaType: "application/pdf", trustedCAFile: nil)
            XCTAssertEqual(text.status, .read)
            XCTAssertEqual(text.method, "pdf-text")
        }
    }

    func testALibraryLackingAFunctionIsRefusedWithItsName() {
        // libc opens, but is no Tesseract: the first function looked up is missing.
        var error = [CChar](repeating: 0, count: 256)
        XCTAssertNil(dondoc_ocr_library_open("libc.so.6", &error, error.count))
        XCTAssertEqual(String(decoding: error.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self),
                       "libc.so.6 has no TessBaseAPICreate")
    }
}
