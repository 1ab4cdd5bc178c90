import DonDoc
import Documents
import Foundation
import Logging
import Mail
import Store
import MailTemplates

/// What one poll did, for the closing summary line.
public struct PollSummary: Sendable {
    public var matched = 0          // messages the search found beyond the high-water mark
    public var stored = 0           // new to the store
    public var duplicates = 0       // bytes already stored (delivered twice, or re-found after a UIDVALIDITY change)
    public var notReceived = 0      // asked for but not sent by the server: asked again next poll
    public var undeliveredForAPerson = 0  // not sent in several polls: listed by `messages --review`
    public var tooLarge = 0         // kept only in part, queued for a person
    /// Messages read this poll, and how many of each kind: counted as they are read, not
    /// kept (a first poll of 100,000 messages held every decision in memory).
    public var read = 0
    public var kinds: [MessageKind: Int] = [:]
    public var uidValidityChanged = false
    public var receiptsSent = 0
    public var receiptsDeferred = 0
    public var receiptsFailed = 0
    /// Receipts a run stopped sending while the server held them (this run, or an earlier
    /// one that died): they may have arrived, and are never sent again.
    public var receiptsInterrupted = 0
    /// Receipts could not be written or sent; the intake itself succeeded. The command
    /// prints the summary, then this, and exits with its status.
    public var receiptError: JobError?

    public func count(_ kind: MessageKind) -> Int { kinds[kind] ?? 0 }

    public var line: String {
        var parts = ["\(stored) new", "\(duplicates) already stored"]
        if notReceived > 0 { parts.append("\(notReceived) not sent by the server (asked again next poll)") }
        if undeliveredForAPerson > 0 {
            parts.append("\(undeliveredForAPerson) not sent in \(PollJob.pollsBeforeAPersonIsTold) polls or more (see messages --review)")
        }
        if tooLarge > 0 { parts.append("\(tooLarge) too large to store whole (see messages --review)") }
        for kind in MessageKind.allCases {
            let n = count(kind)
            if n > 0 { parts.append("\(n) \(kind.rawValue)") }
        }
        if receiptsSent > 0 { parts.append("\(receiptsSent) receipts sent") }
        if receiptsDeferred > 0 { parts.append("\(receiptsDeferred) receipts deferred") }
        if receiptsFailed > 0 { parts.append("\(receiptsFailed) receipts refused") }
        if receiptsInterrupted > 0 {
            parts.append("\(receiptsInterrupted) receipts interrupted (may have arrived; not sent again)")
        }
        if uidValidityChanged { parts.append("mailbox UIDVALIDITY changed, re-scanned") }
        return "poll: " + parts.joined(separator: ", ")
    }
}

/// How far a poll has got, for a progress bar: messages fetched of those the search
/// found, then messages read of those stored.
public struct PollProgress: Sendable {
    public enum Phase: Sendable { case fetching, reading }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

/// `dondoc poll`: mailbox → store → attribution. The mailbox is only ever read.
public struct PollJob {
    public let campaign: Campaign
    public var logger: Logger
    /// How many messages, or bytes, to hold before committing a batch.
    public var batchMessages = 100
    public var batchBytes = 32 << 20
    /// Opens attached documents in a limited child process; nil reads none (the envelope
    /// alone decides).
    public var documentReader: DocumentSandbox?
    /// A message larger than this is not stored whole (SQLite refuses a blob of 1 GB, and
    /// no report weighs 256 MiB): its beginning is kept, flagged, and queued for a person.
    public var maximumMessageBytes = 256 << 20
    /// How much of such a message is kept: its header and the start of its body.
    static let keptBytesOfTooLargeMessage = 64 << 10
    /// The longest one poll may spend with the mailbox, in seconds, from connecting on
    /// (`mailbox.time_limit_seconds`). When it is up, what arrived whole is stored and
    /// the run ends with 75: a server dripping bytes cannot hold the poll and its lock.
    public var timeLimit: Int
    /// Called as messages are fetched and read; the CLI draws a bar when a person watches.
    public var progress: (@Sendable (PollProgress) -> Void)?

    public init(campaign: Campaign, logger: Logger = .quiet("dondoc.poll")) {
        self.campaign = campaign
        self.logger = logger
        timeLimit = campaign.mailbox.timeLimitSeconds
    }

