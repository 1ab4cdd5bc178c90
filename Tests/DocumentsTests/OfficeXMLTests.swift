import Documents
@testable import DocumentReaders
import XCTest

/// The XML of office files, including what a hostile one could try.
final class OfficeXMLTests: XCTestCase {
    private func body(_ inner: String) -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(inner)</w:body></w:document>
        """.utf8)
    }

    func testTabStopsInParagraphPropertiesAreNotText() {
        let xml = body("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>Số:</w:t></w:r><w:r><w:tab/><w:t>12</w:t></w:r></w:p>")
        XCTAssertEqual(OfficeText.docx(xml), "Số:\t12\n")
    }

    func testDeletedRevisionsFieldCodesAndFallbackCopiesAreLeftOut() {
        let xml = body("""
        <w:p><w:del><w:r><w:delText>cũ</w:delText></w:r></w:del><w:ins><w:r><w:t>mới</w:t></w:r></w:ins>\
        <w:r><w:instrText> PAGE </w:instrText></w:r>\
        <mc:AlternateContent><mc:Choice><w:r><w:t xml:space="preserve"> hộp</w:t></w:r></mc:Choice>\
        <mc:Fallback><w:r><w:t>hộp</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
        """)
        XCTAssertEqual(OfficeText.docx(xml), "mới hộp\n")
    }

    func testEntitiesAndCharacterReferencesAreDecodedAndUnknownOnesKept() {
        let xml = body("<w:p><w:r><w:t>a &lt;b&gt; &amp; &quot;c&quot; &#7889; &#x1EC7; &nbsp;</w:t></w:r></w:p>")
        XCTAssertEqual(OfficeText.docx(xml), "a <b> & \"c\" ố ệ &nbsp;\n")
    }

    func testBillionLaughsIsNeverExpanded() {
        var dtd = "<!DOCTYPE w:document [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        dtd += "]>"
        let xml = Data("<?xml version=\"1.0\"?>\(dtd)<w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>".utf8)
        XCTAssertEqual(OfficeText.docx(xml), "&lol9;\n")
    }

    func testDeepNestingAndHugeBodiesStopAtTheTextLimit() {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 100_000) + "<w:p><w:r><w:t>sâu</w:t></w:r></w:p>"
        XCTAssertEqual(OfficeText.docx(body(deep)), "sâu\n")

        let paragraph = "<w:p><w:r><w:t>" + String(repeating: "Báo cáo kết quả ", count: 40) + "</w:t></w:r></w:p>"
        let huge = body(String(repeating: paragraph, count: 20_000))
        XCTAssertGreaterThan(huge.count, 10_000_000)
        let text = ExtractedText.tidy(OfficeText.docx(huge))
        XCTAssertLessThanOrEqual(text.utf8.count, DocumentReading.textLimit)
        XCTAssertGreaterThan(text.utf8.count, DocumentReading.textLimit / 2)
    }

    func testUnterminatedMarkupEndsQuietly() {
        XCTAssertEqual(OfficeText.docx(Data("<w:document><w:body><w:p><w:r><w:t>đầu".utf8)), "đầu")
        XCTAssertEqual(OfficeText.docx(Data("<w:p><w:r><w:t>a</w:t><!-- never closed".utf8)), "a")
        XCTAssertEqual(OfficeText.docx(Data("<![CDATA[x".utf8)), "")
    }

    func testODTSpacesTabsLineBreaksAndCollapsedWhiteSpace() {
        let xml = Data("""
        <office:document-content xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
          <text:p>  Số:<text:s text:c="3"/>12<text:tab/>BC
             tiếp<text:line-break/>dòng hai</text:p>
          <text:h>Tiêu đề<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>chú thích</text:p></text:note-body></text:note></text:h>
          <text:tracked-changes><text:changed-region><text:deletion><text:p>đã xóa</text:p></text:deletion></text:changed-region></text:tracked-changes>
        </office:text></office:body></office:document-content>
        """.utf8)
        XCTAssertEqual(ExtractedText.tidy(OfficeText.odt(xml)), "Số:   12\tBC tiếp\ndòng hai\nTiêu đề")
    }

    func testUTF16PartIsTranscoded() {
        var utf16 = Data([0xFF, 0xFE])
        for unit in "<w:p><w:r><w:t>Điện Biên</w:t></w:r></w:p>".utf16 {
            utf16.append(UInt8(unit & 0xFF))
            utf16.append(UInt8(unit >> 8))
        }
        XCTAssertEqual(OfficeText.docx(utf16), "Điện Biên\n")
    }
}
