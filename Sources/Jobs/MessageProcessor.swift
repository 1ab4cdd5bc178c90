import DonDoc
import Documents
import Foundation
import Mail
import Store

/// Turns stored raw messages into parsed headers, attachments and an attribution.
/// Separate from fetching so that a crash between the two loses nothing: whatever is
/// stored but not processed is processed by the next run.
struct MessageProcessor {
    let campaign: Campaign
    let store: MessageStore
    let attributor: Attributor
    /// nil: documents are not opened, and the envelope alone decides.
    let documents: DocumentIntake?
    /// While `processPending` runs, what was found is gathered here and written in one
    /// transaction per batch; a lone `process` writes at once.
    private let batch = PendingWrites()

    init(campaign: Campaign, store: MessageStore, documentReader: DocumentSandbox? = nil) throws(StoreError) {
        self.campaign = campaign
        self.store = store
        self.documents = documentReader.map {
            DocumentIntake(store: store, sandbox: $0, trustedCAFile: campaign.trustedCAFile,
                           readAhead: DocumentReadAhead(sandbox: $0, trustedCAFile: campaign.trustedCAFile))
        }
        // A reply quoting one of our reminders or receipts names its agency; an address
        // a person tied to an agency counts like one from the campaign file.
        self.attributor = Attributor(campaign: campaign, sentMessageIDs: try store.sentMessageIDs(),
                                     learnedSenders: try store.learnedSenders())
    }

    /// Runs that may die as they begin with one message, with no crash to blame it, before
    /// it is given up as unreadable. Such deaths come from outside (kill -9, a reboot, the
    /// kernel out of memory) and land on whatever message the run had reached, so one
    /// or two prove nothing; a message that keeps exhausting memory must still not stop
    /// every later poll there.
    static let parseAttemptsAllowed = 5

    /// Processes every pending message, oldest first. A message GMime cannot read is
    /// kept raw and queued for a person: one bad message never stops the batch.
    /// `lastCrash` names a message that crashed the previous run (see `CrashWitness`).
    /// `keepingResults: false` returns nothing and hands each result to `onMessage` only,
    /// so that memory does not grow with the mailbox.
    @discardableResult
    func processPending(now: Date, lastCrash: (messageID: Int64, signal: Int32)? = nil, keepingResults: Bool = true,
                        onMessage: (ProcessedMessage) -> Void = { _ in }) throws(StoreError) -> [ProcessedMessage] {
        let pending = try store.pendingMessageIDs()
        guard let first = pending.first else { return [] }
        try store.beginParsing(first)
        batch.isGathering = true
        defer { batch.isGathering = false }
        var processed: [ProcessedMessage] = []
        var ahead = ReadAhead(pending: pending, skipping: lastCrash?.messageID)
        defer { documents?.readAhead?.finish() }
        // Declared after, so stopped before: no child is started once the run ends.
        let preparer = documents.flatMap { documents in
            documents.readAhead.map { _ in
                MessagePreparer(.init(store: store, attributor: attributor, documents: documents))
            }
        }
        defer { preparer?.finish() }
        for (index, id) in pending.enumerated() {
            // Not before the first message is written: a run that dies reading ahead must
            // not make the next begin with a message read without harm (see above).
            if index > 0, let preparer { try readAhead(&ahead, after: index, into: preparer) }
            let message: ProcessedMessage
            if let lastCrash, lastCrash.messageID == id {
                message = try giveUp(id, reason: "dondoc crashed (signal \(lastCrash.signal)) while reading this message; it is kept raw for a person",
                                     now: now)
            } else {
                let prepared = ahead.take(id) ? preparer?.take(id) : nil
                message = try process(id, now: now, prepared: prepared)
            }
            if keepingResults { processed.append(message) }
            // The first message is written alone: a run that dies later in the batch must not
            // make the next one begin again with a message that was read without harm, or
            // the count of runs dying on it would blame it.
            if id == first || batch.records.count >= Self.messagesPerCommit || batch.bytes >= Self.bytesPerCommit {
                try flush()
            }
            onMessage(message)
        }
        try flush()
        return processed
    }

    /// Messages, or attachment bytes, written per transaction while processing a poll.
    static let messagesPerCommit = 64
    static let bytesPerCommit = 32 << 20

    private func flush() throws(StoreError) {
        try store.recordProcessed(batch.records)
        batch.records.removeAll(keepingCapacity: true)
        batch.messageIDs.removeAll(keepingCapacity: true)
        batch.bytes = 0
    }

    private func save(_ record: ProcessedRecord, messageID: String? = nil) throws(StoreError) {
        guard batch.isGathering else { return try store.recordProcessed([record]) }
        batch.records.append(record)
        batch.bytes += record.bytes
        if let messageID { batch.messageIDs.insert(messageID) }
    }

