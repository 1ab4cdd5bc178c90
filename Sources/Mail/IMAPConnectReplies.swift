import CCurl
import Foundation

/// What the server said while libcurl connected and logged in, heard through libcurl's
/// debug callback: libcurl reports a `* BYE` greeting as a "weird server reply" and any
/// refused LOGIN as a denied login, and only the server's own words tell "busy, try
/// later" from "wrong password".
///
/// Only lines the server sent are kept, never what was sent to it (the LOGIN command
/// carries the password), and only the greeting and the latest tagged reply, each cut
/// to a short length: a hostile server cannot make this grow.
final class IMAPConnectReplies {
    private(set) var greeting: IMAPResponse?
    private(set) var lastTagged: IMAPResponse?
    private var pending: [UInt8] = []
    private static let longestLine = 512

    /// libcurl's debug callback.
    func observe(_ kind: curl_infotype, _ bytes: UnsafeRawBufferPointer) {
        guard kind == CURLINFO_HEADER_IN else { return }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                complete()
            } else if byte != UInt8(ascii: "\r"), pending.count < Self.longestLine {
                pending.append(byte)
            }
        }
    }

    private func complete() {
        let line = IMAPResponse(segments: [.text(pending)])
        pending.removeAll(keepingCapacity: true)
        if greeting == nil {
            greeting = line
        } else if line.tag != "*" && line.tag != "+" {
            lastTagged = line
        }
    }

    /// The server's words when it said it cannot serve now: a `* BYE` greeting (RFC 3501
    /// §7.1.5: it will not accept the connection), or a `NO` with an RFC 5530 code that
    /// means "not now". Nil otherwise, and for a plain `NO`: a wrong password stays one.
    var busyReason: String? {
        if let greeting, greeting.tag == "*", greeting.word == "BYE" {
            return greeting.statusText.isEmpty ? "BYE" : greeting.statusText
        }
        if let reply = lastTagged, reply.isRefusalForNow {
            return reply.statusText.isEmpty ? reply.responseCode?.name : reply.statusText
        }
        return nil
    }

    /// ` (the server said: …)` for the latest tagged reply, or empty.
    var serverSaid: String {
        guard let reply = lastTagged, !reply.statusText.isEmpty else { return "" }
        return " (the server said: \(reply.statusText))"
    }
}
