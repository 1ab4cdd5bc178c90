import Foundation

/// Mail forwarded inline. Most clients forward by copying the original's envelope into
/// the body under a separator line (Gmail, Thunderbird, Outlook, Zimbra, Yahoo, Apple
/// Mail) rather than attaching it as message/rfc822. That envelope is read here so that it
/// counts exactly as an attached original's does: its From and Subject, no more.
///
/// Replies quote mail the same way, and a reply is not a forward: a clerk of one agency
/// answering another agency's mail must never make the answer that agency's. So only a
/// block that is unmistakably a forward counts, and reading stops at the first sign of
/// quoted mail. In-Reply-To is read elsewhere, and only when it names our own mail.
enum InlineForward {
    /// The envelopes of the originals forwarded inline in `body`, outermost first.
    ///
    /// - A separator that says "forwarded" ("---------- Forwarded message ---------",
    ///   "-------- Forwarded Message --------", "Begin forwarded message:", the Vietnamese
    ///   forms) followed within a blank line by header lines is a forward.
    /// - Outlook and Zimbra write the same block for replies and forwards ("-----Original
    ///   Message-----", a rule of underscores, or in HTML no separator at all before
    ///   "From:/Sent:/To:/Subject:", "Từ:/Gửi:/Đến:/Chủ đề:"). Such a block counts only when
    ///   it comes first and the outer subject opens with a forward prefix (FW:, Fwd:, CT:,
    ///   Chuyển tiếp:), and a block with no separator must carry From, a date and a subject.
    /// - An outer subject that opens with a reply prefix (Re:, TL:, Trả lời:) reads nothing.
    /// - Quoted lines ("> …") or a reply's attribution ("On … wrote:", "Vào … đã viết:")
    ///   end the search: what lies below them was quoted, not forwarded.
    static func originals(in body: String, outerSubject: String) -> [ForwardedFacts] {
        let opening = subjectPrefix(outerSubject)
        guard opening != .reply, !body.isEmpty else { return [] }
        let lines = BodyLines.top(of: body, limit: searchLimit)
        var found: [ForwardedFacts] = []
        var index = 0
        while index < lines.count, found.count < maximumOriginals {
            let line = lines[index]
            if isQuotation(line) { break }
            guard BodyLines.isShort(line) else {
                index += 1
                continue
            }
            let separator = Separator(line)
            let startsWithFrom = separator == nil && field(line)?.label == .from
            guard separator != nil || startsWithFrom else {
                index += 1
                continue
            }
            // Outlook's block is a reply's as often as a forward's: only the outer subject
            // tells them apart, and only for the first block.
            if separator != .forwarded && !(found.isEmpty && opening == .forward) { break }
            guard let (original, end) = block(lines, from: startsWithFrom ? index : index + 1, separated: !startsWithFrom)
            else { break }
            found.append(original)
            index = end
        }
        return found
    }

    /// Only the top of a long body is read: forwards put their envelope there.
    private static let searchLimit = 16 * 1024
    private static let maximumOriginals = 5
    /// Real envelopes hold five to eight lines (From, Sent, To, Cc, Subject, Importance…).
    private static let longestBlock = 12

    // MARK: - The separator

    private enum Separator: Equatable {
        /// Says "forwarded": never written above a reply.
        case forwarded
        /// "Original Message", "Thư gốc", a rule of underscores: a reply's or a forward's.
        case original

        init?(_ line: Substring) {
            let text = line.trimmedWhitespace
            if text.utf8.count >= 8, text.utf8.allSatisfy({ $0 == UInt8(ascii: "_") }) {
                self = .original
                return
            }
            guard text.count <= 80 else { return nil }
            let folded = VietnameseText.fold(String(text))
            // Apple Mail writes a sentence with a colon instead of a dashed rule.
            if text.hasSuffix(":"), Self.appleOpenings.contains(folded) {
                self = .forwarded
                return
            }
            guard text.hasPrefix("--") else { return nil }
            if Self.forwardedWords.contains(folded) {
                self = .forwarded
            } else if Self.originalWords.contains(folded) {
                self = .original
            } else {
                return nil
            }
        }

        private static let forwardedWords: Set<String> = [
            "forwarded message", "forwarded message follows", "thu chuyen tiep", "thu duoc chuyen tiep",
            "thu da chuyen tiep", "tin nhan chuyen tiep", "tin nhan duoc chuyen tiep", "tin nhan da chuyen tiep",
        ]
        private static let originalWords: Set<String> = ["original message", "thu goc", "tin nhan goc"]
        private static let appleOpenings: Set<String> = ["begin forwarded message", "bat dau thu duoc chuyen tiep"]
    }

    // MARK: - The header block

    private enum Label { case from, date, to, subject, other }

    /// Header labels as clients write them, folded; "Gửi:" is Outlook's "Sent:".
    private static let labels: [String: Label] = [
        "from": .from, "tu": .from, "nguoi gui": .from,
        "date": .date, "sent": .date, "gui": .date, "da gui": .date, "ngay": .date, "ngay gui": .date,
        "thoi gian": .date, "thoi gian gui": .date,
        "to": .to, "den": .to, "toi": .to, "gui den": .to, "gui toi": .to, "nguoi nhan": .to, "cc": .to, "bcc": .to,
        "subject": .subject, "chu de": .subject, "tieu de": .subject,
        "reply to": .other, "organization": .other, "importance": .other, "attachments": .other,
        "tep dinh kem": .other, "dinh kem": .other, "muc do quan trong": .other,
    ]

