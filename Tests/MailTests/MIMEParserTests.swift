import Foundation
import Mail
import TestSupport
import XCTest

/// One or more tests per fixture in Tests/Fixtures: what the poll job will read from real mail.
final class MIMEParserTests: XCTestCase {
    private func parse(_ fixture: String) throws -> MIMEMessage {
        try MIMEParser.parse(Fixtures.data(fixture))
    }

    private func assertNFC(_ text: String?, file: StaticString = #filePath, line: UInt = #line) {
        guard let text else { return XCTFail("no text", file: file, line: line) }
        XCTAssertEqual(Array(text.unicodeScalars), Array(text.precomposedStringWithCanonicalMapping.unicodeScalars),
                       "not NFC: \(text)", file: file, line: line)
    }

    // MARK: submission-pdf-utf8.eml

    func testUTF8SubmissionDecodesSubjectSplitAcrossEncodedWords() throws {
        let message = try parse("submission-pdf-utf8.eml")
        XCTAssertEqual(message.subject, "Số: 45/BC-STNMT Báo cáo giải trình về công tác quản lý đất đai")
        assertNFC(message.subject)
    }

    func testUTF8SubmissionGivesSenderNameAndLowerCasedAddress() throws {
        let message = try parse("submission-pdf-utf8.eml")
        XCTAssertEqual(message.from, MailAddress(name: "Sở Tài nguyên và Môi trường", address: "stnmt@dienbien.example.org"))
        XCTAssertEqual(message.to, [MailAddress(name: "Văn phòng HĐND tỉnh", address: "vanphong@hdnd.example.org")])
    }

    func testUTF8SubmissionKeepsMessageIDWithAngleBracketsAndDate() throws {
        let message = try parse("submission-pdf-utf8.eml")
        XCTAssertEqual(message.messageID, "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>")
        // Wed, 6 May 2020 09:15:32 +0700
        XCTAssertEqual(message.date, Date(timeIntervalSince1970: 1_588_731_332))
        XCTAssertEqual(message.contentType, "multipart/mixed")
        XCTAssertEqual(message.inReplyTo, [])
        XCTAssertEqual(message.references, [])
    }

    func testUTF8SubmissionHasOnePDFWithExactBytes() throws {
        let message = try parse("submission-pdf-utf8.eml")
        XCTAssertEqual(message.attachments.count, 1)
        let pdf = try XCTUnwrap(message.attachments.first)
        XCTAssertEqual(pdf.fileName, "45-BC-STNMT.pdf")
        XCTAssertEqual(pdf.mediaType, "application/pdf")
        XCTAssertEqual(pdf.content.count, 471)
        XCTAssertEqual(SHA256.hex(pdf.content), "5eadb09911b0e394a94e03e19048ef2149c46c45d4ecdc07970384a573148b22")
        XCTAssertTrue(pdf.content.starts(with: Data("%PDF-1.4".utf8)))
        XCTAssertFalse(pdf.isInline)
        XCTAssertFalse(pdf.fromForwardedMessage)
    }

    func testUTF8SubmissionBodyIsDecodedQuotedPrintableWithUnixLineEnds() throws {
        let body = try XCTUnwrap(try parse("submission-pdf-utf8.eml").textBody)
        XCTAssertTrue(body.hasPrefix("Kính gửi: Văn phòng HĐND tỉnh Điện Biên\n\nSở Tài nguyên và Môi trường gửi kèm Báo cáo số 45/BC-STNMT"), body)
        XCTAssertFalse(body.contains("\r"))
        assertNFC(body)
    }

    // MARK: subject-windows-1258.eml

    func testWindows1258SubjectDecodesToNFC() throws {
        let message = try parse("subject-windows-1258.eml")
        XCTAssertEqual(message.subject, "Báo cáo giải trình của UBND huyện Mường Nhé")
        assertNFC(message.subject)
    }

