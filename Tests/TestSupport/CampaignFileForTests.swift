import Foundation

/// The shipped Điện Biên campaign file, rewritten to point at a test Dovecot and a store
/// in a given folder: tests, the demo and the benchmarks all run against the file users
/// start from.
public enum CampaignFileForTests {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct Written: Sendable {
        public var configPath: String
        public var storePath: String
    }

    /// `caFile: .some(nil)` leaves the CA out; nil uses the server's own CA.
    public static func write(into folder: URL, server: DovecotServer, password: String? = nil,
                             caFile: String?? = nil, url: URL? = nil, smtp: SMTPServer? = nil,
                             smtpURL: URL? = nil) throws -> Written {
        let secret = folder.appendingPathComponent("imap.secret")
        guard FileManager.default.createFile(atPath: secret.path, contents: Data((password ?? server.password).utf8),
                                             attributes: [.posixPermissions: 0o600])
        else { throw TestSupportError("cannot write \(secret.path)") }
        let storePath = folder.appendingPathComponent("store.sqlite").path
        let ca = caFile ?? server.caFile
        var yaml = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml"),
                              encoding: .utf8)
        try replace(&yaml, "url: imaps://imap.example.org/INBOX", "url: \((url ?? server.url()).absoluteString)")
        try replace(&yaml, "  username: vanphong@hdnd.example.org\n  password_file: /etc/dondoc/imap.secret",
                    "  username: \(server.username)\n  password_file: \(secret.path)")
        try replace(&yaml, "ca_file: null", "ca_file: \(ca ?? "null")")
        if let smtp {
            let smtpSecret = folder.appendingPathComponent("smtp.secret")
            guard FileManager.default.createFile(atPath: smtpSecret.path, contents: Data(smtp.password.utf8),
                                                 attributes: [.posixPermissions: 0o600])
            else { throw TestSupportError("cannot write \(smtpSecret.path)") }
            try replace(&yaml, """
                  url: smtps://smtp.example.org
                  username: vanphong@hdnd.example.org
                  password_file: /etc/dondoc/smtp.secret
                """, """
                  url: \((smtpURL ?? smtp.url()).absoluteString)
                  username: \(smtp.username)
                  password_file: \(smtpSecret.path)
                  ca_file: \(smtp.caFile)
                """)
        } else {
            // No SMTP server in this test: nothing to send receipts with, and a secret
            // that exists keeps `check` happy.
            try replace(&yaml, "password_file: /etc/dondoc/smtp.secret", "password_file: \(secret.path)")
            try replace(&yaml, "receipts: true", "receipts: false")
        }
        try replace(&yaml, "path: /var/lib/dondoc/giai-trinh-2020-q2.sqlite", "path: \(storePath)")
        let configPath = folder.appendingPathComponent("campaign.yaml").path
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        return Written(configPath: configPath, storePath: storePath)
    }

    private static func replace(_ text: inout String, _ old: String, _ new: String) throws {
        guard text.contains(old) else {
            throw TestSupportError("examples/dien-bien-2020.yaml no longer contains \(old); update CampaignFileForTests")
        }
        text = text.replacingOccurrences(of: old, with: new)
    }
}
