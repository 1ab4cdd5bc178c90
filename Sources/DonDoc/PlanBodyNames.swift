import Foundation

/// One body a plan makes responsible for a report: a campaign agency to be.
public struct PlanBody: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case department, company, districtUnit, other
        /// Stands for bodies dondoc could not list ("UBND cấp huyện" of a province it does
        /// not know): the Office replaces it.
        case placeholder
    }

    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: Kind
}

/// Bodies read from one place of the plan, and what the Office should check about them.
public struct PlanBodyGroup: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The heading of the plan's list: "Đối tượng giải trình".
        case heading(String)
        /// The plan's own words, as written (shortened when long): "Chủ tịch UBND cấp huyện".
        case words(String)
    }

    public var source: Source
    /// Vietnamese, for a TODO comment; nil when the plan named these bodies outright.
    public var toConfirm: String?
    public var bodies: [PlanBody]
}

/// Names, ids and aliases of bodies, in the style of examples/dien-bien-2020.yaml.
struct PlanBodyNames {
    let province: Gazetteer.Province?

    /// The departments (sở) every province has, or had in 2020, by their standard names.
    struct Department {
        var name: String
        var id: String
        var aliases: [String]
        /// The name's words after "Sở", folded, without "và".
        var key: [String] { PlanBodyNames.departmentKey(name) }
        /// "tnmt": how abbreviations of the name compare.
        var initials: String { String(key.compactMap(\.first)) }
    }

    static let departments: [Department] = [
        Department(name: "Sở Nội vụ", id: "snv", aliases: ["SNV"]),
        Department(name: "Sở Tư pháp", id: "stp", aliases: ["STP"]),
        Department(name: "Sở Kế hoạch và Đầu tư", id: "skhdt", aliases: ["Sở KH&ĐT", "SKHĐT", "KH&ĐT", "Kế hoạch và Đầu tư"]),
        Department(name: "Sở Tài chính", id: "stc", aliases: ["STC"]),
        Department(name: "Sở Công Thương", id: "sct", aliases: ["SCT"]),
        Department(name: "Sở Nông nghiệp và Phát triển nông thôn", id: "snnptnt",
                   aliases: ["Sở NN&PTNT", "SNNPTNT", "NN&PTNT", "Nông nghiệp và Phát triển nông thôn"]),
        Department(name: "Sở Giao thông vận tải", id: "sgtvt", aliases: ["Sở GTVT", "SGTVT"]),
        Department(name: "Sở Xây dựng", id: "sxd", aliases: ["SXD"]),
        Department(name: "Sở Tài nguyên và Môi trường", id: "stnmt",
                   aliases: ["Sở TN&MT", "STNMT", "TN&MT", "Tài nguyên và Môi trường"]),
        Department(name: "Sở Thông tin và Truyền thông", id: "stttt",
                   aliases: ["Sở TT&TT", "STTTT", "TT&TT", "Thông tin và Truyền thông"]),
        Department(name: "Sở Lao động - Thương binh và Xã hội", id: "sldtbxh",
                   aliases: ["Sở LĐ-TB&XH", "SLĐTBXH", "LĐ-TB&XH", "Lao động - Thương binh và Xã hội"]),
        Department(name: "Sở Văn hóa, Thể thao và Du lịch", id: "svhttdl",
                   aliases: ["Sở VHTT&DL", "SVHTTDL", "VHTT&DL", "Văn hóa, Thể thao và Du lịch"]),
        Department(name: "Sở Khoa học và Công nghệ", id: "skhcn", aliases: ["Sở KH&CN", "SKHCN", "KH&CN", "Khoa học và Công nghệ"]),
        Department(name: "Sở Giáo dục và Đào tạo", id: "sgddt", aliases: ["Sở GD&ĐT", "SGDĐT", "GD&ĐT", "Giáo dục và Đào tạo"]),
        Department(name: "Sở Y tế", id: "syt", aliases: ["SYT"]),
        // "snv" is Nội vụ's.
        Department(name: "Sở Ngoại vụ", id: "sngv", aliases: []),
        Department(name: "Sở Văn hóa và Thể thao", id: "svhtt", aliases: ["Sở VH&TT", "SVHTT"]),
        Department(name: "Sở Du lịch", id: "sdl", aliases: ["SDL"]),
        Department(name: "Sở Quy hoạch - Kiến trúc", id: "sqhkt", aliases: ["Sở QH-KT"]),
    ]

    /// "Tài nguyên &Môi trường", "Thông tin - Truyền thông", "TN&MT": compared without
    /// "và", dashes or commas.
    static func departmentKey(_ text: String) -> [String] {
        var words = VietnameseText.nameWords(text).filter { $0 != "va" }
        if words.first == "so", words.count > 1 { words.removeFirst() }
        return words
    }

    /// The standard department `text` names ("Sở Tài chính", "Tài chính", "Sở TC", "TN&MT").
    static func department(matching text: String) -> Department? {
        let key = departmentKey(text)
        guard !key.isEmpty else { return nil }
        if let exact = departments.first(where: { $0.key == key }) { return exact }
        // An abbreviation: one word without vowels, as NameWords joins them.
        guard key.count == 1, key[0].count >= 2 else { return nil }
        return departments.first { $0.initials == key[0] && $0.initials.count >= 3 }
    }

