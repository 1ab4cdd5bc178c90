@testable import DocumentReaders
import Documents
import XCTest

final class PDFReadingTests: XCTestCase {
    func testTextLayerPDFGivesHeaderLinesInReadingOrder() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-stc-text-layer.pdf"), fileName: "report-stc-text-layer.pdf",
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(reading.method, "pdf-text")
        XCTAssertEqual(reading.pageCount, 1)
        XCTAssertNil(reading.detail)
        // The left cell's lines, then the right cell's, then the body: as a clerk reads it.
        XCTAssertLinesInOrder(reading.text, [
            "UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH", "Số: 112/BC-STC",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Điện Biên, ngày 06 tháng 5 năm 2020", "BÁO CÁO", "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
        ])
        XCTAssertTrue(reading.text.contains("Kết quả thực hiện"))
        XCTAssertTrue(reading.signatures.isEmpty)
    }

    func testTextIsNFCWithUnixLineEndsAndNoTrailingBlanks() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-stc-text-layer.pdf"), fileName: nil,
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.text, reading.text.precomposedStringWithCanonicalMapping)
        XCTAssertFalse(reading.text.contains("\r"))
        for line in reading.text.split(separator: "\n") {
            XCTAssertFalse(line.last?.isWhitespace ?? false, "trailing blank in \(line)")
        }
    }

    func testScannedPDFWithoutTextLayerIsReadByOCR() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-tua-chua-scanned.pdf"), fileName: "report-tua-chua-scanned.pdf",
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-pdf")
        XCTAssertEqual(reading.pageCount, 1)
        XCTAssertTrue(reading.text.folded.contains("tua chua"), reading.text)
        XCTAssertTrue(reading.text.squeezed.contains("09/bc"), reading.text)
        XCTAssertTrue(reading.text.folded.contains("bao cao"), reading.text)
    }

    /// Page 3 of report-syt-three-pages.pdf is another agency's report sent along: only the
    /// first `textPages` pages are read, so its header and symbol never reach attribution.
    func testOnlyTheFirstTwoPagesAreRead() {
        XCTAssertEqual(PDFReader.textPages, 2)
        let reading = DocumentReader.read(DocumentFixtures.data("report-syt-three-pages.pdf"), fileName: nil,
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(reading.method, "pdf-text")
        XCTAssertEqual(reading.pageCount, 3)
        XCTAssertLinesInOrder(reading.text, ["UBND TỈNH ĐIỆN BIÊN", "SỞ Y TẾ", "Số: 56/BC-SYT"])
        XCTAssertTrue(reading.text.contains("Trang hai của báo cáo Sở Y tế"), "page 2 is kept:\n\(reading.text)")
        XCTAssertFalse(reading.text.contains("Trang ba"), "page 3 is not read:\n\(reading.text)")
        XCTAssertFalse(reading.text.contains("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), reading.text)
        XCTAssertFalse(reading.text.contains("77/BC-SGDĐT"), reading.text)
    }

    func testEncryptedPDFIsUnreadableAndSaysEncrypted() {
        let reading = DocumentReader.read(DocumentFixtures.data("encrypted.pdf"), fileName: "encrypted.pdf",
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertTrue(reading.detail?.contains("encrypted") ?? false, reading.detail ?? "nil")
        XCTAssertEqual(reading.text, "")
    }

    func testPDFWithOnlyAnOwnerPasswordOpensAndIsRead() {
        let reading = DocumentReader.read(DocumentFixtures.data("owner-password-only.pdf"), fileName: nil,
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertTrue(reading.text.contains("Số: 112/BC-STC"))
    }

    func testTruncatedPDFDoesNotCrashAndSaysWhatItCould() {
        let reading = DocumentReader.read(DocumentFixtures.data("truncated.pdf"), fileName: "truncated.pdf",
                                          mediaType: "application/pdf", trustedCAFile: nil)
        switch reading.status {
        case .read: XCTAssertFalse(reading.text.isEmpty)
        case .unreadable: XCTAssertTrue(reading.detail?.hasPrefix("damaged PDF") ?? false, reading.detail ?? "nil")
        case .unsupported: XCTFail("a truncated PDF is still a PDF")
        }
    }

    func testPDFLabelledAsOctetStreamIsRecognisedByItsBytes() {
        let reading = DocumentReader.read(DocumentFixtures.data("report-stc-text-layer.pdf"), fileName: "scan0001",
                                          mediaType: "application/octet-stream", trustedCAFile: nil)
        XCTAssertEqual(reading.method, "pdf-text")
    }

    func testGarbageCalledPDFIsUnreadable() {
        let reading = DocumentReader.read(Data("%PDF-1.7\nthis is not a PDF at all\n".utf8), fileName: "x.pdf",
                                          mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertNotNil(reading.detail)
    }
}
