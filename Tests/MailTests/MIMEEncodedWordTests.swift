import Foundation
@testable import Mail
import TestSupport
import XCTest

/// Runs of adjacent RFC 2047 encoded-words, which GMime 3.2.13 decodes incompletely
/// (jstedfast/gmime#133): the parser rejoins them first (`EncodedWords`). Every expected value
/// is pinned as NFC scalars, not only as canonically equal text.
final class MIMEEncodedWordTests: XCTestCase {
    // MARK: Helpers

    private func assertNFC(_ actual: String?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.map { Array($0.unicodeScalars) }, Array(expected.nfc.unicodeScalars),
                       "\(actual ?? "nil") is not \(expected)", file: file, line: line)
    }

    private func message(headers: String) throws -> MIMEMessage {
        try MIMEParser.parse(Data("Date: Tue, 12 May 2020 14:02:44 +0700\r\n\(headers)\r\n\r\nx\r\n".utf8))
    }

    private func subject(_ raw: String) throws -> String {
        try message(headers: "From: vanthu@dienbien.example.org\r\nSubject: \(raw)").subject
    }

    /// The file name of the single attachment of a message whose part has these headers.
    private func fileName(partHeaders: String) throws -> String? {
        let raw = """
            From: vanthu@dienbien.example.org\r
            Subject: x\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            \(partHeaders)\r
            Content-Transfer-Encoding: base64\r
            \r
            JVBERi0xLjQK\r
            --b--\r

            """
        let attachments = try MIMEParser.parse(Data(raw.utf8)).attachments
        XCTAssertEqual(attachments.count, 1)
        return attachments.first?.fileName
    }

    // MARK: Subjects

    func testThreeAndMorePaddedBWordsReadWhole() throws {
        assertNFC(try subject("=?UTF-8?B?U+G7kTo=?= =?UTF-8?B?IDQ1L0JDLVNUTk1U?= =?UTF-8?B?IELDoW8gY8Ohbw==?= =?UTF-8?B?IGdp4bqjaSB0csOsbmg=?="),
                  "Số: 45/BC-STNMT Báo cáo giải trình")
    }

    func testWordsSeparatedByFoldsAreOneRun() throws {
        assertNFC(try subject("=?UTF-8?B?U+G7kTo=?=\r\n =?UTF-8?B?IDQ1L0JDLVNUTk1U?=\r\n\t=?UTF-8?B?IELDoW8gY8Ohbw==?="),
                  "Số: 45/BC-STNMT Báo cáo")
    }

    /// Q words alone GMime already reads (the first assertion guards that rejoining keeps them
    /// right); Q words followed by padded B words lose the B words' text.
    func testQuotedPrintableWordsAndQFollowedByPaddedBWords() throws {
        assertNFC(try subject("=?UTF-8?Q?B=C3=A1o_c=C3=A1o_s=E1=BB?= =?UTF-8?Q?=91_45/BC-STNMT?="), "Báo cáo số 45/BC-STNMT")
        assertNFC(try subject("=?UTF-8?Q?B=C3=A1o_c=C3=A1o_?= =?UTF-8?B?c+G7kQ==?= =?UTF-8?B?IDQ1L0JDLVNUTk1U?="),
                  "Báo cáo số 45/BC-STNMT")
    }

    /// GMime decodes a B word and the Q word after it separately, so a character whose bytes
    /// are split between them came out as replacement characters.
    func testCharacterSplitBetweenABAndAQWord() throws {
        assertNFC(try subject("=?UTF-8?B?U+G7?= =?UTF-8?Q?=91:_45/BC-STNMT?="), "Số: 45/BC-STNMT")
        assertNFC(try subject("=?UTF-8?Q?S=E1?= =?UTF-8?B?u5E6IDQ1L0JDLVNUTk1U?="), "Số: 45/BC-STNMT")
    }

    func testCharacterSplitAcrossPaddedBWords() throws {
        assertNFC(try subject("=?UTF-8?B?U+E=?= =?UTF-8?B?u5E6IDQ1L0JDLVNUTk1U?="), "Số: 45/BC-STNMT")
    }

    /// A word in another charset ends the run: its bytes mean something only in its own charset.
    func testDifferentCharsetsSideBySideStayApart() throws {
        assertNFC(try subject("=?UTF-8?B?U+G7kTo=?= =?UTF-8?B?IDQ1L0JDLVVCTkQ=?= =?windows-1258?Q?_huy=EA=F2n_M=FD=F5=CCng_Nh=E9?="),
                  "Số: 45/BC-UBND huyện Mường Nhé")
        assertNFC(try subject("=?windows-1258?Q?Chuy=EA=D2n_ti=EA=ECp:_?= =?UTF-8?B?U+G7kTo=?= =?UTF-8?B?IDQ1L0JDLVVCTkQ=?="),
                  "Chuyển tiếp: Số: 45/BC-UBND")
        XCTAssertNil(EncodedWords.rejoined("=?UTF-8?B?U+G7nw==?= =?ISO-8859-1?Q?_caf=E9?= =?windows-1258?B?QuFv?="))
    }

    func testCharsetNamesDifferingInCaseOrByALanguageTagAreOneRun() throws {
        assertNFC(try subject("=?UTF-8?B?U+G7kTo=?= =?utf-8?b?IDQ1L0JDLVNUTk1U?="), "Số: 45/BC-STNMT")
        assertNFC(try subject("=?UTF-8*vi?B?U+G7kTo=?= =?utf-8*vi?B?IDQ1L0JDLVNUTk1U?="), "Số: 45/BC-STNMT")
    }

    /// Whitespace between an encoded-word and plain text is text; only whitespace between two
    /// encoded-words is dropped.
    func testEncodedWordNextToPlainTextKeepsItsSpace() throws {
        assertNFC(try subject("Re: =?UTF-8?B?U+G7kTo=?= =?UTF-8?B?IDQ1L0JDLVNUTk1U?= ng\u{E0}y 12/5 =?UTF-8?B?KGLhuqNu?= =?UTF-8?B?IGNow61uaCk=?="),
                  "Re: Số: 45/BC-STNMT ngày 12/5 (bản chính)")
    }

    // MARK: Addresses and other headers

    func testDisplayNamesInFromAndToBareAndQuoted() throws {
        let parsed = try message(headers: """
            From: =?UTF-8?B?VsSDbiB0aMawIFPhu58=?= =?UTF-8?B?IFTDoGkgY2jDrW5o?= <VanThu.STC@dienbien.example.org>\r
            To: =?UTF-8?B?VsSDbiBwaMOybmcgSMSQTkQ=?=\r
             =?UTF-8?B?IHThu4luaCDEkGnhu4duIEJpw6pu?= <vanphong@hdnd.example.org>,\r
             "=?UTF-8?B?Tmd1eeG7hW4gVGjhu4s=?= =?UTF-8?B?IFRodSBIw6AgKFbEg24gdGjGsCk=?=" <vanthu@hdnd.example.org>\r
            Cc: =?UTF-8?B?Tmd1eeG7hW4gVGjhu4s=?= =?UTF-8?B?IFRodSBIw6AgKFbEg24gdGjGsCk=?= <vanthu@hdnd.example.org>\r
            Subject: x
            """)
        XCTAssertEqual(parsed.from?.address, "vanthu.stc@dienbien.example.org")
        assertNFC(parsed.from?.name, "Văn thư Sở Tài chính")
        XCTAssertEqual(parsed.to.map(\.address), ["vanphong@hdnd.example.org", "vanthu@hdnd.example.org"])
        assertNFC(parsed.to.first?.name, "Văn phòng HĐND tỉnh Điện Biên")
        assertNFC(parsed.to.last?.name, "Nguyễn Thị Thu Hà (Văn thư)")
        assertNFC(parsed.header("Cc"), "Nguyễn Thị Thu Hà (Văn thư) <vanthu@hdnd.example.org>")
    }

    func testRepeatedToHeadersAreAllRead() throws {
        let parsed = try message(headers: """
            From: vanthu@dienbien.example.org\r
            To: vanphong@hdnd.example.org\r
            To: =?UTF-8?B?VsSDbiB0aMawIFPhu58=?= =?UTF-8?B?IFTDoGkgY2jDrW5o?= <vanthu.stc@dienbien.example.org>\r
            Subject: x
            """)
        XCTAssertEqual(parsed.to.map(\.address), ["vanphong@hdnd.example.org", "vanthu.stc@dienbien.example.org"])
        assertNFC(parsed.to.last?.name, "Văn thư Sở Tài chính")
    }

    // MARK: File names

    func testQuotedFileNameInDispositionAndInTypeName() throws {
        let words = "=?UTF-8?B?QsOhbyBjw6FvIHPhu5EgNDUtQkMtU1ROTVQ=?=\r\n =?UTF-8?B?IGdp4bqjaSB0csOsbmguZG9jeA==?="
        assertNFC(try fileName(partHeaders: "Content-Type: application/octet-stream\r\nContent-Disposition: attachment;\r\n filename=\"\(words)\""),
                  "Báo cáo số 45-BC-STNMT giải trình.docx")
        assertNFC(try fileName(partHeaders: "Content-Type: application/vnd.ms-excel;\r\n name=\"=?UTF-8?B?UGjhu6UgbOG7pWMgMDE6IERhbmggbeG7pWM=?= =?UTF-8?B?IGjhu5Mgc8ahLnhsc3g=?=\""),
                  "Phụ lục 01: Danh mục hồ sơ.xlsx")
    }

    /// RFC 2231 continuations carrying RFC 2047 words, as some webmails fold a long encoded
    /// name: the continuations are joined first, then the words decoded as one run. A plain
    /// RFC 2231 name was never affected and stays as it was.
    func testRFC2231ContinuationsCarryingEncodedWords() throws {
        assertNFC(try fileName(partHeaders: """
            Content-Type: application/pdf\r
            Content-Disposition: attachment;\r
             filename*0="=?UTF-8?B?QsOhbyBjw6FvIDE4LUJDLVVCTkQ=?= =?UTF-8?B?IGh1eeG7h24gTc";\r
             filename*1="aw4budbmcgTmjDqS5kb2N4?="
            """), "Báo cáo 18-BC-UBND huyện Mường Nhé.docx")
        assertNFC(try fileName(partHeaders: """
            Content-Type: application/pdf\r
            Content-Disposition: attachment;\r
             filename*0="=?UTF-8?B?U+G7kQ==?=";\r
             filename*1=" =?UTF-8?B?IDQ1LUJDLVNUTk1ULnBkZg==?="
            """), "Số 45-BC-STNMT.pdf")
        assertNFC(try fileName(partHeaders: "Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=UTF-8''S%E1%BB;\r\n filename*1*=%91%2045-BC-STNMT.pdf"),
                  "Số 45-BC-STNMT.pdf")
    }

    // MARK: Real messages

    func testOutlookMessageWithEverySplitHeader() throws {
        let parsed = try MIMEParser.parse(Fixtures.data("split-encoded-words-outlook.eml"))
        assertNFC(parsed.subject, "Trả lời: Báo cáo số 45/BC-STNMT giải trình về công tác quản lý đất đai năm 2020")
        XCTAssertEqual(parsed.from?.address, "stnmt@dienbien.example.org")
        assertNFC(parsed.from?.name, "Sở Tài nguyên và Môi trường tỉnh Điện Biên")
        assertNFC(parsed.to.first?.name, "Văn phòng HĐND tỉnh Điện Biên")
        assertNFC(parsed.header("Cc"), "\"Nguyễn Thị Thu Hà (Văn thư)\" <vanthu@hdnd.example.org>")
        assertNFC(parsed.header("Thread-Topic"), "Báo cáo giải trình số 45/BC-STNMT")
        assertNFC(parsed.header("Subject"), parsed.subject)
        XCTAssertEqual(parsed.attachments.count, 1)
        assertNFC(parsed.attachments.first?.fileName, "Báo cáo số 45-BC-STNMT giải trình đất đai.pdf")
        XCTAssertEqual(parsed.attachments.first?.mediaType, "application/pdf")
        XCTAssertTrue(parsed.textBody?.contains("Báo cáo số 45/BC-STNMT") == true)
    }

    func testWebmailMessageWithMixedWordsCharsetsAndContinuations() throws {
        let parsed = try MIMEParser.parse(Fixtures.data("split-encoded-words-webmail.eml"))
        assertNFC(parsed.subject, "Chuyển tiếp: V/v giải trình số 18/BC-UBND của UBND huyện Mường Nhé")
        assertNFC(parsed.from?.name, "UBND huyện Mường Nhé")
        XCTAssertEqual(parsed.attachments.count, 2)
        assertNFC(parsed.attachments.first?.fileName, "Báo cáo 18-BC-UBND huyện Mường Nhé.docx")
        assertNFC(parsed.attachments.last?.fileName, "Phụ lục 01: Danh mục hồ sơ đất đai.xls")
    }

    // MARK: The rewrite itself

    func testRunIsRewrittenAsOneBWordOfItsCharset() {
        XCTAssertEqual(EncodedWords.rejoined("Re: =?utf-8*vi?B?U+E=?=\r\n =?UTF-8?Q?=BB=91_45?= (x)"),
                       "Re: =?utf-8?B?U+G7kSA0NQ==?= (x)")
    }

    func testTextWithoutARunIsLeftToGMime() {
        XCTAssertNil(EncodedWords.rejoined("Báo cáo =?UTF-8?B?U+G7kTo=?= plain =?UTF-8?B?IDQ1?="))
        XCTAssertNil(EncodedWords.rejoined("=?UTF-8?B?U+G7kTo=?= =?UTF-8?B?unterminated"))
        XCTAssertNil(EncodedWords.rejoined("=?UTF-8?X?abc?= =?UTF-8?X?def?="))
        XCTAssertNil(EncodedWords.rejoined("=?UTF-8?Q?a b?= =?UTF-8?Q?c?="))
        XCTAssertNil(EncodedWords.rejoined("=?" + String(repeating: "a", count: 100) + "?B?YQ==?= =?" + String(repeating: "a", count: 100) + "?B?YQ==?="))
    }

    func testUndeclared8BitBytesAroundARunPassThroughUntouched() {
        let raw: [UInt8] = [0x4D, 0xFD, 0x20] + Array("=?UTF-8?B?YQ==?= =?UTF-8?B?Yg==?=".utf8) + [0x20, 0xE9]
        XCTAssertEqual(EncodedWords.rejoined(raw), [0x4D, 0xFD, 0x20] + Array("=?UTF-8?B?YWI=?=".utf8) + [0x20, 0xE9])
    }

    func testPayloadDecodingToleratesStrayCharactersAndMissingPadding() {
        XCTAssertEqual(EncodedWords.decodeBase64(Array("SGV sbG8".utf8)[...]), Array("Hello".utf8))
        XCTAssertEqual(EncodedWords.decodeBase64(Array("SGVsbG8=IGlnbm9yZWQ=".utf8)[...]), Array("Hello".utf8))
        XCTAssertEqual(EncodedWords.decodeQ(Array("a_=3D=zz=4".utf8)[...]), Array("a ==zz=4".utf8))
    }
}
