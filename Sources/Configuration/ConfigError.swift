import Foundation

/// One thing wrong with a campaign file, at a key path and (when known) a line.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return path.isEmpty ? "\(place)\(message)" : "\(place)\(path): \(message)"
    }
}

public enum ConfigError: Error, Sendable, Equatable {
    /// No campaign file was named, by --config or DONDOC_CONFIG.
    case notGiven
    case unreadable(file: String, reason: String)
    /// Every problem found in the file, in file order; never just the first.
    case invalid(file: String, problems: [ConfigProblem])
    /// A secret (password) could not be obtained.
    case secret(String)
    /// A template or another file the campaign points at is wrong.
    case other(String)

    /// One line per problem, each prefixed with the file so it stands alone in a log.
    public var lines: [String] {
        switch self {
        case .notGiven:
            ["no campaign file: pass --config FILE or set DONDOC_CONFIG"]
        case .unreadable(let file, let reason):
            ["cannot read campaign file \(file): \(reason)"]
        case .invalid(let file, let problems):
            problems.map { "\(file): \($0)" }
        case .secret(let text), .other(let text):
            [text]
        }
    }
}
