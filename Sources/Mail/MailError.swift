import Foundation

/// Why talking to a mail server failed, one case per thing a person must do differently.
///
/// The associated text is one English line for the log and the terminal: what failed and
/// what to check. It never contains the password.
public enum MailError: Error, Sendable, Equatable {
    /// The server could not be reached, or the connection broke: DNS, refused, unreachable,
    /// reset, or the server said `BYE` mid-session. Temporary: cron tries again (exit 75).
    case cannotConnect(String)
    /// The server stopped answering for longer than the configured timeout, sent slower
    /// than the low-speed limit, or the session reached its time limit (exit 75).
    case timedOut(String)
    /// The server says it cannot serve now (RFC 5530 `UNAVAILABLE`, `INUSE`, `LIMIT`, or an
    /// IMAP `* BYE` instead of a greeting): temporary, cron tries again (exit 75).
    case serverBusy(String)
    /// TLS could not be set up: the certificate is not trusted or does not match the host,
    /// the handshake failed, or the server does not offer STARTTLS. Check `ca_file`.
    case tlsFailed(String)
    /// The server refused the user name and password (exit 77).
    case authenticationFailed(String)
    /// The server has no mailbox of that name, or refuses to open it.
    case mailboxNotFound(String)
    /// The server answered something this client cannot make sense of, or more than it
    /// will hold in memory (exit 76).
    case protocolError(String)
    /// Plain-text IMAP to a host that is not loopback: refused before connecting.
    case insecureTransport(String)
    /// The mailbox URL itself is unusable (wrong scheme, no host): a configuration error.
    case invalidEndpoint(String)

    public var message: String {
        switch self {
        case .cannotConnect(let text), .timedOut(let text), .serverBusy(let text), .tlsFailed(let text),
             .authenticationFailed(let text), .mailboxNotFound(let text), .protocolError(let text),
             .insecureTransport(let text), .invalidEndpoint(let text):
            return text
        }
    }

    /// True when trying again later may succeed without anyone changing anything
    /// (sysexits `EX_TEMPFAIL`, 75).
    public var isTemporary: Bool {
        switch self {
        case .cannotConnect, .timedOut, .serverBusy: return true
        default: return false
        }
    }
}

extension MailError: CustomStringConvertible {
    public var description: String { message }
}
