import Foundation

// Putting the pieces of the first page together in reading order: the issuer block
// over the symbol, the place and date, the type and summary, the addressees.

/// The lines of the first page cut into column segments: runs of three spaces or more
/// and tabs separate the columns Poppler lays side by side and DOCX cells.
enum HeaderLayout {
    /// The header is on the first lines; nothing after these is read.
    static let linesRead = 150
    /// A line longer than this is no header line (and is not cut up).
    static let longestLine = 4000
    /// The most text looked at.
    static let charactersRead = 50_000

    static func lines(_ text: String) -> [[String]] {
        var lines: [[String]] = []
        var nonBlank = 0
        for line in text.prefix(charactersRead).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if nonBlank >= linesRead { break }
            let segments = line.utf8.count > longestLine ? [String(line)] : segments(of: line)
            if !segments.isEmpty { nonBlank += 1 }
            lines.append(segments)
        }
        return lines
    }

    static func segments(of line: Substring) -> [String] {
        var result: [String] = []
        var current: [Character] = []
        var spaces: [Character] = []
        func flush() {
            if current.contains(where: { !HeaderWriting.isSpace($0) }) { result.append(String(current)) }
            current = []
        }
        for c in line {
            if c == "\t" {
                spaces = []
                flush()
            } else if HeaderWriting.isSpace(c) {
                spaces.append(c)
            } else {
                if spaces.count >= 3 { flush() } else { current.append(contentsOf: spaces) }
                spaces = []
                current.append(c)
            }
        }
        flush()
        return result
    }

    /// Each line's pieces. A column split in the middle of a symbol ("Số:" | "45/BC-STNMT")
    /// or of a date ("Tủa Chùa, ngày" | "08 tháng 05 năm 2020", or over two OCR lines)
    /// is joined again first.
    static func pieces(_ text: String) -> [[HeaderPiece]] {
        var lines = lines(text)
        var result: [[HeaderPiece]] = []
        var movedUp = Set<Int>()
        // A title cut short at a line's end is finished on one of the next two lines.
        var tails: [[String]] = []
        var tailsLeft = 0
        for index in lines.indices {
            let segments = lines[index]
            var pieces: [HeaderPiece] = []
            var s = 0
            while s < segments.count {
                var segment = segments[s]
                if segment.count <= HeaderClassifier.longestSegment {
                    if HeaderClassifier.isSymbolLabelOnly(segment), s + 1 < segments.count {
                        segment += " " + segments[s + 1]
                        s += 1
                    } else if mayBeBrokenDate(segment), !HeaderClassifier.isDate(segment) {
                        var joined = segment
                        var taken = 0
                        var found = false
                        for next in segments.dropFirst(s + 1).prefix(3) {
                            joined += " " + next
                            taken += 1
                            if HeaderClassifier.isDate(joined) { found = true; break }
                        }
                        if found {
                            segment = joined
                            s += taken
                        } else if s == segments.count - 1, index + 1 < lines.count, let next = lines[index + 1].first,
                                  HeaderClassifier.isDate(segment + " " + next) {
                            segment += " " + next
                            lines[index + 1].removeFirst()
                            movedUp.insert(index + 1)
                        }
                    }
                }
                let classified = HeaderClassifier.classify(segment, tails: tailsLeft > 0 ? tails : [])
                if tailsLeft > 0, case .title = classified.first, HeaderClassifier.titleTail(segment) == nil { tails = [] }
                pieces += classified
                s += 1
            }
            if !segments.isEmpty {
                let newTails = segments.compactMap(HeaderClassifier.titleTail)
                if !newTails.isEmpty {
                    tails = newTails
                    tailsLeft = 2
                } else {
                    tailsLeft -= 1
                }
            }
            // A line whose only text was moved up to finish a date is no blank line.
            if segments.isEmpty, movedUp.contains(index) { continue }
            result.append(pieces.isEmpty && !segments.isEmpty ? [.noise] : pieces)
        }
        return result
    }

    private static func mayBeBrokenDate(_ segment: String) -> Bool {
        let trimmed = segment.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix(",") && trimmed.count <= 40 || HeaderClassifier.containsDateWord(segment)
    }
}

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

/// Reads the pieces line by line.
struct HeaderReader {
    private enum Phase { case top, subject, summary, addressees, after, done }

    private var phase = Phase.top
    private(set) var names: [String] = []
    private var blockOpen = true
    private var started = false
    private var preamble = 0
    private var symbolFound = false
    private(set) var symbol: String?
    private var dateFound = false
    private(set) var place: String?
    private(set) var date: LocalDate?
    private(set) var documentType: String?
    private(set) var summaryLines: [String] = []
    private(set) var isLetter = false
    private(set) var subjectLines: [String] = []
    private var addresseesFound = false
    private(set) var addressees: [String] = []
    /// The last addressee as written ended the list's item (";", ",") or the list (".").
    private var lastAddresseeEnd: Character?
    private var blankBefore = false
    /// The right column's title or date came beside or after the subject: only a line in
    /// lower case still continues it.
    private var subjectInterrupted = false

    /// Body lines read before any sign of a header: more, and the text has none.
    private static let preambleAllowed = 6

    mutating func read(_ lines: [[HeaderPiece]]) {
        for line in lines {
            if phase == .done { return }
            if line.isEmpty { blankBefore = true; continue }
            for (i, piece) in line.enumerated() {
                handle(piece, firstInLine: i == 0)
                if phase == .done { return }
            }
            blankBefore = false
        }
    }

