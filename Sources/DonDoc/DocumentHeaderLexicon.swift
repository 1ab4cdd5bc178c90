import Foundation

// The words a header is recognised by: titles, stamps, the symbol's label, document
// types, how the body begins.

enum HeaderLexicon {
    static let nationalTitle = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"]
    static let motto = ["doc", "lap", "tu", "do", "hanh", "phuc"]
    static let partyTitle = ["dang", "cong", "san", "viet", "nam"]
    static let titles = [nationalTitle, motto, partyTitle]
    /// Two-word pieces of a title that are never part of a body's name.
    static let titlePairs: [[String]] = [["doc", "lap"], ["tu", "do"], ["hanh", "phuc"], ["chu", "nghia"]]

    /// Marks stamped or typed beside the header that are neither body nor title.
    static let stamps: [[String]] = [
        ["du", "thao"], ["khan"], ["thuong", "khan"], ["hoa", "toc"], ["mat"], ["toi", "mat"], ["tuyet", "mat"],
        ["den"], ["cong", "van", "den"],
    ]

    /// "Số" as written, read with and without diacritics, and as OCR misreads it.
    static let symbolLabels: Set<String> = ["so", "s0", "s6", "5o"]

    /// Document types, longest first: folded words and the written form returned.
    static let documentTypes: [(words: [String], name: String)] = [
        (["bao", "cao", "tom", "tat"], "BÁO CÁO TÓM TẮT"),
        (["bao", "cao", "giai", "trinh"], "BÁO CÁO GIẢI TRÌNH"),
        (["bao", "cao"], "BÁO CÁO"),
        (["to", "trinh"], "TỜ TRÌNH"),
        (["ke", "hoach"], "KẾ HOẠCH"),
        (["thong", "bao"], "THÔNG BÁO"),
        (["quyet", "dinh"], "QUYẾT ĐỊNH"),
        (["nghi", "quyet"], "NGHỊ QUYẾT"),
        (["cong", "van"], "CÔNG VĂN"),
        (["cong", "dien"], "CÔNG ĐIỆN"),
        (["giai", "trinh"], "GIẢI TRÌNH"),
        (["tom", "tat"], "TÓM TẮT"),
        (["chi", "thi"], "CHỈ THỊ"),
        (["huong", "dan"], "HƯỚNG DẪN"),
        (["chuong", "trinh"], "CHƯƠNG TRÌNH"),
        (["phuong", "an"], "PHƯƠNG ÁN"),
        (["de", "an"], "ĐỀ ÁN"),
        (["du", "an"], "DỰ ÁN"),
        (["bien", "ban"], "BIÊN BẢN"),
        (["ket", "luan"], "KẾT LUẬN"),
        (["giay", "moi"], "GIẤY MỜI"),
        (["quy", "che"], "QUY CHẾ"),
        (["quy", "dinh"], "QUY ĐỊNH"),
    ]

    /// How sentences of the body begin ("Căn cứ…", "Thực hiện Kế hoạch số…").
    static let bodyOpeners: [[String]] = [
        ["can", "cu"], ["thuc", "hien"], ["theo"], ["nham"], ["trien", "khai"], ["tiep", "nhan"],
        ["sau", "khi"], ["hien", "nay"], ["qua"], ["ngay"], ["trong", "thoi", "gian"], ["trong", "qua", "trinh"],
        ["tren", "co", "so"], ["kinh", "de", "nghi"], ["xet", "de", "nghi"],
    ]

    static func hasPrefix(_ words: [String], _ prefix: [String]) -> Bool {
        guard words.count >= prefix.count else { return false }
        return zip(words, prefix).allSatisfy { HeaderFolding.same($0, $1) }
    }

    static func opensBody(_ text: String) -> Bool {
        let words = HeaderSegment(text).words.prefix(4).map(\.folded)
        return bodyOpeners.contains { hasPrefix(Array(words), $0) }
    }
}
