import DonDoc
import XCTest

final class VietnameseTextTests: XCTestCase {
    func testFoldRemovesToneMarksAndLowerCases() {
        XCTAssertEqual(VietnameseText.fold("Sở Tài nguyên và Môi trường"), "so tai nguyen va moi truong")
        XCTAssertEqual(VietnameseText.fold("TUẦN GIÁO"), "tuan giao")
    }

    func testFoldRemovesEveryVietnameseDiacritic() {
        // Circumflex, breve, horn and all five tones, upper and lower case.
        XCTAssertEqual(VietnameseText.fold("ă â ê ô ơ ư ắ ằ ẳ ẵ ặ ấ ề ổ ỡ ự Ữ Ở Ẫ Ặ"),
                       "a a e o o u a a a a a a e o o u u o a a")
    }

    func testFoldMapsDStrokeToD() {
        XCTAssertEqual(VietnameseText.fold("Đầu tư đô thị"), "dau tu do thi")
        XCTAssertEqual(VietnameseText.fold("ĐIỆN BIÊN ĐÔNG"), "dien bien dong")
    }

    func testFoldMapsEthLookalikeOfLegacyConvertersToD() {
        // Some converters from TCVN3/VNI write Đ as U+00D0 (Ð).
        XCTAssertEqual(VietnameseText.fold("\u{00D0}iện Biên"), "dien bien")
    }

    func testFoldIsTheSameForNFCAndNFD() {
        let nfc = "Huyện Mường Ảng, Nậm Pồ, Tủa Chùa".precomposedStringWithCanonicalMapping
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.unicodeScalars), Array(nfd.unicodeScalars))
        XCTAssertEqual(VietnameseText.fold(nfd), VietnameseText.fold(nfc))
        XCTAssertEqual(VietnameseText.fold(nfd), "huyen muong ang nam po tua chua")
    }

    func testFoldOfTextWithoutDiacriticsEqualsFoldOfFullText() {
        XCTAssertEqual(VietnameseText.fold("UBND huyen Dien Bien Dong"), VietnameseText.fold("UBND huyện Điện Biên Đông"))
    }

    func testAmpersandJoinsItsNeighboursWithOrWithoutSpaces() {
        XCTAssertEqual(VietnameseText.fold("TN&MT"), "tnmt")
        XCTAssertEqual(VietnameseText.fold("TN & MT"), "tnmt")
        XCTAssertEqual(VietnameseText.fold("Sở TN &MT"), "so tnmt")
        XCTAssertEqual(VietnameseText.fold("Sở NN&PTNT"), "so nnptnt")
        XCTAssertEqual(VietnameseText.fold("Sở KH&ĐT"), "so khdt")
    }

    func testAmpersandAtTheEdgesLeavesNoSpace() {
        XCTAssertEqual(VietnameseText.fold("& TNMT &"), "tnmt")
    }

    func testFullWidthFormsFoldLikeAscii() {
        XCTAssertEqual(VietnameseText.fold("ＴＮ＆ＭＴ"), "tnmt")
    }

    func testPunctuationAndWhitespaceRunsBecomeOneSpaceAndAreTrimmed() {
        XCTAssertEqual(VietnameseText.fold("  Sở Thông tin - Truyền thông,\t(báo cáo)\n "), "so thong tin truyen thong bao cao")
        XCTAssertEqual(VietnameseText.fold("bao_cao__45-BC.pdf"), "bao cao 45 bc pdf")
    }

    func testFoldKeepsDigits() {
        XCTAssertEqual(VietnameseText.fold("Quý II/2020"), "quy ii 2020")
    }

    func testFoldOfEmptyAndPunctuationOnlyIsEmpty() {
        XCTAssertEqual(VietnameseText.fold(""), "")
        XCTAssertEqual(VietnameseText.fold(" -–/. "), "")
        XCTAssertEqual(VietnameseText.words("--"), [])
    }

    func testWordsSplitsTheFoldedText() {
        XCTAssertEqual(VietnameseText.words("Công ty CP Cao su Mường Nhé Điện Biên"),
                       ["cong", "ty", "cp", "cao", "su", "muong", "nhe", "dien", "bien"])
        XCTAssertEqual(VietnameseText.words("Sở TN & MT"), ["so", "tnmt"])
    }
}
