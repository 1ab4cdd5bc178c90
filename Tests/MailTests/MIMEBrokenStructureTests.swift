import Foundation
@testable import Mail
import TestSupport
import XCTest

/// Header blocks and boundaries written wrong (docs/mime-tolerances.md): no blank line before
/// a body, a Content-Type without subtype, a closing delimiter as the last bytes, a header of
/// MIME fields only or starting with a folded line. Digests are those of the files the sender
/// attached, as printed by scripts/make-mime-repair-fixtures.py.
final class MIMEBrokenStructureTests: XCTestCase {
    private func assertNFC(_ actual: String?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.map { Array($0.unicodeScalars) }, Array(expected.nfc.unicodeScalars),
                       "\(actual ?? "nil") is not \(expected)", file: file, line: line)
    }

    private func crlf(_ text: String) -> Data {
        Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    private func digests(_ message: MIMEMessage) -> [String] {
        message.attachments.map { SHA256.hex($0.content) }
    }

    // MARK: No blank line between header and body

    func testPartWithoutBlankLineBeforeItsBase64BodyKeepsItsFile() throws {
        let message = try MIMEParser.parse(Fixtures.data("missing-header-body-separator.eml"))
        assertNFC(message.subject, "Báo cáo 31/BC-SYT")
        assertNFC(message.attachments.map { $0.fileName ?? "" }.joined(separator: "|"), "31-BC-SYT.pdf|Phụ lục 31-BC-SYT.pdf")
        XCTAssertEqual(digests(message), [
            "b84927c533109e758aad18fa509952a4e899b9367276a0ec5b110331550e6e08",
            "4658288469bb526ca7c82668811fb8d0a03ab40f301cfe7b27a90a5f1bd985a9",
        ])
        XCTAssertEqual(message.attachments.map(\.isInline), [false, false])
        // A line with a colon is a header field only if a field name comes before the colon.
        assertNFC(message.textBody, "Kính gửi: Văn phòng HĐND tỉnh, Sở Y tế gửi báo cáo.\n")
    }

    func testMessageWithoutBlankLineBeforeItsBodyKeepsItsFile() throws {
        let raw = crlf("""
            From: a@example.org
            Subject: x
            Content-Type: application/pdf; name="x.pdf"
            Content-Disposition: attachment;
             filename="x.pdf"
            Content-Transfer-Encoding: base64
            JVBERi0xLjQK
            """)
        let message = try MIMEParser.parse(raw)
        XCTAssertEqual(message.from?.address, "a@example.org")
        XCTAssertEqual(message.attachments.map(\.fileName), ["x.pdf"])
        XCTAssertEqual(message.attachments.first?.content, Data("%PDF-1.4\n".utf8))
    }

    /// A line between two fields is a fold that lost its indent, not the start of the body:
    /// taking it for the body would put its letters in front of the file's base64.
    func testLineThatLostItsFoldIndentInsideAHeaderDoesNotEndIt() throws {
        let raw = crlf("""
            From: a@example.org
            Content-Type: application/pdf; name="x.pdf"
            Content-Disposition: attachment; filename="Bao cao
            so 45.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            """)
        let message = try MIMEParser.parse(raw)
        XCTAssertEqual(message.attachments.first?.content, Data("%PDF-1.4\n".utf8))
    }

    /// Old syntax allows blanks before the colon; such a line is still a header field.
    func testFieldWithBlanksBeforeItsColonIsStillAField() throws {
        let raw = crlf("From: a@example.org\nSubject : x\nContent-Type : text/plain; charset=utf-8\n\nNội dung\n")
        let message = try MIMEParser.parse(raw)
        XCTAssertEqual(message.subject, "x")
        assertNFC(message.textBody, "Nội dung\n")
    }

    // MARK: Content-Type without subtype

    func testContentTypeWithoutSubtypeIsOctetStreamWithItsName() throws {
        let message = try MIMEParser.parse(Fixtures.data("content-type-without-subtype.eml"))
        assertNFC(message.attachments.map { $0.fileName ?? "" }.joined(separator: "|"), "05-BC-SGTVT.tgz|Báo cáo 05-BC-SGTVT.pdf")
        XCTAssertEqual(message.attachments.map(\.mediaType), ["application/octet-stream", "application/octet-stream"])
        XCTAssertEqual(message.attachments.map(\.isInline), [false, false])
        XCTAssertEqual(digests(message), [
            "2ef5f07887c03b6c5cc3065b7bdf12b7515ac7e0ebca2b973e110bf02799945b",
            "f0281d7857aee06f1239b8fe41d5d3f7ebf1624ada5c6ac1a0e10926030e9034",
        ])
        assertNFC(message.textBody, "Sở GTVT gửi báo cáo và phụ lục nén.\n")
    }

    /// `text` alone is text (RFC 2045 §5.2's default), `multipart` alone still has parts.
    func testTextAndMultipartWithoutSubtypeKeepTheirNature() throws {
        let text = crlf("From: a@example.org\nContent-Type: TEXT; charset=utf-8\n\nBáo cáo\n")
        assertNFC(try MIMEParser.parse(text).textBody, "Báo cáo\n")
        let multipart = crlf("""
            From: a@example.org
            Content-Type: multipart;
             boundary="b"

            --b
            Content-Type: application/pdf; name="x.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--

            """)
        let message = try MIMEParser.parse(multipart)
        XCTAssertEqual(message.contentType, "multipart/mixed")
        XCTAssertEqual(message.attachments.map(\.fileName), ["x.pdf"])
    }

    // MARK: The line break before a delimiter

    func testClosingBoundaryAtTheEndOfTheDataLeavesEveryPartAsSent() throws {
        let message = try MIMEParser.parse(Fixtures.data("closing-boundary-at-end-of-data.eml"))
        XCTAssertEqual(message.attachments.map(\.fileName), ["14-BC-SNNPTNT.pdf", "Phu luc 14-BC-SNNPTNT.pdf"])
        XCTAssertEqual(digests(message), [
            "152547dc7e9d84db8c082cb74a8bcfb216d05af69061283196a7d8bee75b0ffa",
            "4c6af8a5d8ecae96f39402341ea8ee4701212f2d8e00eaee5cdb7b2e15b98062",
        ])
    }

    /// The line break before a delimiter belongs to the delimiter, whether it is CRLF or LF
    /// and whatever ends the delimiter line itself: CRLF, LF, blanks, or the end of the data.
    func testLineBreakBeforeADelimiterIsNeverPartOfTheFile() throws {
        let file = Data("%PDF-1.4\r\n%\u{E2}\r\n%%EOF\n".utf8)
        let text = "Kính gửi."
        for lineBreak in ["\r\n", "\n"] {
            for breakBeforeDelimiter in ["\r\n", "\n"] {
                for ending in ["--b--", "--b", "--b--\r", "--b-- \t", "--b--\r\n", "--b--\n", "--b--\r\n\r\nepilogue"] {
                    let parts = ["From: a@example.org", "Content-Type: multipart/mixed; boundary=b", "", "--b",
                                 "Content-Type: text/plain; charset=utf-8", "", text, "--b",
                                 "Content-Type: application/pdf; name=x.pdf", "Content-Transfer-Encoding: binary", ""]
                    var raw = Data(parts.joined(separator: lineBreak).utf8) + Data(lineBreak.utf8)
                    raw += file + Data(breakBeforeDelimiter.utf8) + Data(ending.utf8)
                    let message = try MIMEParser.parse(raw)
                    let label = "\(lineBreak.debugDescription) \(breakBeforeDelimiter.debugDescription) \(ending.debugDescription)"
                    XCTAssertEqual(message.attachments.first?.content, file, label)
                    assertNFC(message.textBody, text)
                }
            }
        }
    }

    // MARK: Headers that hide the message

    func testMessageWithOnlyMIMEHeaderFieldsKeepsItsFiles() throws {
        let message = try MIMEParser.parse(Fixtures.data("mime-headers-only.eml"))
        XCTAssertNil(message.from)
        XCTAssertEqual(message.subject, "")
        XCTAssertEqual(message.contentType, "multipart/mixed")
        XCTAssertEqual(message.attachments.map(\.fileName), ["SCAN_0716.pdf"])
        XCTAssertEqual(digests(message), ["faac0fc0c9d6bfad41520228a9ad5290c522fe5dab82f7700a7ae05c557188f5"])
        XCTAssertEqual(message.textBody, "Scanned by MFP-3050 (Phong van thu)")
        let single = crlf("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nBáo cáo\n")
        assertNFC(try MIMEParser.parse(single).textBody, "Báo cáo\n")
    }

    func testLeadingFoldedAndWhitespaceLinesDoNotHideTheHeader() throws {
        let message = try MIMEParser.parse(Fixtures.data("leading-folded-line.eml"))
        XCTAssertEqual(message.from?.address, "sxd@dienbien.example.org")
        assertNFC(message.from?.name, "Sở Xây dựng")
        assertNFC(message.subject, "Báo cáo 19/BC-SXD")
        XCTAssertEqual(message.attachments.map(\.fileName), ["19-BC-SXD.pdf"])
        XCTAssertEqual(digests(message), ["1a7e5164dfe1d5734cf0d6799555f02aca09005dce753b277227631423904e78"])
        let raw = crlf("   \nFrom: a@example.org\nSubject: Báo cáo\n\nx\n")
        assertNFC(try MIMEParser.parse(raw).subject, "Báo cáo")
    }

    /// Dropping leading folded lines must not turn text that has no header into a message.
    func testOnlyFoldedLinesOrNoMailHeaderAfterThemStillThrowUnparseable() {
        for text in [" ", "\t\r\n", " \r\n\r\nbody\r\n", "\tx\r\n y\r\n", "  Note: x\r\nAuthor: y\r\n\r\nz\r\n"] {
            XCTAssertThrowsError(try MIMEParser.parse(Data(text.utf8)), text.debugDescription)
        }
    }
}
