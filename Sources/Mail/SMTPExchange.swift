import CCurl
import Foundation

/// What libcurl's callbacks share with `SMTPSender` during one `curl_easy_perform`: the
/// message being uploaded, and which command the server's latest reply answered.
///
/// libcurl 7.88 reports a refused recipient only as "RCPT failed: 550" and a refused
/// message as "Weird server reply", without the server's text; the text and the command
/// it answers are only visible in the protocol lines its debug callback sees.
/// Only command *verbs* are kept from what we send: an `AUTH` line and its continuations
/// carry the password, and nothing of them is stored.
final class SMTPExchange {
    /// Commands whose refusal is about the message, not the session.
    static let transactionCommands: Set<String> = ["MAIL", "RCPT", "DATA"]
    private static let knownCommands: Set<String> = [
        "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT", "NOOP", "VRFY", "BDAT",
    ]

    private var message = Data()
    private var uploaded = 0

    /// Commands curl sends on its own after a failure or at the end; their replies
    /// (`221 Bye`) must not hide the refusal that came before.
    private static let closingCommands: Set<String> = ["QUIT", "RSET", "NOOP"]

    /// The verb of the last command sent (`MAIL`, `RCPT`, `DATA`, …), closing ones aside.
    private(set) var lastCommand: String?
    /// The last complete reply to `lastCommand`; for DATA, the final reply after the
    /// message once it has come.
    private(set) var lastReply: SMTPReply?
    private var closing = false
    private var pendingLine: [UInt8] = []
    private var replyLines: [String] = []

    /// True when the connection failed before the server accepted `MAIL`: no answer at
    /// all, or `421` (closing). Nothing of the message can have been delivered.
    var serverClosedBeforeTheTransaction: Bool {
        guard lastCommand == nil || lastCommand == "MAIL" else { return false }
        return lastReply == nil || lastReply?.code == 421
    }

    func begin(message: Data) {
        self.message = message
        uploaded = 0
        lastCommand = nil
        lastReply = nil
        closing = false
        pendingLine.removeAll()
        replyLines.removeAll()
    }

    /// Lets go of the message once libcurl is done with it.
    func end() {
        message = Data()
        uploaded = 0
    }

    /// libcurl's read callback: the next piece of the message, 0 at its end.
    func copyMessage(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, message.count - uploaded)
        guard count > 0 else { return 0 }
        let start = message.startIndex + uploaded
        message.copyBytes(to: UnsafeMutableRawBufferPointer(start: buffer, count: count), from: start..<(start + count))
        uploaded += count
        return count
    }

    /// libcurl's debug callback; everything but protocol lines is ignored.
    func observe(_ kind: curl_infotype, _ bytes: UnsafeRawBufferPointer) {
        switch kind {
        case CURLINFO_HEADER_IN:
            heard(bytes)
        case CURLINFO_HEADER_OUT:
            said(bytes)
        default:
            break  // TLS details, curl's remarks, the message itself
        }
    }

    private func said(_ bytes: UnsafeRawBufferPointer) {
        let verb = String(decoding: bytes.prefix(while: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }),
                          as: UTF8.self).uppercased()
        // An AUTH continuation (base64 credentials) or the end-of-data dot is not a
        // command: the reply that follows still answers the previous one.
        guard Self.knownCommands.contains(verb) else { return }
        replyLines.removeAll()
        closing = Self.closingCommands.contains(verb)
        guard !closing else { return }
        lastCommand = verb
        lastReply = nil
    }

    private func heard(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                completeLine()
            } else if byte != UInt8(ascii: "\r") {
                pendingLine.append(byte)
            }
        }
    }

    /// `250-SIZE …` continues a reply; `250 OK` (or a bare `250`) ends it.
    private func completeLine() {
        let line = String(decoding: pendingLine, as: UTF8.self)
        pendingLine.removeAll()
        let digits = line.prefix(3)
        guard digits.count == 3, let code = Int(digits) else { return }
        let rest = line.dropFirst(3)
        let text = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { replyLines.append(text) }
        if rest.first == "-" { return }
        if !closing { lastReply = SMTPReply(code: code, text: replyLines.joined(separator: " ")) }
        replyLines.removeAll()
    }
}
