import DonDoc
import XCTest

final class DocumentDetectionTests: XCTestCase {
    func testDocumentMediaTypesAreDocuments() {
        let types = [
            "application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/rtf",
            "application/zip", "application/x-rar-compressed", "application/x-7z-compressed",
            "image/jpeg", "image/png", "image/tiff",
        ]
        for type in types {
            XCTAssertTrue(AttachmentFacts(fileName: "tai-lieu", mediaType: type).isDocument, type)
        }
    }

    func testOctetStreamIsJudgedByExtension() {
        for name in ["Bao cao.PDF", "bc.doc", "bc.docx", "bc.odt", "bc.ods", "bc.odp", "bieu.xls", "bieu.xlsx",
                     "bc.rtf", "hoso.zip", "hoso.rar", "hoso.7z", "scan0001.jpg", "scan.jpeg", "scan.png",
                     "scan.tif", "scan.tiff"] {
            XCTAssertTrue(AttachmentFacts(fileName: name, mediaType: "application/octet-stream").isDocument, name)
        }
    }

    func testNonDocumentsAreNotDocuments() {
        XCTAssertFalse(AttachmentFacts(fileName: "smime.p7s", mediaType: "application/pkcs7-signature").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: "invite.ics", mediaType: "text/calendar").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: "ghi-chu.txt", mediaType: "text/plain").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: nil, mediaType: "application/octet-stream").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: "pdf", mediaType: "application/octet-stream").isDocument)
    }

    func testMediaTypeParametersAndCaseDoNotMatter() {
        XCTAssertTrue(AttachmentFacts(fileName: nil, mediaType: "Application/PDF; name=\"bc.pdf\"").isDocument)
    }

    func testFileNameWithDirectoryIsJudgedByItsLastComponent() {
        XCTAssertTrue(AttachmentFacts(fileName: "C:\\Users\\vanthu\\bc.docx", mediaType: "application/octet-stream").isDocument)
    }

    func testInlinePicturesOfMailClientsAreNotScannedDocuments() {
        XCTAssertFalse(AttachmentFacts(fileName: "image001.png", mediaType: "image/png").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: "Outlook-logo.jpg", mediaType: "image/jpeg").isDocument)
        XCTAssertFalse(AttachmentFacts(fileName: nil, mediaType: "image/jpeg").isDocument)
    }

    func testNamedScanIsADocument() {
        XCTAssertTrue(AttachmentFacts(fileName: "45-BC-STNMT scan.jpg", mediaType: "image/jpeg").isDocument)
    }
}
