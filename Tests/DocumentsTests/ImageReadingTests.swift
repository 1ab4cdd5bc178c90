import Documents
@testable import DocumentReaders
import XCTest

final class ImageReadingTests: XCTestCase {
    func testPhonePhotoStoredSidewaysIsTurnedUprightAndRead() {
        let data = DocumentFixtures.data("report-muong-ang-photo.jpg")
        XCTAssertEqual(ExifOrientation.read(data), 6, "the fixture is stored sideways, as phones do")
        let reading = DocumentReader.read(data, fileName: "IMG_20200508_0932.jpg", mediaType: "image/jpeg", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-image")
        XCTAssertTrue(reading.text.folded.contains("muong ang"), reading.text)
        XCTAssertTrue(reading.text.squeezed.contains("21/bc"), reading.text)
        XCTAssertTrue(reading.text.folded.contains("doc lap - tu do - hanh phuc"), reading.text)
    }

    /// The scanned page as a copier's grey LZW TIFF at 150 dpi (pdftoppm -tiff).
    func testScannedPageAsTIFFIsReadByOCR() {
        let data = DocumentFixtures.data("report-tua-chua-scan.tiff")
        XCTAssertEqual(DocumentKind.detect(data, fileName: "SCAN0001", mediaType: "application/octet-stream"), .image)
        let reading = DocumentReader.read(data, fileName: "SCAN0001.TIF", mediaType: "image/tiff", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-image")
        XCTAssertEqual(reading.pageCount, 1)
        XCTAssertTrue(reading.text.folded.contains("huyen tua chua"), reading.text)
        XCTAssertTrue(reading.text.squeezed.contains("09/bc-ubnd"), reading.text)
        XCTAssertTrue(reading.text.folded.contains("doc lap - tu do - hanh phuc"), reading.text)
    }

    /// The same page as a grey PNG at 100 dpi (pdftoppm -png), as a scan saved from a viewer.
    func testScannedPageAsPNGIsReadByOCR() {
        let data = DocumentFixtures.data("report-tua-chua-scan.png")
        XCTAssertEqual(DocumentKind.detect(data, fileName: nil, mediaType: "application/octet-stream"), .image)
        let reading = DocumentReader.read(data, fileName: "bao cao.png", mediaType: "image/png", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-image")
        XCTAssertTrue(reading.text.folded.contains("huyen tua chua"), reading.text)
        XCTAssertTrue(reading.text.squeezed.contains("09/bc-ubnd"), reading.text)
        XCTAssertTrue(reading.text.folded.contains("bao cao"), reading.text)
    }

    func testImageWithoutTextIsUnreadable() throws {
        // A white 64×64 grey PNG.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAAAAACPAi4CAAAAKUlEQVR42u3MQREAAAwCIPuX1hD77SAA6VEEAoFAIBAIBAKBQCAQfA8Gpwvw4qrwDDIAAAAASUVORK5CYII=")
        let reading = DocumentReader.read(try XCTUnwrap(png), fileName: "blank.png", mediaType: "image/png", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.method, "ocr-image")
    }

    func testDamagedImageIsUnreadable() {
        var jpeg = DocumentFixtures.data("report-muong-ang-photo.jpg").prefix(600)
        jpeg.append(Data(repeating: 0x55, count: 100))
        let reading = DocumentReader.read(Data(jpeg), fileName: "broken.jpg", mediaType: "image/jpeg", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
    }

    func testExifOrientationIsOneWhenAbsentOrNotAJPEG() {
        XCTAssertEqual(ExifOrientation.read(Data([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02])), 1)
        XCTAssertEqual(ExifOrientation.read(Data("%PDF-1.4".utf8)), 1)
        XCTAssertEqual(ExifOrientation.read(Data()), 1)
    }

    func testExifOrientationInBigEndianTIFF() {
        // APP1: "Exif\0\0", MM, 42, IFD at 8, one entry: 0x0112 SHORT 1 value 8.
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01,
                             0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00]
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + [0xFF, 0xDA]
        XCTAssertEqual(ExifOrientation.read(Data(jpeg)), 8)
    }
}
