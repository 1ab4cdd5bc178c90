/// What the Office's own mail server found when it checked a message's sender, read from
/// the `Authentication-Results` fields it stamped (RFC 8601).
///
/// `From:` is not authenticated by anything in the message itself: a stranger can write
/// an agency's address. The receiving server checks SPF, DKIM and DMARC and writes what
/// it found; only fields carrying the Office server's own `authserv-id` are read, since a
/// sender can write a field naming any server. The results are used only to *refuse*
/// trust: a forged "pass" gains nothing, because no result here makes a message count.
public struct SenderAuthentication: Sendable, Equatable {
    /// The failed checks, as `method=result` (`dmarc=fail`, `spf=fail`, `dkim=fail`).
    public var failures: [String]

    public var senderIsForged: Bool { !failures.isEmpty }

    /// Reads every `Authentication-Results` value of one message.
    ///
    /// The Office's server prepends its fields, but one a sender wrote with the same
    /// `authserv-id` may still be in the message (RFC 8601 asks servers to remove them;
    /// not all do), so a result never cancels a failure written in another field: a
    /// forged field can add failures, which only harm its writer, and cannot hide one.
    /// Within one field, which the server wrote at once, a DMARC `pass` means `From:` was
    /// authenticated (a forwarded message fails SPF and passes by DKIM), and one valid
    /// DKIM signature outweighs another that failed. SPF `softfail` is the domain
    /// owner's doubt, not a failure.
    public static func read(_ values: [String], authservID: String) -> SenderAuthentication {
        let wanted = authservID.lowercased()
        var failures: [String] = []
        for value in values {
            let statements = AuthenticationResultsSyntax.statements(value)
            guard let first = statements.first,
                  first.split(separator: " ").first.map({ $0.lowercased() }) == wanted else { continue }
            var results: [(method: String, result: String)] = []
            for statement in statements.dropFirst() {
                // "dkim=pass header.d=example.org" → method "dkim", result "pass".
                guard let word = statement.split(separator: " ").first,
                      let equals = word.firstIndex(of: "=") else { continue }
                let method = word[..<equals].split(separator: "/").first.map { $0.lowercased() } ?? ""
                results.append((method, word[word.index(after: equals)...].lowercased()))
            }
            func said(_ method: String, _ result: String) -> Bool {
                results.contains { $0.method == method && $0.result == result }
            }
            if said("dmarc", "fail") { failures.append("dmarc=fail") }
            if said("dmarc", "pass") { continue }
            if said("spf", "fail") { failures.append("spf=fail") }
            if said("dkim", "fail"), !said("dkim", "pass") { failures.append("dkim=fail") }
        }
        var seen = Set<String>()
        return SenderAuthentication(failures: failures.filter { seen.insert($0).inserted })
    }
}

/// RFC 8601's field split into its `;`-separated statements, each with comments removed
/// and whitespace collapsed; a `;` or `(` inside a quoted string is text.
enum AuthenticationResultsSyntax {
    static func statements(_ value: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var depth = 0
        var inQuotes = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
                if depth == 0 { current.append(character) }
                continue
            }
            switch character {
            case "\\" where inQuotes || depth > 0:
                escaped = true
            case "\"" where depth == 0:
                inQuotes.toggle()
                current.append(character)
            case "(" where !inQuotes:
                depth += 1
            case ")" where !inQuotes && depth > 0:
                depth -= 1
                current.append(" ")
            case ";" where !inQuotes && depth == 0:
                statements.append(collapse(current))
                current = ""
            default:
                if depth == 0 { current.append(character.isWhitespace ? " " : character) }
            }
        }
        statements.append(collapse(current))
        return statements.filter { !$0.isEmpty }
    }

    /// Single spaces, none around `=` (`spf = fail` is `spf=fail`).
    private static func collapse(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        return words.replacingOccurrences(of: " = ", with: "=").replacingOccurrences(of: " =", with: "=")
            .replacingOccurrences(of: "= ", with: "=")
    }
}
