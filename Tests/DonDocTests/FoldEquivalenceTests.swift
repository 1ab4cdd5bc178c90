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

    /// `words` splits folded Vietnamese on its bytes; it must split as String splits
    /// characters, for every character (a prepended mark can hold a space in one).
    func testWordsSplitAsCharactersSplitForEveryCharacterOfTheBasicPlanes() {
        var differing: [String] = []
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x\(Character(scalar)) y  \(Character(scalar))z & \(Character(scalar))"
            if VietnameseText.words(text) != VietnameseText.fold(text).split(separator: " ").map(String.init) {
                differing.append(String(value, radix: 16))
            }
        }
        XCTAssertEqual(differing, [])
        XCTAssertEqual(VietnameseText.words("\u{D4E} Sở"), ["\u{D4E} so"])
    }

    /// Forms are looked up only for words `startsAForm` admits: it must admit each first word.
    func testEveryLongFormIsLookedUpByItsFirstWord() {
        for form in VietnameseText.equivalentForms {
            XCTAssertTrue(VietnameseText.startsAForm(form.written[0]), form.written.joined(separator: " "))
        }
        XCTAssertEqual(VietnameseText.nameWords("Ủy ban nhân dân Thành phố Điện Biên Phủ"), ["ubnd", "tp", "dien", "bien", "phu"])
    }

    /// NFC skips the normalizer by reading UTF-8 bytes; the bytes must say what the
    /// scalars say, for every scalar (the astral planes included) and mixed text.
    func testComposedVietnameseIsReadFromBytesAsFromScalars() {
        var differing: [String] = []
        let values = Array(UInt32(0)...0xFFFF) + Array(stride(from: UInt32(0x10000), through: 0x10FFFF, by: 0x3FF))
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "Sở \(String(scalar)) Điện"
            let scalarsSay = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
            if text.isComposedVietnamese != scalarsSay { differing.append(String(value, radix: 16)) }
        }
        XCTAssertEqual(differing, [])
        let nfd = "Tủa Chùa".decomposedStringWithCanonicalMapping
        XCTAssertEqual(Array(nfd.nfc.unicodeScalars), Array("Tủa Chùa".unicodeScalars))
    }
}
