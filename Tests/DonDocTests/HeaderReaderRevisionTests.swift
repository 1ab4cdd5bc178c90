import DonDoc
import Foundation
import XCTest

/// The store keeps each document's header as `DocumentHeader.readerRevision` derived it,
/// so a change to the reader must come with a new revision, or reports would go on
/// showing what the older reader found. These sample first pages stand for the shapes
/// the reader handles; their headers are condensed into one number recorded beside the
/// revision. When this fails: raise `readerRevision` and record the new pair below.
final class HeaderReaderRevisionTests: XCTestCase {
    private let recorded = (revision: 1, digest: "3ad4a0aa4db3ebde")

    func testHeaderReaderRevisionMatchesWhatItReads() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var digest = FNV1a()
        for page in Self.samplePages {
            digest.add(try encoder.encode(DocumentHeader.read(page)))
            digest.add(Data([0]))
        }
        let found = (revision: DocumentHeader.readerRevision, digest: digest.hex)
        XCTAssertTrue(found == recorded,
                      "the header reader now reads the sample pages as \(found.digest) under revision \(found.revision): raise DocumentHeader.readerRevision and record the new pair in this test")
    }

    func testSamplePagesAreReadAsHeaders() {
        // A digest of nothing but nils would pin nothing.
        XCTAssertEqual(Self.samplePages.compactMap(DocumentHeader.read).count, Self.samplePages.count)
    }

    static let samplePages = [
        // Text layer with both columns merged on each line.
        """
        UBND TỈNH ĐIỆN BIÊN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ TÀI CHÍNH                  Độc lập - Tự do - Hạnh phúc
        Số: 112/BC-STC          Điện Biên, ngày 06 tháng 5 năm 2020
        BÁO CÁO
        Kết quả thực hiện các nội dung giải trình
        Kính gửi: Thường trực HĐND tỉnh Điện Biên
        """,
        // Columns one after the other, a district committee, a letter with V/v.
        """
        ỦY BAN NHÂN DÂN
        HUYỆN TỦA CHÙA
        Số: 245/UBND-TCKH
        V/v gửi báo cáo kết quả thực hiện các nội dung giải trình
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        Tủa Chùa, ngày 08 tháng 05 năm 2020
        Kính gửi:
        - Thường trực HĐND tỉnh;
        - Ban Pháp chế HĐND tỉnh.
        """,
        // OCR without diacritics, stray marks and odd spacing in the symbol.
        """
        UBND TINH DIEN BIEN | CONG HOA XA HOI CHU NGHIA VIET NAM
        SO NONG NGHIEP VA PHAT TRIEN NONG THON ' Doc lap - Tu do - Hanh phuc
        So 09 /BC-SNN . Dien Bien, ngay 7 thang 5 nam 2020
        BAO CAO
        Ket qua giai trinh ve cong tac quan ly, bao ve rung
        """,
        // A body's name broken over two lines, the place line before the symbol.
        """
        UBND TỈNH ĐIỆN BIÊN
        SỞ LAO ĐỘNG - THƯƠNG BINH
        VÀ XÃ HỘI
        Điện Biên, ngày 05 tháng 5 năm 2020
        Số: 31/BC-SLĐTBXH
        BÁO CÁO
        Về việc giải trình các nội dung tại phiên họp
        """,
        // A company, a date written with slashes, a plan (KẾ HOẠCH) rather than a report.
        """
        CÔNG TY CỔ PHẦN CAO SU ĐIỆN BIÊN
        Số: 18/KH-CSĐB
        Điện Biên Phủ, ngày 04/5/2020
        KẾ HOẠCH
        Khắc phục các tồn tại sau giám sát
        Kính gửi: Ban Kinh tế - Ngân sách HĐND tỉnh
        """,
    ]
}

/// 64-bit FNV-1a: a stable digest with nothing to import.
private struct FNV1a {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    var hex: String { String(value, radix: 16) }
}