    func testWindows1258DisplayNameDecodesToNFC() throws {
        let from = try XCTUnwrap(try parse("subject-windows-1258.eml").from)
        XCTAssertEqual(from.name, "UBND huyện Mường Nhé")
        assertNFC(from.name)
        XCTAssertEqual(from.address, "ubndmuongnhe@dienbien.example.org")
    }

    func testWindows1258BodyAndRFC2231FileNameDecodeToNFC() throws {
        let message = try parse("subject-windows-1258.eml")
        XCTAssertEqual(message.textBody, "Kính gửi Văn phòng HĐND tỉnh,\n\nỦy ban nhân dân huyện Mường Nhé xin gửi báo cáo giải trình (bản điện tử).\n\nTrân trọng.\n")
        XCTAssertEqual(message.attachments.map(\.fileName), ["Báo cáo Mường Nhé.pdf"])
        assertNFC(message.attachments.first?.fileName)
        XCTAssertEqual(SHA256.hex(message.attachments[0].content), "d45efd0f9899e98c5aeed973bd8e6986480931ddbcd3ea30762b0bc4af9ff0d3")
    }

    // MARK: filename-rfc2231.eml

    func testRFC2231ContinuedFileNameIsJoinedAndDecoded() throws {
        let message = try parse("filename-rfc2231.eml")
        XCTAssertEqual(message.attachments.count, 1)
        XCTAssertEqual(message.attachments[0].fileName, "Báo cáo 32-BC-SYT giải trình về công tác phòng chống dịch.pdf")
        assertNFC(message.attachments[0].fileName)
        XCTAssertEqual(message.attachments[0].content.count, 469)
        XCTAssertEqual(SHA256.hex(message.attachments[0].content), "de22de0ea11e4f47e5cf851829f306c1cadb9587f8e699b8e3c8f4b712f551c4")
        XCTAssertEqual(message.subject, "Báo cáo giải trình Sở Y tế")
        XCTAssertEqual(message.from?.name, "Sở Y tế")
    }

    // MARK: filename-rfc2047-in-quotes.eml

