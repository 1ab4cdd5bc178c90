import DonDoc
import Foundation
import Mustache
import Configuration

/// The four mails dondoc writes. The raw value is the file name without `.mustache`.
public enum MailTemplateName: String, CaseIterable, Sendable {
    case upcoming
    case dueToday = "due_today"
    case overdue
    case receipt

    public var fileName: String { "\(rawValue).mustache" }
}

public struct RenderedMail: Sendable, Equatable {
    /// One line, trimmed.
    public var subject: String
    /// Plain text with `\n` line ends, ending with exactly one.
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

/// The campaign's mail templates, loaded, parsed and checked once.
///
/// A template file is a `Subject: …` line, an empty line, then the body (see
/// mailtemplates/README.md). Both parts are Mustache rendered as plain text: `{{x}}` is not
/// HTML-escaped, so `Sở TN&MT` stays `Sở TN&MT`.
///
/// Where templates come from: with no `templates.path` the Vietnamese defaults built into
/// the binary (the text of mailtemplates/vi, so an installed `dondoc` needs no other file).
/// With a folder, each file present there replaces its default and each missing one falls
/// back to it, so an office can change only the receipt. A `.mustache` file whose name is
/// not one of the four is an error, so a misspelt `upcomming.mustache` is not silently
/// ignored while the default goes out.
public struct MailTemplates: Sendable {
    private struct Compiled: Sendable {
        var subject: MustacheTemplate
        var body: MustacheTemplate
    }

    private let compiled: [MailTemplateName: Compiled]
    /// Where each template was read from: a file path, or `built-in …` for a default.
    public let sources: [MailTemplateName: String]

    /// Variables every template is given.
    private static let common: Set<String> = [
        "agency_name", "agency_code", "campaign_title", "tag", "office_name", "office_address",
    ]

    /// The documented variables of each template; using any other name is a configuration
    /// error. Values are text, already formatted (dates `dd/mm/yyyy`, sizes `1,2 MB`).
    public static let variables: [MailTemplateName: Set<String>] = [
        .upcoming: common.union(["deadline", "today", "days_left"]),
        .dueToday: common.union(["deadline", "today", "days_left"]),
        .overdue: common.union(["deadline", "today", "days_overdue", "overdue_number"]),
        .receipt: common.union([
            "received_at", "received_date", "received_time", "file_count", "files",
            "original_subject", "original_message_id",
        ]),
    ]

    /// The fields of each item of a list variable, usable inside `{{#files}}…{{/files}}`.
    public static let listItemFields: [String: Set<String>] = ["files": ["number", "name", "size"]]

    public init(campaign: Campaign) throws(ConfigError) {
        try self.init(folder: campaign.templatesPath)
    }

    /// - Parameter folder: a campaign's template folder, or nil for the built-in defaults.
    public init(folder: String?) throws(ConfigError) {
        var compiled: [MailTemplateName: Compiled] = [:]
        var sources: [MailTemplateName: String] = [:]
        for (name, file) in try Self.templateFiles(in: folder) {
            compiled[name] = try Self.compile(file.text, name: name, source: file.source)
            sources[name] = file.source
        }
        self.compiled = compiled
        self.sources = sources
    }

    /// Renders a reminder. `kind` is `upcoming`, `dueToday` or `overdue`; asking for the
    /// receipt with a reminder's context is a programming error.
    public func reminder(_ kind: MailTemplateName, _ context: ReminderMailContext) -> RenderedMail {
        precondition(kind != .receipt, "the receipt template takes a ReceiptMailContext")
        return render(kind, context.values(for: kind))
    }

    public func receipt(_ context: ReceiptMailContext) -> RenderedMail {
        render(.receipt, context.values())
    }

    /// The code of an agency in subject tags: its id upper-cased, `ubnd-muong-nhe` →
    /// `UBND-MUONG-NHE`. Attribution of replies looks for exactly this.
    public static func agencyCode(_ agencyID: String) -> String { agencyID.uppercased() }

    // MARK: - Rendering

    private func render(_ name: MailTemplateName, _ values: [String: Any]) -> RenderedMail {
        let template = compiled[name]!   // init compiles every name or throws
        return RenderedMail(subject: Self.oneLine(template.subject.render(values)),
                            body: Self.tidyBody(template.body.render(values)))
    }

