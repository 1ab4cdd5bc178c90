import Foundation
@testable import Mail
import TestSupport
import XCTest

/// The RFC violations listed in docs/mime-tolerances.md, and input that is not mail at all.
final class MIMEToleranceTests: XCTestCase {
    private func assertUnparseable(_ raw: Data, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let message = try MIMEParser.parse(raw)
            XCTFail("parsed as a message: \(message.headers)", file: file, line: line)
        } catch {
            guard case .unparseable(let reason) = error else { return }
            XCTAssertFalse(reason.isEmpty, file: file, line: line)
            XCTAssertFalse(reason.contains("\n"), "the reason is one line", file: file, line: line)
        }
    }

    // MARK: Not a message

    func testBinaryGarbageThrowsUnparseable() {
        assertUnparseable(Fixtures.data("garbage-not-a-message.eml"))
    }

    func testEmptyDataThrowsUnparseable() {
        assertUnparseable(Data())
    }

    func testBlankLinesAndProseWithoutHeadersThrowUnparseable() {
        assertUnparseable(Data("\r\n\r\n".utf8))
        assertUnparseable(Data("Báo cáo giải trình, không có tiêu đề thư.\r\n".utf8))
    }

    func testColonLinesThatAreNoMailHeaderThrowUnparseable() {
        assertUnparseable(Data("Note: this is a text file\nAuthor: nobody\n\nbody\n".utf8))
    }

    // MARK: Odd but readable

    func testMissingEndBoundaryStillYieldsTheAttachment() throws {
        let message = try MIMEParser.parse(Fixtures.data("missing-end-boundary.eml"))
        XCTAssertEqual(message.subject, "Báo cáo giải trình huyện Tuần Giáo")
        XCTAssertEqual(message.attachments.map(\.fileName), ["09-BC-UBND.pdf"])
        XCTAssertEqual(SHA256.hex(message.attachments[0].content), "6b2a115a73446046ea56c1054424b75fc734b129274f95ad8ba067fee95c6149")
    }

    func testNonBase64CharactersInsideBase64AreSkipped() throws {
        let message = try MIMEParser.parse(Fixtures.data("bad-base64.eml"))
        XCTAssertEqual(message.attachments.count, 1)
        XCTAssertEqual(message.attachments[0].content.count, 469)
        XCTAssertEqual(SHA256.hex(message.attachments[0].content), "4799d1f4653e6864b648d42dfe869c715d3c35a18752efa7f16c9adc829b2702")
    }

    func testUndeclared8BitWindows1258HeadersDecodeThroughFallbackCharsets() throws {
        let message = try MIMEParser.parse(Fixtures.data("undeclared-8bit-headers.eml"))
        XCTAssertEqual(message.subject, "Báo cáo giải trình huyện Điện Biên Đông")
        XCTAssertEqual(message.from?.name, "UBND huyện Điện Biên Đông")
        XCTAssertEqual(message.header("Subject"), "Báo cáo giải trình huyện Điện Biên Đông")
        XCTAssertEqual(message.attachments.map(\.fileName), ["Báo cáo Điện Biên Đông.pdf"])
        XCTAssertEqual(message.textBody, "Gửi Văn phòng HĐND tỉnh.\n")
    }

    func testUndeclaredRawUTF8HeadersStayUTF8() throws {
        let raw = Data("From: Sở Nội vụ <snv@dienbien.example.org>\r\nSubject: Báo cáo 18/BC-SNV\r\n\r\nx\r\n".utf8)
        let message = try MIMEParser.parse(raw)
        XCTAssertEqual(message.subject, "Báo cáo 18/BC-SNV")
        XCTAssertEqual(message.from?.name, "Sở Nội vụ")
    }

    func testEncodedWordsSplitInsideACharacterAreJoined() throws {
        let raw = "From: a@example.org\r\nSubject: =?UTF-8?B?Tmjh?=\r\n =?UTF-8?B?uq9jIGfhu61p?=\r\n\r\nx\r\n"
        XCTAssertEqual(try MIMEParser.parse(Data(raw.utf8)).subject, "Nhắc gửi")
    }

    func testMessageIDsWithCommentsOrWithoutBracketsAreRead() throws {
        let raw = """
            From: a@example.org
            Message-ID: <abc.123@mail.dienbien.example.org> (Zimbra)
            In-Reply-To: <giai-trinh-2020-q2.stnmt.upcoming.20200506@hdnd.example.org> (Van phong HDND's message of "Wed, 6 May 2020")
            References: giai-trinh-2020-q2.stnmt.receipt.20200506@hdnd.example.org

            x
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let message = try MIMEParser.parse(Data(raw.utf8))
        XCTAssertEqual(message.messageID, "<abc.123@mail.dienbien.example.org>")
        XCTAssertEqual(message.inReplyTo, ["<giai-trinh-2020-q2.stnmt.upcoming.20200506@hdnd.example.org>"])
        XCTAssertEqual(message.references, ["<giai-trinh-2020-q2.stnmt.receipt.20200506@hdnd.example.org>"])
    }

    func testBodyDeclaredUSASCIIButWrittenInUTF8IsReadAsUTF8() throws {
        let raw = "From: a@example.org\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSở Tư pháp gửi báo cáo.\r\n"
        XCTAssertEqual(try MIMEParser.parse(Data(raw.utf8)).textBody, "Sở Tư pháp gửi báo cáo.\n")
    }

    func testUuencodedPartIsDecoded() throws {
        let message = try MIMEParser.parse(Fixtures.data("uuencode-and-path-filename.eml"))
        let document = try XCTUnwrap(message.attachments.first)
        XCTAssertEqual(document.fileName, "07-BC-SNV.pdf")
        XCTAssertEqual(document.content.count, 469)
        XCTAssertEqual(SHA256.hex(document.content), "55a18e104e7eb0f632dc9e3796c08650e2f7b0b9cf846fcfcf3ac402948b0821")
    }

    func testWindowsPathInQuotedFileNameKeepsOnlyTheLastComponent() throws {
        let message = try MIMEParser.parse(Fixtures.data("uuencode-and-path-filename.eml"))
        XCTAssertEqual(message.attachments.count, 2)
        XCTAssertEqual(message.attachments[1].fileName, "Phu luc 07-BC-SNV.pdf")
        XCTAssertEqual(SHA256.hex(message.attachments[1].content), "925ad2b638841aa53c5b5e53556d798c8d97ebe632729f74b1907de2267e97d1")
    }

    func testUnixPathAndTraversalInFileNameAreStripped() throws {
        let raw = """
            From: a@example.org
            Content-Type: application/pdf; name="../../etc/bao-cao.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let message = try MIMEParser.parse(Data(raw.utf8))
        XCTAssertEqual(message.attachments.map(\.fileName), ["bao-cao.pdf"])
        XCTAssertEqual(message.attachments.first?.content, Data("%PDF-1.4\n".utf8))
    }

    func testInlineDispositionWithoutNameIsInlineButAppleStyleInlinePDFIsAFile() throws {
        let raw = """
            From: a@example.org
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: image/jpeg
            Content-Disposition: inline
            Content-Transfer-Encoding: base64

            /9j/4AAQ
            --b
            Content-Type: application/pdf; name="bao-cao.pdf"
            Content-Disposition: inline; filename="bao-cao.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let message = try MIMEParser.parse(Data(raw.utf8))
        XCTAssertEqual(message.attachments.map(\.isInline), [true, false])
        XCTAssertEqual(message.attachments.map(\.fileName), [nil, "bao-cao.pdf"])
    }

    func testTextBodyIsCutAtTheLimitOnACharacterBoundary() throws {
        let line = String(repeating: "Điện Biên ", count: 1_000) + "\n"
        let raw = "From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + String(repeating: line, count: 10)
        let body = try XCTUnwrap(try MIMEParser.parse(Data(raw.utf8)).textBody)
        XCTAssertLessThanOrEqual(body.utf8.count, MIMEParser.textBodyLimit)
        XCTAssertGreaterThan(body.utf8.count, MIMEParser.textBodyLimit - 4)
        XCTAssertTrue(body.hasPrefix("Điện Biên Điện Biên"))
    }

    func testHTMLEntitiesNamedAndNumericDecode() {
        let text = MIMEText.plainText(fromHTML: "<p>K&iacute;nh g&#7917;i S&#x1edf; T&#432; ph&aacute;p &amp; H&#272;ND</p><script>x()</script>", limit: 1_000)
        XCTAssertEqual(text, "Kính gửi Sở Tư pháp & HĐND")
    }

    func testWindowsPathTailIgnoresOrdinaryQuotedNames() {
        XCTAssertEqual(MIMEText.windowsPathTail(inRawHeader: #"attachment; filename="D:\VB\Bao cao.pdf""#, parameter: "filename"), "Bao cao.pdf")
        XCTAssertNil(MIMEText.windowsPathTail(inRawHeader: #"attachment; filename="Bao cao.pdf""#, parameter: "filename"))
    }

    // MARK: Never crash

    /// Every fixture cut at many lengths and with bytes overwritten must parse or throw, never
    /// trap: a poll must go on whatever arrives.
    func testTruncatedAndCorruptedFixturesNeverCrash() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).filter { $0.hasSuffix(".eml") }
        XCTAssertGreaterThanOrEqual(names.count, 13)
        var generator = SplitMix64(seed: 2020_05_10)
        var parsed = 0
        for name in names {
            let original = Fixtures.data(name)
            for cut in stride(from: 0, through: original.count, by: max(1, original.count / 97)) {
                if (try? MIMEParser.parse(original.prefix(cut))) != nil { parsed += 1 }
            }
            for _ in 0..<40 {
                var corrupted = original
                for _ in 0..<8 where !corrupted.isEmpty {
                    corrupted[Int(generator.next() % UInt64(corrupted.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                if (try? MIMEParser.parse(corrupted)) != nil { parsed += 1 }
            }
        }
        XCTAssertGreaterThan(parsed, 0)
    }

    func testDeeplyNestedMultipartsParseWithoutExhaustingTheStack() throws {
        var raw = "From: a@example.org\r\nMIME-Version: 1.0\r\n"
        let depth = 2_000
        for level in 0..<depth {
            raw += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        raw += "Content-Type: application/pdf; name=\"sau.pdf\"\r\n\r\n%PDF-1.4\r\n"
        let message = try MIMEParser.parse(Data(raw.utf8))
        XCTAssertEqual(message.contentType, "multipart/mixed")
        XCTAssertLessThanOrEqual(message.attachments.count, 1)
    }

    func testParsingFromManyThreadsAtOnceGivesTheSameResult() {
        let raw = Fixtures.data("subject-windows-1258.eml")
        let subjects = UnsafeSendableBox(Array(repeating: "", count: 64))
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let subject = (try? MIMEParser.parse(raw).subject) ?? "failed"
            subjects.lock.withLock { subjects.value[index] = subject }
        }
        XCTAssertEqual(Set(subjects.value), ["Báo cáo giải trình của UBND huyện Mường Nhé"])
    }
}

private final class UnsafeSendableBox<Value>: @unchecked Sendable {
    let lock = NSLock()
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// A small deterministic generator, so a failure reproduces.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
