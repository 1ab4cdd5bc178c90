import Documents
@testable import DocumentReaders
import XCTest

final class ArchiveReadingTests: XCTestCase {
    func testZipListsEveryFileByBaseNameAndReadsTheDocumentsInside() throws {
        let data = DocumentFixtures.data("reports-in-archive.zip")
        let reading = DocumentReader.read(data, fileName: "bao-cao.zip", mediaType: "application/zip", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(reading.method, "archive")
        XCTAssertEqual(reading.text, "")
        XCTAssertEqual(reading.contents.map(\.name),
                       ["Báo cáo 112-BC-STC.pdf", "Báo cáo SKHĐT.docx", "ghi chú.txt", "nén lồng.zip"])

        let pdf = reading.contents[0]
        XCTAssertEqual(pdf.reading.method, "pdf-text")
        XCTAssertTrue(pdf.reading.text.contains("Số: 112/BC-STC"))
        let original = DocumentFixtures.data("report-stc-text-layer.pdf")
        XCTAssertEqual(pdf.size, original.count)
        XCTAssertEqual(pdf.sha256, Checksum.sha256Hex(original))

        let docx = reading.contents[1]
        XCTAssertEqual(docx.reading.method, "docx")
        XCTAssertTrue(docx.reading.text.contains("Số: 38/BC-SKHĐT"))

        XCTAssertEqual(reading.contents[2].reading.status, .unsupported)
        XCTAssertEqual(reading.contents[2].size, "Gửi kèm báo cáo.\n".utf8.count)
    }

    func testArchiveInsideAnArchiveIsListedNotOpened() throws {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: nil,
                                          mediaType: "application/zip", trustedCAFile: nil)
        let nested = try XCTUnwrap(reading.contents.first { $0.name == "nén lồng.zip" })
        XCTAssertEqual(nested.reading.status, .unsupported)
        XCTAssertEqual(nested.reading.contents, [])
        XCTAssertTrue(nested.reading.detail?.contains("archive inside an archive") ?? false)
        XCTAssertEqual(nested.sha256.count, 64)
    }

