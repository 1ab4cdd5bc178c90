@testable import DocumentReaders
import Documents
import XCTest

final class DocumentKindTests: XCTestCase {
    func testCanReadTheKindsDondocReadsByMediaTypeOrExtension() {
        let readable: [(String?, String)] = [
            (nil, "application/pdf"), ("x.PDF", "application/octet-stream"),
            (nil, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), ("bc.docx", ""),
            (nil, "application/vnd.oasis.opendocument.text"), ("bc.odt", "application/octet-stream"),
            (nil, "application/zip"), ("a.rar", ""), ("a.7z", "application/octet-stream"), (nil, "application/x-7z-compressed"),
            (nil, "image/jpeg"), ("IMG_1.JPG", ""), ("scan.tif", ""), (nil, "image/png; name=\"a.png\""), (nil, "Image/TIFF"),
        ]
        for (name, type) in readable {
            XCTAssertTrue(DocumentKind.canRead(Data(), fileName: name, mediaType: type), "\(name ?? "nil") \(type)")
        }
    }

    func testCannotReadLegacyOfficeOrOtherKinds() {
        let unreadable: [(String?, String)] = [
            ("bc.doc", "application/msword"), ("bc.doc", "application/octet-stream"), (nil, "application/vnd.ms-excel"),
            ("bang.xls", ""), ("ghi-chu.txt", "text/plain"), (nil, "text/html"), ("noextension", "application/octet-stream"),
            (nil, ""), (".pdf", ""),
        ]
        for (name, type) in unreadable {
            XCTAssertFalse(DocumentKind.canRead(Data(), fileName: name, mediaType: type), "\(name ?? "nil") \(type)")
        }
    }

    func testEmptyFileIsUnreadable() {
        let reading = DocumentReader.read(Data(), fileName: "a.pdf", mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "empty file")
    }

    func testReadingRoundTripsThroughJSON() throws {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: nil,
                                          mediaType: "application/zip", trustedCAFile: nil)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        XCTAssertEqual(try decoder.decode(DocumentReading.self, from: encoder.encode(reading)), reading)
    }
}
