import Dispatch
import Documents
import Foundation

/// Documents of the next few messages, read by reader children while this process reads
/// the current message: a first poll spent half its time waiting for one child at a
/// time, on a machine with a core to spare. At most `children` run at once; every
/// reading is still kept by the main thread, in message order (`DocumentIntake`).
final class DocumentReadAhead: @unchecked Sendable {
    private let sandbox: DocumentSandbox
    private let trustedCAFile: String?
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var started: [String: Pending] = [:]

    private final class Pending: @unchecked Sendable {
        let done = DispatchGroup()
        var reading: DocumentReading?
    }

    init(sandbox: DocumentSandbox, trustedCAFile: String?,
         children: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))) {
        self.sandbox = sandbox
        self.trustedCAFile = trustedCAFile
        self.slots = DispatchSemaphore(value: children)
    }

    /// Starts reading a file unless it is already being read.
    func start(_ attachment: MIMEAttachmentBytes, sha256: String) {
        let pending = Pending()
        lock.lock()
        guard started[sha256] == nil else {
            lock.unlock()
            return
        }
        started[sha256] = pending
        lock.unlock()
        pending.done.enter()
        let sandbox = sandbox, trustedCAFile = trustedCAFile, slots = slots
        DispatchQueue.global().async {
            slots.wait()
            pending.reading = sandbox.read(attachment.content, fileName: attachment.fileName,
                                           mediaType: attachment.mediaType, trustedCAFile: trustedCAFile)
            slots.signal()
            pending.done.leave()
        }
    }

    /// The reading started for this file, once the child is done; nil when none was.
    func take(_ sha256: String) -> DocumentReading? {
        lock.lock()
        let pending = started.removeValue(forKey: sha256)
        lock.unlock()
        guard let pending else { return nil }
        pending.done.wait()
        return pending.reading
    }

    /// Waits for the readings nobody took (a message that turned out not to need them),
    /// so that no child outlives the poll that started it.
    func finish() {
        lock.lock()
        let rest = Array(started.values)
        started.removeAll()
        lock.unlock()
        for pending in rest { pending.done.wait() }
    }
}

/// What a reader child is given of an attached file.
struct MIMEAttachmentBytes: Sendable {
    var content: Data
    var fileName: String?
    var mediaType: String
}
