import DonDoc
import Documents
import Foundation
import Reports
import Configuration

/// Fetches a password from where the campaign file says it lives. Secrets never come
/// from the campaign file itself and are never logged or stored.
enum Secrets {
    static func resolve(_ source: SecretSource, for what: String,
                        environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> String
    {
        switch source {
        case .file(let path):
            return try fromFile(path, for: what)
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw .secret("\(what) password: environment variable \(name) is not set; export it or use password_file")
            }
            return value
        case .command(let command):
            return try fromCommand(command, for: what, environment: environment)
        }
    }

    static func fromFile(_ path: String, for what: String) throws(ConfigError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .secret("\(what) password file \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        // A password anyone on the server can read is not a secret; refuse it the way
        // ssh refuses a readable private key, so the fix is made once, not never.
        // Group access counts too: the group of a file in /etc is rarely dondoc's alone,
        // and a password others may write is one they choose.
        if info.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH) != 0 {
            throw .secret("\(what) password file \(path) can be read or changed by other users; run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .secret("\(what) password file \(path) cannot be read as UTF-8 text")
        }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw .secret("\(what) password file \(path) is empty") }
        return password
    }

    /// How long `password_command` may take: a secret store waiting for a passphrase
    /// nobody will type must not hold a cron run, and its lock, for ever.
    static let commandSeconds = 30.0

    /// The environment `password_command` gets: enough to find programs and the user's
    /// keyring, and nothing else; a password in another variable (`password_env` of the
    /// other server) is not passed on.
    static let passedToCommands = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TZ",
                                   "XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS", "GNUPGHOME", "PASSWORD_STORE_DIR"]

    /// Runs `command` with `/bin/sh` in its own process group, killed with all it started
    /// when the time is up, and killed by the kernel if dondoc dies first (`setpriv
    /// --pdeathsig`, util-linux, always on Debian).
    static func fromCommand(_ command: String, for what: String, seconds: Double = commandSeconds,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> String {
        var childEnvironment = environment.filter { passedToCommands.contains($0.key) }
        if childEnvironment["PATH"] == nil { childEnvironment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        let setpriv = "/usr/bin/setpriv"
        let shell = ["/bin/sh", "-c", command]
        let usesSetpriv = FileManager.default.isExecutableFile(atPath: setpriv)
        let child = ChildProcess(executable: URL(fileURLWithPath: usesSetpriv ? setpriv : "/bin/sh"),
                                 arguments: usesSetpriv ? ["--pdeathsig", "KILL", "--"] + shell : Array(shell.dropFirst()),
                                 environment: childEnvironment, input: Data(), wallSeconds: seconds,
                                 maxOutputBytes: 64 * 1024)
        let outcome = child.run()
        let said = String(decoding: outcome.stderrTail.suffix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map { ": \(TerminalText.clean(String($0)))" } ?? ""
        switch outcome.end {
        case .couldNotStart(let reason):
            throw .secret("\(what) password_command cannot start: \(reason)")
        case .timedOut:
            throw .secret("\(what) password_command did not finish within \(Int(seconds)) s and was stopped; check that it needs no terminal")
        case .signalled(let signal):
            throw .secret("\(what) password_command was killed by signal \(signal)\(said)")
        case .exited(let status) where status != 0:
            throw .secret("\(what) password_command exited with status \(status)\(said)")
        case .exited:
            break
        }
        let password = String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw .secret("\(what) password_command printed nothing") }
        return password
    }
}
