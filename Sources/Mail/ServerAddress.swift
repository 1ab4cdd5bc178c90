import Foundation

/// The scheme, host and port of a mail server URL, read the same way for IMAP and SMTP so
/// that both protocols decide "may this password travel in plain text?" by one rule.
struct ServerAddress: Sendable {
    /// Lowercased; `nil` when the URL has none.
    let scheme: String?
    /// Without the brackets of an IPv6 literal: `::1`, not `[::1]`; empty when missing.
    let host: String
    let port: Int?

    init(_ url: URL) {
        scheme = url.scheme?.lowercased()
        var host = url.host(percentEncoded: false) ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        port = url.port
    }

    /// Loopback by name or address, decided without DNS: a resolver cannot talk us into
    /// sending a password in the clear.
    var hostIsLoopback: Bool {
        let host = self.host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The scheme, when it is `plain` or `implicitTLS` and the URL names a host; what libcurl
    /// is given is built from it. `urlName` names the URL in the error (`mailbox URL …`).
    func checkedScheme(plain: String, implicitTLS: String, urlName: String) throws(MailError) -> String {
        guard let scheme, scheme == plain || scheme == implicitTLS else {
            throw .invalidEndpoint("\(urlName) must start with \(implicitTLS):// or \(plain)://")
        }
        guard !host.isEmpty else {
            throw .invalidEndpoint("\(urlName) names no host")
        }
        return scheme
    }

    /// `host:port` as libcurl wants it in a URL: an IPv6 literal back in brackets, and
    /// no port when the URL named none (the scheme's default).
    var hostAndPortForCurl: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return hostPart + portSuffix
    }

    /// A short name for messages: `imaps://host:port`, never the credentials.
    var displayName: String {
        "\(scheme ?? "?")://\(host)\(portSuffix)"
    }

    private var portSuffix: String { port.map { ":\($0)" } ?? "" }
}
