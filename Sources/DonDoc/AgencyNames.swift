import Foundation

/// The names agencies go by, and where they are mentioned in a piece of text.
///
/// Names overlap on purpose in real life ("huyện Điện Biên", "huyện Điện Biên Đông",
/// "Cao su Mường Nhé Điện Biên", "huyện Mường Nhé"), so names are matched whole, on word
/// boundaries, longest first: a span claimed by a longer name is not searched again for
/// the shorter names inside it.
struct AgencyNameIndex: Sendable {
    /// A name and whoever goes by it. The office's own name and the province ("tỉnh Điện
    /// Biên") are names with no owner: they claim their words, so that the place inside
    /// them is not read as a district or a company.
    private struct Phrase: Sendable {
        var words: [String]
        var owners: [Owner]
    }

    struct Owner: Sendable, Hashable {
        var agencyID: String
        /// The name as configured, or as dondoc derived it from the configured name.
        var writtenForm: String
    }

    struct Mention: Sendable {
        var owner: Owner
        /// Words before the mention in the text searched.
        var position: Int
        /// Right after "gửi", "đến", "tới": the agency is the one written to, not the writer.
        var isAddressee: Bool
        /// Right after the name of another kind of body ("Công an huyện Tủa Chùa", "HĐND
        /// huyện", "Đảng ủy Sở Tài chính"): that body, not the agency, is named.
        var isOtherBody: Bool

        /// The name's first word as compared: "h" for a place form ("huyện Tủa Chùa").
        var firstWord: String

        /// Whether the text names this agency as a writer could be named.
        var namesTheAgency: Bool { !isAddressee && !isOtherBody }
    }

    /// Longest first.
    private let phrases: [Phrase]
    /// "tinh dien bien": the campaign's province as compared, from the Office's name;
    /// nil when the Office's name has none.
    private let province: [String]?

    init(campaign: Campaign) {
        var byKey: [[String]: Phrase] = [:]
        func add(_ words: [String], _ owner: Owner?) {
            guard !words.isEmpty else { return }
            var phrase = byKey[words] ?? Phrase(words: words, owners: [])
            if let owner, !phrase.owners.contains(where: { $0.agencyID == owner.agencyID }) {
                phrase.owners.append(owner)
            }
            byKey[words] = phrase
        }
        for agency in campaign.agencies {
            for written in [agency.name] + agency.aliases {
                add(VietnameseText.nameWords(written), Owner(agencyID: agency.id, writtenForm: written))
            }
        }
        // Derived names count only where they name one agency and no configured name
        // already means something else by the same words.
        let configured = Set(byKey.keys)
        var derived: [[String]: [Owner]] = [:]
        for agency in campaign.agencies {
            for (words, written) in Self.derivedNames(of: agency.name) where !configured.contains(words) {
                derived[words, default: []].append(Owner(agencyID: agency.id, writtenForm: written))
            }
        }
        for (words, owners) in derived where Set(owners.map(\.agencyID)).count == 1 {
            add(words, owners[0])
        }
        let officeWords = VietnameseText.nameWords(campaign.office.name)
        province = officeWords.firstIndex(of: "tinh").flatMap { $0 + 1 < officeWords.count ? Array(officeWords[$0...]) : nil }
        for neutral in Self.neutralNames(office: campaign.office.name) where byKey[neutral] == nil {
            add(neutral, nil)
        }
        phrases = byKey.values.sorted { a, b in
            let (ka, kb) = (a.words.joined(separator: " "), b.words.joined(separator: " "))
            return (-a.words.count, -ka.count, ka) < (-b.words.count, -kb.count, kb)
        }
    }

    /// Every agency name in `text`, in reading order, each name of each agency once, with
    /// whether the text names it as its writer (`MentionRoles`).
    func mentions(in text: String) -> [Mention] {
        var result: [Mention] = []
        var addressed = false
        var wordsBefore = 0
        for clause in MentionRoles.clauses(of: text) {
            let words = VietnameseText.nameWords(String(clause))
            let (found, claimed, neutral) = claims(in: words)
            let roles = MentionRoles(words: words, claimed: claimed, neutral: neutral, addressedAtStart: addressed,
                                     freshStarts: MentionRoles.dashPositions(in: String(clause)))
            for var mention in found {
                mention.isAddressee = roles.isAddressed(at: mention.position)
                mention.isOtherBody = mention.isOtherBody
                    || roles.followsASubUnit(at: mention.position, placeForm: Self.placeForms.contains(mention.firstWord))
                mention.position += wordsBefore
                result.append(mention)
            }
            addressed = roles.carriesIntoNextClause
            wordsBefore += words.count
        }
        var seen = Set<Owner>()
        return result.filter { seen.insert($0.owner).inserted }
    }

