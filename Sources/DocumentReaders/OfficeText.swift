import Documents
import Foundation

/// The body text of a word-processing file as a clerk reads it: one line per paragraph, in
/// document order, so a two-column header table gives the left cell's lines, then the right
/// cell's. Deleted revisions, field codes, comments, footnotes and the fallback copies of
/// drawings are left out.
enum OfficeText {
    /// word/document.xml of a DOCX.
    static func docx(_ xml: Data, limit: Int = DocumentReading.textLimit) -> String {
        var text = TextCollector(limit: limit, collapsesSpace: false)
        var scanner = XMLScanner(xml)
        var inText = 0
        var inRun = 0
        var skipping = SubtreeSkip()
        scanner.scan { event in
            if skipping.consume(event) { return true }
            switch event {
            case let .start(name, _, selfClosing):
                switch name {
                // Alternate content comes twice; the Choice is what Word shows.
                case "Fallback", "delText", "instrText", "commentReference", "footnoteReference", "endnoteReference":
                    if !selfClosing { skipping.begin() }
                case "t": if !selfClosing { inText += 1 }
                case "r": if !selfClosing { inRun += 1 }
                // w:tab is also a tab stop in paragraph properties; only a run's tab is text.
                case "tab" where inRun > 0: text.append("\t")
                case "br", "cr": if inRun > 0 { text.newline() }
                case "noBreakHyphen": text.append("-")
                case "p" where selfClosing: text.newline()
                default: break
                }
            case let .end(name):
                switch name {
                case "t": inText = max(0, inText - 1)
                case "r": inRun = max(0, inRun - 1)
                case "p": text.newline()
                default: break
                }
            case let .text(bytes):
                if inText > 0 { text.append(bytes) }
            }
            return !text.full
        }
        return text.result
    }

    /// content.xml of an ODT.
    static func odt(_ xml: Data, limit: Int = DocumentReading.textLimit) -> String {
        var text = TextCollector(limit: limit, collapsesSpace: true)
        var scanner = XMLScanner(xml)
        var inParagraph = 0
        var skipping = SubtreeSkip()
        scanner.scan { event in
            if skipping.consume(event) { return true }
            switch event {
            case let .start(name, attributes, selfClosing):
                switch name {
                case "tracked-changes", "annotation", "note", "sequence-decls":
                    if !selfClosing { skipping.begin() }
                case "p", "h":
                    if selfClosing { text.newline() } else { inParagraph += 1; text.startParagraph() }
                case "s" where inParagraph > 0:
                    let count = attributes.first { $0.key.hasSuffix(":c") }.flatMap { Int($0.value) } ?? 1
                    text.append(String(repeating: " ", count: min(max(count, 1), 80)), literal: true)
                case "tab" where inParagraph > 0: text.append("\t", literal: true)
                case "line-break" where inParagraph > 0: text.newline()
                default: break
                }
            case let .end(name):
                if name == "p" || name == "h" {
                    inParagraph = max(0, inParagraph - 1)
                    text.newline()
                }
            case let .text(bytes):
                if inParagraph > 0 { text.append(bytes) }
            }
            return !text.full
        }
        return text.result
    }
}

/// Ignores everything inside one element, however deep, counting starts and ends only.
private struct SubtreeSkip {
    private var depth = 0

    mutating func begin() { depth = 1 }

    /// True while inside the skipped element (its own end included).
    mutating func consume(_ event: XMLScanner.Event) -> Bool {
        guard depth > 0 else { return false }
        switch event {
        case let .start(_, _, selfClosing): if !selfClosing { depth += 1 }
        case .end: depth -= 1
        case .text: break
        }
        return true
    }
}

/// Gathers text bytes up to a little more than the limit (the final tidy cuts exactly).
private struct TextCollector {
    let limit: Int
    /// ODF: runs of XML white space are one space, and a paragraph's leading space is dropped.
    let collapsesSpace: Bool
    private var bytes: [UInt8] = []
    private var lastWasSpace = true

    init(limit: Int, collapsesSpace: Bool) {
        self.limit = limit
        self.collapsesSpace = collapsesSpace
    }

    var full: Bool { bytes.count > limit + 1024 }

    var result: String { String(decoding: bytes, as: UTF8.self) }

    mutating func startParagraph() { lastWasSpace = true }

    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        lastWasSpace = true
    }

    mutating func append(_ string: String, literal: Bool = false) {
        if literal {
            bytes.append(contentsOf: string.utf8)
            lastWasSpace = false
        } else {
            append(Array(string.utf8))
        }
    }

    mutating func append(_ chunk: [UInt8]) {
        guard collapsesSpace else { bytes.append(contentsOf: chunk); return }
        for byte in chunk {
            if XMLScanner.isSpace(byte) {
                if !lastWasSpace { bytes.append(UInt8(ascii: " ")) }
                lastWasSpace = true
            } else {
                bytes.append(byte)
                lastWasSpace = false
            }
        }
    }
}
