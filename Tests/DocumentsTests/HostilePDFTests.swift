@testable import DocumentReaders
import Documents
import XCTest

/// The real reader, in its sandbox, on PDFs made to exhaust it (scripts/make-hostile-pdfs.py).
/// No timings are asserted: what is pinned is which limit answered and what the reading says.
final class HostilePDFTests: XCTestCase {
    private func readInSandbox(_ name: String, limits: DocumentLimits) -> DocumentReading {
        DocumentSandbox(executable: ReaderExecutable.url, limits: limits)
            .read(DocumentFixtures.data(name), fileName: name, mediaType: "application/pdf", trustedCAFile: nil)
    }

    /// 18 KB that inflate twice into 2 GiB of text operators: Poppler's text layer would take
    /// minutes of CPU and then more memory than the limit. Nothing stops it but RLIMIT_CPU,
    /// set by the real reader on itself: the wall limit is left far beyond it.
    func testTextBombIsStoppedByTheReadersCPULimit() {
        let reading = readInSandbox("hostile-text-bomb.pdf", limits: DocumentLimits(cpuSeconds: 2, wallSeconds: 60))
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader used its 2 s of CPU (the CPU limit) and was stopped by SIGXCPU")
    }

    /// A 14400 × 14400 pt page without text goes to OCR; drawn at 300 dpi it would be 13 GiB.
    /// The reader draws it at no more than 17.5 million pixels instead (4183 × 4183, 70 MB), so
    /// under the ordinary limits it is read, found blank, and says so.
    func testHugePageIsDrawnSmallerAndFoundBlankWithinTheOrdinaryLimits() {
        let reading = readInSandbox("hostile-huge-page.pdf", limits: DocumentLimits())
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.method, "ocr-pdf")
        XCTAssertEqual(reading.pageCount, 1)
        XCTAssertEqual(reading.detail, "OCR found no text on the page")
    }

    /// The same page under a memory limit too small for its 70 MB drawing: RLIMIT_AS, set by
    /// the real reader on itself, makes the allocation fail, and the reading says it was memory
    /// (Cairo's own failure, or the sandbox's reading of the libraries' last words).
    func testHugePageUnderATightMemoryLimitIsUnreadableForLackOfMemory() {
        let reading = readInSandbox("hostile-huge-page.pdf", limits: DocumentLimits(memoryBytes: 160 << 20))
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertTrue(reading.detail?.contains("out of memory") ?? false, reading.detail ?? "nil")
    }

    func testHostileFixturesAreWhatTheyClaim() throws {
        let bomb = DocumentFixtures.data("hostile-text-bomb.pdf")
        XCTAssertLessThan(bomb.count, 64 << 10, "small enough to pass every size check")
        XCTAssertNotNil(bomb.firstRange(of: Data("/Filter [/FlateDecode /FlateDecode]".utf8)))
        let page = String(decoding: DocumentFixtures.data("hostile-huge-page.pdf"), as: UTF8.self)
        XCTAssertTrue(page.contains("/MediaBox [0 0 14400 14400]"))
    }
}
