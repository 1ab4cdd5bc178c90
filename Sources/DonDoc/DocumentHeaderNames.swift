import Foundation

/// The names in the issuer block, grouped into bodies: "UBND TỈNH ĐIỆN BIÊN" over
/// "SỞ TÀI CHÍNH" are two; "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN" over "NÔNG THÔN" is one.
enum HeaderNames {
    /// How the name of a body begins (folded words).
    static let heads: [[String]] = [
        ["uy", "ban"], ["ubnd"], ["hdnd"], ["hoi", "dong"], ["so"], ["phong"], ["ban"], ["bql"], ["van", "phong"],
        ["vp"], ["cuc"], ["chi", "cuc"], ["tong", "cuc"], ["bo"], ["bch"], ["cong", "an"], ["vien"], ["vksnd"],
        ["toa", "an"], ["tand"], ["thanh", "tra"], ["kho", "bac"], ["bao", "hiem"], ["bhxh"], ["trung", "tam"],
        ["truong"], ["benh", "vien"], ["dai"], ["tinh", "uy"], ["huyen", "uy"], ["thanh", "uy"], ["thi", "uy"],
        ["dang", "uy"], ["dang", "bo"], ["dang", "doan"], ["doan"], ["tinh", "doan"], ["huyen", "doan"],
        ["thanh", "doan"], ["hoi"], ["lien", "doan"], ["ldld"], ["mat", "tran"], ["mttq"], ["lien", "minh"],
        ["cong", "ty"], ["tong", "cong", "ty"], ["ngan", "hang"], ["chi", "nhanh"], ["thuong", "truc"],
        ["hoc", "vien"], ["hat", "kiem", "lam"], ["kiem", "lam"], ["buu", "dien"], ["dien", "luc"], ["doi"],
        ["quy"], ["ctcp"], ["ky", "tuc", "xa"], ["bo", "chi", "huy"], ["bo", "doi"],
    ]

    /// How a place begins: the district committee writes "ỦY BAN NHÂN DÂN" over
    /// "HUYỆN TỦA CHÙA". "TỈNH ỦY", "TỈNH ĐOÀN", "XÃ HỘI" are not places.
    static let places: [[String]] = [
        ["tinh"], ["huyen"], ["xa"], ["phuong"], ["thi", "tran"], ["thi", "xa"], ["thanh", "pho"], ["tp"], ["tx"],
    ]
    private static let notPlaceSecondWords: Set<String> = ["uy", "doan", "hoi"]

    /// Words that leave a name unfinished at the end of a line, or continue one at the
    /// start of the next.
    private static let connectives: Set<String> = ["va", "cua", "ve"]

    static func folded(_ name: String) -> [String] { HeaderSegment(name).words.map(\.folded) }

    static func startsWithHead(_ words: [String]) -> Bool {
        heads.contains { HeaderLexicon.hasPrefix(words, $0) }
    }

    static func isPlace(_ words: [String]) -> Bool {
        guard places.contains(where: { HeaderLexicon.hasPrefix(words, $0) }) else { return false }
        return !(words.count > 1 && notPlaceSecondWords.contains(words[1]))
    }

    static func beginsName(_ name: String) -> Bool {
        let words = folded(name)
        return startsWithHead(words) || isPlace(words)
    }

    /// Lines joined into bodies' names. A line continues the previous one when the
    /// previous ends with a connective ("VÀ", "-", "&", ",") or it starts with one; when
    /// it does not start like a body's name or a place ("NÔNG THÔN"); or when joining
    /// makes the issuer code of the symbol ("SỞ TÀI NGUYÊN VÀ MÔI" + "TRƯỜNG" = STNMT).
    /// Names before the first one that starts like a body are OCR's stray capitals.
    static func group(_ lines: [String], symbol: String?) -> [String] {
        let code = symbol.flatMap(issuerCode)
        var groups: [String] = []
        for line in lines {
            guard let previous = groups.last else {
                if beginsName(line) { groups.append(line) }
                continue
            }
            let words = folded(line)
            let previousWords = folded(previous)
            let openEnd = previousWords.last.map(connectives.contains) ?? false
                || previous.last.map { "-–&,".contains($0) } ?? false
            let openStart = words.first.map(connectives.contains) ?? false
                || line.first.map { "-–&".contains($0) } ?? false
            let joined = previous + " " + line
            let makesCode = code.map { VietnameseText.initialism(joined) == $0 && VietnameseText.initialism(previous) != $0 } ?? false
            if openEnd || openStart || makesCode || !(startsWithHead(words) || isPlace(words)) {
                groups[groups.count - 1] = joined
            } else {
                groups.append(line)
            }
        }
        return groups
    }

    /// "112/BC-STC" → "stc"; "125-BC/TU" → "tu".
    private static func issuerCode(_ symbol: String) -> String? {
        let issuer: Substring
        if let slash = symbol.lastIndex(of: "/"), symbol[..<slash].contains("-") {
            issuer = symbol[symbol.index(after: slash)...]
        } else if let hyphen = symbol.firstIndex(of: "-") {
            let afterKind = symbol[symbol.index(after: hyphen)...]
            issuer = afterKind.split(separator: "-").first ?? afterKind
        } else {
            issuer = symbol.split(separator: "/").last ?? ""
        }
        let code = VietnameseText.compact(String(issuer))
        return code.isEmpty ? nil : code
    }

    enum Role { case place, unit, named }

    /// What the issuing body's own name says. A place ("HUYỆN TỦA CHÙA") needs the
    /// parent in front; a unit every parent has ("VĂN PHÒNG", "THƯỜNG TRỰC", "PHÒNG …",
    /// "BAN …" of a council or Party committee) needs the parent after it; any other
    /// body names itself ("SỞ TÀI CHÍNH").
    static func role(of body: String, under parent: String) -> Role {
        let words = folded(body)
        if isPlace(words) { return .place }
        let units: [[String]] = [["van", "phong"], ["thuong", "truc"], ["dang", "doan"], ["ban", "can", "su", "dang"], ["ban", "thuong", "vu"]]
        if units.contains(where: { $0 == words }) || words.first == "phong" { return .unit }
        if words.first == "ban" {
            let parentWords = folded(parent)
            let council = parentWords.contains("hdnd") || HeaderLexicon.hasPrefix(parentWords, ["hoi", "dong"])
            let party = zip(parentWords, parentWords.dropFirst()).contains { $1 == "uy" && $0 != "ban" && $0 != "uy" }
                || parentWords.first == "dang"
            if council || party { return .unit }
        }
        return .named
    }
}