    func testZipWithAnUnexpectedLabelIsStillAnArchive() {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: "scan.pdf",
                                          mediaType: "application/octet-stream", trustedCAFile: nil)
        XCTAssertEqual(reading.method, "archive")
    }

    func testEntryPastTheSizeCapIsStoppedThere() throws {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: nil, mediaType: "application/zip",
                                          trustedCAFile: nil, budget: ReadingBudget(seconds: 20), entryCap: 20_000, insideArchive: false)
        let pdf = try XCTUnwrap(reading.contents.first)
        XCTAssertEqual(pdf.reading.status, .unreadable)
        XCTAssertEqual(pdf.size, 20_000)
        XCTAssertEqual(pdf.sha256, "")
        XCTAssertEqual(reading.contents.last?.name, "nén lồng.zip", "the walk goes on after a capped entry")
    }

    func testDamagedArchiveIsUnreadable() {
        let data = DocumentFixtures.data("reports-in-archive.zip").prefix(100)
        let reading = DocumentReader.read(Data(data), fileName: "x.zip", mediaType: "application/zip", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.method, "archive")
    }

    func test7zIsListedAndItsDocumentsReadLikeAZip() {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.7z"), fileName: "bao-cao.7z",
                                          mediaType: "application/x-7z-compressed", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertEqual(Set(reading.contents.map(\.name)), ["Báo cáo 27-BC-SNV.odt", "Báo cáo 112-BC-STC.pdf"])
        XCTAssertEqual(Set(reading.contents.map(\.reading.method)), ["odt", "pdf-text"])
        XCTAssertTrue(reading.contents.allSatisfy { $0.reading.status == .read && $0.sha256.count == 64 })
    }

    /// reports-in-archive.rar is RAR 4.x with stored entries (scripts/make-rar-fixture.py): a PDF
    /// in a folder, both named in UTF-8, and a note. Read through the real reader, as a poll does.
    func testRarIsListedAndItsDocumentReadLikeAZip() throws {
        let data = DocumentFixtures.data("reports-in-archive.rar")
        XCTAssertEqual(DocumentKind.detect(data, fileName: "scan", mediaType: "application/octet-stream"), .archive)
        let sandbox = DocumentSandbox(executable: ReaderExecutable.url)
        let reading = sandbox.read(data, fileName: "bao-cao.rar", mediaType: "application/vnd.rar", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "archive")
        XCTAssertEqual(reading.contents.map(\.name), ["Báo cáo 112-BC-STC.pdf", "ghi chú.txt"])

        let pdf = reading.contents[0]
        XCTAssertEqual(pdf.reading.status, .read)
        XCTAssertEqual(pdf.reading.method, "pdf-text")
        XCTAssertTrue(pdf.reading.text.contains("Số: 112/BC-STC"), pdf.reading.text)
        let original = DocumentFixtures.data("report-stc-text-layer.pdf")
        XCTAssertEqual(pdf.size, original.count)
        XCTAssertEqual(pdf.sha256, Checksum.sha256Hex(original))
        XCTAssertEqual(reading.contents[1].reading.status, .unsupported)
        XCTAssertEqual(reading.contents[1].size, "Gửi kèm báo cáo.\n".utf8.count)

        let inProcess = DocumentReader.read(data, fileName: "bao-cao.rar", mediaType: "application/vnd.rar", trustedCAFile: nil)
        XCTAssertEqual(reading, inProcess)
    }

    /// libarchive checks each RAR block's header CRC (it does not check a stored entry's data
    /// CRC): a name changed after writing makes the archive damaged, and the reading says so.
    func testRarWhoseFileHeaderFailsItsCRCIsUnreadable() throws {
        var data = DocumentFixtures.data("reports-in-archive.rar")
        let at = try XCTUnwrap(data.firstRange(of: Data("tháng 5".utf8))).lowerBound
        data[at] = UInt8(ascii: "T")
        let reading = DocumentReader.read(data, fileName: "bao-cao.rar", mediaType: "application/vnd.rar", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.method, "archive")
        XCTAssertTrue(reading.detail?.localizedCaseInsensitiveContains("crc") ?? false, reading.detail ?? "nil")
    }

    func testEntriesLeftWhenTheTimeRunsOutAreListedButNotRead() {
        let reading = DocumentReader.read(DocumentFixtures.data("reports-in-archive.zip"), fileName: nil, mediaType: "application/zip",
                                          trustedCAFile: nil, budget: ReadingBudget(seconds: 0), entryCap: 64 << 20, insideArchive: false)
        XCTAssertEqual(reading.contents.count, 4)
        XCTAssertEqual(reading.contents[0].reading.detail, "not read: the time for this archive ran out")
        XCTAssertEqual(reading.contents[0].sha256, Checksum.sha256Hex(DocumentFixtures.data("report-stc-text-layer.pdf")))
    }

    func testBaseNamesNeverClimbOutOrKeepFolders() {
        XCTAssertEqual(ArchiveReader.baseName("Báo cáo/tháng 5/BC 112.pdf"), "BC 112.pdf")
        XCTAssertEqual(ArchiveReader.baseName("../../etc/passwd"), "passwd")
        XCTAssertEqual(ArchiveReader.baseName("Thu muc\\Bao cao.docx"), "Bao cao.docx")
        XCTAssertEqual(ArchiveReader.baseName("a/.."), "a")
        XCTAssertEqual(ArchiveReader.baseName("/"), "unnamed")
        XCTAssertEqual(ArchiveReader.baseName("Mường.pdf".decomposedStringWithCanonicalMapping).unicodeScalars.count,
                       "Mường.pdf".precomposedStringWithCanonicalMapping.unicodeScalars.count, "names come out NFC")
    }
}