    /// A subject is one header line: line breaks a value or the template brought in become
    /// spaces, and runs of spaces one.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    /// Blank lines at either end removed, trailing spaces removed, one final line end.
    static func tidyBody(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Loading

    private struct TemplateFile {
        var text: String
        /// A path, or `built-in mailtemplates/vi/x.mustache`.
        var source: String
    }

    private static func templateFiles(in folder: String?) throws(ConfigError) -> [(MailTemplateName, TemplateFile)] {
        let builtIn = { (name: MailTemplateName) in
            TemplateFile(text: DefaultTemplates.text(name), source: "built-in mailtemplates/vi/\(name.fileName)")
        }
        guard let folder else { return MailTemplateName.allCases.map { ($0, builtIn($0)) } }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .other("cannot read template folder \(folder): \(error.localizedDescription)")
        }
        let known = Set(MailTemplateName.allCases.map(\.fileName))
        let strangers = entries.filter { $0.hasSuffix(".mustache") && !known.contains($0) }.sorted()
        if !strangers.isEmpty {
            throw .invalid(file: folder, problems: strangers.map {
                ConfigProblem(path: "", line: nil, message: "unknown template file \($0); the templates are "
                    + MailTemplateName.allCases.map(\.fileName).joined(separator: ", "))
            })
        }
        var files: [(MailTemplateName, TemplateFile)] = []
        for name in MailTemplateName.allCases {
            let path = (folder as NSString).appendingPathComponent(name.fileName)
            guard entries.contains(name.fileName) else {
                files.append((name, builtIn(name)))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(file: path, reason: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalid(file: path, problems: [ConfigProblem(path: "", line: nil, message: "not UTF-8 text; save it as UTF-8")])
            }
            files.append((name, TemplateFile(text: text, source: path)))
        }
        return files
    }

    // MARK: - Parsing and checking

    /// Splits, checks and parses one template; every problem in the file is reported at once.
    private static func compile(_ fileText: String, name: MailTemplateName, source: String) throws(ConfigError) -> Compiled {
        let fail = { (problems: [TemplateProblem]) -> ConfigError in
            .invalid(file: source, problems: problems.sorted { ($0.line ?? .max) < ($1.line ?? .max) }
                .map { ConfigProblem(path: "", line: $0.line, message: $0.message) })
        }
        let parts: (subject: String, body: String)
        switch split(normalised(fileText)) {
        case .success(let split): parts = split
        case .failure(let problem): throw fail([problem])
        }
        var problems: [TemplateProblem] = []
        let subject = parse(parts.subject, firstLine: 1, variables: variables[name]!, problems: &problems)
        let body = parse(parts.body, firstLine: 3, variables: variables[name]!, problems: &problems)
        guard problems.isEmpty, let subject, let body else { throw fail(problems) }
        return Compiled(subject: subject, body: body)
    }

    /// NFC (an editor on a Mac may save decomposed Vietnamese), `\n` line ends (Notepad
    /// saves CRLF), no byte-order mark.
    private static func normalised(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.precomposedStringWithCanonicalMapping
    }

    /// `Subject: …` on line 1, an empty line 2, the body from line 3.
    private static func split(_ text: String) -> Result<(subject: String, body: String), TemplateProblem> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.first.map(String.init) ?? ""
        guard first.lowercased().hasPrefix("subject:") else {
            return .failure(TemplateProblem(line: 1, message: "the first line must be the subject: \"Subject: …\""))
        }
        guard lines.count >= 3, lines[1].allSatisfy(\.isWhitespace) else {
            return .failure(TemplateProblem(line: 2, message: "line 2 must be empty: the body starts on line 3"))
        }
        let subject = first.dropFirst("subject:".count).trimmingCharacters(in: .whitespaces)
        let body = lines[2...].joined(separator: "\n")
        guard !subject.isEmpty else { return .failure(TemplateProblem(line: 1, message: "the subject is empty")) }
        guard !body.allSatisfy(\.isWhitespace) else { return .failure(TemplateProblem(line: 3, message: "the body is empty")) }
        return .success((subject, body))
    }

    /// Parses with swift-mustache as plain text and checks every name; nil with `problems`
    /// appended when anything is wrong.
    private static func parse(_ text: String, firstLine: Int, variables: Set<String>,
                              problems: inout [TemplateProblem]) -> MustacheTemplate? {
        let scanned = MustacheTagScanner.tags(in: text, firstLine: firstLine)
        var template: MustacheTemplate?
        do {
            // The pragma switches off HTML escaping for the whole template; it sits on the
            // template's first line, so line numbers do not move.
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + text)
        } catch let error as MustacheTemplate.ParserError where scanned.problems.isEmpty {
            problems.append(TemplateProblem(line: error.context.lineNumber + firstLine - 1, message: describe(error.error)))
        } catch where scanned.problems.isEmpty {
            problems.append(TemplateProblem(line: nil, message: "Mustache syntax error: \(error)"))
        } catch {
            // An unclosed tag, which the scanner already reported on the line it starts;
            // the library only notices at the end of the text.
        }
        problems += scanned.problems
        let checker = MustacheNameChecker(variables: variables, listItemFields: listItemFields,
                                          checksStructure: template != nil)
        let nameProblems = checker.problems(in: scanned.tags)
        problems += nameProblems
        return nameProblems.isEmpty && scanned.problems.isEmpty ? template : nil
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName?: "a tag is not finished: a name must be followed by }} (}}} after {{{)"
        case .expectedSectionEnd?: "a section {{#…}} or {{^…}} is never closed"
        default: "Mustache syntax error: \(error)"
        }
    }
}
