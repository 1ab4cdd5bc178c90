@testable import DonDoc
import XCTest

final class BodyLinesTests: XCTestCase {
    func testLinesSplitAtLineFeedsWithoutTheirCarriageReturns() {
        XCTAssertEqual(BodyLines.top(of: "a\r\nb\n\nc", limit: 100), ["a", "b", "", "c"])
    }

    func testTheTopIsCutOnALetterBoundaryNeverInsideOne() {
        // "ệ" is three bytes: a limit inside it keeps the letter out, not half of it.
        XCTAssertEqual(BodyLines.top(of: "Điện Biên", limit: 5), ["Đi"])
        XCTAssertEqual(BodyLines.top(of: "ab\ncd", limit: 4), ["ab", "c"])
    }

    func testTrimmingLeavesInnerSpacesAndDropsNoBreakSpaces() {
        XCTAssertEqual("\u{00A0} Trân  trọng \t\r\n".trimmedWhitespace, "Trân  trọng")
        XCTAssertEqual("   ".trimmedWhitespace, "")
    }

    /// A body of one long paragraph line is read in its first bytes only and costs no
    /// folding; the signature after it is still found.
    func testSignatureAfterAVeryLongParagraphIsFound() {
        let paragraph = String(repeating: "Báo cáo giải trình về việc cấp giấy chứng nhận. ", count: 200)
        let body = paragraph + "\n\nTrân trọng,\nVăn thư UBND huyện Mường Nhé\n"
        XCTAssertEqual(AgencyDirectory.signatureLines(of: body), ["Văn thư UBND huyện Mường Nhé"])
    }
}
