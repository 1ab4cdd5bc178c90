import DonDoc
import Foundation
import Yams

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

    func problem(_ path: String, _ node: Node?, _ message: String) {
        found.append(ConfigProblem(path: path, line: node?.mark?.line, message: message))
    }

    /// The entries of a mapping, reporting keys outside `allowed` (unknown keys are
    /// errors: a misspelt key silently ignored is a setting silently lost) and
    /// missing `required` ones. Nil when the node is absent (its parent already said
    /// so) or not a mapping, so that a missing section is one problem, not ten.
    func mapping(_ node: Node?, _ path: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let node, !isNull(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            problem(path, node, "must be a mapping of keys to values")
            return nil
        }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            if !allowed.contains(name) {
                let hint = allowed.isEmpty ? "" : " (known keys: \(allowed.joined(separator: ", ")))"
                problem(keyPath, key, "unknown key\(hint)")
            } else if entries[name] != nil {
                problem(keyPath, key, "is given twice")
            } else {
                entries[name] = value
            }
        }
        for name in required where entries[name] == nil {
            problem(path.isEmpty ? name : "\(path).\(name)", node, "is required")
        }
        return entries
    }

    func isNull(_ node: Node?) -> Bool {
        guard let node else { return true }
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return true
        }
        return false
    }

    func string(_ node: Node?, _ path: String, required: Bool = true) -> String? {
        // An absent required key was reported by mapping(); a present but empty one is here.
        guard let node else { return nil }
        guard !isNull(node) else {
            if required { problem(path, node, "needs a value") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            problem(path, node, "must be a single value")
            return nil
        }
        let text = String(scalar.string.trimmedWhitespace)
        if text.isEmpty, required {
            problem(path, node, "must not be empty")
            return nil
        }
        return text.nfc
    }

    func bool(_ node: Node?, _ path: String, default value: Bool) -> Bool {
        guard let node, !isNull(node) else { return value }
        // Read here rather than by Yams' tag: the file is composed without Yams' regex
        // tag resolution (most of a thousand-agency campaign's load time). A quoted
        // "true" stays a string, as YAML has it.
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        problem(path, node, "must be true or false")
        return value
    }

    func int(_ node: Node?, _ path: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let node, !isNull(node) else { return value }
        guard case .scalar = node, let parsed = node.int else {
            problem(path, node, "must be a whole number")
            return value
        }
        guard range.contains(parsed) else {
            problem(path, node, "must be between \(range.lowerBound) and \(range.upperBound)")
            return value
        }
        return parsed
    }

    func sequence(_ node: Node?, _ path: String) -> [(String, Node)] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(path, node, "must be a list")
            return []
        }
        return sequence.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
    }

    func strings(_ node: Node?, _ path: String) -> [(String, Node, String)] {
        sequence(node, path).compactMap { itemPath, item in
            string(item, itemPath).map { (itemPath, item, $0) }
        }
    }
}
