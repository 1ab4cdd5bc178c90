import DonDoc
import XCTest

/// Reading the header of a Decree 30/2020 document from its first page, in the three
/// shapes the text arrives in: Poppler's merged columns, DOCX cells, OCR.
final class DocumentHeaderTests: XCTestCase {
    private func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate? {
        LocalDate(year: year, month: month, day: day)
    }

    // MARK: - PDF text layer (columns merged on each line)

    private let soTaiChinhTextLayer = """
        UBND TỈNH ĐIỆN BIÊN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                              Độc lập - Tự do - Hạnh phúc
                                                  ───────────────────────────
        Số: 112/BC-STC                        Điện Biên, ngày 06 tháng 5 năm 2020


                                           BÁO CÁO
                 Kết quả thực hiện các nội dung giải trình tại phiên họp
                           Thường trực HĐND tỉnh tháng 4 năm 2020

                         Kính gửi: Thường trực HĐND tỉnh Điện Biên

            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh về giám sát
        việc giải quyết kiến nghị của cử tri, Sở Tài chính báo cáo kết quả như sau:
        I. KẾT QUẢ THỰC HIỆN
        """

    func testMergedColumnsFromTextLayerGiveIssuerAndSymbol() throws {
        let header = try XCTUnwrap(DocumentHeader.read(soTaiChinhTextLayer))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.issuer, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.symbol, "112/BC-STC")
    }

    func testMergedColumnsFromTextLayerGivePlaceDateTypeSummaryAndAddressee() throws {
        let header = try XCTUnwrap(DocumentHeader.read(soTaiChinhTextLayer))
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.date, date(2020, 5, 6))
        XCTAssertEqual(header.documentType, "BÁO CÁO")
        XCTAssertEqual(header.summary,
                       "Kết quả thực hiện các nội dung giải trình tại phiên họp Thường trực HĐND tỉnh tháng 4 năm 2020")
        XCTAssertEqual(header.addressees, ["Thường trực HĐND tỉnh Điện Biên"])
    }

    func testTheWholeHeaderIsReadAsOneValue() {
        XCTAssertEqual(DocumentHeader.read(soTaiChinhTextLayer), DocumentHeader(
            parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "SỞ TÀI CHÍNH", symbol: "112/BC-STC", place: "Điện Biên",
            date: date(2020, 5, 6), documentType: "BÁO CÁO",
            summary: "Kết quả thực hiện các nội dung giải trình tại phiên họp Thường trực HĐND tỉnh tháng 4 năm 2020",
            addressees: ["Thường trực HĐND tỉnh Điện Biên"]))
    }

    func testRightColumnFirstOnEachLineStillGivesTheHeader() throws {
        let text = """
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM          UBND TỈNH ĐIỆN BIÊN
               Độc lập - Tự do - Hạnh phúc                  SỞ TÀI CHÍNH
            Điện Biên, ngày 06 tháng 5 năm 2020          Số: 112/BC-STC

                                      BÁO CÁO
                     Kết quả thực hiện các nội dung giải trình
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.symbol, "112/BC-STC")
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.date, date(2020, 5, 6))
        XCTAssertEqual(header.summary, "Kết quả thực hiện các nội dung giải trình")
    }

    func testColumnsRunTogetherWithSingleSpacesAreCutAtTheTitleAndTheDate() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH Độc lập - Tự do - Hạnh phúc
            Số: 112/BC-STC Điện Biên, ngày 06 tháng 5 năm 2020
            BÁO CÁO
            Kết quả thực hiện các nội dung giải trình
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.symbol, "112/BC-STC")
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.date, date(2020, 5, 6))
    }

    func testBodyLineAndDateTwoSpacesApartAreTwoColumns() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN    Độc lập - Tự do - Hạnh phúc
            NÔNG THÔN  Điện Biên, ngày 07 tháng 5 năm 2020
            Số: 78/BC-SNN
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.issuingBody, "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.date, date(2020, 5, 7))
        XCTAssertEqual(header.symbol, "78/BC-SNN")
    }

    // MARK: - DOCX / ODT (cells' paragraphs on their own lines)

    func testDocxCellOrderLeftCellThenRightCell() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ TÀI CHÍNH
            Số: 112/BC-STC
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Điện Biên, ngày 06 tháng 5 năm 2020
            BÁO CÁO
            Kết quả thực hiện các nội dung giải trình tại phiên họp Thường trực HĐND tỉnh
            Kính gửi: Thường trực HĐND tỉnh Điện Biên
            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh, Sở Tài chính báo cáo như sau:
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header, DocumentHeader(
            parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "SỞ TÀI CHÍNH", symbol: "112/BC-STC", place: "Điện Biên",
            date: date(2020, 5, 6), documentType: "BÁO CÁO",
            summary: "Kết quả thực hiện các nội dung giải trình tại phiên họp Thường trực HĐND tỉnh",
            addressees: ["Thường trực HĐND tỉnh Điện Biên"]))
    }

    func testDocxCellsSeparatedByTabs() throws {
        let text = "UBND TỈNH ĐIỆN BIÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            + "SỞ TÀI CHÍNH\tĐộc lập - Tự do - Hạnh phúc\n"
            + "Số: 112/BC-STC\tĐiện Biên, ngày 06 tháng 5 năm 2020\n"
            + "\n"
            + "BÁO CÁO\n"
            + "Kết quả thực hiện các nội dung giải trình\n"
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.symbol, "112/BC-STC")
        XCTAssertEqual(header.date, date(2020, 5, 6))
        XCTAssertEqual(header.documentType, "BÁO CÁO")
        XCTAssertEqual(header.summary, "Kết quả thực hiện các nội dung giải trình")
    }

    func testWindowsLineEndingsAndFormFeedAreLineBreaks() throws {
        let text = "UBND TỈNH ĐIỆN BIÊN\r\nSỞ TÀI CHÍNH\r\nSố: 112/BC-STC\r\n\u{0C}Điện Biên, ngày 06 tháng 5 năm 2020\r\n"
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.date, date(2020, 5, 6))
    }

    // MARK: - Issuer shapes

    func testDistrictCommitteeIssuerIsGenericNameFollowedByPlace() throws {
        let text = """
                ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                HUYỆN TỦA CHÙA                      Độc lập - Tự do - Hạnh phúc
                                                  ─────────────────────
              Số: 09/BC-UBND                 Tủa Chùa, ngày  08 tháng 05 năm 2020

                                       BÁO CÁO
                    Kết quả thực hiện các nội dung giải trình
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "ỦY BAN NHÂN DÂN")
        XCTAssertEqual(header.issuingBody, "HUYỆN TỦA CHÙA")
        XCTAssertEqual(header.issuer, "ỦY BAN NHÂN DÂN HUYỆN TỦA CHÙA")
        XCTAssertEqual(header.symbol, "09/BC-UBND")
        XCTAssertEqual(header.place, "Tủa Chùa")
        XCTAssertEqual(header.date, date(2020, 5, 8))
    }

    func testProvincialCommitteeOnOneLineHasNoParent() throws {
        let text = """
            ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                      Độc lập - Tự do - Hạnh phúc
            Số: 1234/UBND-KT                      Điện Biên, ngày 04 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertNil(header.parentBody)
        XCTAssertEqual(header.issuingBody, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.symbol, "1234/UBND-KT")
    }

    func testLongBodyNameBrokenAcrossTwoLinesIsJoined() throws {
        let text = """
              UBND TỈNH ĐIỆN BIÊN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN                 Độc lập - Tự do - Hạnh phúc
                    NÔNG THÔN
            Số: 78/BC-SNN                        Điện Biên, ngày 07 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
        XCTAssertEqual(header.issuer, "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
    }

    func testNameBrokenAfterConnectiveIsJoinedEvenWhenNextLineLooksLikeAPlace() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ LAO ĐỘNG - THƯƠNG BINH VÀ
            XÃ HỘI
            Số: 31/BC-SLĐTBXH
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    }

    func testBrokenNameIsJoinedWhenJoiningSpellsTheSymbolsIssuerCode() throws {
        // "TRƯỜNG" could begin a school's name; the symbol's STNMT says it ends this one.
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ TÀI NGUYÊN VÀ MÔI
            TRƯỜNG
            Số:   45/BC-STNMT
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.issuingBody, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        XCTAssertEqual(header.symbol, "45/BC-STNMT")
    }

    func testParentBrokenOverTwoLinesAboveTheBody() throws {
        let text = """
            ỦY BAN NHÂN DÂN TỈNH
            ĐIỆN BIÊN
            SỞ TÀI CHÍNH
            Số: 112/BC-STC
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
    }

    func testPartyCommitteeWithPartyTitleAndPartySymbol() throws {
        let text = """
               TỈNH ỦY ĐIỆN BIÊN                       ĐẢNG CỘNG SẢN VIỆT NAM
                       *
              Số 125-BC/TU                   Điện Biên, ngày 05 tháng 5 năm 2020

                                  BÁO CÁO
                 Kết quả lãnh đạo thực hiện nhiệm vụ quý I năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertNil(header.parentBody)
        XCTAssertEqual(header.issuingBody, "TỈNH ỦY ĐIỆN BIÊN")
        XCTAssertEqual(header.issuer, "TỈNH ỦY ĐIỆN BIÊN")
        XCTAssertEqual(header.symbol, "125-BC/TU")
        XCTAssertEqual(header.date, date(2020, 5, 5))
    }

    func testUnitOfAParentIsWrittenBeforeItsParent() {
        XCTAssertEqual(DocumentHeader(parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "VĂN PHÒNG").issuer,
                       "VĂN PHÒNG UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(DocumentHeader(parentBody: "HĐND TỈNH ĐIỆN BIÊN", issuingBody: "BAN PHÁP CHẾ").issuer,
                       "BAN PHÁP CHẾ HĐND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(DocumentHeader(parentBody: "UBND HUYỆN TỦA CHÙA", issuingBody: "PHÒNG TÀI CHÍNH - KẾ HOẠCH").issuer,
                       "PHÒNG TÀI CHÍNH - KẾ HOẠCH UBND HUYỆN TỦA CHÙA")
    }

    func testDepartmentOfTheProvinceNamesItself() {
        XCTAssertEqual(DocumentHeader(parentBody: "UBND TỈNH ĐIỆN BIÊN", issuingBody: "BAN DÂN TỘC").issuer, "BAN DÂN TỘC")
        XCTAssertEqual(DocumentHeader(issuingBody: "SỞ TÀI CHÍNH").issuer, "SỞ TÀI CHÍNH")
        XCTAssertNil(DocumentHeader().issuer)
    }

    func testCouncilCommitteeIssuerIsTheCommitteeOfTheCouncil() throws {
        let text = """
            HĐND TỈNH ĐIỆN BIÊN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            BAN KINH TẾ - NGÂN SÁCH                Độc lập - Tự do - Hạnh phúc
            Số: 15/BC-KTNS                  Điện Biên, ngày 06 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "HĐND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "BAN KINH TẾ - NGÂN SÁCH")
        XCTAssertEqual(header.issuer, "BAN KINH TẾ - NGÂN SÁCH HĐND TỈNH ĐIỆN BIÊN")
    }

    func testBodyStartingLikeADocumentTypeWordIsStillABody() throws {
        // "CÔNG AN" is one letter from "CÔNG VĂN"; unit codes keep their digits.
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            CÔNG AN TỈNH
            Số: 77/BC-CAT-PV01
            Điện Biên, ngày 06 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "CÔNG AN TỈNH")
        XCTAssertNil(header.documentType)
        XCTAssertEqual(header.symbol, "77/BC-CAT-PV01")
    }

    // MARK: - Symbols

    func testSymbolWithSpaceBeforeTheSlashIsNormalised() throws {
        let text = """
            ỦY BAN NHÂN DÂN
            HUYỆN MƯỜNG NHÉ
            Số 09 /BC-UBND
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.symbol, "09/BC-UBND")
        XCTAssertEqual(header.issuer, "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ")
    }

    func testSymbolSpacingVariantsAllNormaliseTheSameWay() {
        for line in ["Số: 09/BC-UBND", "Số 09 /BC-UBND", "Số:09/BC-UBND", "Số: 09/BC - UBND", "Số: 09 / BC-UBND",
                     "Số:     09/BC-UBND", "Số: 09/BC–UBND", "S6: 09/BC-UBND", "Sô: 09/BC-UBND", "Số: O9/BC-UBND",
                     "SỐ: 09/BC-UBND", "Số: 09/bc-ubnd", "Số: 09/BC-UBND."] {
            XCTAssertEqual(DocumentHeader.read("ỦY BAN NHÂN DÂN\nHUYỆN TỦA CHÙA\n\(line)\n")?.symbol, "09/BC-UBND", line)
        }
    }

    func testLegalDocumentSymbolKeepsItsYear() {
        XCTAssertEqual(DocumentHeader.read("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\nSố: 12/2020/QĐ-UBND\n")?.symbol,
                       "12/2020/QĐ-UBND")
    }

    func testSymbolOfIssuerOnlyHasNoKind() {
        XCTAssertEqual(DocumentHeader.read("UBND TỈNH ĐIỆN BIÊN\nSỞ TÀI CHÍNH\nSố: 1123/STC\n")?.symbol, "1123/STC")
    }

    func testSymbolWithBlankNumberGivesNoSymbolButEndsTheIssuerBlock() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                              Độc lập - Tự do - Hạnh phúc
            Số:      /BC-STC                  Điện Biên, ngày      tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertNil(header.symbol)
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertNil(header.date)
    }

    // MARK: - Dates

    func testInvalidCalendarDateGivesNoDateButKeepsThePlace() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                              Độc lập - Tự do - Hạnh phúc
            Số: 112/BC-STC                    Điện Biên, ngày 31 tháng 2 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertNil(header.date)
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.symbol, "112/BC-STC")
    }

    func testIncomingMailStampIsNeitherSymbolNorDate() throws {
        // The clerk's "CÔNG VĂN ĐẾN" stamp, read by OCR above the header.
        let text = """
            CÔNG VĂN ĐẾN
            Số: 456
            Ngày: 08/5/2020
            Chuyển:
            UBND TỈNH ĐIỆN BIÊN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                              Độc lập - Tự do - Hạnh phúc
            Số: 112/BC-STC                    Điện Biên, ngày 06 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.symbol, "112/BC-STC")
        XCTAssertEqual(header.date, date(2020, 5, 6))
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertNil(DocumentHeader.read("Ngày: 08/5/2020\nNgười nhận: Nguyễn Văn A\n"))
    }

    func testDateWithoutDiacriticsIsRead() {
        let header = DocumentHeader.read("SỞ TÀI CHÍNH\nSo: 112/BC-STC\nDien Bien, ngay 6 thang 5 nam 2020\n")
        XCTAssertEqual(header?.place, "Dien Bien")
        XCTAssertEqual(header?.date, date(2020, 5, 6))
    }

    func testDateWrittenWithSlashesIsRead() {
        let header = DocumentHeader.read("SỞ TÀI CHÍNH\nSố: 112/BC-STC\nĐiện Biên, ngày 06/5/2020\n")
        XCTAssertEqual(header?.date, date(2020, 5, 6))
        XCTAssertEqual(header?.place, "Điện Biên")
    }

    func testDateSplitIntoColumnsByWideSpacesIsJoined() {
        let text = "Số: 09/BC-UBND          Tủa Chùa,     ngày 08    tháng 05    năm 2020\n"
        let header = DocumentHeader.read("ỦY BAN NHÂN DÂN\nHUYỆN TỦA CHÙA\n" + text)
        XCTAssertEqual(header?.place, "Tủa Chùa")
        XCTAssertEqual(header?.date, date(2020, 5, 8))
    }

    func testPlaceWithCityPrefixIsKeptWhole() {
        let header = DocumentHeader.read("SỞ TÀI CHÍNH\nSố: 112/BC-STC\nTP. Điện Biên Phủ, ngày 06 tháng 5 năm 2020\n")
        XCTAssertEqual(header?.place, "TP. Điện Biên Phủ")
        XCTAssertEqual(header?.date, date(2020, 5, 6))
    }

    // MARK: - OCR

    func testOcrTextWithoutDiacriticsAndWithStraySymbols() throws {
        let text = """
            ‘ UY BAN NHAN DAN          | CONG HOA XA HOI CHU NGHIA VIET NAM
              HUYỆN TUA CHUA    _         Doc lap - Tu do - Hanh phuc
                ———                      ————————————
            S6: O9/BC-UBND              Tua Chua, ngay 8 thang 5 nam 2020 |


                              BAO CAO
                Ket qua thuc hien cac noi dung giai trinh
                   tai phien hop Thuong truc HDND tinh

            Kinh gui: Thuong truc HDND tinh Dien Bien
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UY BAN NHAN DAN")
        XCTAssertEqual(header.issuingBody, "HUYỆN TUA CHUA")
        XCTAssertEqual(header.issuer, "UY BAN NHAN DAN HUYỆN TUA CHUA")
        XCTAssertEqual(header.symbol, "09/BC-UBND")
        XCTAssertEqual(header.place, "Tua Chua")
        XCTAssertEqual(header.date, date(2020, 5, 8))
        XCTAssertEqual(header.documentType, "BÁO CÁO")
        XCTAssertEqual(header.summary, "Ket qua thuc hien cac noi dung giai trinh tai phien hop Thuong truc HDND tinh")
        XCTAssertEqual(header.addressees, ["Thuong truc HDND tinh Dien Bien"])
    }

    func testOcrColumnsAsBlocksWithBlankLinesMixedCaseAndBrokenDate() throws {
        // Tesseract gives the left column, then the right, with blank lines between, a
        // date broken over two lines, a lower-case letter among the capitals.
        let text = """
            UỶ BAN NHÂN DÂN

            HUYỆN TỦA CHÙa

            Sô: 09/BC-UBND
            — |

            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập — Tự do — Hạnh phúc
            ———
            Tủa Chùa, ngày 08 tháng 05
            năm 2020

            BÁO CÁO

            Kết quả thực hiện các nội dung giải trình
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UỶ BAN NHÂN DÂN")
        XCTAssertEqual(header.issuingBody, "HUYỆN TỦA CHÙa")
        XCTAssertEqual(header.symbol, "09/BC-UBND")
        XCTAssertEqual(header.place, "Tủa Chùa")
        XCTAssertEqual(header.date, date(2020, 5, 8))
        XCTAssertEqual(header.documentType, "BÁO CÁO")
        XCTAssertEqual(header.summary, "Kết quả thực hiện các nội dung giải trình")
    }

    func testOcrMisreadTitleLettersAreStillTheTitle() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN        C0NG HÒA XÃ HỘI CHŨ NGHỈA VIỆT NAM
            SỞ TÀI CHÍNH                 Đôc lâp - Tư do - Hanh phüc
            Số: 112/BC-STC          Điện Biên, ngày 06 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
    }

    func testTextInDecomposedFormIsReadAndReturnedComposed() throws {
        let text = "UBND TỈNH ĐIỆN BIÊN\nSỞ TÀI CHÍNH\nSố: 112/BC-STC\nĐiện Biên, ngày 06 tháng 5 năm 2020\n"
        let header = try XCTUnwrap(DocumentHeader.read(text.decomposedStringWithCanonicalMapping))
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(header.place, "Điện Biên")
        XCTAssertEqual(header.symbol, "112/BC-STC")
    }

    func testDraftAndUrgencyStampsAreNotNames() throws {
        let text = """
            DỰ THẢO
            UBND TỈNH ĐIỆN BIÊN         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                  Độc lập - Tự do - Hạnh phúc
            KHẨN
            Số: 112/BC-STC          Điện Biên, ngày 06 tháng 5 năm 2020
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.parentBody, "UBND TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI CHÍNH")
    }

    // MARK: - Letters, types, summaries

    func testOfficialLetterWithSubjectLineIsACongVan() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG             Độc lập - Tự do - Hạnh phúc
            Số: 567/STNMT-VP                  Điện Biên, ngày 07 tháng 5 năm 2020
            V/v gửi báo cáo kết quả thực hiện
            các nội dung giải trình

                       Kính gửi: Thường trực HĐND tỉnh Điện Biên.

                Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh, Sở Tài nguyên và
            Môi trường gửi báo cáo kết quả như sau:
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.documentType, "CÔNG VĂN")
        XCTAssertEqual(header.summary, "gửi báo cáo kết quả thực hiện các nội dung giải trình")
        XCTAssertEqual(header.symbol, "567/STNMT-VP")
        XCTAssertEqual(header.issuingBody, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        XCTAssertEqual(header.addressees, ["Thường trực HĐND tỉnh Điện Biên"])
    }

    func testLetterInDocxOrderEndsItsSubjectAtTheRightCell() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG
            Số: 567/STNMT-VP
            V/v gửi báo cáo kết quả thực hiện
            các nội dung giải trình
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Điện Biên, ngày 07 tháng 5 năm 2020
            Kính gửi: Thường trực HĐND tỉnh Điện Biên
            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh, Sở báo cáo như sau:
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.documentType, "CÔNG VĂN")
        XCTAssertEqual(header.summary, "gửi báo cáo kết quả thực hiện các nội dung giải trình")
        XCTAssertEqual(header.date, date(2020, 5, 7))
        XCTAssertEqual(header.addressees, ["Thường trực HĐND tỉnh Điện Biên"])
    }

    func testSubjectMarkerVariantsFromOcr() {
        for marker in ["V/v", "V/V", "v/v", "V/ v", "V|v", "V/v:"] {
            let text = "SỞ TÀI CHÍNH\nSố: 567/STC-NS\n\(marker) gửi báo cáo giải trình\n"
            let header = DocumentHeader.read(text)
            XCTAssertEqual(header?.documentType, "CÔNG VĂN", marker)
            XCTAssertEqual(header?.summary, "gửi báo cáo giải trình", marker)
        }
    }

    func testSeveralAddresseesWithBullets() throws {
        let text = """
            ỦY BAN NHÂN DÂN
            TỈNH ĐIỆN BIÊN
            Số: 58/TTr-UBND
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Điện Biên, ngày 05 tháng 5 năm 2020
            TỜ TRÌNH
            Về việc đề nghị bổ sung dự toán ngân sách năm 2020
            Kính gửi:
            - Thường trực Hội đồng nhân dân tỉnh;
            - Ban Kinh tế - Ngân sách HĐND tỉnh;
            - Các vị đại biểu HĐND tỉnh.
            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.addressees,
                       ["Thường trực Hội đồng nhân dân tỉnh", "Ban Kinh tế - Ngân sách HĐND tỉnh", "Các vị đại biểu HĐND tỉnh"])
        XCTAssertEqual(header.documentType, "TỜ TRÌNH")
        XCTAssertEqual(header.summary, "Về việc đề nghị bổ sung dự toán ngân sách năm 2020")
        XCTAssertEqual(header.parentBody, "ỦY BAN NHÂN DÂN")
        XCTAssertEqual(header.issuingBody, "TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(header.symbol, "58/TTr-UBND")
        XCTAssertEqual(header.date, date(2020, 5, 5))
    }

    func testIndentedBulletAddresseesFromTextLayerWithBlankLineAndEnDashes() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ TÀI CHÍNH                              Độc lập - Tự do - Hạnh phúc
            Số: 567/STC-NS                    Điện Biên, ngày 07 tháng 5 năm 2020
            V/v gửi báo cáo giải trình

                        Kính gửi:      – Thường trực HĐND tỉnh;
                                       – Ban Kinh tế - Ngân sách HĐND tỉnh;

                                       – Văn phòng Đoàn ĐBQH và HĐND tỉnh.

                - Căn cứ Kế hoạch số 25/KH-HĐND ngày 20/4/2020;
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.addressees,
                       ["Thường trực HĐND tỉnh", "Ban Kinh tế - Ngân sách HĐND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"])
    }

    func testAddresseesOnOneLineSeparatedBySemicolons() {
        let text = "SỞ TÀI CHÍNH\nSố: 567/STC-NS\nKính gửi: Thường trực HĐND tỉnh; Ban Kinh tế - Ngân sách HĐND tỉnh.\n"
        XCTAssertEqual(DocumentHeader.read(text)?.addressees,
                       ["Thường trực HĐND tỉnh", "Ban Kinh tế - Ngân sách HĐND tỉnh"])
    }

    func testAddresseeBrokenOverTwoLinesIsJoined() {
        let text = "SỞ TÀI CHÍNH\nSố: 567/STC-NS\nKính gửi: Thường trực Hội đồng nhân dân\ntỉnh Điện Biên\n\nThực hiện..."
        XCTAssertEqual(DocumentHeader.read(text)?.addressees, ["Thường trực Hội đồng nhân dân tỉnh Điện Biên"])
    }

    func testAddresseeIsNeverTakenAsIssuer() {
        // The only body named in capitals is the one the text is addressed to.
        let withPlace = """
            Điện Biên, ngày 06 tháng 5 năm 2020
            Kính gửi: UBND TỈNH ĐIỆN BIÊN
            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh, chúng tôi báo cáo như sau:
            """
        let header = DocumentHeader.read(withPlace)
        XCTAssertNil(header?.issuingBody)
        XCTAssertNil(header?.parentBody)
        XCTAssertNil(header?.issuer)
        XCTAssertEqual(header?.addressees, ["UBND TỈNH ĐIỆN BIÊN"])

        let bulleted = "Kính gửi:\n- UBND TỈNH ĐIỆN BIÊN;\n- SỞ TÀI CHÍNH.\nChúng tôi xin báo cáo kết quả thực hiện như sau ở đây."
        XCTAssertNil(DocumentHeader.read(bulleted))
        XCTAssertNil(DocumentHeader.read("Kính gửi: UBND tỉnh Điện Biên\nSở Tài chính xin báo cáo kết quả như sau:\n"))
    }

    func testSummaryStopsWhereTheBodyBeginsWithoutAddressee() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ TÀI CHÍNH
            Số: 112/BC-STC
            Điện Biên, ngày 06 tháng 5 năm 2020
            BÁO CÁO
            Kết quả thực hiện các nội dung giải trình
            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh
            I. KẾT QUẢ THỰC HIỆN
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.summary, "Kết quả thực hiện các nội dung giải trình")
        XCTAssertEqual(header.addressees, [])
    }

    func testSummaryDoesNotTakeTheFirstParagraphOfTheBody() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN
            SỞ TÀI CHÍNH
            Số: 112/BC-STC
            Điện Biên, ngày 06 tháng 5 năm 2020
            BÁO CÁO
            Kết quả thực hiện các nội dung giải trình
            Năm 2020, Sở Tài chính đã chủ động tham mưu cho UBND tỉnh ban hành nhiều văn bản chỉ đạo, điều hành ngân sách.
            """
        XCTAssertEqual(DocumentHeader.read(text)?.summary, "Kết quả thực hiện các nội dung giải trình")
    }

    func testSummaryInCapitalsOverSeveralLinesAndItsUnderline() throws {
        let text = """
            UBND TỈNH ĐIỆN BIÊN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ KẾ HOẠCH VÀ ĐẦU TƯ                    Độc lập - Tự do - Hạnh phúc
            Số: 88/KH-SKHĐT                   Điện Biên, ngày 04 tháng 5 năm 2020

                                     KẾ HOẠCH
                      TRIỂN KHAI THỰC HIỆN CÁC NỘI DUNG GIẢI TRÌNH
                           TẠI PHIÊN HỌP THƯỜNG TRỰC HĐND TỈNH
                                    ──────────
            Căn cứ Kế hoạch số 25/KH-HĐND ngày 20/4/2020 của Thường trực HĐND tỉnh;
            """
        let header = try XCTUnwrap(DocumentHeader.read(text))
        XCTAssertEqual(header.documentType, "KẾ HOẠCH")
        XCTAssertEqual(header.summary, "TRIỂN KHAI THỰC HIỆN CÁC NỘI DUNG GIẢI TRÌNH TẠI PHIÊN HỌP THƯỜNG TRỰC HĐND TỈNH")
        XCTAssertEqual(header.issuingBody, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ")
        XCTAssertEqual(header.symbol, "88/KH-SKHĐT")
    }

    func testTypeWithoutDiacriticsIsGivenInItsStandardForm() {
        let text = "SO TAI CHINH\nSo: 112/BC-STC\nTO TRINH\nVe viec bo sung du toan\n"
        let header = DocumentHeader.read(text)
        XCTAssertEqual(header?.documentType, "TỜ TRÌNH")
        XCTAssertEqual(header?.summary, "Ve viec bo sung du toan")
        XCTAssertEqual(header?.issuingBody, "SO TAI CHINH")
    }

    // MARK: - No header, hostile input

    func testPlainBodyTextHasNoHeader() {
        let text = """
            Thực hiện Kế hoạch số 25/KH-HĐND ngày 20 tháng 4 năm 2020 của Thường trực HĐND tỉnh về giám sát
            việc giải quyết kiến nghị của cử tri, Sở Tài chính báo cáo kết quả thực hiện như sau:
            I. KẾT QUẢ THỰC HIỆN
            1. Về công tác chỉ đạo, điều hành
            Ngày 06 tháng 5 năm 2020, Sở đã tổ chức hội nghị triển khai tới các phòng chuyên môn.
            Số 112 hộ gia đình đã được hỗ trợ kinh phí theo quy định.
            """
        XCTAssertNil(DocumentHeader.read(text))
        XCTAssertNil(DocumentHeader.read(""))
        XCTAssertNil(DocumentHeader.read("\n\n   \n\t\n"))
        XCTAssertNil(DocumentHeader.read("Kính gửi anh chị, em gửi lại báo cáo đã sửa theo góp ý. Trân trọng."))
    }

    func testSixteenKilobyteLineOfGarbageIsReadWithoutCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÊỀỂỄỆÔỐỒỔỖỘƠỚỜỞỠỢƯỨỪỬỮỰ abcxyz0123456789/-:,.|_—‘\t  \u{0301}\u{0323}")
        let garbage = String((0..<16_384).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        // What fails here is a crash (a trap on hostile text), not an assertion.
        _ = DocumentHeader.read(garbage)
    }

    func testPathologicalRepetitionsAreReadWithoutCrash() {
        let inputs = [
            String(repeating: "ngày 1 tháng 1 năm 2020 ", count: 700),
            String(repeating: "Số:   ", count: 2_800),
            String(repeating: "Điện Biên,   ngày   ", count: 850),
            String(repeating: "CỘNG HÒA XÃ HỘI ", count: 1_000),
            String(repeating: "SỞ TÀI CHÍNH\n", count: 1_300),
            String(repeating: "Số: 1/BC-A Số: 2/BC-B ", count: 750),
            String(repeating: "- ", count: 8_000),
            String(repeating: "a", count: 16_384),
            String(repeating: "\u{0301}", count: 16_384),
            String(repeating: "V/v ", count: 4_000),
            String(repeating: "Kính gửi:\n- Sở;\n", count: 1_000),
        ]
        for input in inputs {
            let header = DocumentHeader.read(input)
            XCTAssertFalse(header?.summary?.count ?? 0 > 2_000, String(input.prefix(20)))
        }
    }

    func testMutatedHeadersNeverCrash() {
        // Seeded, so a failure can be replayed: deletions, insertions of OCR's marks,
        // combining marks, tabs, line breaks and runs of spaces, truncations.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        let inserts = ["\n", "\t", " ", "   ", "—", "|", "_", "‘", "/", "-", ":", ",", "\u{0301}", "\u{0323}",
                       "0", "O", "l", "Đ", "ngày", "Số", "V/v", "Kính gửi", "CỘNG HÒA", "năm 2020"]
        let seeds = [soTaiChinhTextLayer, """
            ỦY BAN NHÂN DÂN
            HUYỆN TỦA CHÙA
            Số: 09/BC-UBND
            V/v gửi báo cáo giải trình
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Tủa Chùa, ngày 08 tháng 05 năm 2020
            Kính gửi:
            - Thường trực HĐND tỉnh;
            - Ban Kinh tế - Ngân sách HĐND tỉnh.
            """]
        for seed in seeds {
            for _ in 0..<400 {
                var chars = Array(seed)
                for _ in 0..<(1 + next(12)) {
                    switch next(3) {
                    case 0 where !chars.isEmpty: chars.remove(at: next(chars.count))
                    case 1: chars.insert(contentsOf: inserts[next(inserts.count)], at: next(chars.count + 1))
                    default: if !chars.isEmpty { chars = Array(chars.prefix(next(chars.count) + 1)) }
                    }
                }
                let header = DocumentHeader.read(String(chars))
                if let date = header?.date { XCTAssertNotNil(LocalDate(year: date.year, month: date.month, day: date.day)) }
            }
        }
    }

    // MARK: - Codable

    func testCodableRoundTripWritesTheDateAsIsoText() throws {
        let header = try XCTUnwrap(DocumentHeader.read(soTaiChinhTextLayer))
        let data = try JSONEncoder().encode(header)
        let json = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(json.contains("\"date\":\"2020-05-06\""), json)
        XCTAssertEqual(try JSONDecoder().decode(DocumentHeader.self, from: data), header)
    }

    func testDecodingRefusesAMalformedDate() {
        let data = Data(#"{"date":"2020-02-31","addressees":[]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(DocumentHeader.self, from: data))
        let empty = Data("{}".utf8)
        XCTAssertEqual(try? JSONDecoder().decode(DocumentHeader.self, from: empty), DocumentHeader())
    }
}