    // MARK: Bodies

    func department(_ written: String) -> PlanBody {
        if let known = Self.department(matching: written) {
            return PlanBody(id: known.id, name: known.name, aliases: known.aliases, kind: .department)
        }
        var rest = Self.tidy(written)
        if VietnameseText.nameWords(rest).first == "so" { rest = String(rest.dropFirst(3)) }
        let initials = String(Self.departmentKey(rest).compactMap(\.first))
        return PlanBody(id: "s" + initials, name: "Sở " + Self.capitalised(rest), aliases: [], kind: .department)
    }

    /// "Công ty cổ phần Cao su Mường Nhé Điện Biên" → id cao-su-muong-nhe, aliases "Công ty CP
    /// Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé".
    func company(_ written: String) -> PlanBody {
        let name = Self.capitalised(Self.tidy(written))
        let words = PlanText.words(name)
        var index = 0
        var wasJointStock = false
        let forms = ["tong cong ty", "cong ty", "cty", "ctcp", "co phan", "cp", "tnhh", "trach nhiem huu han", "mtv",
                     "mot thanh vien", "hai thanh vien"]
        matching: while index < words.count {
            for form in forms {
                let wanted = form.split(separator: " ").map(String.init)
                if words.count - index >= wanted.count, words[index..<(index + wanted.count)].map(\.folded) == wanted {
                    if ["co phan", "cp", "ctcp"].contains(form) { wasJointStock = true }
                    index += wanted.count
                    continue matching
                }
            }
            break
        }
        guard index > 0, index < words.count else {
            return PlanBody(id: Self.slug(words.map(\.folded)), name: name, aliases: [], kind: .company)
        }
        let own = String(name[words[index].range.lowerBound...])
        var ownWords = Array(words[index...].map(\.folded))
        var aliases: [String] = []
        if wasJointStock { aliases.append("Công ty CP " + own) }
        if ownWords.count >= 2 { aliases.append(own) }
        // "Cao su Mường Nhé Điện Biên" is known as "Cao su Mường Nhé"; "Cao su Điện Biên"
        // keeps its province, or nothing would be left of it but "Cao su".
        if let province, let provinceWords = province.foldedNames.first,
           ownWords.count >= provinceWords.count + 3, ownWords.suffix(provinceWords.count).elementsEqual(provinceWords) {
            ownWords.removeLast(provinceWords.count)
            let cut = words[index + ownWords.count - 1].range.upperBound
            aliases.append(String(name[words[index].range.lowerBound..<cut]))
        }
        return PlanBody(id: Self.slug(ownWords), name: name, aliases: aliases.filter { $0 != name }, kind: .company)
    }

    /// A district-level unit as the example campaign writes it: UBND thành phố Điện Biên
    /// Phủ, aliases "thành phố Điện Biên Phủ", "TP Điện Biên Phủ", "TP. Điện Biên Phủ".
    func unit(_ unit: Gazetteer.Unit) -> PlanBody {
        let place = "\(unit.kind.rawValue) \(unit.name)"
        var aliases = [place]
        if let short = unit.kind.abbreviation { aliases += ["\(short) \(unit.name)", "\(short). \(unit.name)"] }
        let words = PlanText.words(unit.name.replacingOccurrences(of: "'", with: "")).map(\.folded)
        return PlanBody(id: "ubnd-" + unit.kind.idPrefix + Self.slug(words), name: "UBND " + place, aliases: aliases,
                        kind: .districtUnit)
    }

    /// Any other body: "Thanh tra tỉnh" becomes "Thanh tra tỉnh Sơn La" (alias "Thanh tra
    /// tỉnh"), so that a document headed "THANH TRA TỈNH SƠN LA" names it whole.
    func other(_ written: String) -> PlanBody {
        let tidy = Self.capitalised(Self.tidy(written))
        var words = PlanText.words(tidy).map(\.folded)
        var name = tidy
        var aliases: [String] = []
        if words.last == "tinh", words.count >= 2 {
            if let province {
                name = tidy + " " + province.name
                // Every department's letterhead is headed "UBND TỈNH …": the bare words would
                // point all their mail at the committee.
                if VietnameseText.nameWords(tidy) != ["ubnd", "tinh"] { aliases.append(tidy) }
            }
            if words.count >= 3 { words.removeLast() }
        }
        return PlanBody(id: Self.slug(words), name: name, aliases: aliases, kind: .other)
    }

    // MARK: Text

    /// Lower-case ASCII words joined by hyphens, at most six: a campaign id.
    static func slug(_ folded: [String]) -> String {
        let words = folded.map { word in
            String(word.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        }.filter { !$0.isEmpty }
        return words.prefix(6).joined(separator: "-")
    }

    /// Spaces collapsed, and the list's punctuation taken off the ends.
    static func tidy(_ text: String) -> String {
        var s = PlanText.collapseSpaces(text)
        let edges: Set<Character> = [".", ",", ";", ":", " ", "-", "–", "…"]
        while let last = s.last, edges.contains(last) { s.removeLast() }
        while let first = s.first, edges.contains(first) { s.removeFirst() }
        return s
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
