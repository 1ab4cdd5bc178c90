import DonDoc
import Documents
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration

/// Real documents, made by real tools (scripts/make-document-fixtures.sh), attached to
/// mail from a personal address with a subject that names nobody: only what the clerk
/// reads in the document can say whose report it is.
final class DocumentIntakeTests: XCTestCase {
    let now = CampaignTime.may6(60)

    func campaign(trustedCA: String? = nil) throws -> Campaign {
        var campaign = try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        campaign.trustedCAFile = trustedCA
        return campaign
    }

    static func document(_ name: String) -> Data { Fixtures.data("documents/\(name)") }

    /// A message such as a clerk's colleague sends from a personal mailbox.
    static func mail(attaching files: [(name: String, type: String, data: Data)], number: Int = 1) -> Data {
        var text = """
            From: Nguyen Van An <an.nguyenvan1982@mail.example.net>\r
            To: vanphong@hdnd.example.org\r
            Subject: =?UTF-8?B?\(Data("Gửi văn bản".utf8).base64EncodedString())?=\r
            Message-ID: <doc-\(number)@mail.example.net>\r
            Date: Thu, 7 May 2020 09:00:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Em gửi văn bản ạ.\r

            """
        for file in files {
            text += "--b1\r\nContent-Type: \(file.type); name=\"\(file.name)\"\r\n"
                + "Content-Disposition: attachment; filename=\"\(file.name)\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + file.data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn,
                                                          .endLineWithLineFeed]) + "\r\n"
        }
        return Data((text + "--b1--\r\n").utf8)
    }

    /// Polls the messages into a fresh store with the real reader (dondoc itself).
    func process(_ messages: [Data], campaign: Campaign? = nil,
                 reader: DocumentSandbox = DocumentSandbox(executable: DondocCommand.reader),
                 storePath: String? = nil) throws -> (MessageStore, [ProcessedMessage]) {
        let store = try storePath.map { try MessageStore(path: $0) } ?? MessageStore(inMemory: "documents")
        let incoming = messages.enumerated().map { index, raw in
            IncomingMessage(uid: UInt32(index + 1), receivedAt: CampaignTime.may6(index), raw: raw, sha256: SHA256.hex(raw))
        }
        _ = try store.ingest(incoming, mailbox: "m", uidValidity: 1, now: now)
        let processor = try MessageProcessor(campaign: campaign ?? self.campaign(), store: store, documentReader: reader)
        return (store, try processor.processPending(now: now))
    }

    func attribution(of file: String, type: String = "application/octet-stream", attachedAs name: String? = nil,
                     campaign: Campaign? = nil) throws -> Attribution {
        let message = Self.mail(attaching: [(name ?? file, type, Self.document(file))])
        return try XCTUnwrap(process([message], campaign: campaign).1.first).attribution
    }

    func assertAttributed(_ attribution: Attribution, to agencyID: String, saying words: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(attribution.agencyID, agencyID, "\(attribution.reasons)", file: file, line: line)
        XCTAssertEqual(attribution.kind, .submission, file: file, line: line)
        XCTAssertFalse(attribution.byNameOnly, file: file, line: line)
        XCTAssertTrue(attribution.reasons.contains { $0.contains(words) }, "\(attribution.reasons)", file: file, line: line)
    }

    func testPDFTextLayerHeaderAttributesToItsIssuer() throws {
        assertAttributed(try attribution(of: "report-stc-text-layer.pdf", type: "application/pdf", attachedAs: "van-ban.pdf"),
                         to: "stc", saying: "lớp chữ")
    }

    func testAPDFWhoseLabelSaysNothingIsReadForWhatItIs() throws {
        assertAttributed(try attribution(of: "report-stc-text-layer.pdf", type: "application/octet-stream",
                                         attachedAs: "scan0001"), to: "stc", saying: "lớp chữ")
    }

    func testWordDocumentHeaderAttributes() throws {
        assertAttributed(try attribution(of: "report-skhdt.docx", attachedAs: "vanban.docx"), to: "skhdt", saying: "tệp Word")
    }

    func testODTDocumentHeaderAttributes() throws {
        assertAttributed(try attribution(of: "report-snv.odt", attachedAs: "vanban.odt"), to: "snv", saying: "ODT")
    }

    func testScannedPDFWithoutTextLayerIsReadByOCR() throws {
        assertAttributed(try attribution(of: "report-tua-chua-scanned.pdf", type: "application/pdf", attachedAs: "scan.pdf"),
                         to: "ubnd-tua-chua", saying: "bản quét PDF bằng OCR")
    }

    func testPhonePhotoOfTheReportIsReadByOCR() throws {
        assertAttributed(try attribution(of: "report-muong-ang-photo.jpg", type: "image/jpeg", attachedAs: "IMG_20200508.jpg"),
                         to: "ubnd-muong-ang", saying: "ảnh chụp bằng OCR")
    }

    func testSignatureFromATrustedCAAttributes() throws {
        let ca = Fixtures.url("documents/test-ca.pem").path
        let signed = try attribution(of: "signed-stnmt.pdf", type: "application/pdf", attachedAs: "vb.pdf",
                                     campaign: campaign(trustedCA: ca))
        assertAttributed(signed, to: "stnmt", saying: "ký số")
        XCTAssertTrue(signed.reasons.contains { $0.contains("tổ chức tin cậy xác nhận") }, "\(signed.reasons)")
    }

    func testReportInsideAZipIsReadAsIfAttached() throws {
        let attribution = try attribution(of: "report-tua-chua-in-archive.zip", type: "application/zip",
                                          attachedAs: "ho-so.zip")
        assertAttributed(attribution, to: "ubnd-tua-chua", saying: "ho-so.zip › BC 09-BC-UBND (bản scan).pdf")
    }

    func testArchiveHoldingTwoAgenciesReportsGoesToReview() throws {
        // The zip holds Sở Tài chính's PDF and Sở KH&ĐT's DOCX: whose is the message?
        let attribution = try attribution(of: "reports-in-archive.zip", type: "application/zip", attachedAs: "ho-so.zip")
        XCTAssertEqual(attribution.kind, .review, "\(attribution.reasons)")
        XCTAssertEqual(Set(attribution.candidates), ["stc", "skhdt"])
        XCTAssertTrue(attribution.reasons.contains { $0.contains("ho-so.zip › ") }, "\(attribution.reasons)")
    }

    func testShowPrintsWhatWasReadFromEachDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-show-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var campaign = try campaign(trustedCA: Fixtures.url("documents/test-ca.pem").path)
        campaign.storePath = folder.appendingPathComponent("store.sqlite").path
        _ = try process([Self.mail(attaching: [("a.pdf", "application/pdf", Self.document("report-stc-text-layer.pdf")),
                                               ("b.pdf", "application/pdf", Self.document("signed-stnmt.pdf")),
                                               ("c.pdf", "application/pdf", Self.document("encrypted.pdf")),
                                               ("d.doc", "application/msword", Self.legacyWordFile)])],
                        campaign: campaign, storePath: campaign.storePath)
        let shown = try MessageFiles(campaign: campaign).show("1")
        for expected in ["read: pdf-text, 1 page(s)", "Cơ quan ban hành: SỞ TÀI CHÍNH", "Số, ký hiệu: 112/BC-STC",
                         "Nơi, ngày: Điện Biên, 06/05/2020", "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
                         "Chữ ký số: SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN", "tổ chức tin cậy xác nhận",
                         "not read: encrypted PDF", "not read: legacy Office 97-2003 file"] {
            XCTAssertTrue(shown.contains(expected), "missing \(expected) in\n\(shown)")
        }
    }

    /// The compound-file signature every Word 97-2003 file begins with, then filler: what
    /// decides the kind is the signature, as for a real .doc.
    static let legacyWordFile = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))

    func testLegacyWordFileIsRecordedAsNotReadWithoutStartingTheReader() throws {
        let reader = DocumentSandbox(executable: URL(fileURLWithPath: "/nonexistent/dondoc-read-document"))
        let (store, processed) = try process([Self.mail(attaching: [("bc.doc", "application/octet-stream",
                                                                     Self.legacyWordFile)])], reader: reader)
        XCTAssertEqual(processed.first?.attribution.kind, .review, "the envelope names nobody")
        let sha = SHA256.hex(Self.legacyWordFile)
        let reading = try XCTUnwrap(store.documentReadings(sha256: [sha])[sha])
        XCTAssertEqual(reading.status, "unsupported")
        XCTAssertTrue(reading.reading.contains("legacy Office"), reading.reading)
    }

    func testEncryptedPDFIsUnreadableAndTheEnvelopeDecides() throws {
        let (store, processed) = try process([Self.mail(attaching: [("bc.pdf", "application/pdf", Self.document("encrypted.pdf"))])])
        XCTAssertEqual(processed.first?.attribution.kind, .review)
        let sha = SHA256.hex(Self.document("encrypted.pdf"))
        let reading = try XCTUnwrap(store.documentReadings(sha256: [sha])[sha])
        XCTAssertEqual(reading.status, "unreadable")
        XCTAssertTrue(reading.reading.contains("encrypted"), reading.reading)
    }

    func testADocumentIsReadOnceWhateverMessagesCarryIt() throws {
        let pdf = Self.document("report-stc-text-layer.pdf")
        let first = Self.mail(attaching: [("a.pdf", "application/pdf", pdf)], number: 1)
        let second = Self.mail(attaching: [("b.pdf", "application/pdf", pdf)], number: 2)
        let counter = try CountingReader()
        let (_, processed) = try process([first, second], reader: counter.sandbox)
        XCTAssertEqual(processed.map(\.attribution.agencyID), ["stc", "stc"])
        XCTAssertEqual(try counter.runs(), 1)
    }

    func testAutomaticReplyCarryingADocumentIsNotOpened() throws {
        var raw = String(decoding: Self.mail(attaching: [("bc.pdf", "application/pdf", Self.document("report-stc-text-layer.pdf"))]),
                         as: UTF8.self)
        raw = raw.replacingOccurrences(of: "MIME-Version: 1.0\r\n", with: "MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n")
        let counter = try CountingReader()
        let (_, processed) = try process([Data(raw.utf8)], reader: counter.sandbox)
        XCTAssertEqual(processed.first?.attribution.kind, .autoReply)
        XCTAssertEqual(try counter.runs(), 0)
    }

    func testReaderThatCrashesCostsOneUnreadableDocumentAndNothingElse() throws {
        let crashing = try ScriptedReader("kill -SEGV $$")
        let (store, processed) = try process([
            Self.mail(attaching: [("bc.pdf", "application/pdf", Self.document("report-stc-text-layer.pdf"))], number: 1),
            Data("From: stc@dienbien.example.org\r\nSubject: x\r\nMessage-ID: <n@x>\r\n\r\nbody\r\n".utf8),
        ], reader: crashing.sandbox)
        XCTAssertEqual(processed.map(\.attribution.kind), [.review, .correspondence])
        let sha = SHA256.hex(Self.document("report-stc-text-layer.pdf"))
        let reading = try XCTUnwrap(store.documentReadings(sha256: [sha])[sha])
        XCTAssertEqual(reading.status, "unreadable")
        XCTAssertTrue(reading.reading.contains("signal"), reading.reading)
    }

    /// A crafted PDF that keeps the real reader busy (a doubly compressed 2 GiB text
    /// stream) costs its message one unreadable document: the report beside it is read,
    /// the message is attributed, and the next message is processed.
    func testCraftedPDFThatExhaustsTheReaderCostsOneUnreadableDocument() throws {
        let reader = DocumentSandbox(executable: DondocCommand.reader, limits: DocumentLimits(cpuSeconds: 2, wallSeconds: 60))
        let bomb = Self.document("hostile-text-bomb.pdf")
        let (store, processed) = try process([
            Self.mail(attaching: [("phu-luc.pdf", "application/pdf", bomb),
                                  ("bao-cao.pdf", "application/pdf", Self.document("report-stc-text-layer.pdf"))], number: 1),
            Data("From: stc@dienbien.example.org\r\nSubject: x\r\nMessage-ID: <n@x>\r\n\r\nbody\r\n".utf8),
        ], reader: reader)
        XCTAssertEqual(processed.map(\.attribution.agencyID), ["stc", "stc"])
        let reading = try XCTUnwrap(store.documentReadings(sha256: [SHA256.hex(bomb)])[SHA256.hex(bomb)])
        XCTAssertEqual(reading.status, "unreadable")
        XCTAssertTrue(reading.reading.contains("CPU"), reading.reading)
    }

    func testAReaderThatCouldNotStartLeavesNoReadingBehind() throws {
        let missing = DocumentSandbox(executable: URL(fileURLWithPath: "/nonexistent/dondoc-read-document"))
        let pdf = Self.document("report-stc-text-layer.pdf")
        let (store, processed) = try process([Self.mail(attaching: [("bc.pdf", "application/pdf", pdf)])], reader: missing)
        XCTAssertEqual(processed.first?.attribution.kind, .review)
        XCTAssertNil(try store.documentReadings(sha256: [SHA256.hex(pdf)])[SHA256.hex(pdf)], "the next message with this file is read")
    }

    func testTheReaderGetsNoneOfTheParentsSecrets() throws {
        setenv("DONDOC_TEST_SMTP_PASSWORD", "mật khẩu", 1)
        defer { unsetenv("DONDOC_TEST_SMTP_PASSWORD") }
        let reader = try ScriptedReader(#"""
            printf '{"status":"read","method":"pdf-text","text":"%s secret(s), PATH %s","signatures":[],"contents":[]}' \
                "$(env | grep -c DONDOC_TEST_SMTP_PASSWORD)" "${PATH:+set}"
            """#)
        let reading = reader.sandbox.read(Data("%PDF".utf8), fileName: "a.pdf", mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.text, "0 secret(s), PATH set")
    }

    func testReaderThatHangsIsStoppedAtItsWallLimit() throws {
        let hanging = try ScriptedReader("sleep 60", wallSeconds: 1)
        let pdf = Data("%PDF".utf8)
        let (store, processed) = try process([Self.mail(attaching: [("bc.pdf", "application/pdf", pdf)])],
                                             reader: hanging.sandbox)
        XCTAssertEqual(processed.first?.attribution.kind, .review)
        // Stopped by the wall limit (1 s), not waited for: the reading says so.
        let reading = try XCTUnwrap(store.documentReadings(sha256: [SHA256.hex(pdf)])[SHA256.hex(pdf)])
        XCTAssertEqual(reading.status, "unreadable")
        XCTAssertTrue(reading.reading.contains("took more than 1 s"), reading.reading)
    }
}

/// A stand-in reader: a shell script that behaves badly, to prove the parent survives it.
struct ScriptedReader {
    let folder: URL
    let sandbox: DocumentSandbox

    init(_ body: String, wallSeconds: Double = 10) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("reader")
        try Data("#!/bin/sh\ncat >/dev/null\n\(body)\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        sandbox = DocumentSandbox(executable: script, limits: DocumentLimits(wallSeconds: wallSeconds))
    }
}

/// The real reader, wrapped so that a test can count how often it ran.
struct CountingReader {
    let log: URL
    let sandbox: DocumentSandbox

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-counting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        log = folder.appendingPathComponent("runs")
        let script = folder.appendingPathComponent("reader")
        try Data("#!/bin/sh\necho run >> '\(log.path)'\nexec '\(DondocCommand.reader.path)' \"$@\"\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        sandbox = DocumentSandbox(executable: script)
    }

    func runs() throws -> Int {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").count
    }
}
