import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A test server's child process (Dovecot, aiosmtpd), started with posix_spawn in a
/// process group of its own so that `stop()` ends exactly its processes: the one started
/// and every child it forked. Stopped, at the latest, when released.
final class ServerProcess {
    /// What became of the process while `waitUntilReady` watched it.
    enum Start: Equatable {
        case ready
        case exited
        case timedOut
    }

    let processID: pid_t
    /// Set once the process has been waited for: its ID (and group ID) may then belong to
    /// another process, which must never be sent a signal.
    private var reaped = false

    /// Starts `executable` with `arguments`, standard output and error going to `console`
    /// (truncated first) and standard input from `/dev/null`.
    /// - Parameter environment: `NAME=value` pairs; `nil` passes on the test's own.
    init(executable: String, arguments: [String], console: URL, environment: [String]? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, console.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var argv = Self.cStrings([executable] + arguments)
        defer { for argument in argv { free(argument) } }
        var processID: pid_t = 0
        let result: Int32
        if let environment {
            var variables = Self.cStrings(environment)
            defer { for variable in variables { free(variable) } }
            result = posix_spawn(&processID, executable, &actions, &attributes, &argv, &variables)
        } else {
            result = posix_spawn(&processID, executable, &actions, &attributes, &argv, environ)
        }
        guard result == 0 else {
            throw TestSupportError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.processID = processID
    }

    deinit { stop() }

    /// Polls `isReady` every 10 ms until it holds, the process exits (it is then reaped),
    /// or `seconds` pass.
    func waitUntilReady(within seconds: TimeInterval, _ isReady: () -> Bool) -> Start {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(processID, &status, WNOHANG) != 0 {
                reaped = true
                return .exited
            }
            if isReady() { return .ready }
            usleep(10_000)
        }
        return .timedOut
    }

    /// SIGKILL to the whole process group, then reap the process. A graceful SIGTERM
    /// takes Dovecot 2–6 s here, and a test server's state is thrown away anyway; a
    /// waited-for process leaves no zombie behind. Safe to call twice.
    func stop() {
        guard !reaped else { return }
        kill(-processID, SIGKILL)
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
        reaped = true
    }

    /// NUL-terminated copies for a C `argv`/`envp`, ending in `nil`; free each one.
    private static func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) } + [nil]
    }
}
