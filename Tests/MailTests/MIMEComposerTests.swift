import Foundation
import Mail
import XCTest

/// What dondoc sends must read back as written, through the same parser the poll uses, and
/// must be safe to hand to any SMTP server: CRLF only, 7-bit headers, no injected headers.
final class MIMEComposerTests: XCTestCase {
    private let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// Wed, 6 May 2020 07:30:00 +0700
    private let sentAt = Date(timeIntervalSince1970: 1_588_725_000)

    private let reminderBody = """
        Kính gửi: Sở Tài nguyên và Môi trường

        Thực hiện Kế hoạch tổ chức giải trình, Văn phòng HĐND tỉnh đề nghị Quý cơ quan gửi báo cáo trước ngày 09/05/2020.
        Dòng có dấu cách cuối   
        Trân trọng./.
        Văn phòng HĐND tỉnh Điện Biên

        """

    private func reminder() -> OutgoingMessage {
        OutgoingMessage(
            from: MailAddress(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org"),
            to: [MailAddress(name: "Sở Tài nguyên và Môi trường", address: "stnmt@dienbien.example.org"),
                 MailAddress(name: nil, address: "vanthu.stnmt@dienbien.example.org")],
            cc: [MailAddress(name: "Chánh Văn phòng", address: "chanhvanphong@hdnd.example.org")],
            replyTo: MailAddress(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org"),
            subject: "[GT2020-STNMT] Đề nghị gửi báo cáo giải trình trước ngày 09/05/2020",
            messageID: "<reminder.stnmt.upcoming.2020-05-06@dondoc.hdnd.example.org>",
            inReplyTo: "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>",
            references: ["<first@mail.dienbien.example.org>", "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"],
            date: sentAt,
            autoSubmitted: "auto-generated",
            textBody: reminderBody,
            extraHeaders: [MIMEHeaderField(name: "X-Dondoc-Campaign", value: "giai-trinh-2020-q2")])
    }

    private func compose(_ message: OutgoingMessage) -> Data {
        MIMEComposer.compose(message, timeZone: vietnam)
    }

    /// The header block as text lines, without the line ends.
    private func headerLines(_ raw: Data) -> [String] {
        let text = String(decoding: raw, as: UTF8.self)
        let headerBlock = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return headerBlock.components(separatedBy: "\r\n")
    }

    // MARK: Round trip

    func testRoundTripKeepsEveryField() throws {
        let parsed = try MIMEParser.parse(compose(reminder()))
        XCTAssertEqual(parsed.subject, "[GT2020-STNMT] Đề nghị gửi báo cáo giải trình trước ngày 09/05/2020")
        XCTAssertEqual(parsed.from, MailAddress(name: "Văn phòng HĐND tỉnh Điện Biên", address: "vanphong@hdnd.example.org"))
        XCTAssertEqual(parsed.to, [MailAddress(name: "Sở Tài nguyên và Môi trường", address: "stnmt@dienbien.example.org"),
                                   MailAddress(name: nil, address: "vanthu.stnmt@dienbien.example.org")])
        XCTAssertEqual(parsed.messageID, "<reminder.stnmt.upcoming.2020-05-06@dondoc.hdnd.example.org>")
        XCTAssertEqual(parsed.inReplyTo, ["<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"])
        XCTAssertEqual(parsed.references, ["<first@mail.dienbien.example.org>", "<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"])
        XCTAssertEqual(parsed.header("Auto-Submitted"), "auto-generated")
        XCTAssertEqual(parsed.header("X-Dondoc-Campaign"), "giai-trinh-2020-q2")
        XCTAssertEqual(parsed.header("Cc"), "Chánh Văn phòng <chanhvanphong@hdnd.example.org>")
        XCTAssertEqual(parsed.header("Reply-To"), "Văn phòng HĐND tỉnh Điện Biên <vanphong@hdnd.example.org>")
        XCTAssertEqual(parsed.header("MIME-Version"), "1.0")
        XCTAssertEqual(parsed.date, sentAt)
        XCTAssertEqual(parsed.contentType, "text/plain")
        XCTAssertEqual(parsed.textBody, reminderBody)
    }

    func testBodyComesBackExactlyInNFCEvenWhenGivenDecomposed() throws {
        var message = reminder()
        message.textBody = reminderBody.decomposedStringWithCanonicalMapping
        let body = try XCTUnwrap(try MIMEParser.parse(compose(message)).textBody)
        XCTAssertEqual(Array(body.unicodeScalars), Array(reminderBody.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    func testABodyWithoutAFinalLineEndGetsOne() throws {
        var message = reminder()
        message.textBody = "Trân trọng./."
        XCTAssertEqual(try MIMEParser.parse(compose(message)).textBody, "Trân trọng./.\n")
    }

    func testCRLFInTheBodyIsNormalisedNotDoubled() throws {
        var message = reminder()
        message.textBody = "Dòng một\r\nDòng hai\rDòng ba\n"
        XCTAssertEqual(try MIMEParser.parse(compose(message)).textBody, "Dòng một\nDòng hai\nDòng ba\n")
    }

    func testDateIsRFC5322WithTheGivenOffset() {
        let date = headerLines(compose(reminder())).first { $0.hasPrefix("Date:") }
        XCTAssertEqual(date, "Date: Wed, 06 May 2020 07:30:00 +0700")
        let utc = headerLines(MIMEComposer.compose(reminder(), timeZone: TimeZone(identifier: "UTC")!))
            .first { $0.hasPrefix("Date:") }
        XCTAssertEqual(utc, "Date: Wed, 06 May 2020 00:30:00 +0000")
    }

    // MARK: Wire format

    func testRawBytesUseCRLFOnly() {
        let raw = [UInt8](compose(reminder()))
        for (index, byte) in raw.enumerated() {
            if byte == 0x0A { XCTAssertEqual(index > 0 ? raw[index - 1] : 0, 0x0D, "bare LF at \(index)") }
            if byte == 0x0D { XCTAssertEqual(index + 1 < raw.count ? raw[index + 1] : 0, 0x0A, "bare CR at \(index)") }
        }
        XCTAssertTrue(raw.count > 200)
    }

    func testWholeMessageIsSevenBitWithShortLines() throws {
        let raw = compose(reminder())
        XCTAssertTrue(raw.allSatisfy { $0 < 0x80 }, "8-bit byte in the output")
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        for line in lines { XCTAssertLessThanOrEqual(line.utf8.count, 78, line) }
        let text = String(decoding: raw, as: UTF8.self)
        let bodyStart = try XCTUnwrap(text.range(of: "\r\n\r\n")).upperBound
        for line in text[bodyStart...].components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 76, line)
        }
    }

    func testBodyIsUTF8QuotedPrintable() {
        let headers = headerLines(compose(reminder())).map { $0.lowercased() }
        XCTAssertTrue(headers.contains("mime-version: 1.0"), "\(headers)")
        XCTAssertTrue(headers.contains { $0.hasPrefix("content-type: text/plain; charset=utf-8") }, "\(headers)")
        XCTAssertTrue(headers.contains("content-transfer-encoding: quoted-printable"), "\(headers)")
    }

    func testPureASCIIBodyIsStillLabelledUTF8() {
        var message = reminder()
        message.textBody = "Plain ASCII only.\n"
        let headers = headerLines(compose(message)).map { $0.lowercased() }
        XCTAssertTrue(headers.contains { $0.hasPrefix("content-type: text/plain; charset=utf-8") }, "\(headers)")
    }

    func testLongVietnameseSubjectFoldsAndReadsBack() throws {
        var message = reminder()
        message.subject = "[GT2020-UBND-MUONG-NHE] Đôn đốc lần 3: đề nghị Ủy ban nhân dân huyện Mường Nhé khẩn trương "
            + "gửi Báo cáo giải trình về việc cấp giấy chứng nhận quyền sử dụng đất cho cộng đồng thôn, bản "
            + "và thanh toán góp đất trồng cao su (đã quá hạn 5 ngày)"
        let raw = compose(message)
        let lines = headerLines(raw)
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Subject:") })
        let continuation = lines[(start + 1)...].prefix { $0.hasPrefix(" ") || $0.hasPrefix("\t") }
        XCTAssertGreaterThan(continuation.count, 1, "a subject this long is folded")
        for line in lines[start...(start + continuation.count)] {
            XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
            XCTAssertTrue(line.allSatisfy(\.isASCII), line)
        }
        XCTAssertEqual(decodedSubject(raw), message.subject)
        XCTAssertEqual(try MIMEParser.parse(raw).subject, message.subject)
    }

    func testSubjectReadsBackThroughTheParser() throws {
        let raw = compose(reminder())
        XCTAssertEqual(decodedSubject(raw), reminder().subject)
        XCTAssertEqual(try MIMEParser.parse(raw).subject, reminder().subject)
    }

    /// The Subject decoded word by word, as RFC 2047 says each encoded word stands alone:
    /// independent of GMime's decoder, so it checks what the composer wrote.
    private func decodedSubject(_ raw: Data) -> String? {
        let lines = headerLines(raw)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject:") }) else { return nil }
        let folded = [String(lines[start].dropFirst("Subject:".count))]
            + lines[(start + 1)...].prefix { $0.hasPrefix(" ") || $0.hasPrefix("\t") }
        let unfolded = folded.joined().trimmingCharacters(in: .whitespaces)
        var result = ""
        var previousWasEncoded = false
        for (index, token) in unfolded.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if let text = decodeEncodedWord(String(token)) {
                result += (index > 0 && !previousWasEncoded ? " " : "") + text
                previousWasEncoded = true
            } else {
                result += (index > 0 ? " " : "") + token
                previousWasEncoded = false
            }
        }
        return result
    }

    private func decodeEncodedWord(_ word: String) -> String? {
        let parts = word.split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "=", parts[4] == "=", parts[1].lowercased() == "utf-8" else { return nil }
        switch parts[2].uppercased() {
        case "B":
            return Data(base64Encoded: String(parts[3])).map { String(decoding: $0, as: UTF8.self) }
        case "Q":
            var bytes: [UInt8] = []
            var characters = Array(parts[3].utf8)[...]
            while let byte = characters.popFirst() {
                if byte == UInt8(ascii: "_") { bytes.append(0x20) }
                else if byte == UInt8(ascii: "="), characters.count >= 2,
                        let value = UInt8(String(decoding: characters.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    characters = characters.dropFirst(2)
                } else { bytes.append(byte) }
            }
            return String(decoding: bytes, as: UTF8.self)
        default:
            return nil
        }
    }

    // MARK: Header injection

    func testCRLFInASubjectNeverStartsAHeader() throws {
        var message = reminder()
        message.subject = "x\r\nBcc: victim@example.org"
        let raw = compose(message)
        XCTAssertFalse(headerLines(raw).contains { $0.lowercased().hasPrefix("bcc:") })
        let parsed = try MIMEParser.parse(raw)
        XCTAssertNil(parsed.header("Bcc"))
        XCTAssertEqual(parsed.subject, "x Bcc: victim@example.org")
        XCTAssertEqual(decodedSubject(raw), "x Bcc: victim@example.org")
    }

    func testControlCharactersInEveryHeaderValueAreNeutralised() throws {
        var message = reminder()
        message.from = MailAddress(name: "Văn phòng\nBcc: a@example.org", address: "vanphong@hdnd.example.org\r\nBcc: b@example.org")
        message.to = [MailAddress(name: "Sở\u{2028}X-Injected: 1", address: "stnmt@dienbien.example.org, victim@example.org"),
                      MailAddress(name: "Sở Tài chính", address: "stc@dienbien.example.org")]
        message.messageID = "<id@dondoc.example.org>\r\nBcc: c@example.org"
        message.inReplyTo = "<r@example.org>\nBcc: d@example.org"
        message.references = ["<r@example.org>\r\nX-Injected: 2"]
        message.autoSubmitted = "auto-generated\r\nBcc: e@example.org"
        message.extraHeaders = [MIMEHeaderField(name: "X-Dondoc-Campaign\r\nBcc", value: "gt\r\nBcc: f@example.org"),
                                MIMEHeaderField(name: "Content-Type", value: "text/html")]
        let raw = compose(message)
        for line in headerLines(raw) {
            let lower = line.lowercased()
            XCTAssertFalse(lower.hasPrefix("bcc") || lower.hasPrefix("x-injected"), line)
            XCTAssertFalse(line.contains("\u{0}"), line)
        }
        let parsed = try MIMEParser.parse(raw)
        XCTAssertNil(parsed.header("Bcc"))
        XCTAssertNil(parsed.header("X-Injected"))
        XCTAssertEqual(parsed.to.map(\.address), ["stc@dienbien.example.org"],
                       "an address with a comma is refused, not split into a second recipient")
        XCTAssertEqual(parsed.from?.address, nil, "a From address with a line break in it is refused")
        XCTAssertEqual(parsed.contentType, "text/plain", "an extra header cannot replace the composer's own")
        XCTAssertEqual(headerLines(raw).filter { $0.lowercased().hasPrefix("content-type:") }.count, 1)
    }

    func testHeaderSafeCollapsesControlRunsAndKeepsVietnamese() {
        XCTAssertEqual(MIMEComposer.headerSafe("  Sở TN&MT\r\n\t báo cáo\u{0}\u{85}x  "), "Sở TN&MT báo cáo x")
    }

    // MARK: HTML alternative

    func testHTMLMakesAMultipartAlternativeWithTheTextFirst() throws {
        var message = reminder()
        message.htmlBody = "<p>Kính gửi: <b>Sở Tài nguyên và Môi trường</b></p>"
        let raw = compose(message)
        let parsed = try MIMEParser.parse(raw)
        XCTAssertEqual(parsed.contentType, "multipart/alternative")
        XCTAssertEqual(parsed.textBody, reminderBody)
        XCTAssertTrue(parsed.attachments.isEmpty)
        let text = String(decoding: raw, as: UTF8.self).lowercased()
        let plain = try XCTUnwrap(text.range(of: "content-type: text/plain; charset=utf-8"))
        let html = try XCTUnwrap(text.range(of: "content-type: text/html; charset=utf-8"))
        XCTAssertLessThan(plain.lowerBound, html.lowerBound)
    }
}
