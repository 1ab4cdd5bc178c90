import Foundation
@testable import Mail
import TestSupport
import XCTest

/// Transfer encodings broken in transport (docs/mime-tolerances.md): base64 without its
/// padding, uuencode without its trailing spaces, and bodies no reader can make whole, which
/// must still be listed and marked. Digests are those of the files the sender attached, as
/// printed by scripts/make-mime-repair-fixtures.py.
final class MIMEBrokenEncodingTests: XCTestCase {
    private func assertNFC(_ actual: String?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.map { Array($0.unicodeScalars) }, Array(expected.nfc.unicodeScalars),
                       "\(actual ?? "nil") is not \(expected)", file: file, line: line)
    }

    private func crlf(_ text: String) -> Data {
        Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// A one-part message whose body is `encoded` in the given transfer encoding.
    private func singlePart(_ encoding: String, _ encoded: String, type: String = "application/pdf; name=\"x.pdf\"") throws -> MIMEAttachment {
        let raw = crlf("From: a@example.org\nSubject: x\nMIME-Version: 1.0\nContent-Type: \(type)\n"
            + "Content-Transfer-Encoding: \(encoding)\n\n\(encoded)\n")
        return try XCTUnwrap(try MIMEParser.parse(raw).attachments.first)
    }

    // MARK: base64 without padding: encoded-words

    func testUnpaddedBase64WordAloneKeepsItsLastCharacters() throws {
        let message = try MIMEParser.parse(Fixtures.data("unpadded-base64.eml"))
        assertNFC(message.subject, "Báo cáo quý II")
        assertNFC(message.header("Subject"), "Báo cáo quý II")
        let raw = crlf("From: a@example.org\nSubject: Re: =?UTF-8?B?xJDhuqd1IHTGsA?= =?windows-1258?Q?_quy=EC_II?=\n\nx\n")
        assertNFC(try MIMEParser.parse(raw).subject, "Re: Đầu tư quý II")
    }

    func testUnpaddedBase64WordInARunKeepsItsLastCharacters() throws {
        let message = try MIMEParser.parse(Fixtures.data("unpadded-base64.eml"))
        XCTAssertEqual(message.from?.address, "skhdt@dienbien.example.org")
        assertNFC(message.from?.name, "Sở Kế hoạch và Đầu tư tỉnh Điện Biên")
        let raw = crlf("""
            From: a@example.org
            To: "=?UTF-8?B?VsSDbiBwaMOybmc?= =?UTF-8?B?IMSQ4bqndSB0xrA?=" <vp@example.org>
            Cc: =?UTF-8?B?xJDhuqd1IHTGsA?= <dt@example.org>
            Subject: x

            x
            """)
        let parsed = try MIMEParser.parse(raw)
        assertNFC(parsed.to.first?.name, "Văn phòng Đầu tư")
        assertNFC(parsed.header("Cc"), "Đầu tư <dt@example.org>")
    }

    func testUnpaddedBase64WordInAFileNameKeepsItsLastCharacters() throws {
        let message = try MIMEParser.parse(Fixtures.data("unpadded-base64.eml"))
        XCTAssertEqual(message.attachments.count, 2)
        assertNFC(message.attachments.first?.fileName, "Báo cáo quý II 2020.pdf")
        assertNFC(message.attachments.last?.fileName, "Phụ lục Đầu tư.pdf")
    }

    // MARK: base64 without padding: bodies

    func testUnpaddedBase64AttachmentKeepsItsLastBytes() throws {
        let message = try MIMEParser.parse(Fixtures.data("unpadded-base64.eml"))
        XCTAssertEqual(message.attachments.map { SHA256.hex($0.content) }, [
            "3fd0ef98d7f5e8c060ca007cd0983c5247371b785ccc2a8f76d4f9094122c9da",
            "e56ea9debef419e1141c48670609f6d20e637ac88a691384a81184f76cfc2f13",
        ])
        XCTAssertEqual(message.attachments.map(\.damage), [nil, nil])
        assertNFC(message.textBody, "Sở Kế hoạch và Đầu tư gửi báo cáo quý II.\n")
    }

    /// Every length of file, so every remainder of the base64 length, with and without its
    /// padding and with a line break or none after the last group.
    func testBase64BodyOfAnyLengthDecodesWholeWithoutItsPadding() throws {
        let file = Array("%PDF-1.4\nBáo cáo\n".utf8)
        for length in 1...file.count {
            let original = Data(file.prefix(length))
            let padded = original.base64EncodedString()
            for encoded in [padded, String(padded.prefix { $0 != "=" })] {
                XCTAssertEqual(try singlePart("base64", encoded).content, original, "\(encoded)")
            }
        }
    }

    func testUnpaddedBase64TextInALegacyCharsetKeepsItsLastCharacters() throws {
        let raw = crlf("From: a@example.org\nSubject: x\nContent-Type: text/plain; charset=windows-1258\n"
            + "Content-Transfer-Encoding: base64\n\nQuFvIGPhbyBxdXnsIDI\n")
        assertNFC(try MIMEParser.parse(raw).textBody, "Báo cáo quý 2")
    }

    // MARK: base64 no reader can make whole

    func testBase64ThatLostACharacterIsListedWithItsNameAndMarked() throws {
        let message = try MIMEParser.parse(Fixtures.data("hopeless-base64.eml"))
        XCTAssertEqual(message.attachments.map(\.fileName), ["22-BC-STC.pdf"])
        XCTAssertEqual(message.attachments.first?.isInline, false)
        XCTAssertEqual(message.attachments.first?.damage, .base64Incomplete)
        XCTAssertTrue(message.attachments.first?.content.starts(with: Data("%PDF-1.4\n".utf8)) == true)
    }

    func testBase64EndingInALoneCharacterIsMarked() throws {
        let attachment = try singlePart("base64", "JVBERi0xLjQKJ")
        XCTAssertEqual(attachment.content, Data("%PDF-1.4\n".utf8))
        XCTAssertEqual(attachment.damage, .base64Incomplete)
        XCTAssertEqual(try singlePart("base64", "JVBERi0xLjQKJ=").damage, .base64Incomplete)
    }

    /// Stray characters outside the alphabet are skipped, and the file is whole: not damage.
    func testWholeBase64IsNotMarkedEvenWithStrayCharacters() throws {
        for name in ["bad-base64.eml", "submission-pdf-utf8.eml", "octet-stream-pdf.eml", "missing-end-boundary.eml",
                     "forwarded-rfc822-with-docx.eml", "inline-image-signature.eml", "uuencode-and-path-filename.eml"] {
            let message = try MIMEParser.parse(Fixtures.data(name))
            XCTAssertFalse(message.attachments.isEmpty, name)
            XCTAssertEqual(message.attachments.compactMap(\.damage), [], name)
        }
    }

    /// A header followed at once by the next delimiter: the file never arrived, and says so.
    func testPartWithAHeaderAndNoBodyIsListedAndMarked() throws {
        let raw = crlf("""
            From: a@example.org
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: application/pdf; name="45-BC-STNMT.pdf"
            Content-Disposition: attachment; filename="45-BC-STNMT.pdf"
            --b
            Content-Type: BINARY; name="Phu luc.pdf"
            --b--

            """)
        let attachments = try MIMEParser.parse(raw).attachments
        XCTAssertEqual(attachments.map(\.fileName), ["45-BC-STNMT.pdf", "Phu luc.pdf"])
        XCTAssertEqual(attachments.map(\.damage), [.missingBody, .missingBody])
        XCTAssertEqual(attachments.map(\.isInline), [false, false])
    }

    // MARK: uuencode

    func testUuencodedLinesThatLostTrailingSpacesArePaddedToTheirLength() throws {
        let message = try MIMEParser.parse(Fixtures.data("uuencode-stripped-trailing-spaces.eml"))
        let archive = try XCTUnwrap(message.attachments.first)
        XCTAssertEqual(archive.fileName, "08-BC-UBND.zip")
        XCTAssertEqual(archive.content.count, 292)
        XCTAssertEqual(SHA256.hex(archive.content), "c51bf31554c6599d5a304dc34a4e71ce6b5302b91b7bb37163b5f2fe2b866e00")
        XCTAssertNil(archive.damage)
    }

    /// `begin`, backquotes or spaces for zero, LF or CRLF, no `end` line: all one file.
    func testUuencodeVariantsDecodeToTheSameBytes() throws {
        let expected = Data("%PDF-1.4\n\0\0\0".utf8)
        let spaces = "begin 644 x.pdf\n,)5!$1BTQ+C0*    \n \nend"
        let backquotes = "begin 0644 x.pdf\n,)5!$1BTQ+C0*````\n`\nend"
        let stripped = "begin 644 x.pdf\n,)5!$1BTQ+C0*\n"
        for encoded in [spaces, backquotes, stripped] {
            let attachment = try singlePart("x-uuencode", encoded)
            XCTAssertEqual(attachment.content, expected, encoded)
            XCTAssertNil(attachment.damage, encoded)
        }
        let lf = "From: a@example.org\nContent-Type: application/pdf; name=x.pdf\nContent-Transfer-Encoding: uuencode\n\n\(stripped)"
        XCTAssertEqual(try MIMEParser.parse(Data(lf.utf8)).attachments.first?.content, expected)
    }

    func testUuencodeWithoutABeginLineIsListedAndMarked() throws {
        let attachment = try singlePart("x-uuencode", ",)5!$1BTQ+C0*\n`\nend")
        XCTAssertEqual(attachment.fileName, "x.pdf")
        XCTAssertEqual(attachment.damage, .uuencodeUnreadable)
    }
}
