import DonDoc
import Foundation
import Mail
import Store
import MailTemplates

/// Acknowledgments of receipt (xác nhận đã nhận): Decree 30/2020/NĐ-CP asks the Office
/// to tell a sender the same day that an electronic document arrived.
struct Receipts {
    let campaign: Campaign
    let store: MessageStore
    let templates: MailTemplates

    /// Writes a receipt for every recent submission that has none and deserves one.
    func enqueueDue(now: Date) throws(StoreError) -> [OutboxEntry] {
        var written: [OutboxEntry] = []
        // By when dondoc stored it and when the mailbox received it: the same day, with a
        // margin (36 hours unless the campaign says) for a poll that could not send.
        let since = now.addingTimeInterval(-TimeInterval(campaign.reminders.receiptWindowHours) * 3600)
        let due = try store.submissionsAwaitingReceipt(storedSince: since, receivedSince: since)
        guard !due.isEmpty else { return [] }
        let learned = try store.learnedSenders()
        for (stored, attribution) in due {
            guard let agencyID = attribution.agencyID, let agency = campaign.agency(id: agencyID),
                  let parsed = try? MIMEParser.parse(try store.rawMessage(stored.id)),
                  let recipient = recipient(of: parsed)
            else { continue }
            let copies = Self.copies(to: agency, sender: recipient, learned: learned)
            let entry = compose(stored, parsed, agency: agency, to: recipient, copies: copies, now: now)
            if let entry = try store.enqueue(entry) { written.append(entry) }
        }
        return written
    }

    /// The address to acknowledge, or nil when RFC 3834 says not to answer: automatic
    /// mail, list mail, an empty return path, or our own address.
    func recipient(of message: MIMEMessage) -> String? {
        guard let from = message.from?.address, from != campaign.office.address.lowercased() else { return nil }
        if let auto = message.header("Auto-Submitted"), auto.lowercased() != "no" { return nil }
        if let precedence = message.header("Precedence")?.lowercased(),
           ["bulk", "list", "junk", "auto_reply"].contains(precedence) { return nil }
        if message.header("List-Id") != nil || message.header("X-Autoreply") != nil { return nil }
        if message.header("Return-Path")?.trimmingCharacters(in: .whitespaces) == "<>" { return nil }
        return from
    }

    /// The agency's own addresses, when the report came from an address that is not one
    /// of them (a clerk's personal mailbox, or someone reporting in its name): the agency
    /// learns that its report was received, and from whom.
    static func copies(to agency: Agency, sender: String, learned: [String: String]) -> [String] {
        let sender = sender.lowercased()
        guard !agency.emails.contains(sender), learned[sender] != agency.id else { return [] }
        return agency.emails
    }

    func compose(_ stored: StoredMessage, _ parsed: MIMEMessage, agency: Agency, to recipient: String,
                 copies: [String] = [], now: Date) -> OutboxEntry {
        let files = parsed.attachments.filter { !$0.isInline }
            .map { ReceiptFile(name: $0.fileName ?? "(không tên)", size: $0.content.count) }
        let context = ReceiptMailContext(campaign: campaign, agency: agency, files: files, receivedAt: stored.receivedAt,
                                         originalSubject: parsed.subject, originalMessageID: parsed.messageID)
        let rendered = templates.receipt(context)
        let messageID = OutgoingMail.receiptID(campaign, acknowledging: stored.sha256)
        let message = OutgoingMessage(
            from: OutgoingMail.officeAddress(campaign),
            to: [MailAddress(name: parsed.from?.name, address: recipient)],
            cc: copies.map { MailAddress(name: agency.name, address: $0) },
            replyTo: OutgoingMail.officeAddress(campaign),
            subject: rendered.subject,
            messageID: messageID,
            inReplyTo: parsed.messageID,
            references: parsed.references + (parsed.messageID.map { [$0] } ?? []),
            date: now,
            autoSubmitted: "auto-replied",
            textBody: rendered.body,
            extraHeaders: [OutgoingMail.campaignHeader(campaign)])
        return OutboxEntry(purpose: .receipt, agencyID: agency.id, kind: "receipt",
                           localDate: LocalDate(now, in: campaign.timeZone).iso, messageID: messageID,
                           replyToMessage: stored.id, recipients: [recipient] + copies, subject: rendered.subject,
                           raw: MIMEComposer.compose(message, timeZone: campaign.timeZone), createdAt: now)
    }
}
