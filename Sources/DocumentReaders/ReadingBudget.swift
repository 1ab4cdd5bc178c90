import Documents
import Foundation

/// How long one reading may go on. The child process is killed at its limits anyway; the
/// budget lets the slow parts (OCR, the entries of an archive) stop on their own first, so
/// that what was read by then still comes back.
struct ReadingBudget: Sendable {
    let deadline: Date

    init(seconds: Double) {
        deadline = Date().addingTimeInterval(seconds)
    }

    /// Four fifths of the tighter of the CPU and wall limits: time to write the answer remains.
    init(limits: DocumentLimits) {
        self.init(seconds: min(Double(limits.cpuSeconds), limits.wallSeconds) * 0.8)
    }

    var remaining: TimeInterval { deadline.timeIntervalSinceNow }

    var exhausted: Bool { remaining <= 0.5 }
}