    /// How a place is written without its committee: "huyện", "thành phố", "thị xã".
    private static let placeForms: Set<String> = ["h", "tp", "tx"]

    /// The agencies `text` is the whole name of, as a document's issuer or a certificate's
    /// signer is written: every word belongs to one agency's name or to the Office's and
    /// the province's ("SỞ TÀI CHÍNH TỈNH ĐIỆN BIÊN"). A body that only holds a name
    /// ("CÔNG AN HUYỆN TỦA CHÙA", "PHÒNG TÀI CHÍNH - KẾ HOẠCH UBND HUYỆN TỦA CHÙA") is
    /// none of the agencies.
    func agencies(namedWhollyBy text: String) -> [String] {
        let words = VietnameseText.nameWords(text)
        let (mentions, claimed, _) = claims(in: words)
        guard !claimed.contains(false) else { return [] }
        var seen = Set<String>()
        return mentions.filter(\.namesTheAgency).map(\.owner.agencyID).filter { seen.insert($0).inserted }
    }

    /// Names found on word boundaries, longest first, which words they claimed, and which
    /// of those a name with no owner (the Office's, the province's) claimed.
    private func claims(in words: [String]) -> (mentions: [Mention], claimed: [Bool], neutral: [Bool]) {
        guard !words.isEmpty else { return ([], [], []) }
        var claimed = [Bool](repeating: false, count: words.count)
        var neutral = [Bool](repeating: false, count: words.count)
        var found: [Mention] = []
        for phrase in phrases where phrase.words.count <= words.count {
            var start = 0
            while start + phrase.words.count <= words.count {
                let span = start..<(start + phrase.words.count)
                if words[start] == phrase.words[0], !claimed[span].contains(true), words[span].elementsEqual(phrase.words) {
                    for index in span {
                        claimed[index] = true
                        neutral[index] = phrase.owners.isEmpty
                    }
                    let otherBody = Self.followsAnotherBody(words[..<start])
                        && !(phrase.words[0] == "ubnd" && Self.endsWithJointOffice(words[..<start]))
                    found += phrase.owners.map {
                        Mention(owner: $0, position: start, isAddressee: false, isOtherBody: otherBody,
                                firstWord: phrase.words[0])
                    }
                    start = span.upperBound
                } else {
                    start += 1
                }
            }
        }
        var seen = Set<Owner>()
        return (found.sorted { $0.position < $1.position }.filter { seen.insert($0.owner).inserted }, claimed, neutral)
    }

    /// Bodies that answer to someone other than the agency whose place or name follows,
    /// as the words that end their names: "HĐND huyện", "Công an huyện", "Chi cục Thuế
    /// thành phố", "Trung tâm Y tế huyện", "Đảng ủy Sở". An agency's own offices ("Phòng
    /// Tài chính - Kế hoạch huyện") are left out: they send its reports.
    private static let otherBodies: [[String]] = [
        ["hdnd"], ["cong", "an"], ["toa", "an"], ["kiem", "sat"], ["kho", "bac"], ["thue"], ["thong", "ke"],
        ["y", "te"], ["benh", "vien"], ["quan", "su"], ["bien", "phong"], ["kiem", "lam"], ["dien", "luc"],
        ["buu", "dien"], ["ngan", "hang"], ["xa", "hoi"], ["bhxh"], ["dan", "su"], ["to", "quoc"], ["mttq"],
        ["ubmttq"], ["doan"], ["hoi"], ["dang", "uy"], ["kiem", "tra"], ["h", "uy"], ["thanh", "uy"], ["thi", "uy"],
        ["chi", "bo"], ["thanh", "tra"], ["kiem", "toan"],
    ]

    /// "Văn phòng HĐND-UBND huyện Tủa Chùa", "VP HĐND - UBND": the one office that serves
    /// the district's council and its committee, and sends the committee's reports.
    private static func endsWithJointOffice(_ before: ArraySlice<String>) -> Bool {
        before.suffix(3).elementsEqual(["van", "phong", "hdnd"]) || before.suffix(2).elementsEqual(["vp", "hdnd"])
    }