    func process(_ id: Int64, now: Date, prepared: MessagePreparer.Prepared? = nil) throws(StoreError) -> ProcessedMessage {
        CrashWitness.processing(id)
        defer { CrashWitness.doneProcessing() }
        if try store.parseAttempts(id) > Self.parseAttemptsAllowed {
            return try giveUp(id, reason: "dondoc stopped \(Self.parseAttemptsAllowed) times while reading this message; it is kept raw for a person",
                              now: now)
        }
        let kept: Kept
        if let prepared { kept = prepared.kept } else { kept = try Self.parseKept(id, in: store) }
        let message: MIMEMessage
        var hashes: [String]?
        switch kept {
        case .tooLarge(let size, let kept):
            return try giveUp(id, reason: "too large to store: \(size) bytes; only its first \(kept) are kept, read it in the mailbox",
                              now: now, note: "Thư quá lớn để lưu (\(size / 1_048_576) MB): chỉ giữ phần đầu thư; "
                                  + "cần xem trực tiếp trong hộp thư và ghi nhận bằng tay (dondoc assign hoặc record).")
        case .unparseable(let reason):
            return try giveUp(id, reason: reason, now: now)
        case .parsed(let parsed, let known):
            message = parsed
            hashes = known
        }
        let attachments = message.attachments.enumerated().map { position, part in
            StoredAttachment(messageRowID: id, position: position, fileName: part.fileName, mediaType: part.mediaType,
                             sha256: hashes?[position] ?? SHA256.hex(part.content), content: part.content, isInline: part.isInline,
                             fromForwardedMessage: part.fromForwardedMessage, damage: part.damage?.rawValue)
        }
        let headers = ParsedHeaders(messageID: message.messageID, fromAddress: message.from?.address,
                                    fromName: message.from?.name, subject: message.subject, dateHeader: message.date)
        // A copy is recognised against what is written: one in this batch is written first.
        if let messageID = message.messageID, batch.messageIDs.contains(messageID) { try flush() }
        if let copy = try copyOfAnEarlierMessage(id, message, attachments) {
            try save(.parsed(id, headers, attachments, record(copy, for: id, now: now)), messageID: message.messageID)
            return ProcessedMessage(id: id, from: message.from?.address, subject: message.subject, attribution: copy)
        }
        var facts = prepared?.facts ?? MessageFacts(message)
        var attribution = prepared?.attribution ?? attributor.attribute(facts)
        if let documents, Self.readsDocuments(of: attribution) {
            let files = zip(message.attachments, attachments).map { DocumentIntake.File(attachment: $0, sha256: $1.sha256) }
            facts.documents = try documents.evidence(of: files, now: now)
            if !facts.documents.isEmpty { attribution = attributor.attribute(facts) }
        }
        try save(.parsed(id, headers, attachments, record(attribution, for: id, now: now)), messageID: message.messageID)
        if attribution.kind == .bounce, let report = message.deliveryReport {
            try noteBounce(report, receivedAt: try store.message(id)?.receivedAt ?? now, now: now)
        }
        return ProcessedMessage(id: id, from: message.from?.address, subject: message.subject, attribution: attribution)
    }

    /// Bounces, lists and automatic replies are nobody's report whatever they carry:
    /// opening what they carry would cost a child process each and decide nothing.
    static func readsDocuments(of attribution: Attribution) -> Bool {
        [.submission, .correspondence, .review].contains(attribution.kind)
    }

    enum Kept: Sendable {
        case tooLarge(size: Int, kept: Int)
        case unparseable(String)
        /// With its files' SHA-256 when they were already computed (reading ahead).
        case parsed(MIMEMessage, hashes: [String]? = nil)
    }

    /// Hands the next messages, up to `ReadAhead`'s bounds, to the preparer, which
    /// parses and attributes them and starts reading the documents of those a person
    /// wrote, so that its thread and reader children work while this one writes.
    private func readAhead(_ ahead: inout ReadAhead, after index: Int, into preparer: MessagePreparer) throws(StoreError) {
        while let next = ahead.next(after: index) {
            guard let size = try store.message(next)?.size, size <= ReadAhead.bytes,
                  try store.parseAttempts(next) <= Self.parseAttemptsAllowed else { continue }
            guard ahead.hasRoom(for: size) else { break }
            ahead.hold(next, weight: size)
            preparer.submit(next)
        }
    }

    /// The stored bytes, parsed. In a function of its own so that the bytes are released
    /// before the files are read and written: a 40 MB message would otherwise stay in
    /// memory beside its 30 MB attachment until the message is done.
    static func parseKept(_ id: Int64, in store: MessageStore) throws(StoreError) -> Kept {
        let (raw, size) = try store.keptMessage(id)
        if size > raw.count { return .tooLarge(size: size, kept: raw.count) }
        do {
            return .parsed(try MIMEParser.parse(raw))
        } catch {
            switch error { case .unparseable(let reason): return .unparseable(reason) }
        }
    }