    func testRFC2047InsideQuotedFileNameIsDecoded() throws {
        let message = try parse("filename-rfc2047-in-quotes.eml")
        XCTAssertEqual(message.attachments.count, 1)
        let document = message.attachments[0]
        XCTAssertEqual(document.fileName, "Báo cáo giải trình Sở Công Thương.docx")
        XCTAssertEqual(document.mediaType, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        XCTAssertEqual(document.content.count, 1317)
        XCTAssertEqual(SHA256.hex(document.content), "08f5cfd24c0432f683f51c2b984eabe767af54760eb2a12345684df2681f05e7")
        XCTAssertTrue(document.content.starts(with: Data("PK".utf8)))
        XCTAssertEqual(message.textBody, "Sở Công Thương gửi báo cáo giải trình, đề nghị Văn phòng tổng hợp.\n")
    }

    // MARK: forwarded-rfc822-with-docx.eml

    func testDocumentInsideForwardedMessageIsFoundAndMarked() throws {
        let message = try parse("forwarded-rfc822-with-docx.eml")
        XCTAssertEqual(message.subject, "Fwd: Báo cáo giải trình Sở NN&PTNT (bản trình ký)")
        XCTAssertEqual(message.attachments.count, 1)
        let document = message.attachments[0]
        XCTAssertEqual(document.fileName, "21-BC-SNNPTNT.docx")
        XCTAssertTrue(document.fromForwardedMessage)
        XCTAssertFalse(document.isInline)
        XCTAssertEqual(document.content.count, 1297)
        XCTAssertEqual(SHA256.hex(document.content), "75a0defa9365dc831abfb23af2c71b1b241016c71ca8a38f699b4addc1eb1f8e")
    }

    func testForwardedMessageKeepsItsOriginalSenderAndSubject() throws {
        let message = try parse("forwarded-rfc822-with-docx.eml")
        XCTAssertEqual(message.forwarded, [ForwardedMessage(
            from: MailAddress(name: "Phòng Kế hoạch - Sở NN&PTNT", address: "phongkh.snnptnt@dienbien.example.org"),
            subject: "Báo cáo giải trình Sở NN&PTNT (bản trình ký)")])
    }

    func testBounceReturnedMessageIsNotAForward() throws {
        XCTAssertEqual(try parse("bounce-delivery-status.eml").forwarded, [])
    }

    func testForwardingMessageBodyWinsOverForwardedBody() throws {
        let message = try parse("forwarded-rfc822-with-docx.eml")
        XCTAssertEqual(message.textBody, "Văn thư Sở NN&PTNT chuyển tiếp báo cáo giải trình.\n")
        XCTAssertEqual(message.from?.address, "vanthu.snnptnt@dienbien.example.org")
    }

    // MARK: auto-reply-rfc3834.eml

    func testAutoReplyHeadersAreFoundCaseInsensitively() throws {
        let message = try parse("auto-reply-rfc3834.eml")
        XCTAssertEqual(message.header("auto-submitted"), "auto-replied")
        XCTAssertEqual(message.header("AUTO-SUBMITTED"), "auto-replied")
        XCTAssertEqual(message.header("Return-Path"), "<>")
        XCTAssertEqual(message.header("X-Auto-Response-Suppress"), "All")
        XCTAssertNil(message.header("Precedence"))
        XCTAssertEqual(message.subject, "Trả lời tự động: [GT2020-SGDDT] Nhắc gửi báo cáo giải trình")
        XCTAssertEqual(message.inReplyTo, ["<giai-trinh-2020-q2.sgddt.upcoming.20200506@hdnd.example.org>"])
        XCTAssertTrue(message.attachments.isEmpty)
    }

    func testFoldedAddressHeaderIsUnfoldedAndDecoded() throws {
        let message = try parse("auto-reply-rfc3834.eml")
        XCTAssertEqual(message.header("To"), "Văn phòng HĐND tỉnh Điện Biên <vanphong@hdnd.example.org>")
        XCTAssertEqual(message.to, [MailAddress(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org")])
        XCTAssertEqual(message.textBody, "Tôi đang đi công tác đến hết ngày 08/5/2020. Việc gấp xin liên hệ đồng chí Phó Giám đốc Sở.\n")
    }

    // MARK: list-mail.eml

    func testListMailExposesListIdAndPrecedence() throws {
        let message = try parse("list-mail.eml")
        XCTAssertEqual(message.header("List-Id"), "Bản tin Công báo <congbao.lists.dienbien.example.org>")
        XCTAssertEqual(message.header("precedence"), "list")
        XCTAssertEqual(message.header("List-Unsubscribe"),
                       "<mailto:congbao-leave@lists.dienbien.example.org>, <https://congbao.dienbien.example.org/unsubscribe>")
    }

    func testHTMLOnlyMailGivesTextWithoutTagsStylesOrEntities() throws {
        let message = try parse("list-mail.eml")
        XCTAssertEqual(message.contentType, "text/html")
        XCTAssertEqual(message.textBody, """
            Bản tin Công báo tỉnh Điện Biên số 18/2020

            Kính gửi Quý cơ quan,
            Công báo tỉnh xin giới thiệu các văn bản mới ban hành trong tuần.

            Nghị quyết số 15/NQ-HĐND & Quyết định số 07/QĐ-UBND.

            Hủy đăng ký: nhấn vào đây
            """)
        XCTAssertTrue(message.attachments.isEmpty)
    }

    // MARK: octet-stream-pdf.eml

    func testOctetStreamPDFKeepsDeclaredTypeAndNameFromContentType() throws {
        let message = try parse("octet-stream-pdf.eml")
        XCTAssertEqual(message.attachments.count, 1)
        let file = message.attachments[0]
        XCTAssertEqual(file.fileName, "12-BC-SKHDT.pdf")
        XCTAssertEqual(file.mediaType, "application/octet-stream")
        XCTAssertFalse(file.isInline, "a named part without Content-Disposition is a file, not an embedded picture")
        XCTAssertEqual(SHA256.hex(file.content), "407a2dc991f2bd653f8027caa310efa80610f35e8c4305304b0a16be7cd1eca6")
        XCTAssertEqual(message.from, MailAddress(name: "So KH&DT Dien Bien", address: "skhdt@dienbien.example.org"))
        XCTAssertEqual(message.subject, "Bao cao giai trinh So KH&DT - so 12/BC-SKHDT")
    }

    // MARK: nfd-subject.eml

    func testDecomposedUTF8SubjectNameAndFileNameComeBackComposed() throws {
        let message = try parse("nfd-subject.eml")
        XCTAssertEqual(Array(message.subject.unicodeScalars), Array("Báo cáo giải trình của UBND thị xã Mường Lay".unicodeScalars))
        XCTAssertEqual(message.from.map { Array(($0.name ?? "").unicodeScalars) }, Array("UBND thị xã Mường Lay".unicodeScalars))
        let fileName = try XCTUnwrap(message.attachments.first?.fileName)
        XCTAssertEqual(Array(fileName.unicodeScalars), Array("Báo cáo Mường Lay.pdf".unicodeScalars))
        XCTAssertEqual(message.textBody.map { Array($0.unicodeScalars) }, Array("Thị xã Mường Lay gửi báo cáo.\n".unicodeScalars))
    }

    // MARK: inline-image-signature.eml

    func testOutlookSignatureLogoIsInlineAndWordDocumentIsNot() throws {
        let message = try parse("inline-image-signature.eml")
        XCTAssertEqual(message.attachments.map(\.fileName), ["image001.png", "15-BC-STP.doc"])
        let logo = message.attachments[0], document = message.attachments[1]
        XCTAssertTrue(logo.isInline)
        XCTAssertEqual(logo.mediaType, "image/png")
        XCTAssertEqual(SHA256.hex(logo.content), "6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0")
        XCTAssertFalse(document.isInline)
        XCTAssertEqual(document.mediaType, "application/msword")
        XCTAssertEqual(document.content.count, 512)
        XCTAssertEqual(SHA256.hex(document.content), "9b0d2fa67a822c4115a3001b03cf2f6498e5c090a881cd351350a56d0b85b891")
    }

    func testPlainAlternativeIsPreferredOverHTML() throws {
        let message = try parse("inline-image-signature.eml")
        XCTAssertEqual(message.textBody, "Kính gửi Văn phòng HĐND tỉnh,\n\nSở Tư pháp gửi báo cáo.\n")
        XCTAssertEqual(message.subject, "Báo cáo số 15/BC-STP về giải trình")
    }

    // MARK: reply-to-reminder.eml

    func testReplyCarriesOurReminderIDsInInReplyToAndReferences() throws {
        let message = try parse("reply-to-reminder.eml")
        XCTAssertEqual(message.inReplyTo, ["<giai-trinh-2020-q2.stnmt.upcoming.20200506@hdnd.example.org>"])
        XCTAssertEqual(message.references, [
            "<giai-trinh-2020-q2.stnmt.upcoming.20200503@hdnd.example.org>",
            "<giai-trinh-2020-q2.stnmt.upcoming.20200506@hdnd.example.org>",
        ])
        XCTAssertEqual(message.subject, "Re: [GT2020-STNMT] Nhắc gửi báo cáo giải trình trước ngày 10/5/2020")
        XCTAssertEqual(message.contentType, "text/plain")
        XCTAssertTrue(message.attachments.isEmpty)
        XCTAssertTrue(message.textBody?.contains("> Kính gửi Sở Tài nguyên và Môi trường,\n") == true)
    }

    func testAbsentHeaderIsNilAndAbsentSubjectIsEmpty() throws {
        let message = try MIMEParser.parse(Data("From: a@example.org\r\nTo: b@example.org\r\n\r\nx\r\n".utf8))
        XCTAssertEqual(message.subject, "")
        XCTAssertNil(message.header("Subject"))
        XCTAssertNil(message.messageID)
        XCTAssertNil(message.date)
        XCTAssertEqual(message.textBody, "x\n")
    }
}
