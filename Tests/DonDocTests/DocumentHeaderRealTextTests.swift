import DonDoc
import XCTest

/// Headers read from real extracted text, verbatim.
///
/// Poppler: two Decree 30 first pages laid out as HTML
/// tables (the way a DOCX header table looks), printed to PDF by Chromium, then turned
/// into text by `pdftotext -layout` (columns merged on each line) and by plain
/// `pdftotext` (columns one after the other). They carry what hand-typed samples miss:
/// the national title wrapped after "VIỆT" with its "NAM" on the issuer's line, a body's
/// name over three lines, a "V/v" subject whose middle line shares a line with the date.
final class DocumentHeaderRealTextTests: XCTestCase {
    private let reportLayout = [
            " UBND TỈNH ĐIỆN BIÊN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
            " SỞ NÔNG NGHIỆP VÀ                       NAM",
            "     PHÁT TRIỂN              Độc lập - Tự do - Hạnh phúc",
            "     NÔNG THÔN",
            "     Số: 78/BC-SNN         Điện Biên, ngày 07 tháng 5 năm 2020",
            "",
            "                            BÁO CÁO",
            " Kết quả thực hiện các nội dung giải trình tại phiên họp Thường",
            "  trực HĐND tỉnh tháng 4 năm 2020 về công tác quản lý, bảo vệ",
            "                              rừng",
            "           Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "     Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường",
            "trực HĐND tỉnh về việc giám sát việc thực hiện các nội dung giải",
            "trình, Sở Nông nghiệp và Phát triển nông thôn báo cáo kết quả như",
            "sau:",
            "    I. KẾT QUẢ THỰC HIỆN",
            "\u{0C}",
        ].joined(separator: "\n")

    private let letterLayout = [
            "   ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
            "   HUYỆN TỦA CHÙA                          NAM",
            "   Số: 245/UBND-TCKH           Độc lập - Tự do - Hạnh phúc",
            "  V/v gửi báo cáo kết quả",
            "         thực hiện          Tủa Chùa, ngày 08 tháng 05 năm 2020",
            "  các nội dung giải trình",
            "",
            "             Kính gửi:",
            "               - Thường trực HĐND tỉnh Điện Biên;",
            "               - Ban Kinh tế - Ngân sách HĐND tỉnh.",
            "     Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường",
            "trực HĐND tỉnh, UBND huyện Tủa Chùa báo cáo như sau:",
            "\u{0C}",
        ].joined(separator: "\n")

    private let reportRaw = [
            "UBND TỈNH ĐIỆN BIÊN",
            "SỞ NÔNG NGHIỆP VÀ",
            "PHÁT TRIỂN",
            "NÔNG THÔN",
            "",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
            "NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            "Số: 78/BC-SNN",
            "",
            "Điện Biên, ngày 07 tháng 5 năm 2020",
            "",
            "BÁO CÁO",
            "Kết quả thực hiện các nội dung giải trình tại phiên họp Thường",
            "trực HĐND tỉnh tháng 4 năm 2020 về công tác quản lý, bảo vệ",
            "rừng",
            "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường",
            "trực HĐND tỉnh về việc giám sát việc thực hiện các nội dung giải",
            "trình, Sở Nông nghiệp và Phát triển nông thôn báo cáo kết quả như",
            "sau:",
            "I. KẾT QUẢ THỰC HIỆN",
            "",
            "\u{0C}",
        ].joined(separator: "\n")

    private let letterRaw = [
            "ỦY BAN NHÂN DÂN",
            "HUYỆN TỦA CHÙA",
            "Số: 245/UBND-TCKH",
            "V/v gửi báo cáo kết quả",
            "thực hiện",
            "các nội dung giải trình",
            "",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
            "NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Tủa Chùa, ngày 08 tháng 05 năm 2020",
            "",
            "Kính gửi:",
            "- Thường trực HĐND tỉnh Điện Biên;",
            "- Ban Kinh tế - Ngân sách HĐND tỉnh.",
            "Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường",
            "trực HĐND tỉnh, UBND huyện Tủa Chùa báo cáo như sau:",
            "",
            "\u{0C}",
        ].joined(separator: "\n")

