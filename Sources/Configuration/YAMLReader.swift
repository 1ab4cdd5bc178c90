import DonDoc
import Foundation

/// Walks a composed YAML tree, collecting every problem with its key path and line
/// instead of stopping at the first: a user fixing a file wants the whole list.
final class YAMLReader {
    private var found: [ConfigProblem] = []

    /// In file order, so a user can work down the file.
    var problems: [ConfigProblem] {
        found.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
    }

    func problem(_ path: String, _ node: YAMLNode?, _ message: String) {
        found.append(ConfigProblem(path: path, line: node?.line, message: message))
    }

    func problem(_ path: String, line: Int?, _ message: String) {
        found.append(ConfigProblem(path: path, line: line, message: message))
    }

    /// Whether a problem was already reported at `path`.
    func hasProblem(at path: String) -> Bool {
        found.contains { $0.path == path }
    }

    /// The entries of a mapping, reporting keys outside `allowed` (unknown keys are
    /// errors: a misspelt key silently ignored is a setting silently lost) and
    /// missing `required` ones. Nil when the node is absent (its parent already said
    /// so) or not a mapping, so that a missing section is one problem, not ten.
    func mapping(_ node: YAMLNode?, _ path: @autoclosure () -> String, allowed: [String], required: [String] = []) -> YAMLEntries? {
        guard let node, !isNull(node) else { return nil }
        guard case .mapping(let mapping) = node.content else {
            problem(path(), node, "must be a mapping of keys to values")
            return nil
        }
        var seen: [String] = []
        // The node's own entries unless a key is left out, so that a thousand agencies'
        // entries are not copied.
        var kept: [YAMLEntry]?
        for (index, entry) in mapping.enumerated() {
            let name = entry.key
            if !allowed.contains(name) {
                let hint = allowed.isEmpty ? "" : " (known keys: \(allowed.joined(separator: ", ")))"
                problem(Self.join(path(), name), line: entry.keyLine, "unknown key\(hint)")
            } else if seen.contains(name) {
                problem(Self.join(path(), name), line: entry.keyLine, "is given twice")
            } else {
                seen.append(name)
                kept?.append(entry)
                continue
            }
            if kept == nil { kept = Array(mapping[..<index]) }
        }
        for name in required where !seen.contains(name) {
            problem(Self.join(path(), name), node, "is required")
        }
        return YAMLEntries(entries: kept ?? mapping)
    }

    private static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    func isNull(_ node: YAMLNode?) -> Bool {
        guard let node else { return true }
        guard case .scalar(let text, plain: true) = node.content else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    func string(_ node: YAMLNode?, _ path: @autoclosure () -> String, required: Bool = true) -> String? {
        // An absent required key was reported by mapping(); a present but empty one is here.
        guard let node else { return nil }
        guard !isNull(node) else {
            if required { problem(path(), node, "needs a value") }
            return nil
        }
        guard case .scalar(let value, _) = node.content else {
            problem(path(), node, "must be a single value")
            return nil
        }
        // Most values have nothing to trim; copying each was a good part of the checks.
        let text = Self.endsWithoutSpace(value) ? value : String(value.trimmedWhitespace)
        if text.isEmpty, required {
            problem(path(), node, "must not be empty")
            return nil
        }
        return text.nfc
    }

    /// Whether the first and last characters are ASCII and not white space, so that
    /// `trimmedWhitespace` would leave the text as it is.
    private static func endsWithoutSpace(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return true }
        return isPrintableASCII(first) && isPrintableASCII(last)
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) }

    func bool(_ node: YAMLNode?, _ path: @autoclosure () -> String, default value: Bool) -> Bool {
        guard let node, !isNull(node) else { return value }
        // Read here rather than by Yams' tag: the file is composed without Yams' regex
        // tag resolution (most of a thousand-agency campaign's load time). A quoted
        // "true" stays a string, as YAML has it.
        if case .scalar(let text, plain: true) = node.content {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        problem(path(), node, "must be true or false")
        return value
    }

    func int(_ node: YAMLNode?, _ path: @autoclosure () -> String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let node, !isNull(node) else { return value }
        guard let parsed = node.int else {
            problem(path(), node, "must be a whole number")
            return value
        }
        guard range.contains(parsed) else {
            problem(path(), node, "must be between \(range.lowerBound) and \(range.upperBound)")
            return value
        }
        return parsed
    }

    /// The items; an item's path is `path[index]`, spelled out only for a problem (a
    /// thousand agencies' paths were a good part of checking them).
    func sequence(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> [YAMLNode] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node.content else {
            problem(path(), node, "must be a list")
            return []
        }
        return sequence
    }

    /// The items that are values, each with its index in the list.
    func strings(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> [(index: Int, node: YAMLNode, text: String)] {
        sequence(node, path()).enumerated().compactMap { index, item in
            string(item, "\(path())[\(index)]").map { (index, item, $0) }
        }
    }
}

/// A mapping's known keys and their values, in file order: a campaign's mappings hold a
/// handful of keys, found faster by comparing than by hashing.
struct YAMLEntries {
    var entries: [YAMLEntry] = []

    subscript(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }
}
