@testable import DocumentReaders
import Documents
import XCTest

final class OfficeReadingTests: XCTestCase {
    func testDOCXHeaderTableGivesLeftCellLinesThenRightCellLines() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-skhdt.docx"), fileName: "report-skhdt.docx",
                                          mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                          trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(reading.method, "docx")
        XCTAssertLinesInOrder(reading.text, [
            "UBND TỈNH ĐIỆN BIÊN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 38/BC-SKHĐT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Điện Biên, ngày 05 tháng 5 năm 2020",
            "BÁO CÁO", "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
        ])
        XCTAssertEqual(reading.text.components(separatedBy: "\n").first, "UBND TỈNH ĐIỆN BIÊN")
        // &amp; in the XML is an ampersand in the text.
        XCTAssertTrue(reading.text.contains("85% & không"), reading.text)
    }

    func testODTHeaderTableGivesLeftCellLinesThenRightCellLines() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-snv.odt"), fileName: "report-snv.odt",
                                          mediaType: "application/vnd.oasis.opendocument.text", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(reading.method, "odt")
        XCTAssertLinesInOrder(reading.text, [
            "UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ", "Số: 27/BC-SNV",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Điện Biên, ngày 07 tháng 5 năm 2020",
            "BÁO CÁO", "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
        ])
        XCTAssertTrue(reading.text.contains("85% & không"), reading.text)
    }

    func testDOCXSentAsOctetStreamWithoutExtensionIsStillADOCX() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-skhdt.docx"), fileName: "bao cao",
                                          mediaType: "application/octet-stream", trustedCAFile: nil)
        XCTAssertEqual(reading.method, "docx")
        XCTAssertTrue(reading.text.contains("38/BC-SKHĐT"))
    }

    func testODTSentAsZipIsStillAnODT() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-snv.odt"), fileName: "bao-cao.zip",
                                          mediaType: "application/zip", trustedCAFile: nil)
        XCTAssertEqual(reading.method, "odt")
    }

    func testDOCXWithoutItsBodyIsUnreadable() {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: "fake.docx",
                                          mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                          trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertTrue(reading.detail?.contains("word/document.xml") ?? false, reading.detail ?? "nil")
    }

    func testLegacyWordDocIsUnsupported() {
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        ole.append(Data(repeating: 0, count: 504))
        let reading = DocumentReader.read(ole, fileName: "bao-cao.doc", mediaType: "application/msword", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unsupported)
        XCTAssertEqual(reading.method, "")
        XCTAssertTrue(reading.detail?.contains(".doc") ?? false, reading.detail ?? "nil")
    }

    func testPlainTextIsUnsupportedAndNamesItsKind() {
        let reading = DocumentReader.read(Data("Kính gửi".utf8), fileName: "ghi-chu.txt", mediaType: "text/plain", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unsupported)
        XCTAssertTrue(reading.detail?.contains(".txt") ?? false)
    }
}