    private mutating func handle(_ piece: HeaderPiece, firstInLine: Bool) {
        switch piece {
        case .noise:
            if phase == .summary, !summaryLines.isEmpty { phase = .after }
        case .title:
            started = true
            endRunningText()
        case let .symbol(text):
            if !symbolFound { symbolFound = true; symbol = text }
            blockOpen = false
            started = true
            endRunningText()
        case let .placeDate(place, date):
            if !dateFound { dateFound = true; self.place = place; self.date = date }
            started = true
            endRunningText()
        case let .documentType(name, rest, written):
            switch phase {
            case .summary:
                line(written, upper: true, bullet: false, long: false, firstInLine: firstInLine)
            case .addressees:
                phase = .after
                handle(piece, firstInLine: firstInLine)
            default:
                guard documentType == nil else { return }
                documentType = name
                blockOpen = false
                phase = .summary
                summaryLines = rest.map { [$0] } ?? []
            }
        case let .subject(rest, written):
            switch phase {
            case .summary:
                line(written, upper: false, bullet: false, long: false, firstInLine: firstInLine)
            case .addressees:
                phase = .after
                handle(piece, firstInLine: firstInLine)
            case .top, .after:
                guard documentType == nil, !isLetter else { return }
                isLetter = true
                blockOpen = false
                subjectLines = rest.isEmpty ? [] : [rest]
                phase = .subject
            case .subject, .done:
                return
            }
        case let .addressedTo(rest):
            guard !addresseesFound else { return }
            addresseesFound = true
            blockOpen = false
            phase = .addressees
            if let rest { addItems(rest) }
        case let .upper(text, bullet):
            line(text, upper: true, bullet: bullet, long: false, firstInLine: firstInLine)
        case let .text(text, bullet, _, long):
            line(text, upper: false, bullet: bullet, long: long, firstInLine: firstInLine)
        }
    }

    /// A title, a symbol or a date ends the subject or summary being read (DOCX gives
    /// the right cell after the left one's "V/v" lines).
    private mutating func endRunningText() {
        if phase == .subject { subjectInterrupted = true }
        if phase == .summary && !summaryLines.isEmpty { phase = .after }
    }

    private mutating func line(_ text: String, upper: Bool, bullet: Bool, long: Bool, firstInLine: Bool) {
        switch phase {
        case .top:
            if upper {
                guard blockOpen else { return }
                names.append(text)
                if HeaderNames.beginsName(text) { started = true }
            } else if long {
                if started {
                    phase = .done
                } else {
                    preamble += 1
                    if preamble > Self.preambleAllowed { phase = .done }
                }
            }
        case .subject:
            let previousEnds = subjectLines.last?.last.map { ".;:".contains($0) } ?? false
            let needsLowerCase = blankBefore || subjectInterrupted
            if firstInLine, !bullet, !previousEnds, text.count <= 120, subjectLines.count < 4, !isBody(text, upper: upper),
               !(needsLowerCase && !HeaderWriting.startsLowerCase(text)) {
                subjectLines.append(text)
            } else {
                phase = .after
                line(text, upper: upper, bullet: bullet, long: long, firstInLine: firstInLine)
            }
        case .summary:
            if summaryLines.isEmpty {
                if bullet || isBody(text, upper: upper) { phase = .done } else { summaryLines.append(text) }
                return
            }
            // A summary's lines are short and centred; a longer one, or one ending a
            // sentence, is the body's first paragraph.
            let previousEnds = summaryLines.last?.last.map { ".;:".contains($0) } ?? false
            let sentence = text.count > 120 || text.hasSuffix(".")
            if !bullet, !previousEnds, !sentence, summaryLines.count < 4, !isBody(text, upper: upper),
               !(blankBefore && !HeaderWriting.startsLowerCase(text)) {
                summaryLines.append(text)
            } else {
                phase = .after
                line(text, upper: upper, bullet: bullet, long: long, firstInLine: firstInLine)
            }
        case .addressees:
            let listGoesOn = addressees.isEmpty || lastAddresseeEnd.map { ";,".contains($0) } ?? false
            let itemOpen = !addressees.isEmpty && !(lastAddresseeEnd.map { ";,.".contains($0) } ?? false)
            let plausible = !HeaderLexicon.opensBody(text) && !HeaderWriting.isNumbered(text) && text.count <= 200
            if bullet || !firstInLine {
                if plausible, !blankBefore || listGoesOn || !firstInLine {
                    addItems(text)
                    return
                }
            } else if HeaderWriting.startsLowerCase(text), itemOpen, !blankBefore, plausible {
                addressees[addressees.count - 1] += " " + HeaderWriting.tidyItem(text)
                lastAddresseeEnd = HeaderWriting.tidy(text).last
                return
            } else if addressees.isEmpty, !blankBefore, plausible, !long || text.count <= 150 {
                addItems(text)
                return
            }
            phase = .after
            line(text, upper: upper, bullet: bullet, long: long, firstInLine: firstInLine)
        case .after:
            if long || HeaderWriting.isNumbered(text) { phase = .done }
        case .done:
            return
        }
    }

    /// A sentence of the body rather than a line of a summary. A line in capitals is
    /// no sentence ("TRIỂN KHAI THỰC HIỆN…" is a summary), unless numbered ("I. KẾT QUẢ");
    /// one starting in lower case continues the line above ("thực hiện các nội dung").
    private func isBody(_ text: String, upper: Bool = false) -> Bool {
        text.count > 200 || text.hasSuffix(":") || HeaderWriting.isNumbered(text)
            || !upper && !HeaderWriting.startsLowerCase(text) && HeaderLexicon.opensBody(text)
    }

    private mutating func addItems(_ text: String) {
        for item in text.split(separator: ";") {
            let tidy = HeaderWriting.tidyItem(String(item))
            if !tidy.isEmpty, tidy.contains(where: \.isLetter) { addressees.append(tidy) }
        }
        lastAddresseeEnd = HeaderWriting.tidy(text).last
    }
}
