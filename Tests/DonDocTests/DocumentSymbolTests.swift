@testable import DonDoc
import XCTest

final class DocumentSymbolTests: XCTestCase {
    func testFindsSymbolAfterSoColon() {
        XCTAssertEqual(DocumentSymbol.find(in: "Số: 45/BC-STNMT"),
                       [DocumentSymbol(number: "45", kind: "BC", issuer: "STNMT")])
    }

    func testSymbolFieldsAndNormalisedText() throws {
        let symbol = try XCTUnwrap(DocumentSymbol.find(in: "số 12/BC-SKHĐT ngày 05/5/2020").first)
        XCTAssertEqual(symbol.number, "12")
        XCTAssertEqual(symbol.kind, "BC")
        XCTAssertEqual(symbol.issuer, "SKHĐT")
        XCTAssertEqual(symbol.text, "12/BC-SKHĐT")
    }

    func testDatesAreNotSymbols() {
        XCTAssertEqual(DocumentSymbol.find(in: "trước ngày 10/5/2020, từ 10/5-15/5, lúc 7:30"), [])
    }

    func testFindsEverySymbolInOrder() {
        let text = "Thực hiện Kế hoạch số 25/KH-HĐND, Sở gửi Báo cáo số 45/BC-STNMT và Tờ trình 7/TTr-STNMT."
        XCTAssertEqual(DocumentSymbol.find(in: text).map(\.text), ["25/KH-HĐND", "45/BC-STNMT", "7/TTr-STNMT"])
    }

    func testIssuerKeepsDraftingUnitParts() throws {
        let symbol = try XCTUnwrap(DocumentSymbol.find(in: "Báo cáo số 88/BC-UBND-TNMT").first)
        XCTAssertEqual(symbol.kind, "BC")
        XCTAssertEqual(symbol.issuer, "UBND-TNMT")
        XCTAssertEqual(symbol.text, "88/BC-UBND-TNMT")
    }

    func testOfficialLetterWithoutKindHasEmptyKind() throws {
        let symbol = try XCTUnwrap(DocumentSymbol.find(in: "Công văn số 567/STNMT-VP V/v gửi báo cáo").first)
        XCTAssertEqual(symbol.kind, "")
        XCTAssertEqual(symbol.issuer, "STNMT-VP")
        XCTAssertEqual(symbol.text, "567/STNMT-VP")
    }

    func testLegalDocumentCarriesItsYearInTheNumber() throws {
        let symbol = try XCTUnwrap(DocumentSymbol.find(in: "Quyết định số 12/2020/QĐ-UBND").first)
        XCTAssertEqual(symbol.number, "12/2020")
        XCTAssertEqual(symbol.kind, "QĐ")
        XCTAssertEqual(symbol.issuer, "UBND")
        XCTAssertEqual(symbol.text, "12/2020/QĐ-UBND")
    }

    func testMixedCaseKindsAreKeptInTheirOfficialForm() {
        XCTAssertEqual(DocumentSymbol.find(in: "03/TTR-SNV").first?.kind, "TTr")
        XCTAssertEqual(DocumentSymbol.find(in: "03/CTr-SNV").first?.kind, "CTr")
    }

    func testLowerCaseSymbolIsNormalisedToCapitals() {
        XCTAssertEqual(DocumentSymbol.find(in: "gui bao cao 45/bc-stnmt").map(\.text), ["45/BC-STNMT"])
    }

    func testEnDashInsideSymbolIsReadAsHyphen() {
        XCTAssertEqual(DocumentSymbol.find(in: "Số: 45/BC–STNMT").map(\.text), ["45/BC-STNMT"])
    }

    func testSymbolWrittenInNFDIsFound() {
        let nfd = "Số: 12/BC-SKHĐT".decomposedStringWithCanonicalMapping
        XCTAssertEqual(DocumentSymbol.find(in: nfd).map(\.text), ["12/BC-SKHĐT"])
    }

    func testFindsSymbolInHyphenatedFileName() {
        XCTAssertEqual(DocumentSymbol.find(in: "45-BC-STNMT.pdf"),
                       [DocumentSymbol(number: "45", kind: "BC", issuer: "STNMT")])
    }