    private static func followsAnotherBody(_ before: ArraySlice<String>) -> Bool {
        otherBodies.contains { body in before.count >= body.count && before.suffix(body.count).elementsEqual(body) }
    }

    /// Whether `text` names a province that is not the campaign's: "UBND TỈNH LAI CHÂU"
    /// over "SỞ TÀI CHÍNH" is another province's department of the same name.
    func namesAnotherProvince(_ text: String) -> Bool {
        guard let province else { return false }
        let words = VietnameseText.nameWords(text)
        guard words.contains("tinh") else { return false }
        return !Self.contains(words, province)
    }

    private static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    // MARK: - Names dondoc derives

    /// The short forms every clerk uses for a name of the usual shapes, so that a
    /// campaign file need not list them: "Sở Kế hoạch và Đầu tư" → "Sở KH&ĐT", "KH&ĐT",
    /// "Kế hoạch và Đầu tư"; "UBND huyện Tủa Chùa" → "huyện Tủa Chùa"; "Công ty cổ phần
    /// Cao su Điện Biên" → "Công ty Cao su Điện Biên", "Cao su Điện Biên". A bare place
    /// ("Tủa Chùa") is never derived: places recur inside other agencies' names.
    static func derivedNames(of name: String) -> [(words: [String], written: String)] {
        let words = VietnameseText.nameWords(name)
        guard let first = words.first, words.count >= 2 else { return [] }
        let rest = Array(words.dropFirst())
        var derived: [(words: [String], written: String)] = []
        switch first {
        case "so":
            let parts = rest.split(separator: "va").map(Array.init)
            let initials = parts.map { String($0.compactMap(\.first)) }.joined()
            if initials.count >= 2 {
                derived.append((["so", initials], "Sở \(initials.uppercased())"))
            }
            // A single-part remainder ("tài chính", "nội vụ") is an everyday phrase; only
            // the "X và Y" names are distinctive without their "Sở".
            if parts.count >= 2 {
                derived.append(([initials], initials.uppercased()))
                derived.append((rest, rest.joined(separator: " ")))
            }
        case "ubnd" where ["h", "tp", "tx"].contains(rest.first ?? "") && rest.count >= 2:
            derived.append((rest, rest.joined(separator: " ")))
            // Clerks shorten a place of three syllables or more to its initials, always
            // after its tier ("UBND TP ĐBP", "TP.ĐBP", "H. ĐBĐ"); two letters ("MN") are
            // too common a pair to name a place, and the bare initials are never used.
            let place = rest.dropFirst()
            if place.count >= 3 {
                let initials = String(place.compactMap(\.first))
                derived.append(([rest[0], initials], "\(rest[0].uppercased()) \(initials.uppercased())"))
                derived.append(([rest[0] + initials], (rest[0] + initials).uppercased()))
            }
        case "ctcp", "cty":
            if rest.count >= 2 {
                derived.append((["cty"] + rest, "Công ty " + rest.joined(separator: " ")))
                derived.append((rest, rest.joined(separator: " ")))
            }
        default:
            break
        }
        return derived
    }

    /// The office's own name and the province it belongs to: "Văn phòng HĐND tỉnh Điện
    /// Biên" gives itself, "tỉnh Điện Biên", "UBND tỉnh Điện Biên" and "HĐND tỉnh Điện Biên".
    private static func neutralNames(office: String) -> [[String]] {
        let words = VietnameseText.nameWords(office)
        var names = [words]
        if let tinh = words.firstIndex(of: "tinh"), tinh + 1 < words.count {
            let province = Array(words[tinh...])
            names += [province, ["ubnd"] + province, ["hdnd"] + province]
        }
        // Mail to the Office calls it, and the council it serves, without the province:
        // "VP HĐND tỉnh", "Văn phòng HĐND tỉnh", "Thường trực HĐND tỉnh". These name the
        // addressee, never an agency, so they claim their words for nobody.
        if words.starts(with: ["van", "phong"]), words.count > 2 {
            let council = Array(words.dropFirst(2))
            let councils = [council] + (council.firstIndex(of: "tinh").map { [Array(council[...$0])] } ?? [])
            for body in councils {
                names += [body, ["van", "phong"] + body, ["vp"] + body, ["thuong", "truc"] + body, ["tt"] + body]
            }
        }
        return names
    }
}