    /// A message already stored in other bytes: the mailbox was moved or restored and
    /// the new server re-encoded it. Counted once, acknowledged once.
    private func copyOfAnEarlierMessage(_ id: Int64, _ message: MIMEMessage,
                                        _ attachments: [StoredAttachment]) throws(StoreError) -> Attribution? {
        guard let messageID = message.messageID, let from = message.from?.address, let date = message.date,
              let original = try store.earlierCopy(of: id, messageID: messageID, fromAddress: from, date: date,
                                                   attachmentHashes: attachments.map(\.sha256))
        else { return nil }
        return Attribution(agencyID: nil, kind: .copy, reasons: [
            "Bản sao của thư #\(original) đã lưu (cùng Message-ID, người gửi, ngày gửi và tệp đính kèm; "
                + "máy chủ thư đã mã hoá lại khi hộp thư được chuyển hoặc khôi phục): chỉ tính một lần.",
        ], candidates: [])
    }

    /// Keeps the raw bytes of a message that cannot be read and queues it for a person.
    private func giveUp(_ id: Int64, reason: String, now: Date, note: String? = nil) throws(StoreError) -> ProcessedMessage {
        var facts = MessageFacts()
        facts.isUnparseable = true
        var attribution = attributor.attribute(facts)
        if let note { attribution.reasons = [note] }
        try save(.unparseable(id, error: reason, record(attribution, for: id, now: now)))
        return ProcessedMessage(id: id, from: nil, subject: "", attribution: attribution)
    }

    /// A delivery-status report about one of our mails marks that mail bounced: by the
    /// Message-ID it quotes, or else by the failed recipient among mail sent the week before.
    func noteBounce(_ report: DeliveryReport, receivedAt: Date, now: Date) throws(StoreError) {
        let failed = report.recipients.filter { ($0.action ?? "failed") == "failed" }
        let status = failed.first?.status ?? report.recipients.first?.status
        if let original = report.originalMessageID, try store.markBounced(messageID: original, status: status, at: now) {
            return
        }
        for recipient in failed {
            guard let address = recipient.finalRecipient else { continue }
            try store.markBounced(recipient: address, since: receivedAt.addingTimeInterval(-7 * 86_400),
                                  status: recipient.status, at: now)
        }
    }

    func record(_ attribution: Attribution, for id: Int64, now: Date) -> AttributionRecord {
        AttributionRecord(messageRowID: id, agencyID: attribution.agencyID, kind: attribution.kind.rawValue,
                          reasons: attribution.reasons, candidates: attribution.candidates,
                          decidedBy: "dondoc", decidedAt: now)
    }
}

/// One message that a run stored and understood, for the per-message output line.
public struct ProcessedMessage: Sendable {
    public var id: Int64
    public var from: String?
    public var subject: String
    public var attribution: Attribution
}

/// Which pending messages are parsed ahead of their turn, and how much they hold: at
/// most `messages` of them, and `bytes` of raw mail (a larger message waits its turn).
///
/// A reader child takes 60–100 ms from spawn to answer, while a message without
/// documents is read here in about 3 ms: a document must start a few dozen messages
/// before its turn or the run waits for it. With 8 messages ahead, a first poll of 1,000
/// bench messages (5% with a PDF) spent 4 of its 8.7 s waiting; with 256 it took 3.1–3.7 s
/// on a quiet machine.
/// The byte bound, not this one, is what limits memory.
struct ReadAhead {
    static let messages = 256
    static let bytes = 16 << 20

    let pending: [Int64]
    let skipping: Int64?
    private var weights: [Int64: Int] = [:]
    private var held = 0
    private var cursor = 1

    init(pending: [Int64], skipping: Int64?) {
        self.pending = pending
        self.skipping = skipping
    }

    /// The next message to parse ahead, from the one at `index` (whose documents then
    /// start with the next ones'), if the window allows.
    mutating func next(after index: Int) -> Int64? {
        cursor = max(cursor, index)
        while cursor < pending.count, cursor <= index + Self.messages {
            let id = pending[cursor]
            cursor += 1
            if id != skipping { return id }
        }
        return nil
    }

    /// Whether a message of `size` bytes fits now; when it does not, it is asked for again
    /// once messages before it are done.
    mutating func hasRoom(for size: Int) -> Bool {
        guard held + size <= Self.bytes else {
            cursor -= 1
            return false
        }
        return true
    }

    mutating func hold(_ id: Int64, weight: Int) {
        weights[id] = weight
        held += weight
    }

    /// Whether the message was handed out to be read ahead; its room is given back.
    mutating func take(_ id: Int64) -> Bool {
        guard let weight = weights.removeValue(forKey: id) else { return false }
        held -= weight
        return true
    }
}

/// The records of a processing run not yet written. A class, so that the processor (a
/// value) can gather into it from its non-mutating methods; used by one run at a time.
private final class PendingWrites {
    var isGathering = false
    var records: [ProcessedRecord] = []
    var messageIDs: Set<String> = []
    var bytes = 0
}
