import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Feeds a child's stdin while draining its stdout and stderr, on one thread with poll(2),
/// so that no pipe can fill up and stall either side.
struct PipeExchange {
    private let input: Data
    private var written = 0
    private var stdin: Int32
    private var stdout: Int32
    private var stderr: Int32
    private let maxOutputBytes: Int
    private let stderrTailBytes: Int
    private(set) var stdoutData = Data()
    private(set) var stderrData = Data()
    private(set) var stdoutOverflowed = false

    init(input: Data, stdin: Int32, stdout: Int32, stderr: Int32, maxOutputBytes: Int, stderrTailBytes: Int) {
        self.input = input
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.maxOutputBytes = maxOutputBytes
        self.stderrTailBytes = stderrTailBytes
        for fd in [stdin, stdout, stderr] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        if input.isEmpty { closeStdin() }
    }

    /// Until both output pipes reach end of file (true) or the deadline passes (false).
    mutating func run(until deadline: Date) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while stdout >= 0 || stderr >= 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var fds: [pollfd] = []
            if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            if stdout >= 0 { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            for entry in fds where entry.revents != 0 {
                // Compared against the current descriptors: one handled earlier in this
                // round may have closed.
                if entry.fd == stdin {
                    feed()
                } else if entry.fd == stdout || entry.fd == stderr {
                    drain(entry.fd, into: &buffer)
                }
            }
        }
        return true
    }

    mutating func closeAll() {
        closeStdin()
        if stdout >= 0 { close(stdout); stdout = -1 }
        if stderr >= 0 { close(stderr); stderr = -1 }
    }

    private mutating func feed() {
        let count = input.withUnsafeBytes { bytes in
            send(stdin, bytes.baseAddress! + written, min(bytes.count - written, 256 * 1024), Int32(MSG_NOSIGNAL))
        }
        if count > 0 {
            written += count
            if written >= input.count { closeStdin() }
        } else if count < 0 && errno != EAGAIN && errno != EINTR {
            // The child stopped reading (it exited, or refused the size): its answer says why.
            closeStdin()
        }
    }

    private mutating func drain(_ fd: Int32, into buffer: inout [UInt8]) {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if count <= 0 {
            close(fd)
            if fd == stdout { stdout = -1 } else { stderr = -1 }
            return
        }
        if fd == stdout {
            if stdoutData.count + count > maxOutputBytes {
                stdoutOverflowed = true
            } else {
                stdoutData.append(contentsOf: buffer[0..<count])
            }
        } else {
            stderrData.append(contentsOf: buffer[0..<count])
            if stderrData.count > stderrTailBytes { stderrData = stderrData.suffix(stderrTailBytes) }
        }
    }

    private mutating func closeStdin() {
        if stdin >= 0 {
            // Shut down, then close: the child sees end of file even if it inherited a copy.
            shutdown(stdin, Int32(SHUT_WR))
            close(stdin)
            stdin = -1
        }
    }
}
