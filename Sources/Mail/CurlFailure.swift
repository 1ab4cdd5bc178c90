import CCurl
import Foundation

/// Sorting what libcurl reports while connecting, upgrading to TLS and logging in into the
/// `MailError` a person can act on.
///
/// IMAP and SMTP share it so that one failure (a refused login, an untrusted certificate,
/// a missing STARTTLS) is the same kind of error with the same advice whichever protocol
/// met it; only a few words, and one code, differ by protocol (`Dialect`).
enum CurlFailure {
    /// What differs between the protocols: a few words, and how one libcurl code is read.
    struct Dialect: Sendable {
        /// Leads the "server unreachable" message: `cannot connect to`.
        let unreachableLead: String
        /// What plain text would expose to a host that is not loopback: `the password`.
        let plainTextCargo: String
        /// The scheme to use instead of a plain one without STARTTLS: `imaps://`.
        let secureScheme: String
        /// Names the URL when libcurl cannot use it, followed by the peer: `mailbox URL for`.
        let unusableURLLead: String
        /// Whether `CURLE_WEIRD_SERVER_REPLY` means the session could not be set up.
        let weirdReplyIsUnreachable: Bool

        static let imap = Dialect(
            unreachableLead: "cannot connect to", plainTextCargo: "the password",
            secureScheme: "imaps://", unusableURLLead: "mailbox URL for",
            weirdReplyIsUnreachable: false)

        /// SMTP reaches this only outside `MAIL`/`RCPT`/`DATA` (those refusals are sorted
        /// from the server's reply first), so an answer curl calls weird was given to the
        /// greeting, `EHLO` or the like: no message can go through that server now.
        static let smtp = Dialect(
            unreachableLead: "cannot send through", plainTextCargo: "mail",
            secureScheme: "smtps://", unusableURLLead: "mail server URL",
            weirdReplyIsUnreachable: true)
    }

    /// Maps a failed `curl_easy_perform` that set up (or tried to set up) a session.
    /// - Parameters:
    ///   - reason: libcurl's own words for it (see `reason(for:errorBuffer:)`).
    ///   - peer: the server as messages name it (`imaps://host:port`).
    ///   - user: the login name as messages show it.
    ///   - caFile: the extra CA configured, for the TLS hint.
    ///   - serverSaid: the server's last reply, ` (the server said …)`, or empty; appended
    ///     where the server's words may explain the failure.
    static func connectError(_ code: CURLcode, reason: String, dialect: Dialect, peer: String, timeoutSeconds: Int,
                             user: String, caFile: String?, serverSaid: String = "") -> MailError {
        let unreachable = MailError.cannotConnect(
            "\(dialect.unreachableLead) \(peer): \(reason)\(serverSaid); check the host name, port and network")
        if code == CURLE_WEIRD_SERVER_REPLY && dialect.weirdReplyIsUnreachable { return unreachable }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return unreachable
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut("\(peer) did not answer within \(timeoutSeconds) s: \(reason); check the host, port and network")
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR, CURLE_REMOTE_ACCESS_DENIED:
            return .authenticationFailed("\(peer) refused the login of \(user)\(serverSaid); check the user name and password")
        case CURLE_USE_SSL_FAILED:
            // Only reachable for a plain URL to a host that is not loopback (CURLUSESSL_ALL):
            // curl checks for STARTTLS before any credential is sent.
            return .insecureTransport("\(peer) does not offer STARTTLS, and \(dialect.plainTextCargo) may go in plain text only to a loopback host; use an \(dialect.secureScheme) URL")
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tlsFailed("TLS with \(peer) failed: the server's public key is not the pinned one (pinned_public_key); "
                + "if the server's key was renewed, pin the new one, else someone may stand between dondoc and the server")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_CLIENTCERT, CURLE_SSL_SHUTDOWN_FAILED:
            let caHint = caFile.map { "the CA in ca_file \($0) must have signed the server's certificate" }
                ?? "set ca_file to the CA that signed the server's certificate if it is not a public one"
            return .tlsFailed("TLS with \(peer) failed: \(reason); check that the host name matches the certificate, and \(caHint)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidEndpoint("\(dialect.unusableURLLead) \(peer) is not usable: \(reason)")
        default:
            return .protocolError("\(peer): \(reason)\(serverSaid) (libcurl error \(code.rawValue))")
        }
    }

    /// curl's error buffer (more precise than the code's description), then cleared so the
    /// next failure does not repeat it; the code's description when the buffer is empty.
    static func reason(for code: CURLcode, errorBuffer: UnsafeMutablePointer<CChar>) -> String {
        let text = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        errorBuffer[0] = 0
        return text.isEmpty ? describe(code) : text
    }

    /// libcurl's fixed description of a code, such as "Couldn't connect to server".
    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
