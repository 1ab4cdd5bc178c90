import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file beside the store, so that two cron runs never
/// poll or send at once. The kernel drops it when the process dies, `kill -9` included:
/// no stale lock to clean up by hand.
final class RunLock {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(JobError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .lockUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            throw busy ? .alreadyRunning(lockPath: path) : .lockUnavailable(path: path, reason: reason)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
