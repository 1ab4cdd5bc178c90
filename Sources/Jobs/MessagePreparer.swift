import DonDoc
import Foundation
import Mail
import Store

/// Parses and attributes the messages ahead of their turn on a thread of its own, and
/// starts reading their documents, while the run's thread writes the messages before
/// them. Parsing and attribution are most of a message's cost and depend on nothing
/// the run writes, so on two cores a first poll no longer waits for one after the other.
///
/// The run's thread still decides everything in message order: it takes each result
/// when its turn comes (waiting if the thread is not there yet), checks it against the
/// store, and writes it. A crash on this thread names the message it was on
/// (`CrashWitness.processingAhead`).
final class MessagePreparer: @unchecked Sendable {
    struct Prepared: Sendable {
        var kept: MessageProcessor.Kept
        var facts: MessageFacts?
        /// What the envelope and body say, before any document is read.
        var attribution: Attribution?
    }

    /// What the thread needs; all of it safe to use from a second thread (the store
    /// reads through its own connection).
    struct Work: Sendable {
        let store: MessageStore
        let attributor: Attributor
        let documents: DocumentIntake
    }

    private let work: Work
    private let condition = NSCondition()
    private var waiting: [Int64] = []
    private var working: Int64?
    private var done: [Int64: Prepared] = [:]
    private var stopping = false
    private var running = false

    init(_ work: Work) {
        self.work = work
    }

    /// Queues a message; the thread starts with the first one.
    func submit(_ id: Int64) {
        condition.lock()
        defer { condition.unlock() }
        waiting.append(id)
        if !running {
            running = true
            let thread = Thread { [self] in loop() }
            // As deep as the run's own: hostile nesting is parsed here too.
            thread.stackSize = 8 << 20
            thread.start()
        }
        condition.broadcast()
    }

    /// The result for a submitted message, once the thread has it; nil when it could
    /// not be prepared (the run's thread then does the work itself).
    func take(_ id: Int64) -> Prepared? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.contains(id) || working == id { condition.wait() }
        return done.removeValue(forKey: id)
    }

    /// Stops the thread after the message it is on, and waits for it.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        waiting.removeAll()
        done.removeAll()
    }

    private func loop() {
        CrashWitness.readingAheadOnThisThread()
        condition.lock()
        while true {
            while waiting.isEmpty && !stopping { condition.wait() }
            if stopping { break }
            let id = waiting.removeFirst()
            working = id
            condition.unlock()
            let prepared = Self.prepare(id, work)
            condition.lock()
            done[id] = prepared
            working = nil
            condition.broadcast()
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }

    private static func prepare(_ id: Int64, _ work: Work) -> Prepared? {
        CrashWitness.processingAhead(id)
        defer { CrashWitness.doneProcessingAhead() }
        guard let kept = try? MessageProcessor.parseKept(id, in: work.store) else { return nil }
        guard case .parsed(let message, _) = kept else { return Prepared(kept: kept) }
        let hashes = message.attachments.map { SHA256.hex($0.content) }
        let facts = MessageFacts(message)
        let attribution = work.attributor.attribute(facts)
        // The documents of mail that is nobody's report are never opened (see `process`).
        if MessageProcessor.readsDocuments(of: attribution) {
            try? work.documents.readAhead(zip(message.attachments, hashes).map { DocumentIntake.File(attachment: $0, sha256: $1) })
        }
        return Prepared(kept: .parsed(message, hashes: hashes), facts: facts, attribution: attribution)
    }
}
