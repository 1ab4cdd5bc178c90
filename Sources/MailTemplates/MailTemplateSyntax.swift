import Foundation

/// The tags of a Mustache template, found by reading the text itself.
///
/// swift-mustache renders a name it cannot find as empty text and keeps its parsed tokens
/// private, so a misspelt `{{dealine}}` would send a reminder with a hole where the date
/// should be. The validator therefore reads every `{{…}}` tag itself and checks each name
/// against the variables the template is given, before anything is sent.
struct MustacheTag: Equatable {
    enum Kind: Equatable {
        /// `{{x}}`, `{{{x}}}` or `{{& x}}`.
        case variable
        /// `{{#x}}`
        case section
        /// `{{^x}}`
        case invertedSection
        /// `{{/x}}`
        case closing
        /// `{{! … }}`
        case comment
        /// Partials `{{> }}`, inheritance `{{< }}` `{{$ }}`, delimiters `{{= =}}` and pragmas
        /// `{{% }}`: none has a use in a mail template, and each would let a template reach
        /// beyond the variables it is checked against.
        case unsupported(Character)
    }

    var kind: Kind
    /// Trimmed, without the sigil.
    var name: String
    /// 1-based line of the file the tag starts on.
    var line: Int
}

/// One thing wrong with a template, before the file it is in is known.
struct TemplateProblem: Error, Equatable {
    var line: Int?
    var message: String
}

enum MustacheTagScanner {
    /// The tags of `text`, whose first line is line `firstLine` of its file.
    static func tags(in text: String, firstLine: Int) -> (tags: [MustacheTag], problems: [TemplateProblem]) {
        var tags: [MustacheTag] = []
        var line = firstLine
        var cursor = text.startIndex
        while let open = text.range(of: "{{", range: cursor..<text.endIndex) {
            line += newlines(in: text[cursor..<open.lowerBound])
            let isTriple = text[open.upperBound...].hasPrefix("{")
            let contentStart = isTriple ? text.index(after: open.upperBound) : open.upperBound
            guard let close = text.range(of: isTriple ? "}}}" : "}}", range: contentStart..<text.endIndex) else {
                return (tags, [TemplateProblem(line: line, message: "a tag opened with {{ is never closed with }}")])
            }
            let content = text[contentStart..<close.lowerBound]
            tags.append(tag(content, isTriple: isTriple, line: line))
            line += newlines(in: content)
            cursor = close.upperBound
        }
        return (tags, [])
    }

    private static func tag(_ content: Substring, isTriple: Bool, line: Int) -> MustacheTag {
        let trimmed = { (text: Substring) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if isTriple { return MustacheTag(kind: .variable, name: trimmed(content), line: line) }
        let kind: MustacheTag.Kind
        switch content.first {
        case "#": kind = .section
        case "^": kind = .invertedSection
        case "/": kind = .closing
        case "!": kind = .comment
        case "&": kind = .variable
        case let sigil? where "<>$=%{".contains(sigil): kind = .unsupported(sigil)
        default: return MustacheTag(kind: .variable, name: trimmed(content), line: line)
        }
        return MustacheTag(kind: kind, name: trimmed(content.dropFirst()), line: line)
    }

    private static func newlines(in text: Substring) -> Int {
        text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

/// Checks the names a template uses against the variables it is given.
struct MustacheNameChecker {
    /// The template's variables.
    var variables: Set<String>
    /// The fields of each item of a list variable, valid inside `{{#list}}…{{/list}}`.
    var listItemFields: [String: Set<String>]
    /// Whether section structure is checked too; off when the library already reported a
    /// syntax error, so one mistake is not reported twice.
    var checksStructure = true

    /// swift-mustache's position transforms inside a list section: `{{^last()}}, {{/last()}}`.
    static let positionTransforms: Set<String> = ["first", "last", "index", "even", "odd"]

    func problems(in tags: [MustacheTag]) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        var openSections: [MustacheTag] = []
        for tag in tags {
            switch tag.kind {
            case .comment:
                continue
            case .unsupported(let sigil):
                problems.append(TemplateProblem(line: tag.line, message:
                    "{{\(sigil)…}} (partials, blocks, delimiters, pragmas) is not supported in mail templates"))
            case .variable, .section, .invertedSection:
                if let problem = problem(with: tag, inside: openSections) { problems.append(problem) }
                if tag.kind != .variable { openSections.append(tag) }
            case .closing:
                guard checksStructure else {
                    if openSections.last?.name == tag.name { openSections.removeLast() }
                    continue
                }
                if openSections.last?.name == tag.name {
                    openSections.removeLast()
                } else if let open = openSections.last {
                    problems.append(TemplateProblem(line: tag.line, message:
                        "{{/\(tag.name)}} does not close {{#\(open.name)}} opened on line \(open.line)"))
                } else {
                    problems.append(TemplateProblem(line: tag.line, message: "{{/\(tag.name)}} closes no open section"))
                }
            }
        }
        if checksStructure, let open = openSections.last {
            problems.append(TemplateProblem(line: open.line, message: "{{#\(open.name)}} is never closed with {{/\(open.name)}}"))
        }
        return problems
    }

    private func problem(with tag: MustacheTag, inside openSections: [MustacheTag]) -> TemplateProblem? {
        let listsOpen = openSections.map(\.name).filter { listItemFields[$0] != nil }
        let inScope = variables.union(listsOpen.flatMap { listItemFields[$0] ?? [] })
        guard let (name, transforms) = Self.splitTransforms(tag.name) else {
            return TemplateProblem(line: tag.line, message: "{{\(tag.name)}} is not a variable name")
        }
        if name.isEmpty, !transforms.isEmpty {
            if !listsOpen.isEmpty, Set(transforms).isSubset(of: Self.positionTransforms) { return nil }
            return TemplateProblem(line: tag.line, message:
                "{{\(tag.name)}}: first(), last(), index(), even() and odd() are allowed only inside a list such as {{#files}}")
        }
        guard inScope.contains(name) else {
            return TemplateProblem(line: tag.line, message:
                "unknown variable {{\(name)}}; this template knows: \(inScope.sorted().joined(separator: ", "))")
        }
        guard transforms.isEmpty else {
            return TemplateProblem(line: tag.line, message:
                "{{\(tag.name)}}: transforms such as \(transforms[0])() are not supported in mail templates")
        }
        return nil
    }

    /// `last()` → ("", ["last"]); `a(b(x))` → ("x", ["a", "b"]); `x` → ("x", []); nil when the
    /// parentheses do not pair up.
    static func splitTransforms(_ text: String) -> (name: String, transforms: [String])? {
        var rest = Substring(text)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "(") {
            guard rest.hasSuffix(")") else { return nil }
            transforms.append(String(rest[..<open]).trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        guard !rest.contains(")") else { return nil }
        return (rest.trimmingCharacters(in: .whitespaces), transforms)
    }
}
