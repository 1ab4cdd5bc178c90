import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Names the message a run was processing when a crash signal ended it, so that the next
/// run sets that one message aside at once instead of dying on it at every poll.
///
/// Why a witness and not only a count of runs that died: `kill -9`, a reboot or an
/// operator's Ctrl-C end a run at whatever message it had reached, and the same message
/// is reached again at the same instant of the next run, so counting deaths blames
/// innocent mail. A SIGSEGV, a Swift trap (SIGILL/SIGTRAP) or an abort comes from inside
/// and is the message's doing; SIGKILL cannot be caught and so never names anything.
///
/// The handler only calls async-signal-safe functions (open, write, close, sigaction,
/// raise) on memory prepared before any message is read.
enum CrashWitness {
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    nonisolated(unsafe) private static var markerPath: UnsafeMutablePointer<CChar>?
    /// "<message id> " while a message is being processed; empty otherwise.
    nonisolated(unsafe) private static let line = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    nonisolated(unsafe) private static var lineLength = 0
    /// The same for the message the read-ahead thread is parsing and attributing, and
    /// that thread: a fault is delivered to the thread that made it, which names its own
    /// message; a signal sent from outside lands on any thread and names either.
    nonisolated(unsafe) private static let aheadLine = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    nonisolated(unsafe) private static var aheadLineLength = 0
    nonisolated(unsafe) private static var aheadThread: pthread_t?
    /// The actions in place before ours, restored before the signal is raised again so
    /// that the Swift runtime's crash report still prints.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static var installed = false

    /// Where the marker of a crash is written for the store at `storePath`.
    static func markerPath(forStore storePath: String) -> String { storePath + ".crashed" }

    /// Installs the handlers once per process and points them at this store's marker.
    static func watch(storePath: String) {
        let path = markerPath(forStore: storePath)
        free(markerPath)
        markerPath = strdup(path)
        lineLength = 0
        aheadLineLength = 0
        guard !installed else { return }
        installed = true
        giveThreadASignalStack()
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                CrashWitness.recordCrash(signal: signal)
                // Let the previous handler (the runtime's crash report) run now, then end
                // the process whatever it did: a signal sent from outside would otherwise
                // be survived, and the run would go on under a marker that is not true.
                sigaction(signal, CrashWitness.previous + Int(signal), nil)
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, signal)
                pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
                raise(signal)
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
            action.sa_flags = Int32(SA_ONSTACK)
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// A stack overflow can only be reported from a stack of its own, and each thread
    /// has its own: called once by every thread that processes messages.
    static func giveThreadASignalStack() {
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
        stack.ss_size = 1 << 16
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
    }

    /// Marks `id` as the message whose processing a crash would be blamed on.
    static func processing(_ id: Int64) {
        write(id, into: line, length: &lineLength)
    }

    static func doneProcessing() { lineLength = 0 }

    /// The read-ahead thread names itself once, then each message it works on.
    static func readingAheadOnThisThread() {
        aheadThread = pthread_self()
        giveThreadASignalStack()
    }

    static func processingAhead(_ id: Int64) {
        write(id, into: aheadLine, length: &aheadLineLength)
    }

    static func doneProcessingAhead() { aheadLineLength = 0 }

    private static func write(_ id: Int64, into buffer: UnsafeMutablePointer<UInt8>, length: inout Int) {
        let text = Array("\(id) ".utf8.prefix(31))
        length = 0   // never half a number, should a signal come in between
        text.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: $0.count) }
        length = text.count
    }

    /// Writes "<id> <signal>" to the marker when a message is being processed. Called
    /// from the signal handler, and by tests in its place.
    static func recordCrash(signal: Int32) {
        let onAheadThread = aheadThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
        let (blamed, length) = (onAheadThread && aheadLineLength > 0) || lineLength == 0
            ? (aheadLine, aheadLineLength) : (line, lineLength)
        guard length > 0, let markerPath else { return }
        let fd = open(markerPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        _ = Glibc.write(fd, blamed, length)
        var digits: (UInt8, UInt8, UInt8) = (UInt8(ascii: "0") + UInt8(truncatingIfNeeded: signal / 10 % 10),
                                             UInt8(ascii: "0") + UInt8(truncatingIfNeeded: signal % 10),
                                             UInt8(ascii: "\n"))
        _ = withUnsafeBytes(of: &digits) { Glibc.write(fd, $0.baseAddress, 3) }
        close(fd)
    }

    /// The message a crash was blamed on, and the signal; the marker is removed.
    static func takeMarker(storePath: String) -> (messageID: Int64, signal: Int32)? {
        let path = markerPath(forStore: storePath)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        unlink(path)
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let id = Int64(fields[0]), let signal = Int32(fields[1]) else { return nil }
        return (id, signal)
    }
}