    func testFindsSymbolInUnderscoredFileName() {
        XCTAssertEqual(DocumentSymbol.find(in: "45_BC_STNMT.docx").map(\.text), ["45/BC-STNMT"])
    }

    func testFileNameTitleWordsAreNotPartOfTheIssuer() {
        XCTAssertEqual(DocumentSymbol.find(in: "45_BC_STNMT_bao_cao_giai_trinh.pdf").map(\.text), ["45/BC-STNMT"])
        XCTAssertEqual(DocumentSymbol.find(in: "45-BC-STNMT-VP.pdf").map(\.text), ["45/BC-STNMT-VP"])
    }

    func testFileNameWithYearAndAsciiKind() {
        XCTAssertEqual(DocumentSymbol.find(in: "12_2020_QD_UBND.pdf").map(\.text), ["12/2020/QĐ-UBND"])
    }

    func testFileNameWithoutKnownKindIsNotASymbol() {
        XCTAssertEqual(DocumentSymbol.find(in: "2020-bao-cao-giai-trinh.pdf"), [])
        XCTAssertEqual(DocumentSymbol.find(in: "phu-luc-1-2020.xlsx"), [])
    }

    func testNumberFollowedByAnotherNumberDoesNotHideTheSymbol() {
        XCTAssertEqual(DocumentSymbol.find(in: "phu-luc-1-BC-45-BC-STNMT.pdf").map(\.text), ["45/BC-STNMT"])
    }

    func testSameSymbolTwiceIsReportedOnce() {
        XCTAssertEqual(DocumentSymbol.find(in: "45/BC-STNMT, xem tệp 45-BC-STNMT.pdf").map(\.text), ["45/BC-STNMT"])
    }

    func testTextWithoutSymbolsFindsNothing() {
        XCTAssertEqual(DocumentSymbol.find(in: "Kính gửi Văn phòng HĐND tỉnh, Sở TN&MT gửi báo cáo. COVID-19, 24/7"), [])
    }
}

/// Text is handed to the symbol patterns only when a digit stands before a slash, a
/// hyphen or an underscore; whatever the patterns can match must pass that test.
final class SymbolPrefilterTests: XCTestCase {
    func testEverySymbolShapePassesThePrefilter() {
        for text in ["45/BC-STNMT", "12/2020/QĐ-UBND", "45-BC-STNMT.pdf", "45_BC_STNMT.docx", "45\u{2013}BC\u{2013}STC.pdf",
                     "\u{FF14}\u{FF15}/BC-STC", "\u{0664}\u{0665}/BC-STC"] {
            XCTAssertTrue(DocumentSymbol.mayHoldSymbol(text), text)
        }
    }

    func testTextWithoutADigitBeforeASeparatorHoldsNoSymbol() {
        XCTAssertFalse(DocumentSymbol.mayHoldSymbol("Báo cáo giải trình về việc cấp giấy chứng nhận, năm 2020."))
        XCTAssertTrue(DocumentSymbol.find(in: "Báo cáo giải trình BC-STC năm 2020.").isEmpty)
    }
}

extension DocumentSymbolTests {
    /// Symbols are searched line by line: on CRLF and LF lines alike, each is found where it
    /// stands in the whole text, in order, and a line without one is not searched.
    func testSymbolsOnSeveralLinesAreFoundWhereTheyStandInTheWholeText() throws {
        let text = "Kính gửi: Thường trực HĐND tỉnh\r\nSố: 45/BC-STNMT\r\nTệp 12_2020_QD_UBND.pdf\nvà 567/STNMT-VP ngày 6/5"
        let found = DocumentSymbol.occurrences(in: text.nfc)
        XCTAssertEqual(found.map(\.symbol.text), ["45/BC-STNMT", "12/2020/QĐ-UBND", "567/STNMT-VP"])
        XCTAssertEqual(found.map { String(text.nfc[$0.range]) }, ["45/BC-STNMT", "12_2020_QD_UBND", "567/STNMT-VP"])
    }
}
