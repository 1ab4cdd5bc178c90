import Foundation

extension VietnameseText {
    /// The words of a name as a clerk compares them: folded, then with the forms a name
    /// is written in brought to one. "Ủy ban nhân dân huyện Tủa Chùa", "UBND H. Tủa Chùa"
    /// and "UBND huyen Tua Chua" all give `ubnd h tua chua`; "Sở KH và ĐT", "Sở KH&ĐT" and
    /// "SỞ KH-ĐT" give `so khdt`; "Công ty CP", "Công ty cổ phần" and "CTCP" give `ctcp`.
    ///
    /// Both the configured names and the text searched go through this, so a rule here
    /// can only make two spellings of one name meet; it cannot make a name longer or
    /// shorter than the agency wrote it.
    public static func nameWords(_ s: String) -> [String] {
        // "&" is "và": folded as a joiner it would glue whole words ("Kế hoạch & Đầu tư"
        // → "hoachdau"); abbreviations on either side are joined again below.
        // Asked of the bytes: Foundation's `contains` searched every name through NSString.
        let text = s.utf8.contains(UInt8(ascii: "&")) ? s.replacingOccurrences(of: "&", with: " và ") : s
        return joiningAbbreviations(canonicalForms(words(text)))
    }

    /// Long and short forms of the words that start agency names, longest first so that
    /// "công ty cổ phần" is not read as "công ty" followed by two other words.
    static let equivalentForms: [(written: [String], canonical: String)] = [
        (["uy", "ban", "nhan", "dan"], "ubnd"),
        (["hoi", "dong", "nhan", "dan"], "hdnd"),
        (["cong", "ty", "co", "phan"], "ctcp"),
        (["cong", "ty", "cp"], "ctcp"),
        (["cty", "co", "phan"], "ctcp"),
        (["cty", "cp"], "ctcp"),
        (["thanh", "pho"], "tp"),
        (["thi", "xa"], "tx"),
        (["cong", "ty"], "cty"),
        (["huyen"], "h"),
    ]

    /// Canonical tokens that are abbreviations of a tier, not parts of a name's own
    /// initials: "UBND TP ĐBP" is the city's committee, not an agency called "TPĐBP".
    private static let tierTokens: Set<String> = ["h", "tp", "tx", "ctcp", "hdnd", "ubnd", "cty"]

    /// The forms by their first word: most words start none, and are passed over at once.
    private static let formsByFirstWord = Dictionary(grouping: equivalentForms, by: { $0.written[0] })

    /// The first words of `equivalentForms`.
    static func startsAForm(_ word: String) -> Bool {
        switch word {
        case "uy", "hoi", "cong", "cty", "thanh", "thi", "huyen": return true
        default: return false
        }
    }

    private static func canonicalForms(_ words: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(words.count)
        var index = 0
        next: while index < words.count {
            // Compared before hashing: few words start a form.
            guard startsAForm(words[index]) else {
                result.append(words[index])
                index += 1
                continue
            }
            for form in formsByFirstWord[words[index]] ?? [] where index + form.written.count <= words.count {
                if words[index..<(index + form.written.count)].elementsEqual(form.written) {
                    result.append(form.canonical)
                    index += form.written.count
                    continue next
                }
            }
            result.append(words[index])
            index += 1
        }
        return result
    }

    /// "kh va dt", "kh dt" → "khdt": Vietnamese syllables always hold a vowel, so a run
    /// of vowel-less words (optionally linked by "và") is one abbreviation split by the
    /// writer's spaces, dashes or ampersand.
    private static func joiningAbbreviations(_ words: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            var word = words[index]
            index += 1
            guard isAbbreviation(word) else {
                result.append(word)
                continue
            }
            while index < words.count {
                if documentCodes.contains(words[index])
                    || (words[index] == "v" && index + 1 < words.count && words[index + 1] == "v") {
                    // "V/v" (về việc) folds to "v v".
                    break
                } else if isAbbreviation(words[index]) {
                    word += words[index]
                    index += 1
                } else if words[index] == "va", index + 1 < words.count, isAbbreviation(words[index + 1]) {
                    word += words[index + 1]
                    index += 2
                } else {
                    break
                }
            }
            result.append(word)
        }
        return result
    }

    /// Codes of what is being sent, never a part of an agency's initials: "Sở TN&MT BC
    /// giải trình" and "S. NN&PTNT - V/v …" are the agency, then the report ("báo cáo",
    /// "về việc", "tờ trình", "công văn"), not one abbreviation "tnmtbc". They may still
    /// start a run of their own ("BC GT").
    private static let documentCodes: Set<String> = ["bc", "bcgt", "vv", "ttr", "cv"]

    private static func isAbbreviation(_ word: String) -> Bool {
        var hasLetter = false
        for scalar in word.unicodeScalars {
            switch scalar {
            case "a", "e", "i", "o", "u", "y": return false
            case "0"..."9": return false
            default: hasLetter = true
            }
        }
        // Asked last: most words hold a vowel, and hashing each was a good part of a name.
        return hasLetter && !tierTokens.contains(word)
    }
}
