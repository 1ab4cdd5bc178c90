import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the reading in a child process with limits, so that a PDF that crashes or hangs a C
/// library costs one unreadable document and never the poll.
public struct DocumentSandbox: Sendable {
    public let executable: URL
    public let limits: DocumentLimits

    /// The child's answer is a reading with at most 20 archived readings of 16 KB each; more
    /// than this is not an answer.
    static let maxAnswerBytes = 8 << 20

    public init(executable: URL, limits: DocumentLimits = .init()) {
        self.executable = executable
        self.limits = limits
    }

    /// Spawns `executable --type MEDIA [--name NAME] [--trusted-ca PEM]`, writes
    /// the bytes to its stdin, reads one JSON DocumentReading from stdout, and kills the process
    /// group after `limits.wallSeconds`. A crash, a timeout, a non-zero exit or bad JSON gives
    /// `.unreadable` with a detail saying which. Never throws.
    public func read(_ data: Data, fileName: String?, mediaType: String, trustedCAFile: String?) -> DocumentReading {
        guard data.count <= limits.maxInputBytes else {
            return .unreadable("larger than \(limits.maxInputBytes >> 20) MiB: not read")
        }
        var arguments = ["--type", mediaType]
        if let fileName { arguments += ["--name", fileName] }
        if let trustedCAFile { arguments += ["--trusted-ca", trustedCAFile] }
        let child = ChildProcess(executable: executable, arguments: arguments, environment: childEnvironment(),
                                 input: data, wallSeconds: limits.wallSeconds, maxOutputBytes: Self.maxAnswerBytes)
        return interpret(child.run())
    }

    /// A reading that says nothing of the file: the reader never ran (no process could be
    /// started), so the same file may well be read next time.
    public static func isTransient(_ reading: DocumentReading) -> Bool {
        reading.status == .unreadable && reading.detail?.hasPrefix(couldNotStartPrefix) == true
    }

    private static let couldNotStartPrefix = "the reader could not start"

    /// Only what the libraries need of the parent's environment (a password given by
    /// `password_env` must not sit beside a hostile PDF), plus what keeps the child within
    /// its address-space limit: glibc reserves 64 MiB per malloc arena and OpenMP (in
    /// Tesseract) one thread per core, which RLIMIT_AS counts although little is used.
    private func childEnvironment() -> [String: String] {
        let kept = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TESSDATA_PREFIX"]
        var environment = ProcessInfo.processInfo.environment.filter { kept.contains($0.key) }
        environment["DONDOC_READER_LIMITS"] = limits.environment
        environment["MALLOC_ARENA_MAX"] = "2"
        environment["OMP_THREAD_LIMIT"] = "1"
        // A crash is one line of detail; Swift's backtracer would spend time and memory (past
        // RLIMIT_AS, often) writing pages that push the libraries' last words out of the tail.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return environment
    }

    private func interpret(_ outcome: ChildProcess.Outcome) -> DocumentReading {
        switch outcome.end {
        case let .couldNotStart(reason):
            return .unreadable("\(Self.couldNotStartPrefix): \(reason)")
        case .timedOut:
            return .unreadable("the reader took more than \(Self.seconds(limits.wallSeconds)) s and was stopped")
        case let .signalled(signal) where signal == SIGXCPU || (signal == SIGKILL && outcome.cpuSeconds >= Double(limits.cpuSeconds)):
            // SIGXCPU at the soft limit; SIGKILL a second later for a reader that ignored it.
            return .unreadable("the reader used its \(limits.cpuSeconds) s of CPU (the CPU limit) and was stopped by \(Self.signalName(signal))")
        case let .signalled(signal):
            if let failure = Self.allocationFailure(outcome.stderrTail) {
                return .unreadable("\(memoryLimitReached(failure)) and was killed by signal \(signal) (\(Self.signalName(signal)))")
            }
            return .unreadable("the reader was killed by signal \(signal) (\(Self.signalName(signal)))")
        case let .exited(status) where status != 0:
            if let failure = Self.allocationFailure(outcome.stderrTail) {
                return .unreadable("\(memoryLimitReached(failure)) and exited with status \(status)")
            }
            return .unreadable("the reader exited with status \(status)\(Self.lastLine(outcome.stderrTail))")
        case .exited:
            guard !outcome.stdoutOverflowed else {
                return .unreadable("the reader's answer was larger than \(Self.maxAnswerBytes >> 20) MiB")
            }
            guard let reading = try? DocumentJSON.decoder.decode(DocumentReading.self, from: outcome.stdout) else {
                return .unreadable("the reader's answer was not a reading (\(outcome.stdout.count) bytes of bad JSON)")
            }
            return reading
        }
    }

    /// RLIMIT_AS makes an allocation fail rather than kill: the reader then dies of it (a
    /// library that dereferences the NULL, an uncaught std::bad_alloc) or gives up, having said
    /// on stderr what failed. The line that says so, if one does.
    static func allocationFailure(_ stderr: Data) -> String? {
        let markers = ["bad_alloc", "malloc fail", "cannot allocate memory", "could not allocate", "out of memory", "memoryerror"]
        return String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { line in markers.contains { line.lowercased().contains($0) } }
            .map { String($0.prefix(200)) }
    }

    private func memoryLimitReached(_ failure: String) -> String {
        "the reader ran out of memory (the memory limit, \(limits.memoryBytes >> 20) MiB of address space; it said \"\(failure)\")"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// SIGXCPU is the CPU limit, SIGKILL after it the hard limit or the kernel's OOM killer,
    /// SIGSEGV and SIGABRT a library that crashed (or ran out of address space).
    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGILL: return "SIGILL"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        case SIGXCPU: return "SIGXCPU"
        case SIGTRAP: return "SIGTRAP"
        default: return String(cString: strsignal(signal))
        }
    }

    private static func lastLine(_ stderr: Data) -> String {
        let line = String(decoding: stderr, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.isEmpty ? "" : ": \(line.prefix(300))"
    }
}