    public func run(now: Date, onMessage: (ProcessedMessage) -> Void = { _ in }) throws(JobError) -> PollSummary {
        // The password first, before the lock: a password_command that waits for a
        // keyring holds up this run alone, never the next one.
        var endpoint = try Endpoints.imap(campaign)
        endpoint.timeLimit = TimeInterval(timeLimit)
        let lock = try RunLock(path: campaign.storePath + ".poll.lock")
        defer { withExtendedLifetime(lock) {} }
        let store: MessageStore
        do { store = try MessageStore(path: campaign.storePath) } catch { throw .store(error) }

        // Taken under the lock: only the run after the crash may act on its marker.
        let lastCrash = CrashWitness.takeMarker(storePath: campaign.storePath)
        CrashWitness.watch(storePath: campaign.storePath)
        if let lastCrash {
            logger.error("the last run crashed (signal \(lastCrash.signal)) while reading message \(lastCrash.messageID); it is set aside for a person")
        }

        var summary = PollSummary()
        do {
            try fetchNewMail(from: endpoint, into: store, summary: &summary, now: now)
        } catch let error as JobError {
            // What was committed stays committed; still understand it before failing.
            _ = try? MessageProcessor(campaign: campaign, store: store, documentReader: documentReader)
                .processPending(now: now, lastCrash: lastCrash)
            _ = try? DocumentFacts.keepMissing(in: store)
            throw error
        } catch {
            throw .dataError("poll stopped: \(error)")
        }
        do {
            let pendingCount = try store.pendingMessageIDs().count
            var read = 0
            // Building the attributor (every agency's names, folded) is a third of a poll
            // with nothing new: only when there is something to read.
            if pendingCount > 0 {
                var kinds: [MessageKind: Int] = [:]
                try MessageProcessor(campaign: campaign, store: store, documentReader: documentReader)
                    .processPending(now: now, lastCrash: lastCrash, keepingResults: false) { processed in
                        read += 1
                        kinds[processed.attribution.kind, default: 0] += 1
                        if read % 25 == 0 || read == pendingCount {
                            progress?(PollProgress(phase: .reading, done: read, total: pendingCount))
                        }
                        onMessage(processed)
                    }
                summary.read = read
                summary.kinds = kinds
            }
            // A store from before the report's document facts were kept, or from an older
            // header reader, gets them a slice per poll: the report then reads no page.
            if try DocumentFacts.keepMissing(in: store) > 0 { logger.info("derived stored documents' headers again") }
        } catch {
            throw .store(error)
        }
        logger.info("read \(summary.read) messages")
        if campaign.reminders.receipts {
            do {
                try acknowledge(store: store, summary: &summary, now: now)
            } catch {
                summary.receiptError = error
            }
        }
        return summary
    }

    /// Writes the receipts due and sends every pending one. Runs after the intake so
    /// that a broken template or an unreachable SMTP server never holds up the mail.
    private func acknowledge(store: MessageStore, summary: inout PollSummary, now: Date) throws(JobError) {
        let templates: MailTemplates
        do { templates = try MailTemplates(campaign: campaign) } catch { throw .config(error) }
        do {
            _ = try Receipts(campaign: campaign, store: store, templates: templates).enqueueDue(now: now)
        } catch {
            throw .store(error)
        }
        let pending: [OutboxEntry]
        let abandoned: [OutboxEntry]
        do {
            abandoned = try store.interruptAbandonedSends(.receipt, at: now)
            pending = try store.pendingOutbox(.receipt)
        } catch {
            throw .store(error)
        }
        let outcome = try OutboxSender(campaign: campaign, store: store).send(pending, now: now)
        for entry in outcome.sent {
            logger.info("receipt sent to \(entry.recipients.joined(separator: ", ")) (\(entry.agencyID ?? "-"))")
        }
        for entry in abandoned + outcome.mayHaveArrived {
            logger.warning("the receipt to \(entry.recipients.joined(separator: ", ")) was cut off while the server held it; it may have arrived and is not sent again")
        }
        summary.receiptsSent = outcome.sent.count
        summary.receiptsDeferred = outcome.deferred.count
        summary.receiptsFailed = outcome.failed.count
        summary.receiptsInterrupted = abandoned.count + outcome.mayHaveArrived.count
        if let stopped = outcome.stoppedBy { throw .mail(stopped) }
    }

