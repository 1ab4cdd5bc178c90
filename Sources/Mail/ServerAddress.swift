import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// sending a password in the clear. Only for a host `checkedScheme` accepted: what
    /// this reads is then exactly what libcurl connects to.
    var hostIsLoopback: Bool {
        let host = self.host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let loopback6 = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
        let mappedV4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
        return loopback6 || mappedV4
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
        try checkHost(urlName: urlName)
        return scheme
    }

    /// A host is a DNS name in ASCII, an IPv4 address or an IPv6 literal, and libcurl must
    /// read it as the same host: `192.0.2.2%2F.localhost` decodes to a "name" ending in
    /// `.localhost` that libcurl would send to 192.0.2.2, password and all. Anything else
    /// is refused before connecting, as a configuration error.
    private func checkHost(urlName: String) throws(MailError) {
        let isIPv6 = host.contains(":")
        if isIPv6 {
            var address = in6_addr()
            guard inet_pton(AF_INET6, host, &address) == 1 else {
                throw .invalidEndpoint("\(urlName): \"\(Self.shown(host))\" is not an IPv6 address (zone ids are not accepted)")
            }
        } else {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let labelsOK = labels.enumerated().allSatisfy { index, label in
                (label.isEmpty && index == labels.count - 1 && index > 0)   // one trailing dot
                    || (!label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                        && label.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") })
            }
            guard labelsOK, host.count <= 253 else {
                throw .invalidEndpoint("\(urlName): \"\(Self.shown(host))\" is not a host name; write a name of letters, digits, "
                    + "dots and hyphens (an international name in its xn-- form) or an IP address")
            }
        }
        guard let curlHost = Self.hostAsCurlReads(scheme: scheme ?? "imap", hostAndPortForCurl),
              curlHost.lowercased() == (isIPv6 ? "[\(host)]" : host).lowercased() else {
            throw .invalidEndpoint("\(urlName): libcurl would not connect to \"\(Self.shown(host))\" as written; check the host")
        }
    }

    /// The host part of `scheme://hostAndPort/` as libcurl's own URL parser reads it.
    private static func hostAsCurlReads(scheme: String, _ hostAndPort: String) -> String? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, "\(scheme)://\(hostAndPort)/", 0) == CURLUE_OK else { return nil }
        var part: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_HOST, &part, 0) == CURLUE_OK, let part else { return nil }
        defer { curl_free(part) }
        return String(cString: part)
    }

    /// A host as it may appear in an error line: control characters shown as `?`.
    private static func shown(_ host: String) -> String {
        String(host.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
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
