import Foundation

/// Provinces and their district-level units (đơn vị hành chính cấp huyện), for turning a
/// plan's "Chủ tịch UBND cấp huyện" into one agency per unit. The lists are as of 2020 and
/// only for the provinces in `GazetteerData`; units merge and change rank, so every entry
/// dondoc writes from here asks the Office to confirm it.
public enum Gazetteer {
    public enum UnitKind: String, Sendable, CaseIterable {
        case city = "thành phố"
        case town = "thị xã"
        case district = "huyện"
        case urbanDistrict = "quận"

        /// How the kind starts a unit's id, the way examples/dien-bien-2020.yaml writes them:
        /// ubnd-tp-dien-bien-phu, ubnd-tx-muong-lay, ubnd-tua-chua.
        var idPrefix: String {
            switch self {
            case .city: "tp-"
            case .town: "tx-"
            case .district: ""
            case .urbanDistrict: "quan-"
            }
        }

        /// The short form clerks write: "TP Điện Biên Phủ", "TX Mường Lay".
        var abbreviation: String? {
            switch self {
            case .city: "TP"
            case .town: "TX"
            case .district, .urbanDistrict: nil
            }
        }

        /// The kind as `VietnameseText.nameWords` writes it.
        var nameWord: String {
            switch self {
            case .city: "tp"
            case .town: "tx"
            case .district: "h"
            case .urbanDistrict: "quan"
            }
        }

        static func from(nameWord: String) -> UnitKind? { allCases.first { $0.nameWord == nameWord } }
    }

    public struct Unit: Sendable, Equatable {
        public var kind: UnitKind
        public var name: String
    }

    public struct Province: Sendable, Equatable {
        public var name: String
        /// Hà Nội, TP Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ: their councils are "HĐND thành phố".
        public var isCentralCity: Bool
        /// Other spellings: "Bắc Cạn", "Đắc Lắc", "Thừa Thiên - Huế".
        public var otherNames: [String]
        /// Nil when dondoc does not know them.
        public var units: [Unit]?

        /// "tỉnh Điện Biên", "thành phố Hà Nội".
        public var councilName: String { (isCentralCity ? "thành phố " : "tỉnh ") + name }

        var foldedNames: [[String]] { ([name] + otherNames).map { PlanText.words($0).map(\.folded) } }
    }

    public static func province(named name: String) -> Province? {
        let wanted = PlanText.words(name).map(\.folded)
        return GazetteerData.provinces.first { $0.foldedNames.contains(wanted) }
    }

    /// The unit of `province` called `name` ("Mường Lay", "TX Mường Lay"), if listed.
    static func unit(named name: [String], in province: Province?) -> Unit? {
        province?.units?.first { PlanText.words($0.name).map(\.folded) == name }
    }

    /// The province a plan is about, and the words that said so. "tỉnh X" and "HĐND tỉnh X"
    /// count most; the name alone ("Cao su Điện Biên") and its units' names count a
    /// little, since a plan of the council of one province rarely names another's units.
    static func province(of lines: [PlanLine]) -> (Province, evidence: String)? {
        var scores: [String: Evidence] = [:]
        for line in lines where !PlanText.isLegalBasis(line.folded) {
            let words = line.words
            let folded = words.map(\.folded)
            for (province, names, units) in searched {
                for name in names {
                    var from = 0
                    while let at = PlanText.find(name, in: folded, from: from) {
                        from = at + 1
                        // A place's name is capitalised; "báo cáo bằng văn bản" holds no Cao Bằng.
                        guard words[at..<(at + name.count)].allSatisfy({ line.text[$0.range].first?.isUppercase == true })
                        else { continue }
                        let before = at > 0 ? folded[at - 1] : ""
                        let twoBefore = at > 1 ? folded[(at - 2)..<at].joined(separator: " ") : ""
                        // "huyện Quảng Ninh" is a district of Quảng Bình, not the province.
                        if ["huyen", "quan", "xa", "phuong"].contains(before), twoBefore != "thi xa" { continue }
                        let strong = before == "tinh"
                            || (province.isCentralCity && (before == "tp" || twoBefore == "thanh pho"))
                        let first = words[strong ? at - 1 : at].range.lowerBound
                        let written = String(line.text[first..<words[at + name.count - 1].range.upperBound])
                        scores[province.name, default: Evidence()].add(strong ? 5 : 1, written, strong: strong)
                    }
                }
                for (unit, name) in units {
                    if let at = PlanText.find(name, in: folded), at > 0, unitKindWords.contains(folded[at - 1]),
                       line.text[words[at].range].first?.isUppercase == true {
                        scores[province.name, default: Evidence()].add(1, "\(unit.kind.rawValue) \(unit.name)", strong: false)
                    }
                }
            }
        }
        guard let best = scores.max(by: { ($0.value.score, $1.key) < ($1.value.score, $0.key) }),
              let province = GazetteerData.provinces.first(where: { $0.name == best.key })
        else { return nil }
        return (province, best.value.written ?? province.name)
    }

    /// How much a plan says it is about one province, and the first words that said it
    /// most clearly.
    private struct Evidence {
        var score = 0
        var written: String?
        var isStrong = false

        mutating func add(_ points: Int, _ text: String, strong: Bool) {
            score += points
            if written == nil || (strong && !isStrong) {
                written = text
                isStrong = strong
            }
        }
    }

    /// Every province with its names and its units' names as compared, folded once.
    private static let searched: [(Province, [[String]], [(Unit, [String])])] = GazetteerData.provinces.map { province in
        (province, province.foldedNames, (province.units ?? []).map { ($0, PlanText.words($0.name).map(\.folded)) })
    }

    private static let unitKindWords: Set<String> = ["huyen", "xa", "pho", "tp", "tx", "quan"]
}
