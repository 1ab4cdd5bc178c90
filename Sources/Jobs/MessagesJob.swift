import DonDoc
import Foundation
import Store
import Reports

/// `dondoc messages`: every stored message with the decision about it.
public struct MessagesJob {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    public func run(reviewOnly: Bool, format: OutputFormat) throws(JobError) -> String {
        let store: MessageStore
        let listings: [MessageListing]
        let undelivered: [(mailbox: String, undelivered: UndeliveredUID)]
        do {
            store = try MessageStore(path: campaign.storePath)
            listings = try store.listMessages(kinds: reviewOnly ? Self.needsAPerson : nil)
            undelivered = try store.allUndeliveredUIDs(polls: PollJob.pollsBeforeAPersonIsTold)
        } catch {
            throw .store(error)
        }
        switch format {
        case .json: return try json(listings)
        case .text: return ([text(listings)] + notSentByTheServer(undelivered)).joined(separator: "\n")
        }
    }

    /// Mail the server found and would not send, poll after poll: not in the store, so a
    /// person reads it in the mailbox (and records it with `record` if it is a report).
    func notSentByTheServer(_ undelivered: [(mailbox: String, undelivered: UndeliveredUID)]) -> [String] {
        guard !undelivered.isEmpty else { return [] }
        let timestamps = Timestamps(zone: campaign.timeZone)
        return ["", "Not sent by the server (read these in the mailbox; a report among them is recorded with dondoc record):"]
            + undelivered.map { mailbox, missing in
                TerminalText.clean("  UID \(missing.uid) in \(mailbox): asked for in \(missing.polls) polls since "
                    + "\(timestamps.short(missing.firstMissedAt)), never sent")
            }
    }

    /// What a person must look at: doubt about the agency, and mail that could not be read.
    static let needsAPerson: Set<String> = [MessageKind.review.rawValue, MessageKind.unparseable.rawValue]

    func json(_ listings: [MessageListing]) throws(JobError) -> String {
        let timestamps = Timestamps(zone: campaign.timeZone)
        let rows = listings.map { listing in
            MessageJSON(
                id: listing.message.id,
                message_id: listing.message.messageID,
                from: listing.message.fromAddress,
                from_name: listing.message.fromName,
                subject: listing.message.subject,
                received_at: timestamps.iso(listing.message.receivedAt),
                agency: listing.attribution?.agencyID,
                kind: listing.attribution?.kind ?? "pending",
                reasons: listing.attribution?.reasons ?? [],
                candidates: listing.attribution?.candidates ?? [],
                attachments: listing.attachmentNames,
                size: listing.message.size,
                sha256: listing.message.sha256)
        }
        return try JSONText.of(rows)
    }

    func text(_ listings: [MessageListing]) -> String {
        guard !listings.isEmpty else { return "no messages" }
        let timestamps = Timestamps(zone: campaign.timeZone)
        var table = TextTable(columns: ["#", "received", "kind", "agency", "from", "subject"])
        for listing in listings {
            let m = listing.message
            table.add([
                "\(m.id)",
                timestamps.short(m.receivedAt),
                listing.attribution?.kind ?? "pending",
                listing.attribution?.agencyID ?? "-",
                m.fromAddress ?? "-",
                m.subject ?? "",
            ])
        }
        return table.render(maxLastColumn: 50)
    }
}

struct MessageJSON: Encodable {
    var id: Int64
    var message_id: String?
    var from: String?
    var from_name: String?
    var subject: String?
    var received_at: String
    var agency: String?
    var kind: String
    var reasons: [String]
    var candidates: [String]
    var attachments: [String]
    var size: Int
    var sha256: String

    // Keep explicit nulls: a consumer must see "agency": null, not a missing key.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(message_id, forKey: .message_id)
        try c.encode(from, forKey: .from)
        try c.encode(from_name, forKey: .from_name)
        try c.encode(subject, forKey: .subject)
        try c.encode(received_at, forKey: .received_at)
        try c.encode(agency, forKey: .agency)
        try c.encode(kind, forKey: .kind)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(size, forKey: .size)
        try c.encode(sha256, forKey: .sha256)
    }

    enum CodingKeys: String, CodingKey {
        case id, message_id, from, from_name, subject, received_at, agency, kind, reasons, candidates, attachments, size, sha256
    }
}
