import Foundation
import Jobs
#if canImport(Glibc)
import Glibc
#endif

/// One line on stderr, redrawn in place, while a long poll fetches and reads: for a
/// person at a terminal only. Cron and pipes get nothing, and short polls neither (a bar
/// that flashes for a second says less than the summary line after it).
final class ProgressBar: @unchecked Sendable {  // every access holds `lock`
    static let smallestWorthABar = 200
    private let lock = NSLock()
    private var drawn = false

    /// A bar when stderr is a terminal and the run was not asked to be quiet.
    static func forTerminal(quiet: Bool) -> ProgressBar? {
        !quiet && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func update(_ progress: PollProgress) {
        guard progress.total >= Self.smallestWorthABar else { return }
        let width = 30
        let filled = min(width, progress.done * width / max(progress.total, 1))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let verb = progress.phase == .fetching ? "fetching" : "reading "
        lock.withLock {
            FileHandle.standardError.write(Data("\r\(verb) [\(bar)] \(progress.done)/\(progress.total)".utf8))
            drawn = true
        }
    }

    /// Clears the line, so that what is printed next starts clean.
    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }
}
