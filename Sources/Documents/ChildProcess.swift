import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one program in its own process group with bytes on stdin, collecting stdout and the
/// end of stderr, and kills the whole group at a deadline. Used for the document reader
/// and for `password_command`.
///
/// Written on posix_spawn and poll rather than Foundation's Process: Process cannot put the
/// child in a new process group (a reader's helpers must die with it), and its pipes raise
/// SIGPIPE in the parent when a child exits without reading its input.
package struct ChildProcess {
    package struct Outcome {
        package enum End: Equatable {
            case exited(Int32)
            case signalled(Int32)
            case timedOut
            case couldNotStart(String)
        }

        package var end: End
        package var stdout: Data
        /// The last bytes the child wrote to stderr, for the one-line detail.
        package var stderrTail: Data
        package var stdoutOverflowed: Bool
        /// User and system CPU time the child used (its helpers not counted): whether it was
        /// stopped at its CPU limit, whichever signal did it.
        package var cpuSeconds: Double = 0
    }

    var executable: URL
    var arguments: [String]
    var environment: [String: String]
    var input: Data
    var wallSeconds: Double
    var maxOutputBytes: Int
    var stderrTailBytes = 2048

    package init(executable: URL, arguments: [String], environment: [String: String], input: Data,
                 wallSeconds: Double, maxOutputBytes: Int) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.input = input
        self.wallSeconds = wallSeconds
        self.maxOutputBytes = maxOutputBytes
    }

    package func run() -> Outcome {
        var stdinPair: [Int32] = [-1, -1]
        var stdoutPair: [Int32] = [-1, -1]
        var stderrPair: [Int32] = [-1, -1]
        // Socket pairs rather than pipes: they are born close-on-exec (pipe2 is not in Swift's
        // Glibc), and writing to a child that already exited gives EPIPE under MSG_NOSIGNAL
        // instead of a SIGPIPE that would end the whole poll.
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &stdinPair) == 0, socketpair(AF_UNIX, type, 0, &stdoutPair) == 0,
              socketpair(AF_UNIX, type, 0, &stderrPair) == 0 else {
            for fd in stdinPair + stdoutPair + stderrPair where fd >= 0 { close(fd) }
            return Outcome(end: .couldNotStart("no pipes: \(String(cString: strerror(errno)))"), stdout: Data(),
                           stderrTail: Data(), stdoutOverflowed: false)
        }
        let spawned = spawn(stdin: stdinPair[1], stdout: stdoutPair[1], stderr: stderrPair[1])
        close(stdinPair[1]); close(stdoutPair[1]); close(stderrPair[1])
        guard case let .success(pid) = spawned else {
            close(stdinPair[0]); close(stdoutPair[0]); close(stderrPair[0])
            if case let .failure(reason) = spawned {
                return Outcome(end: .couldNotStart(reason.message), stdout: Data(), stderrTail: Data(), stdoutOverflowed: false)
            }
            return Outcome(end: .couldNotStart("spawn failed"), stdout: Data(), stderrTail: Data(), stdoutOverflowed: false)
        }
        var exchange = PipeExchange(input: input, stdin: stdinPair[0], stdout: stdoutPair[0], stderr: stderrPair[0],
                                    maxOutputBytes: maxOutputBytes, stderrTailBytes: stderrTailBytes)
        let deadline = Date().addingTimeInterval(wallSeconds)
        let finishedInTime = exchange.run(until: deadline) && waitForExit(pid, until: deadline)
        // The group goes, helpers included, before the child is reaped: until then its id
        // cannot name anything else.
        kill(-pid, SIGKILL)
        let (status, cpuSeconds) = reap(pid)
        exchange.closeAll()
        let end: Outcome.End
        if !finishedInTime {
            end = .timedOut
        } else if status & 0x7F == 0 {
            end = .exited((status >> 8) & 0xFF)
        } else {
            end = .signalled(status & 0x7F)
        }
        return Outcome(end: end, stdout: exchange.stdoutData, stderrTail: exchange.stderrData,
                       stdoutOverflowed: exchange.stdoutOverflowed, cpuSeconds: cpuSeconds)
    }

    private struct SpawnFailure: Error { let message: String }

    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGXFSZ)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            return .failure(SpawnFailure(message: "cannot start \(executable.path): \(String(cString: strerror(result)))"))
        }
        return .success(pid)
    }

    /// Whether the child ended by the deadline. Leaves it unreaped (WNOWAIT).
    private func waitForExit(_ pid: pid_t, until deadline: Date) -> Bool {
        while true {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
                if info.si_pid() == pid { return true }
            } else if errno == ECHILD {
                return true
            }
            if Date() >= deadline { return false }
            usleep(10_000)
        }
    }

    /// The wait status and the CPU seconds the child used.
    private func reap(_ pid: pid_t) -> (Int32, Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return (status, seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }
}

private extension siginfo_t {
    /// The pid field sits in a union that Swift sees as nested anonymous structs.
    func si_pid() -> pid_t {
        _sifields._kill.si_pid
    }
}
