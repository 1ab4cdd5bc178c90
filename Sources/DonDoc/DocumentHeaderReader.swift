import Foundation

// Putting the pieces of the first page together in reading order: the issuer block
// over the symbol, the place and date, the type and summary, the addressees.

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
