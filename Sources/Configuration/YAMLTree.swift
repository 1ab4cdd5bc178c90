internal import CYaml
import Yams

/// A YAML node as the campaign file's checks read it: a value's text and whether it was
/// written plain (quoted `"true"` stays a string), a list, or keys and values, each with
/// its line for the problems listed.
struct YAMLNode: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
        /// What Yams can hold but its parser never returns (an unresolved alias).
        case other
    }

    var content: Content
    /// 1-based, as Yams marks it.
    var line: Int?
}

struct YAMLEntry: Sendable, Equatable {
    /// The key as Yams reads it (`Node.string`), "" for a key that is not a value.
    var key: String
    var keyLine: Int?
    var value: YAMLNode
}

extension YAMLNode {
    /// The slow, general way: any YAML Yams composes, kept for what `YAMLEvents` leaves
    /// to it (anchors, tags, errors and their messages).
    init(_ node: Node) {
        line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            content = .scalar(scalar.string, plain: scalar.style == .plain)
        case .sequence(let sequence):
            content = .sequence(sequence.map(YAMLNode.init))
        case .mapping(let mapping):
            content = .mapping(mapping.map { key, value in
                YAMLEntry(key: key.string ?? "", keyLine: key.mark?.line, value: YAMLNode(value))
            })
        case .alias:
            content = .other
        }
    }

    /// A whole number as Yams reads one (`0x1F`, `1_000`, `1:30`, octal `010`): the file's
    /// numbers have always meant that, so Yams still decides, on the few numbers there are.
    var int: Int? {
        guard case .scalar(let text, let plain) = content else { return nil }
        // `Tag.implicit` would build Yams' default resolver, compiling its regexes; the
        // constructor's maps are never asked for an Int.
        let tag = Tag(.implicit, .basic, Constructor([:], [:], [:]))
        return Int.construct(from: Node.Scalar(text, tag, plain ? .plain : .doubleQuoted))
    }
}

/// Composes the tree from libyaml's events, the parser Yams itself runs, without building
/// Yams' nodes and tags (most of the time of loading a thousand-agency campaign). Only
/// what it can compose exactly as `Yams.compose(yaml:, .basic)` would is composed here;
/// for anything else it answers `.askYams`, so that every file Yams rejects is rejected
/// with Yams' own message.
///
/// CYaml is not a product of Yams but comes with it: the Yams product links it, and
/// SwiftPM gives its dependents the module.
enum YAMLEvents {
    enum Outcome {
        /// The document's root; nil for a file with no document.
        case composed(YAMLNode?)
        /// An error, a second document, an anchor or alias, an explicit tag, a key that is
        /// not a value, a key given twice, or a value Foundation might decode otherwise.
        case askYams
    }

    static func compose(_ text: String) -> Outcome {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return .askYams }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var builder = Builder()
            return builder.run(parser)
        } ?? .askYams
    }

    /// The nodes still open, innermost last: an explicit stack, so that deep nesting
    /// cannot exhaust the call stack.
    private struct Builder {
        private struct Open {
            var line: Int
            var isMapping: Bool
            var items: [YAMLNode] = []
            var entries: [YAMLEntry] = []
            /// Built only for a long mapping: an agency's few keys are compared in turn.
            var keys: Set<String>?
            var pendingKey: (key: String, line: Int)?

            mutating func isNew(_ key: String) -> Bool {
                if keys == nil, entries.count >= 16 { keys = Set(entries.map(\.key)) }
                return keys?.insert(key).inserted ?? !entries.contains { $0.key == key }
            }
        }

        private var open: [Open] = []
        private var root: YAMLNode?
        private var documents = 0

        mutating func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Outcome {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { return .askYams }
                let type = event.type
                let accepted = accept(&event)
                yaml_event_delete(&event)
                guard accepted else { return .askYams }
                if type == YAML_STREAM_END_EVENT { return .composed(root) }
            }
        }

        private mutating func accept(_ event: inout yaml_event_t) -> Bool {
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                return documents == 1
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                guard scalar.anchor == nil, scalar.tag == nil else { return false }
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                // Yams decodes values with Foundation, whose handling of a NUL or a
                // leading byte order mark is its own: such rare values go to Yams.
                guard !bytes.contains(0), !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return false }
                let text = String(decoding: bytes, as: UTF8.self)
                return add(YAMLNode(content: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), line: line),
                           key: text)
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                guard start.anchor == nil, start.implicit != 0, !expectsKey else { return false }
                open.append(Open(line: line, isMapping: false))
                return true
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                guard start.anchor == nil, start.implicit != 0, !expectsKey else { return false }
                open.append(Open(line: line, isMapping: true))
                return true
            case YAML_SEQUENCE_END_EVENT:
                let closed = open.removeLast()
                return add(YAMLNode(content: .sequence(closed.items), line: closed.line), key: nil)
            case YAML_MAPPING_END_EVENT:
                let closed = open.removeLast()
                return add(YAMLNode(content: .mapping(closed.entries), line: closed.line), key: nil)
            default:
                // An alias: Yams shares the anchored node; left to it.
                return false
            }
        }

        /// Whether the next node is a key of the innermost mapping.
        private var expectsKey: Bool {
            guard let last = open.last else { return false }
            return last.isMapping && last.pendingKey == nil
        }

        /// `key`: the node's text when it is a value, which a mapping may take as a key.
        private mutating func add(_ node: YAMLNode, key: String?) -> Bool {
            guard !open.isEmpty else {
                root = node
                return true
            }
            let index = open.count - 1
            guard open[index].isMapping else {
                open[index].items.append(node)
                return true
            }
            if let pending = open[index].pendingKey {
                open[index].entries.append(YAMLEntry(key: pending.key, keyLine: pending.line, value: node))
                open[index].pendingKey = nil
                return true
            }
            // Yams compares keys as Swift strings (its basic resolver tags every value
            // str) and refuses a mapping holding one twice.
            guard let key, open[index].isNew(key) else { return false }
            open[index].pendingKey = (key, node.line ?? 0)
            return true
        }
    }
}
