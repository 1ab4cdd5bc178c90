import Foundation

/// Where and as whom to send mail.
///
/// `smtps://host[:port]` uses implicit TLS (default port 465); `smtp://host[:port]`
/// requires STARTTLS (default port 25; say `:587` for submission), except to a loopback
/// host, where the connection is upgraded when the server offers STARTTLS and stays plain
/// otherwise — the same rule as `IMAPEndpoint`. The certificate is always verified;
/// `caFile` adds a CA to the system's trusted set.
///
/// A URL path names the host dondoc greets the server with (`EHLO`):
/// `smtps://mail.example.org/office.example.org`. Without one, libcurl uses this machine's
/// host name, which strict servers may refuse when it is not a full domain name.
public struct SMTPEndpoint: Sendable {
    public var url: URL
    /// Logs in (SASL PLAIN, LOGIN, … as the server offers) only when set.
    public var username: String?
    public var password: String?
    /// A PEM file with an extra CA to trust (`CURLOPT_CAINFO`); the system CA directory
    /// (`/etc/ssl/certs`) stays trusted as well.
    public var caFile: String?
    /// `sha256//BASE64` of the server's public key (`CURLOPT_PINNEDPUBLICKEY`).
    public var pinnedPublicKey: String?
    /// An OAuth 2.0 access token, sent with SASL XOAUTH2 or OAUTHBEARER instead of a password.
    public var bearerToken: String?
    /// The longest the server may stay silent, in seconds: connecting, each answer, and
    /// any stall while the message is uploaded.
    public var timeout: TimeInterval = 30

    public init(url: URL, username: String? = nil, password: String? = nil, caFile: String? = nil, timeout: TimeInterval = 30) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }

    var usesImplicitTLS: Bool { url.scheme?.lowercased() == "smtps" }

    /// Scheme, host and port, read by the rule IMAP shares, so that both protocols decide
    /// "may this password travel in plain text?" in exactly the same way.
    var serverAddress: ServerAddress { ServerAddress(url) }

    /// Loopback by name or address, decided without DNS.
    var hostIsLoopback: Bool { serverAddress.hostIsLoopback }

    /// The URL handed to libcurl: scheme, host, port, and the `EHLO` name if one was given.
    func connectionURL() throws(MailError) -> String {
        let scheme = try serverAddress.checkedScheme(plain: "smtp", implicitTLS: "smtps", urlName: "mail server URL \(displayName)")
        guard url.user == nil, url.password == nil else {
            // Credentials in the URL would bypass the password sources and end up in logs.
            throw .invalidEndpoint("mail server URL \(displayName) must not contain a user name or password; configure them separately")
        }
        let greetingName = url.path(percentEncoded: false).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard greetingName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
            throw .invalidEndpoint("mail server URL \(displayName): the path \"\(greetingName)\" is not a host name to greet the server with")
        }
        return "\(scheme)://\(serverAddress.hostAndPortForCurl)/\(greetingName)"
    }

    /// A short name for messages: `smtps://host:port`, never the credentials.
    var displayName: String { serverAddress.displayName }
}

/// One answer of an SMTP server: `550` and `5.1.1 <x@y>: Recipient address rejected`.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    /// The server's text after the code; the lines of a multi-line answer joined by spaces.
    public var text: String

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }
}

extension SMTPReply: CustomStringConvertible {
    public var description: String { "\(code) \(text)" }
}

/// Why one message was not sent, sorted by what the outbox does next.
public enum SMTPSendError: Error, Sendable, Equatable {
    /// A 4xx answer to MAIL, RCPT or DATA: nothing was delivered; the message stays
    /// pending and the next run tries again.
    case temporary(SMTPReply)
    /// A 5xx answer to MAIL, RCPT or DATA: nothing was delivered; record it as failed
    /// with the server's text. Also used, with code 501, for an envelope dondoc refuses
    /// to send at all (no recipient, or a line break in an address).
    case permanent(SMTPReply)
    /// The session itself failed: cannot connect, TLS, login refused, timeout, or the
    /// server closing the channel (421). The run stops; nothing of this message was
    /// delivered.
    case connection(MailError)

    public var message: String {
        switch self {
        case .temporary(let reply):
            return "the mail server refused for now (\(reply)); dondoc tries again on the next run"
        case .permanent(let reply):
            return "the mail server refused the message (\(reply))"
        case .connection(let error):
            return error.message
        }
    }
}

extension SMTPSendError: CustomStringConvertible {
    public var description: String { message }
}