    private func fetchNewMail(from endpoint: IMAPEndpoint, into store: MessageStore, summary: inout PollSummary,
                              now: Date) throws {
        let mailboxKey = campaign.mailbox.url.absoluteString

        let session: IMAPSession
        let status: MailboxStatus
        do {
            session = try IMAPSession(endpoint: endpoint)
            // No message costs more memory than the largest one stored whole.
            session.maximumMessageBytes = maximumMessageBytes
            session.keptBytesOfLargerMessage = Self.keptBytesOfTooLargeMessage
            status = try session.examine()
        } catch {
            throw JobError.mail(error)
        }
        defer { session.logout() }
        logger.info("connected to \(endpoint.displayName), mailbox \(endpoint.mailbox) opened read-only: \(status.exists) messages, UIDVALIDITY \(status.uidValidity)")

        var highest: UInt32 = 0
        do {
            if let state = try store.mailboxState(mailboxKey) {
                if state.uidValidity == status.uidValidity {
                    highest = state.highestUID
                } else {
                    // The server renumbered the mailbox (it was recreated or restored):
                    // every UID we knew is meaningless. Re-read it all; the bytes we
                    // already have are recognised and not stored again.
                    logger.warning("UIDVALIDITY of \(mailboxKey) changed from \(state.uidValidity) to \(status.uidValidity); re-scanning")
                    try store.resetMailbox(mailboxKey, uidValidity: status.uidValidity, now: now)
                    summary.uidValidityChanged = true
                }
            }
        } catch {
            throw JobError.store(error)
        }

        let searched: [UInt32]
        let undelivered: [UndeliveredUID]
        do {
            searched = try session.searchUIDs(from: highest &+ 1, since: campaign.opens.start(in: campaign.timeZone))
            undelivered = try store.undeliveredUIDs(mailbox: mailboxKey, uidValidity: status.uidValidity)
        } catch let error as MailError {
            throw JobError.mail(error)
        } catch let error as StoreError {
            throw JobError.store(error)
        }
        summary.matched = searched.count
        logger.info("search: \(searched.count) messages after UID \(highest) since the campaign opened")
        // A UID the server would not send is asked for again every poll, below the mark
        // too; once a person has been told of it, the mark may pass it, so that one
        // message the server cannot send does not make it send every later one again.
        let uids = Array(Set(searched).union(undelivered.map(\.uid))).sorted()
        // Counting this poll: if the UID does not come now, it has missed enough of them.
        // Passing it loses nothing, since it stays asked for until it comes.
        let toldAPerson = Set(undelivered.filter { $0.polls + 1 >= Self.pollsBeforeAPersonIsTold }.map(\.uid))
        guard !uids.isEmpty else {
            try recordEmptyScan(store, mailboxKey, status, highest, now)
            return
        }

        var batch: [IncomingMessage] = []
        var batchSize = 0
        // The high-water mark may only pass UIDs that are stored: servers answer FETCH in
        // any order and may leave a UID out, and one skipped now would never be asked again.
        var arrived = Set<UInt32>()
        var storedThrough = 0   // how many of `uids`, from the lowest, are all stored
        func commit() throws {
            guard !batch.isEmpty else { return }
            while storedThrough < uids.count,
                  arrived.contains(uids[storedThrough]) || toldAPerson.contains(uids[storedThrough]) {
                storedThrough += 1
            }
            let mark = storedThrough > 0 ? uids[storedThrough - 1] : highest
            let outcomes: [IngestOutcome]
            do {
                outcomes = try store.ingest(batch, mailbox: mailboxKey, uidValidity: status.uidValidity,
                                            highWater: mark, now: now)
            } catch {
                throw JobError.store(error)
            }
            for outcome in outcomes {
                switch outcome {
                case .stored: summary.stored += 1
                case .duplicate: summary.duplicates += 1
                }
            }
            logger.info("stored a batch of \(batch.count) messages (\(batchSize) bytes); high-water mark UID \(mark)")
            progress?(PollProgress(phase: .fetching, done: arrived.count, total: uids.count))
            batch.removeAll(keepingCapacity: true)
            batchSize = 0
        }
        do {
            try session.fetch(uids: uids) { fetched in
                if fetched.internalDate == nil {
                    logger.warning("UID \(fetched.uid) came with an INTERNALDATE that cannot be read; stored as received now")
                }
                let tooLarge = fetched.size > maximumMessageBytes
                if tooLarge {
                    summary.tooLarge += 1
                    logger.warning("UID \(fetched.uid) is \(fetched.size) bytes, more than \(maximumMessageBytes); only its beginning is kept, for a person to read in the mailbox")
                }
                // A date the server could not give is the moment dondoc received it.
                batch.append(IncomingMessage(
                    uid: fetched.uid, receivedAt: fetched.internalDate ?? now,
                    raw: tooLarge ? Data(fetched.raw.prefix(Self.keptBytesOfTooLargeMessage)) : fetched.raw,
                    sha256: fetched.wholeSHA256 ?? SHA256.hex(fetched.raw), size: fetched.size))
                arrived.insert(fetched.uid)
                batchSize += fetched.raw.count
                if batch.count >= batchMessages || batchSize >= batchBytes { try commit() }
            }
        } catch let error as MailError {
            try commit()   // keep what arrived whole before the connection failed
            throw JobError.mail(error)
        }
        try commit()
        let missed = uids.filter { !arrived.contains($0) }
        summary.notReceived = missed.count
        if summary.notReceived > 0 {
            logger.warning("\(summary.notReceived) of \(uids.count) messages asked for did not come; they are asked again next poll")
        }
        do {
            try store.recordUndelivered(missed: missed, arrived: undelivered.map(\.uid).filter(arrived.contains),
                                        mailbox: mailboxKey, uidValidity: status.uidValidity, now: now)
            summary.undeliveredForAPerson = try store.undeliveredUIDs(mailbox: mailboxKey, uidValidity: status.uidValidity,
                                                                      polls: Self.pollsBeforeAPersonIsTold).count
        } catch {
            throw JobError.store(error)
        }
    }

    /// Polls a UID may go undelivered before it is listed for a person (`messages --review`).
    static let pollsBeforeAPersonIsTold = 3

    /// A mailbox seen for the first time with nothing to fetch still gets its
    /// UIDVALIDITY recorded, so that a later change is noticed.
    private func recordEmptyScan(_ store: MessageStore, _ key: String, _ status: MailboxStatus,
                                 _ highest: UInt32, _ now: Date) throws {
        do {
            if try store.mailboxState(key) == nil {
                _ = try store.ingest([], mailbox: key, uidValidity: status.uidValidity, now: now)
            }
        } catch {
            throw JobError.store(error)
        }
    }
}
