import Foundation

/// Where and as whom to read mail.
///
/// `imaps://host[:port]/MAILBOX` uses implicit TLS (default port 993);
/// `imap://host[:port]/MAILBOX` requires STARTTLS, except to a loopback host, where the
/// connection is upgraded when the server offers STARTTLS and stays plain otherwise.
/// The certificate is always verified; `caFile` adds a CA to the system's trusted set.
public struct IMAPEndpoint: Sendable {
    public var url: URL
    public var username: String
    public var password: String
    /// A PEM file with an extra CA to trust (`CURLOPT_CAINFO`); the system CA directory
    /// (`/etc/ssl/certs`) stays trusted as well.
    public var caFile: String?
    /// `sha256//BASE64` of the server's public key (`CURLOPT_PINNEDPUBLICKEY`): for an
    /// Office whose server has its own CA, only that key is accepted, whoever signs.
    public var pinnedPublicKey: String?
    /// An OAuth 2.0 access token (Gmail, Microsoft 365): sent with SASL XOAUTH2 or
    /// OAUTHBEARER instead of the password, which is then not used.
    public var bearerToken: String?
    /// The longest the server may stay silent, in seconds: connecting, logging in, and
    /// between any two pieces of data afterwards. A slow but steady big fetch never times out.
    public var timeout: TimeInterval = 30
    /// The longest the whole session may last, in seconds from the start of connecting.
    /// A server that drips a byte now and then is never silent long enough for `timeout`;
    /// this stops it. Nil: no limit.
    public var timeLimit: TimeInterval?
    /// A transfer slower than this, while a response is awaited, is given up: one stalled
    /// transfer must not use up the whole `timeLimit`.
    public var lowSpeedLimit = LowSpeedLimit(bytesPerSecond: 1024, seconds: 60)

    /// libcurl's `CURLOPT_LOW_SPEED_LIMIT`/`_TIME`, applied by this client: fewer than
    /// `bytesPerSecond × seconds` bytes in `seconds` of waiting for the server.
    public struct LowSpeedLimit: Sendable, Equatable {
        public var bytesPerSecond: Int
        public var seconds: Int

        public init(bytesPerSecond: Int, seconds: Int) {
            self.bytesPerSecond = bytesPerSecond
            self.seconds = seconds
        }
    }

    public init(url: URL, username: String, password: String, caFile: String? = nil, timeout: TimeInterval = 30) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }

    /// The mailbox named by the URL path, percent-decoded; `INBOX` when the path is empty.
    /// IMAP URL parameters (`;UIDVALIDITY=…`) are not part of the name.
    public var mailbox: String {
        var path = url.path(percentEncoded: false)
        if let parameters = path.firstIndex(of: ";") { path = String(path[..<parameters]) }
        let name = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return name.isEmpty ? "INBOX" : name
    }

    var usesImplicitTLS: Bool { url.scheme?.lowercased() == "imaps" }

    /// Scheme, host and port, read by the rule SMTP shares.
    var serverAddress: ServerAddress { ServerAddress(url) }

    /// Loopback by name or address, decided without DNS (see `ServerAddress`).
    var hostIsLoopback: Bool { serverAddress.hostIsLoopback }

    /// The URL handed to libcurl: scheme, host and port only. With `CURLOPT_CONNECT_ONLY`
    /// curl ignores the path, and leaving it out keeps curl from ever selecting a mailbox.
    func connectionURL() throws(MailError) -> String {
        let scheme = try serverAddress.checkedScheme(plain: "imap", implicitTLS: "imaps", urlName: "mailbox URL \(url.absoluteString)")
        return "\(scheme)://\(serverAddress.hostAndPortForCurl)/"
    }

    /// A short name for messages: `imaps://host:port`, never the credentials.
    public var displayName: String { serverAddress.displayName }
}
