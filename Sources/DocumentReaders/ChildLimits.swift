import Documents
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The resource limits the reading child puts on itself before touching the document.
enum ChildLimits {
    /// No document reader has a reason to write files; a library that tries (a font cache)
    /// gets EFBIG instead of filling the disk.
    static let fileSizeBytes: rlim_t = 1 << 20

    static func apply(_ limits: DocumentLimits) {
        closeInheritedDescriptors()
        // The kernel sends SIGXCPU at the soft limit and SIGKILL at the hard one.
        set(RLIMIT_CPU, soft: rlim_t(limits.cpuSeconds), hard: rlim_t(limits.cpuSeconds + 1))
        set(RLIMIT_AS, soft: rlim_t(limits.memoryBytes), hard: rlim_t(limits.memoryBytes))
        set(RLIMIT_CORE, soft: 0, hard: 0)
        set(RLIMIT_FSIZE, soft: fileSizeBytes, hard: fileSizeBytes)
        // Past RLIMIT_FSIZE a write should fail, not kill the reader with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// A parent without close-on-exec on everything (libcurl's sockets, say) must not hand
    /// the reader its mailbox connection; posix_spawn's closefrom is not in Swift's Glibc, so
    /// the child closes what it inherited beyond stdin, stdout and stderr.
    private static func closeInheritedDescriptors() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for fd in names.compactMap({ Int32($0) }) where fd > 2 {
            close(fd)
        }
    }

    private static func set(_ resource: __rlimit_resource, soft: rlim_t, hard: rlim_t) {
        var current = rlimit()
        getrlimit(Int32(resource.rawValue), &current)
        // An unprivileged process cannot raise a hard limit someone already lowered.
        let hardLimit = min(hard, current.rlim_max)
        var wanted = rlimit(rlim_cur: min(soft, hardLimit), rlim_max: hardLimit)
        setrlimit(Int32(resource.rawValue), &wanted)
    }
}
