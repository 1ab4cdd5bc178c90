import Foundation

/// Text from an incoming mail that an outgoing one quotes (a receipt's file names, a
/// custom template's `original_subject`): the Office's mail must never carry a
/// stranger's link, however it is written, nor a screenful.
enum QuotedFromMail {
    static let longest = 120

    static func withoutLinks(_ text: String) -> String {
        let whole = NSRange(text.startIndex..., in: text)
        let unlinked = linkPattern.stringByReplacingMatches(in: text, range: whole, withTemplate: "[…]")
        let oneLine = unlinked.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count > longest ? String(oneLine.prefix(longest - 1)) + "…" : oneLine
    }

    /// A scheme ("https://", "mailto:"), "www.", or a host with a path ("evil.example/x").
    private static let linkPattern: NSRegularExpression = {
        // A constant of this file: failing to compile is a programming error.
        try! NSRegularExpression(
            pattern: #"(?i)\b(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)\S*|\b[\w-]+(?:\.[\w-]+)+/\S*"#)
    }()
}