    /// "From: X", "*From:* X" (Gmail's text for bold), "Chủ đề: Y": a label and its value.
    private static func field(_ line: Substring) -> (label: Label, value: String)? {
        // A label is a word or two: its colon comes early, or the line is no field.
        guard BodyLines.isShort(line), let colon = line.prefix(40).firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(in: decoration)
        guard !name.isEmpty, name.count <= 24, let label = labels[VietnameseText.fold(name)] else { return nil }
        return (label, line[line.index(after: colon)...].trimmingCharacters(in: decoration))
    }

    private static let decoration = CharacterSet(charactersIn: "*\"' \t\u{00A0}")

    /// The envelope starting at `start`, and the index of the first line after it. A
    /// separator may be followed by one blank line (HTML mail leaves one) before the block.
    private static func block(_ lines: [Substring], from start: Int, separated: Bool) -> (ForwardedFacts, Int)? {
        var index = start
        while separated, index < lines.count, index < start + 2, isBlank(lines[index]) { index += 1 }
        var values: [Label: String] = [:]
        var last: Label?
        var read = 0
        while index < lines.count, read < longestBlock, !isBlank(lines[index]) {
            let line = lines[index]
            if let field = field(line) {
                // Two senders in one envelope is no client's envelope: whose would it be?
                if field.label == .from, let earlier = values[.from], earlier != field.value { return nil }
                if values[field.label] == nil { values[field.label] = field.value }
                last = field.label
            } else if let last, last != .from, line.first?.isWhitespace == true {
                // A folded line continues the field above it (a long subject or To list).
                // Only an indented one: an unindented line is the body, whose words must
                // never pass for the subject's, nor anything for the sender's.
                values[last, default: ""] += " " + line.trimmedWhitespace
            } else {
                break
            }
            read += 1
            index += 1
        }
        guard let from = values[.from].map(sender), from.address != nil || from.name != nil else { return nil }
        // Without a separator only Outlook's whole envelope is one; with one, a date or a
        // subject beside the sender is enough.
        let complete = separated ? (values[.date] != nil || values[.subject] != nil)
            : (values[.date] != nil && values[.subject] != nil)
        guard complete else { return nil }
        let original = ForwardedFacts(fromAddress: from.address.map(cut), fromName: from.name.map(cut),
                                      subject: cut(values[.subject] ?? ""), inline: true)
        return (original, index)
    }

    private static func cut(_ text: String) -> String {
        String(text.prefix(MessageFacts.searchedCharacters)).nfc
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.trimmedWhitespace.isEmpty
    }

    // MARK: - The sender

    /// "Name <addr>", "\"Name\" <mailto:addr>", "Name [mailto:addr]" (Outlook's text),
    /// "addr", or a name alone (Exchange mail forwarded inside one organisation).
    static func sender(_ value: String) -> (address: String?, name: String?) {
        let text = value.trimmingCharacters(in: decoration)
        for (open, close) in [("<", ">"), ("[", "]")] {
            guard let start = text.range(of: open, options: .backwards),
                  let end = text[start.upperBound...].range(of: close) else { continue }
            var inside = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            if inside.lowercased().hasPrefix("mailto:") { inside = String(inside.dropFirst("mailto:".count)) }
            guard let address = addrSpec(inside) else { continue }
            let name = text[..<start.lowerBound].trimmingCharacters(in: decoration)
            return (address, name.isEmpty || addrSpec(name) == address ? nil : name)
        }
        if let address = addrSpec(text) { return (address, nil) }
        return (nil, text.isEmpty ? nil : text)
    }

    /// A plausible addr-spec, lower-cased: one "@", a dotted domain, nothing that cannot be in it.
    private static func addrSpec(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace || "<>[](),;:\"".contains($0) }) else { return nil }
        return text.lowercased()
    }

    // MARK: - Quotation and the outer subject

    /// "> …", "On … wrote:", "Vào … đã viết:": a reply quoting mail, not forwarding it.
    private static func isQuotation(_ line: Substring) -> Bool {
        let text = line.trimmedWhitespace
        if text.hasPrefix(">") { return true }
        guard BodyLines.isShort(text) else { return false }
        let folded = VietnameseText.fold(String(text))
        // Stopping early only loses a forward, so the colon is not required.
        return folded.hasSuffix("wrote") || folded.hasSuffix("da viet")
    }

    private enum Opening { case reply, forward, other }

    /// What the first prefix of the subject says: "Fwd: Re: x" is a forward, "Re: Fwd: x" a reply.
    private static func subjectPrefix(_ subject: String) -> Opening {
        let text = subject.trimmingCharacters(in: .whitespaces)
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 14 else { return .other }
        // "RE[2]:" and "Fwd (3):" number the round.
        let prefix = VietnameseText.words(String(text[..<colon])).filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
        if replyPrefixes.contains(prefix) { return .reply }
        if forwardPrefixes.contains(prefix) { return .forward }
        return .other
    }

    private static let replyPrefixes: Set<String> = ["re", "tl", "tra loi", "aw", "sv", "antw", "res", "r"]
    /// "TR:" (French Outlook) is left out: a Vietnamese writer may shorten "Trả lời" so.
    private static let forwardPrefixes: Set<String> = ["fw", "fwd", "ct", "wg", "rv", "enc", "chuyen tiep"]
}
