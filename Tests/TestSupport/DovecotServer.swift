import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Dovecot IMAP server for one test, in its own temporary folder, on free loopback
/// ports: plain IMAP with STARTTLS on `imapPort`, implicit TLS on `imapsPort`, one user
/// with a Maildir INBOX. Certificates come from `TestCertificates` (trust `caFile`).
///
/// Stops in `stop()` or when released. Needs `/usr/sbin/dovecot` (package dovecot-imapd).
public final class DovecotServer {
    public static let executable = "/usr/sbin/dovecot"

    public let directory: URL
    public private(set) var imapPort: UInt16 = 0
    /// Zero when started with `tls: false`.
    public private(set) var imapsPort: UInt16 = 0
    public let certificates: TestCertificates
    public let username = "tester"
    public let password = "correct horse battery staple"
    /// The INBOX: a Maildir with `cur`, `new`, `tmp`.
    public let maildir: URL
    public let logFile: URL
    /// Whether TLS is offered (implicit TLS port and STARTTLS).
    public let tls: Bool
    /// The owner of the mail files. Dovecot refuses to serve mail as root, so under root
    /// this is `nobody` (65534); otherwise the current user.
    let mailUID: uid_t
    let mailGID: gid_t
    /// The Dovecot master, in a process group of its own with the children it starts.
    private var process: ServerProcess?

    public var caFile: String { certificates.caFile }
    public var unrelatedCAFile: String { certificates.unrelatedCAFile }

    /// Starts Dovecot and returns once both ports accept connections.
    public init(tls: Bool = true) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw TestSupportError("\(Self.executable) is missing; install dovecot-imapd")
        }
        self.tls = tls
        certificates = try TestCertificates.shared()
        directory = try makeTemporaryDirectory(prefix: "dondoc-dovecot")
        maildir = directory.appendingPathComponent("home/\(username)/Maildir", isDirectory: true)
        logFile = directory.appendingPathComponent("dovecot.log")
        let isRoot = getuid() == 0
        mailUID = isRoot ? 65534 : getuid()
        mailGID = isRoot ? 65534 : getgid()
        try createMaildir()
        try start()
    }

    deinit { stop() }

    /// `imaps://127.0.0.1:port/mailbox` (or `imap://` with `scheme: "imap"`).
    public func url(scheme: String = "imaps", host: String = "127.0.0.1", mailbox: String = "INBOX") -> URL {
        let port = scheme == "imaps" ? imapsPort : imapPort
        return URL(string: "\(scheme)://\(host):\(port)/\(mailbox)")!
    }

    /// What Dovecot logged so far: logins (with `TLS` when encrypted), errors.
    public var log: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Every IMAP command clients sent after logging in, in order, as Dovecot logged them
    /// (`EXAMINE "INBOX"`, `UID FETCH 1:3 (UID BODY.PEEK[])`, …). Dovecot writes its log
    /// asynchronously: a command appears a few milliseconds after its completion.
    public var commands: [String] {
        log.split(separator: "\n").compactMap { line in
            guard let marker = line.range(of: "Debug: Command finished: ") else { return nil }
            return String(line[marker.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// Stops the server and waits for it to exit. Safe to call twice.
    public func stop() {
        process?.stop()
        process = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// Kills the server and every connection it serves at once, keeping its mail, as a
    /// crash or a reboot of the mail host would. `resume()` starts it again.
    public func halt() {
        process?.stop()
        process = nil
    }

    /// Starts a halted server again on the same ports, so campaign files still reach it.
    public func resume() throws {
        guard process == nil else { return }
        try start(keepingPorts: true)
    }

    // MARK: Starting

    private func start(keepingPorts: Bool = false) throws {
        var lastFailure = ""
        for _ in 0..<5 {
            if !keepingPorts {
                imapPort = try LoopbackPort.free()
                imapsPort = tls ? try LoopbackPort.free() : 0
            }
            guard imapPort != imapsPort else { continue }
            let configurationFile = directory.appendingPathComponent("dovecot.conf")
            try configuration().write(to: configurationFile, atomically: true, encoding: .utf8)
            let console = directory.appendingPathComponent("console.log")
            let process = try ServerProcess(executable: Self.executable, arguments: ["-F", "-c", configurationFile.path],
                                            console: console)
            let start = process.waitUntilReady(within: 10) {
                LoopbackPort.accepts(imapPort) && (!tls || LoopbackPort.accepts(imapsPort))
            }
            if start == .ready {
                self.process = process
                return
            }
            process.stop()
            lastFailure = log + ((try? String(contentsOf: console, encoding: .utf8)) ?? "")
            // A port taken between choosing and binding: try other ports. Anything else is fatal.
            guard lastFailure.contains("in use") else { break }
            // The same ports may take a moment to be free again after a halt.
            if keepingPorts { usleep(200_000) }
        }
        throw TestSupportError("Dovecot did not start in \(directory.path): \(lastFailure)")
    }

    private func configuration() throws -> String {
        let base = directory.path
        let usersFile = directory.appendingPathComponent("users")
        let home = maildir.deletingLastPathComponent().path
        // passwd-file line: user:password:uid:gid:gecos:home:shell
        try "\(username):{PLAIN}\(password):\(mailUID):\(mailGID)::\(home)::\n"
            .write(to: usersFile, atomically: true, encoding: .utf8)
        for folder in ["run", "state"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var lines = [
            "base_dir = \(base)/run",
            "state_dir = \(base)/state",
            "log_path = \(logFile.path)",
            "protocols = imap",
            "listen = 127.0.0.1",
            "mail_location = maildir:~/Maildir",
            "first_valid_uid = 1",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain login",
            // A failed login must not slow down the next test's login.
            "auth_failure_delay = 0",
            // Logs every IMAP command a client sends, for `commands`.
            "log_debug = event=imap_command_finished",
            "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}",
            "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN \(usersFile.path)\n}",
            "userdb {\n  driver = passwd-file\n  args = \(usersFile.path)\n}",
        ]
        if getuid() != 0, let user = getpwuid(getuid()).map({ String(cString: $0.pointee.pw_name) }) {
            // Without root Dovecot cannot switch to its own users; run everything as us.
            lines += ["default_login_user = \(user)", "default_internal_user = \(user)"]
        }
        if tls {
            lines += [
                "ssl = yes",
                "ssl_cert = <\(certificates.serverCertificateFile)",
                "ssl_key = <\(certificates.serverKeyFile)",
            ]
            lines.append("""
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = \(imapPort)
                  }
                  inet_listener imaps {
                    address = 127.0.0.1
                    port = \(imapsPort)
                    ssl = yes
                  }
                }
                """)
        } else {
            lines += ["ssl = no"]
            lines.append("""
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = \(imapPort)
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                """)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
