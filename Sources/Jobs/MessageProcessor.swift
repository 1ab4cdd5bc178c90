import DonDoc
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

    init(campaign: Campaign, store: MessageStore) {
        self.campaign = campaign
        self.store = store
        // Reminders and person-learnt senders arrive with later capabilities; until
        // then attribution works from the campaign file alone.
        self.attributor = Attributor(campaign: campaign)
    }

    /// Processes every pending message; one bad message never stops the batch.
    func processPending(now: Date) throws(StoreError) -> [ProcessedMessage] {
        var processed: [ProcessedMessage] = []
        for id in try store.pendingMessageIDs() {
            processed.append(try process(id, now: now))
        }
        return processed
    }

    func process(_ id: Int64, now: Date) throws(StoreError) -> ProcessedMessage {
        let raw = try store.rawMessage(id)
        let message: MIMEMessage
        do {
            message = try MIMEParser.parse(raw)
        } catch {
            let reason: String
            switch error { case .unparseable(let text): reason = text }
            var facts = MessageFacts()
            facts.isUnparseable = true
            let attribution = attributor.attribute(facts)
            try store.recordUnparseable(id, error: reason, attribution: record(attribution, for: id, now: now))
            return ProcessedMessage(id: id, from: nil, subject: "", attribution: attribution)
        }
        let attachments = message.attachments.enumerated().map { position, part in
            StoredAttachment(messageRowID: id, position: position, fileName: part.fileName, mediaType: part.mediaType,
                             sha256: SHA256.hex(part.content), content: part.content, isInline: part.isInline,
                             fromForwardedMessage: part.fromForwardedMessage)
        }
        let attribution = attributor.attribute(MessageFacts(message))
        let headers = ParsedHeaders(messageID: message.messageID, fromAddress: message.from?.address,
                                    fromName: message.from?.name, subject: message.subject, dateHeader: message.date)
        try store.recordParsed(id, headers: headers, attachments: attachments,
                               attribution: record(attribution, for: id, now: now))
        return ProcessedMessage(id: id, from: message.from?.address, subject: message.subject, attribution: attribution)
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
