import Foundation

/// Whether a name in a subject, a display name or a file name is its writer's: read the
/// way a clerk reads "UBND huyện Mường Ảng gửi Sở Tài chính báo cáo" (Mường Ảng writes,
/// Sở Tài chính is written to) or "Báo cáo UBND xã Sín Chải huyện Tủa Chùa" (a commune
/// of Tủa Chùa writes, not its district).
struct MentionRoles {
    private let words: [String]
    /// Whether the text is addressing someone just before each word.
    private let addressedBefore: [Bool]
    /// The clause ended on a marker ("Kính gửi:"): the next clause is its addressee.
    let carriesIntoNextClause: Bool
    private let claimed: [Bool]

    /// - Parameter freshStarts: word positions where a dash begins a new part ("V/v … -
    ///   UBND huyện X"): what came before no longer addresses anyone.
    /// - Parameter neutral: words claimed by a name with no owner (the Office's, the
    ///   province's): an addressee, but not one the next clause can continue.
    init(words: [String], claimed: [Bool], neutral: [Bool] = [], addressedAtStart: Bool, freshStarts: Set<Int> = []) {
        self.words = words
        self.claimed = claimed
        var state = addressedAtStart
        var before: [Bool] = []
        before.reserveCapacity(words.count)
        var lastUnclaimedIsMarker = false
        // Whether a name (an agency's, or the Office's) was addressed since the marker.
        var addresseeNamed = false
        // Whether the clause, addressed from its start, is nothing but names so far:
        // "Kính gửi: Sở Tài chính; Sở Nội vụ" lists addressees over several clauses.
        var onlyNames = addressedAtStart
        for (index, word) in words.enumerated() {
            if freshStarts.contains(index) { state = false }
            // "Gửi VP HĐND tỉnh báo cáo giải trình huyện Nậm Pồ": once a name was
            // addressed, the document sent ("báo cáo", "BC", "văn bản") closes the
            // addressee; what follows is the document's own. Without a name addressed
            // first ("Gửi báo cáo Sở Tài chính") the reading stays addressed.
            if state, addresseeNamed, !claimed[index], Self.startsDocumentNoun(words, at: index) { state = false }
            before.append(state)
            guard !claimed[index] else {
                if state { addresseeNamed = true }
                // "Gửi Văn phòng HĐND tỉnh (Sở Nội vụ báo cáo)": the Office closes what
                // "gửi" addresses, as any word after it does; an agency's name does not.
                if index < neutral.count, neutral[index] {
                    lastUnclaimedIsMarker = false
                    onlyNames = false
                }
                continue
            }
            if word != "va", !Self.addresseeMarkers.contains(word) { onlyNames = false }
            if Self.addresseeMarkers.contains(word) {
                state = true
                addresseeNamed = false
                lastUnclaimedIsMarker = true
            } else {
                if Self.writerMarkers.contains(word) { state = false }
                lastUnclaimedIsMarker = false
            }
        }
        addressedBefore = before
        carriesIntoNextClause = lastUnclaimedIsMarker || (onlyNames && state && !words.isEmpty)
    }

    /// Words after which names are whom the text is written to or about: "Kính gửi Sở
    /// Tài chính, Sở Nội vụ", "báo cáo cho Sở Nội vụ", "phối hợp với Sở Tài chính", "về
    /// Cao su Điện Biên". (Words that fold like a syllable of a name, as "tại" folds like
    /// the "Tài" of "Tài chính", cannot be told apart and are not used.)
    private static let addresseeMarkers: Set<String> = ["gui", "den", "cho", "voi", "ve"]
    /// "của": what follows is the writer again ("Báo cáo gửi HĐND tỉnh của UBND huyện X").
    private static let writerMarkers: Set<String> = ["cua"]

    /// What is sent, as a subject names it: "báo cáo", "BC", "BCGT", "văn bản", "công
    /// văn", "tờ trình", "hồ sơ".
    private static func startsDocumentNoun(_ words: [String], at index: Int) -> Bool {
        if ["bc", "bcgt", "cv", "ttr"].contains(words[index]) { return true }
        guard index + 1 < words.count else { return false }
        return documentNouns.contains { $0[0] == words[index] && $0[1] == words[index + 1] }
    }

    private static let documentNouns: [[String]] = [["bao", "cao"], ["van", "ban"], ["cong", "van"], ["to", "trinh"], ["ho", "so"]]

    func isAddressed(at position: Int) -> Bool {
        position < addressedBefore.count && addressedBefore[position]
    }

    /// A smaller unit or another body among the few words before a place form: "UBND xã
    /// Sín Chải huyện Tủa Chùa", "Trường THPT huyện Tủa Chùa".
    func followsASubUnit(at position: Int, placeForm: Bool) -> Bool {
        guard placeForm else { return false }
        var window: [String] = []
        var index = position - 1
        while index >= 0, window.count < 4, !claimed[index], !Self.writerMarkers.contains(words[index]) {
            window.insert(words[index], at: 0)
            index -= 1
        }
        return Self.subUnits.contains { unit in
            window.count >= unit.count && (0...(window.count - unit.count)).contains {
                window[$0..<($0 + unit.count)].elementsEqual(unit)
            }
        }
    }

    private static let subUnits: [[String]] = [
        ["xa"], ["phuong"], ["thon"], ["thi", "tran"], ["ban"], ["tap", "doan"],
        ["truong", "thpt"], ["truong", "thcs"], ["truong", "tieu", "hoc"], ["truong", "mam", "non"], ["truong", "pt"],
    ]

    /// Parts of a text that a name never crosses, and that end what "gửi" addresses:
    /// "Kính gửi: …", "(bản sao …)", "…; …", a line.
    /// Where, in words, each " - " of `clause` falls. A dash is not a clause break of its
    /// own, since names contain it ("Sở Thông tin - Truyền thông").
    static func dashPositions(in clause: String) -> Set<Int> {
        var positions = Set<Int>()
        for dash in [" - ", " – ", " — "] {
            var searchFrom = clause.startIndex
            // A real subject has a few; the cap bounds a hostile one.
            while positions.count < 20, let found = clause.range(of: dash, range: searchFrom..<clause.endIndex) {
                positions.insert(VietnameseText.nameWords(String(clause[..<found.lowerBound])).count)
                searchFrom = found.upperBound
            }
        }
        return positions
    }

    static func clauses(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { separators.contains($0) })
    }

    private static let separators: Set<Character> = [":", ";", "(", ")", "[", "]", "|", "\n", "\r"]
}
