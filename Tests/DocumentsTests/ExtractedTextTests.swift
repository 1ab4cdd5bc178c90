import Documents
@testable import DocumentReaders
import XCTest

final class ExtractedTextTests: XCTestCase {
    func testTidyComposesTrimsAndKeepsAtMostOneBlankLine() {
        let raw = "\n\n  UBND TI\u{0309}NH  \r\nSo\u{031B}\u{0309} TÀI CHÍNH\t\n\n\n\nSố: 1\u{0C}trang 2\n\n"
        XCTAssertEqual(ExtractedText.tidy(raw), "  UBND TỈNH\nSở TÀI CHÍNH\n\nSố: 1\ntrang 2")
    }

    func testTextIsCutAtTheLimitOnAWholeCharacterAndPreferablyALineEnd() {
        let line = String(repeating: "Điện Biên ", count: 10) + "\n"
        let text = ExtractedText.tidy(String(repeating: line, count: 400))
        XCTAssertLessThanOrEqual(text.utf8.count, DocumentReading.textLimit)
        XCTAssertGreaterThan(text.utf8.count, DocumentReading.textLimit * 3 / 4)
        XCTAssertTrue(text.hasSuffix("Điện Biên"), String(text.suffix(30)))

        let oneLine = String(repeating: "ệ", count: 20_000)
        let cut = ExtractedText.tidy(oneLine)
        XCTAssertLessThanOrEqual(cut.utf8.count, DocumentReading.textLimit)
        XCTAssertTrue(cut.allSatisfy { $0 == "ệ" })
    }
}