    private var report: DocumentHeader {
        DocumentHeader(
            parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", symbol: "78/BC-SNN",
            place: "Điện Biên", date: LocalDate(year: 2020, month: 5, day: 7), documentType: "BÁO CÁO",
            summary: "Kết quả thực hiện các nội dung giải trình tại phiên họp Thường trực HĐND tỉnh tháng 4 năm 2020 về công tác quản lý, bảo vệ rừng",
            addressees: ["Thường trực HĐND tỉnh Điện Biên"])
    }

    private var letter: DocumentHeader {
        DocumentHeader(
            parentBody: "ỦY BAN NHÂN DÂN", issuingBody: "HUYỆN TỦA CHÙA", symbol: "245/UBND-TCKH", place: "Tủa Chùa",
            date: LocalDate(year: 2020, month: 5, day: 8), documentType: "CÔNG VĂN",
            summary: "gửi báo cáo kết quả thực hiện các nội dung giải trình",
            addressees: ["Thường trực HĐND tỉnh Điện Biên", "Ban Kinh tế - Ngân sách HĐND tỉnh"])
    }

    func testLayoutModeReportWithWrappedTitleAndThreeLineBodyName() {
        XCTAssertEqual(DocumentHeader.read(reportLayout), report)
    }

    func testLayoutModeLetterWithSubjectBesideTheDate() {
        XCTAssertEqual(DocumentHeader.read(letterLayout), letter)
        XCTAssertEqual(DocumentHeader.read(letterLayout)?.issuer, "ỦY BAN NHÂN DÂN HUYỆN TỦA CHÙA")
    }

    func testRawModeReportWithColumnsOneAfterTheOther() {
        XCTAssertEqual(DocumentHeader.read(reportRaw), report)
    }

    func testRawModeLetterWithColumnsOneAfterTheOther() {
        XCTAssertEqual(DocumentHeader.read(letterRaw), letter)
    }

    // MARK: - What dondoc's own readers give for Tests/Fixtures/documents

    // `dondoc read-document` on the fixtures: Poppler's text layer, the DOCX and ODT
    // readers, Tesseract on a scanned PDF and on a phone photo (OCR noise kept as is).
    private let stcTextLayer = [
            "UBND TỈNH ĐIỆN BIÊN",
            "SỞ TÀI CHÍNH",
            "Số: 112/BC-STC",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Điện Biên, ngày 06 tháng 5 năm 2020",
            "BÁO CÁO",
            "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực",
            "HĐND tỉnh",
            "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của",
            "Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị",
            "báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai đầy",
            "đủ các nội dung được giao; các tồn tại, hạn chế đã được chỉ ra cùng",
            "nguyên nhân và giải pháp khắc phục trong thời gian tới.",
        ].joined(separator: "\n")

    private let skhdtDocx = [
            "UBND TỈNH ĐIỆN BIÊN",
            "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
            "Số: 38/BC-SKHĐT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Điện Biên, ngày 05 tháng 5 năm 2020",
            "BÁO CÁO",
            "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực HĐND tỉnh",
            "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai đầy đủ các nội dung được giao; các tồn tại, hạn chế đã được chỉ ra cùng nguyên nhân và giải pháp khắc phục trong thời gian tới. Tỷ lệ giải ngân đạt 85% & không phát sinh nợ đọng.",
        ].joined(separator: "\n")

    private let snvOdt = [
            "UBND TỈNH ĐIỆN BIÊN",
            "SỞ NỘI VỤ",
            "Số: 27/BC-SNV",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Điện Biên, ngày 07 tháng 5 năm 2020",
            "BÁO CÁO",
            "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực HĐND tỉnh",
            "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai đầy đủ các nội dung được giao; các tồn tại, hạn chế đã được chỉ ra cùng nguyên nhân và giải pháp khắc phục trong thời gian tới. Tỷ lệ giải ngân đạt 85% & không phát sinh nợ đọng.",
        ].joined(separator: "\n")

