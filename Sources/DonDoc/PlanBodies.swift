import Foundation

/// The bodies a plan makes responsible for a report. They are listed under a heading
/// such as "Đối tượng giải trình", "Cơ quan báo cáo", "Đơn vị thực hiện" or "Các cơ quan,
/// đơn vị được giám sát", as numbered or bulleted lines, or as one line separated by ";"
/// and ",", often behind an introducer ("Thủ trưởng các sở, ngành: Tài chính; Nội vụ").
struct PlanBodyReader {
    let names: PlanBodyNames
    private(set) var groups: [PlanBodyGroup] = []
    private(set) var notes: [String] = []
    private var idsTaken: [String: String] = [:]   // id → name

    init(province: Gazetteer.Province?) { names = PlanBodyNames(province: province) }

    var province: Gazetteer.Province? { names.province }

    // MARK: Sections

    /// Every line of the plan that heads a list of responsible bodies, with the lines of its list.
    static func sections(_ lines: [PlanLine]) -> [(heading: PlanLine, items: [PlanLine])] {
        var result: [(PlanLine, [PlanLine])] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard isBodiesHeading(line) else { continue }
            var items: [PlanLine] = []
            // A line deeper than the item above it is that item's detail ("- Phối hợp …").
            var lastItemLevel = Int.max
            while index < lines.count, items.count < 80 {
                let next = lines[index]
                if isBodiesHeading(next) || PlanText.startsWith(next.folded, "noi nhan") { break }
                if looksLikeItem(next) {
                    lastItemLevel = next.marker.level
                } else if line.marker != .none {
                    if next.marker.level <= line.marker.level { break }
                } else if next.marker.level <= lastItemLevel {
                    // Word's automatic numbering leaves no marker in a DOCX's text: an
                    // unnumbered list is its items, their details and the short sub-headings
                    // between them ("Giám sát qua báo cáo"), and ends at anything else.
                    let subHeading = next.words.count <= 8 && !isCapitals(next.text) && index + 1 < lines.count
                        && looksLikeItem(lines[index + 1])
                    if !subHeading { break }
                }
                items.append(next)
                index += 1
            }
            result.append((line, items))
        }
        return result
    }

    /// "2. Đối tượng giải trình", "III. CÁC CƠ QUAN, ĐƠN VỊ ĐƯỢC GIÁM SÁT", "Cơ quan báo cáo:",
    /// "Phạm vi, đối tượng giám sát". Not "II. NỘI DUNG, CƠ QUAN GIẢI TRÌNH" (a parent of
    /// contents), nor "Thủ trưởng các đơn vị thuộc đối tượng giải trình" (a list of tasks).
    static func isBodiesHeading(_ line: PlanLine) -> Bool {
        let head = line.text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? line.text
        var words = PlanText.words(head).map(\.folded)
        guard words.count <= 14 else { return false }
        if PlanText.startsWith(words, "pham vi") { words.removeFirst(2) }
        if words.first == "va" || words.first == "cac" { words.removeFirst() }
        guard ["doi tuong", "co quan", "don vi"].contains(where: { PlanText.startsWith(words, $0) }) else { return false }
        return ["giai trinh", "giam sat", "bao cao", "khao sat", "thuc hien", "chat van"].contains {
            PlanText.contains(words, $0)
        }
    }

    /// Whether a line that would close a list is one of its items instead ("1. Sở Tài chính"
    /// under an unnumbered heading).
    static func looksLikeItem(_ line: PlanLine) -> Bool {
        let text = PlanItems.withoutParentheses(line.text)
        let introducer = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
        if PlanItems.listContext(introducer) != nil { return true }
        let name = PlanItems.cutAtVerbs(PlanItems.stripRoles(introducer))
        // Unnumbered, "Văn phòng HĐND tỉnh gửi đề cương báo cáo đến các cơ quan …" is a
        // sentence about a body, not an item of a list.
        let cutWords = PlanText.words(introducer).count - PlanText.words(name).count
        if line.marker == .none, !text.contains(":"), cutWords > 6 { return false }
        return PlanItems.classify(name).isConcrete
    }

    /// "THỜI GIAN, ĐỊA ĐIỂM": a heading of the plan, never a sub-heading of a list.
    static func isCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 2 && !letters.contains(where: \.isLowercase)
    }

    // MARK: Reading

    mutating func read(heading: PlanLine, items: [PlanLine]) {
        var stack: [(level: Int, context: PlanListContext?)] = []
        let headingText = PlanItems.withoutParentheses(heading.text)
        let section = PlanBodyGroup.Source.heading(
            PlanBodyNames.tidy(headingText.split(separator: ":", maxSplits: 1).first.map(String.init) ?? headingText))
        if let colon = headingText.firstIndex(of: ":") {
            let rest = String(headingText[headingText.index(after: colon)...])
            if !PlanBodyNames.tidy(rest).isEmpty { readItem(rest, context: nil, source: section) }
        }
        for line in items {
            // Unnumbered lines (a DOCX's automatic lists) keep the introducer above them.
            let introduces = PlanItems.withoutParentheses(line.text).trimmingCharacters(in: .whitespaces).hasSuffix(":")
            while let top = stack.last, top.level > line.marker.level || (top.level == line.marker.level
                && (line.marker != .none || introduces)) {
                stack.removeLast()
            }
            let inherited = stack.last?.context ?? nil
            let text = PlanItems.withoutParentheses(line.text)
            // "1. Các sở, ngành:" opens a list whose items follow on deeper lines.
            if text.trimmingCharacters(in: .whitespaces).hasSuffix(":") {
                let introducer = PlanBodyNames.tidy(text)
                let context = PlanItems.listContext(introducer)
                stack.append((line.marker.level, context ?? inherited))
                if context == nil { readItem(introducer, context: inherited, source: section) }
                continue
            }
            readItem(text, context: inherited, source: section)
        }
    }

    /// The plan has no list heading: the bodies named in the sentence that sets the
    /// deadline ("Các sở: Tài chính, Y tế và UBND các huyện gửi báo cáo … trước ngày …").
    mutating func read(sentence: String) {
        readItem(PlanItems.withoutParentheses(sentence), context: nil, source: .words(sentence), strict: true)
    }

    /// One item of a list, or a whole list behind its introducer. Roles ("Chủ tịch") come
    /// off each piece later, so that the comment quotes "Chủ tịch UBND cấp huyện" whole.
    private mutating func readItem(_ text: String, context: PlanListContext?, source: PlanBodyGroup.Source,
                                   strict: Bool = false) {
        if let colon = text.firstIndex(of: ":") {
            let introducer = String(text[..<colon])
            let rest = String(text[text.index(after: colon)...])
            if let introduced = PlanItems.listContext(introducer) {
                readList(rest, context: introduced, source: source, strict: strict)
                return
            }
            let item = PlanItems.classify(PlanItems.cutAtVerbs(PlanItems.stripRoles(introducer)))
            // "Sở Tài chính: chủ trì, tổng hợp …" names the body, then its task.
            if item.isConcrete {
                take(item, piece: introducer, context: context, source: source, strict: strict)
                return
            }
            readList(rest, context: context, source: source, strict: strict)
            return
        }
        readList(text, context: context, source: source, strict: strict)
    }

    private mutating func readList(_ text: String, context: PlanListContext?, source: PlanBodyGroup.Source,
                                   strict: Bool) {
        var running = context
        for piece in PlanItems.pieces(text) {
            let name = PlanItems.cutAtVerbs(PlanItems.stripRoles(piece))
            guard !name.isEmpty else { continue }
            running = take(PlanItems.classify(name), piece: piece, context: running, source: source, strict: strict)
        }
    }

    /// Adds what one piece names; returns the context for the pieces after it ("UBND các
    /// huyện Mường Nhé, Nậm Pồ": Nậm Pồ is a district too).
    @discardableResult
    private mutating func take(_ item: PlanItem, piece: String, context: PlanListContext?, source: PlanBodyGroup.Source,
                               strict: Bool) -> PlanListContext? {
        switch item {
        case .vague(let text):
            if PlanText.contains(PlanText.words(text).map(\.folded), "lien quan") {
                note("Kế hoạch còn nêu “\(PlanBodyNames.tidy(text))”: dondoc không tự thêm; Văn phòng bổ sung nếu cần.")
            }
            return context
        case .collective(let kinds, let rest):
            let chosen = kinds ?? Gazetteer.UnitKind.allCases
            if rest.isEmpty {
                expand(kinds: kinds, phrase: PlanBodyNames.tidy(piece))
            } else {
                for place in PlanItems.splitPlaces(rest) { unit(named: place, kinds: chosen, source: source) }
            }
            return .units(chosen)
        case .unit(let kind, let name):
            unit(named: name, kinds: [kind], source: source)
            return .units([kind])
        case .department(let text):
            add(names.department(text), source: source)
            return .departments
        case .company(let text):
            add(names.company(text), source: source)
            return context
        case .other(let text):
            add(names.other(text), source: source)
            return context
        case .bare(let text):
            // A standard department's or a listed unit's name says what it is whatever the
            // list's context; the context decides for the others.
            if PlanBodyNames.department(matching: text) != nil {
                add(names.department(text), source: source)
                return context
            }
            let places = PlanItems.splitPlaces(text)
            let known = places.map { Gazetteer.unit(named: PlanText.words($0).map(\.folded), in: province) }
            if !known.isEmpty, known.allSatisfy({ $0 != nil }) {
                for unit in known.compactMap({ $0 }) { add(names.unit(unit), source: source) }
                return context
            }
            switch context {
            case .departments?:
                add(names.department(text), source: source)
            case .units(let kinds)?:
                for place in places { unit(named: place, kinds: kinds, source: source) }
            case nil:
                if !strict, PlanText.words(text).count <= 8, text.first?.isUppercase == true {
                    add(names.other(text), source: source, toConfirm: "TODO: kế hoạch ghi “\(text)” mà không nói rõ "
                        + "là cơ quan nào; Văn phòng kiểm tra tên và mã.")
                }
            }
            return context
        }
    }

    // MARK: Units

    private mutating func expand(kinds: [Gazetteer.UnitKind]?, phrase: String) {
        let all = province?.units ?? []
        let chosen = all.filter { kinds?.contains($0.kind) ?? true }
        guard let province, !chosen.isEmpty else {
            let whose = province.map { "dondoc chưa có danh mục đơn vị cấp huyện của \($0.councilName)" }
                ?? "dondoc không nhận ra kế hoạch này là của tỉnh nào"
            add(PlanBody(id: "todo-ubnd-cap-huyen", name: "UBND cấp huyện (TODO: tách thành từng đơn vị)", aliases: [],
                         kind: .placeholder),
                source: .words(phrase),
                toConfirm: "TODO: \(whose): thay mục dưới đây bằng một mục cho mỗi huyện, thị xã, thành phố "
                    + "(id, tên, bí danh, địa chỉ thư).")
            return
        }
        let omitted = all.filter { !chosen.contains($0) }
        var confirm = "TODO: xác nhận danh sách. dondoc ghi một mục cho mỗi đơn vị cấp huyện của \(province.councilName) "
            + "theo danh mục năm 2020 của dondoc (\(chosen.count) đơn vị); Văn phòng kiểm tra đơn vị sáp nhập, đổi tên "
            + "và bỏ những đơn vị không thuộc đối tượng."
        if !omitted.isEmpty {
            confirm += " Kế hoạch không nêu \(omitted.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", ")) "
                + "nên dondoc không ghi; kiểm tra lại."
        }
        for unit in chosen { add(names.unit(unit), source: .words(phrase), toConfirm: confirm) }
    }

    private mutating func unit(named written: String, kinds: [Gazetteer.UnitKind], source: PlanBodyGroup.Source) {
        let name = PlanBodyNames.tidy(written)
        guard !name.isEmpty else { return }
        // "UBND các huyện: Mường Nhé, TP Điện Biên Phủ": a kind written with the name wins.
        if let phrase = PlanItems.unitPhrase(name), !phrase.plural, !phrase.rest.isEmpty, phrase.kinds.count == 1 {
            return unit(named: phrase.rest, kinds: phrase.kinds, source: source)
        }
        if let known = Gazetteer.unit(named: PlanText.words(name).map(\.folded), in: province) {
            add(names.unit(known), source: source)
            return
        }
        let kind = kinds.contains(.district) ? .district : kinds.first ?? .district
        let whose = province.map { "danh mục năm 2020 của \($0.councilName)" } ?? "danh mục của dondoc"
        add(names.unit(Gazetteer.Unit(kind: kind, name: PlanBodyNames.capitalised(name))), source: source,
            toConfirm: "TODO: “\(kind.rawValue) \(name)” không có trong \(whose): Văn phòng kiểm tra tên đơn vị.")
    }

    // MARK: Collecting

    private mutating func add(_ body: PlanBody, source: PlanBodyGroup.Source, toConfirm: String? = nil) {
        var body = body
        // A body the plan names twice, once by a short form ("Du lịch Mộc Châu" after
        // "Công ty cổ phần Du lịch Mộc Châu"), is one agency.
        let key = VietnameseText.nameWords(body.name)
        if groups.contains(where: { $0.bodies.contains { other in
            ([other.name] + other.aliases).contains { VietnameseText.nameWords($0) == key }
        } }) { return }
        if let name = idsTaken[body.id] {
            if VietnameseText.nameWords(name) == VietnameseText.nameWords(body.name) { return }
            var n = 2
            while idsTaken["\(body.id)-\(n)"] != nil { n += 1 }
            body.id = "\(body.id)-\(n)"
        }
        idsTaken[body.id] = body.name
        var shown = source
        if case .words(let words) = source { shown = .words(Self.shortSource(words)) }
        if var last = groups.last, last.source == shown, last.toConfirm == toConfirm {
            last.bodies.append(body)
            groups[groups.count - 1] = last
        } else {
            groups.append(PlanBodyGroup(source: shown, toConfirm: toConfirm, bodies: [body]))
        }
    }

    private mutating func note(_ text: String) {
        if !notes.contains(text) { notes.append(text) }
    }

    static func shortSource(_ text: String) -> String {
        let tidy = PlanText.collapseSpaces(text)
        guard tidy.count > 160 else { return tidy }
        let cut = tidy.prefix(157)
        return String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + " …"
    }

    /// Every alias that another body already goes by is dropped: a name that fits two
    /// agencies cannot attribute mail, and the campaign file refuses it.
    mutating func settleAliases() {
        var owner: [[String]: String] = [:]
        for body in groups.flatMap(\.bodies) where owner[VietnameseText.nameWords(body.name)] == nil {
            owner[VietnameseText.nameWords(body.name)] = body.id
        }
        for g in groups.indices {
            for b in groups[g].bodies.indices {
                let body = groups[g].bodies[b]
                groups[g].bodies[b].aliases = body.aliases.filter { alias in
                    let key = VietnameseText.nameWords(alias)
                    guard !key.isEmpty, owner[key] == nil || owner[key] == body.id else { return false }
                    owner[key] = body.id
                    return true
                }
            }
        }
    }
}
