@testable import DonDoc
import XCTest

/// `fold` takes a short way for ASCII and the Vietnamese letters; it must give what
/// decomposing the whole text gives, for every character and for text mixing them.
final class FoldEquivalenceTests: XCTestCase {
    func testFoldEqualsDecomposingForEveryCharacterOfTheBasicPlanes() {
        var differing: [String] = []
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x\(Character(scalar))y \(Character(scalar))"
            if VietnameseText.fold(text) != VietnameseText.foldByDecomposition(text) {
                differing.append(String(value, radix: 16))
            }
        }
        XCTAssertEqual(differing, [])
    }

    func testFoldEqualsDecomposingForMixedNames() {
        let names = [
            "Sở Nông nghiệp và Phát triển nông thôn", "SỞ TN & MT", "UBND H. Điện Biên Đông",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐIỆN BIÊN PHỦ", "Sở KH&ĐT", "ＴＮ＆ＭＴ",
            "Ðiện Biên", "Ủy ban nhân dân huyện Tủa Chùa".decomposedStringWithCanonicalMapping,
            "Công ty cổ phần Cao su Điện Biên", "  -- trích yếu: V/v báo cáo (số 45/BC-UBND)  ",
        ]
        for name in names {
            XCTAssertEqual(VietnameseText.fold(name), VietnameseText.foldByDecomposition(name), name)
        }
    }

    func testEveryVietnameseLetterFoldsToItsBase() {
        XCTAssertEqual(VietnameseText.fold("ẮẰẲẴẶ ĐƯỜNG ƠN Ỹ"), "aaaaa duong on y")
        XCTAssertEqual(VietnameseText.vietnameseBase.count, 134)
    }
}