    private let tuaChuaScan = [
            "ỦY BAN NHÂN DÂN _ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "",
            ". HUYỆN TỦA CHÙA . . Độc lập - Tự do - Hạnh phúc",
            "_ Số:09/BC-UBND.............. Tủa Chùa, ngày 07 tháng 5 năm 2020 `",
            "| _ BÁO CÁO. : _ VÌ",
            "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực ¬",
            "HĐND tỉnh",
            "",
            "_Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "",
            "| Thực hiện: Kế hoạch số 05/KH- HĐND ngày 20 tháng 4 năm 2020 của -",
            "",
            "- Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị -",
            "báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai. đầy _",
            "đủ các nội dung được giao; các tồn tại, hạn chế đã được: chỉ ra cùng ˆ",
            "nguyên nhân và giải pháp khắc hụt TEUHG thời gian tới. -",
        ].joined(separator: "\n")

    private let muongAngPhoto = [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "",
            "HUYỆN MƯỜNG ẢNG Độc lập - Tự do - Hạnh phúc",
            "Số: 21/BC-UBND Mường Ẳng, ngày 08 tháng 5 năm 2020",
            "BÁO CÁO",
            "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực",
            "HĐND tỉnh",
            "",
            "Kính gửi: Thường trực HĐND tỉnh Điện Biên",
            "",
            "Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của",
            "Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị",
            "báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai đầy",
            "đủ các nội dung được giao; các tồn tại, hạn chế đã được chỉ ra cùng",
            "nguyên nhân và giải pháp khắc phục trong thời gian tới.",
        ].joined(separator: "\n")

    private func fixtureReport(_ parent: String, _ body: String, _ symbol: String, _ place: String, day: Int) -> DocumentHeader {
        DocumentHeader(
            parentBody: parent, issuingBody: body, symbol: symbol, place: place,
            date: LocalDate(year: 2020, month: 5, day: day), documentType: "BÁO CÁO",
            summary: "Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực HĐND tỉnh",
            addressees: ["Thường trực HĐND tỉnh Điện Biên"])
    }

    func testFixturePdfTextLayer() {
        XCTAssertEqual(DocumentHeader.read(stcTextLayer),
                       fixtureReport("UBND TỈNH ĐIỆN BIÊN", "SỞ TÀI CHÍNH", "112/BC-STC", "Điện Biên", day: 6))
    }

    func testFixtureDocx() {
        XCTAssertEqual(DocumentHeader.read(skhdtDocx),
                       fixtureReport("UBND TỈNH ĐIỆN BIÊN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "38/BC-SKHĐT", "Điện Biên", day: 5))
    }

    func testFixtureOdt() {
        XCTAssertEqual(DocumentHeader.read(snvOdt),
                       fixtureReport("UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ", "27/BC-SNV", "Điện Biên", day: 7))
    }

    func testFixtureScannedPdfThroughOcrWithStrayMarks() {
        let header = DocumentHeader.read(tuaChuaScan)
        XCTAssertEqual(header, fixtureReport("ỦY BAN NHÂN DÂN", "HUYỆN TỦA CHÙA", "09/BC-UBND", "Tủa Chùa", day: 7))
        XCTAssertEqual(header?.issuer, "ỦY BAN NHÂN DÂN HUYỆN TỦA CHÙA")
    }

    func testFixturePhonePhotoThroughOcrWithColumnsRunTogether() {
        let header = DocumentHeader.read(muongAngPhoto)
        XCTAssertEqual(header, fixtureReport("ỦY BAN NHÂN DÂN", "HUYỆN MƯỜNG ẢNG", "21/BC-UBND", "Mường Ẳng", day: 8))
        XCTAssertEqual(header?.issuer, "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG ẢNG")
    }
}
