import DonDoc
import Foundation
import Mail
import Store

/// What dondoc's own mail looks like on the wire: stable Message-IDs that attribution
/// recognises in replies, and the headers every automatic mail carries.
enum OutgoingMail {
    /// The domain of the office's address: our Message-IDs are ours.
    static func domain(_ campaign: Campaign) -> String {
        campaign.office.address.split(separator: "@").last.map(String.init) ?? "dondoc.invalid"
    }

    /// One per (agency, kind, local date): writing the same reminder again yields the
    /// same Message-ID, and a reply quoting it names the agency.
    static func reminderID(_ campaign: Campaign, agencyID: String, kind: ReminderKind, date: LocalDate) -> String {
        let day = date.iso.replacingOccurrences(of: "-", with: "")
        return "<\(campaign.id).\(agencyID).\(kind.rawValue).\(day)@\(domain(campaign))>"
    }

    /// One per acknowledged message, from its bytes: stable even if the store is rebuilt.
    static func receiptID(_ campaign: Campaign, acknowledging sha256: String) -> String {
        "<\(campaign.id).receipt.\(sha256.prefix(20))@\(domain(campaign))>"
    }

    static func officeAddress(_ campaign: Campaign) -> MailAddress {
        MailAddress(name: campaign.office.name, address: campaign.office.address)
    }

    static func campaignHeader(_ campaign: Campaign) -> MIMEHeaderField {
        MIMEHeaderField(name: "X-Dondoc-Campaign", value: campaign.id)
    }
}

/// Sends the pending mail of one purpose through one SMTP connection and records each
/// answer. A 4xx leaves the mail pending for the next run; a 5xx records it as failed;
/// losing the connection stops the batch with the rest still pending.
struct OutboxSender {
    let campaign: Campaign
    let store: MessageStore

    struct Outcome: Sendable {
        var sent: [OutboxEntry] = []
        var deferred: [(entry: OutboxEntry, reply: SMTPReply)] = []
        var failed: [(entry: OutboxEntry, reply: SMTPReply)] = []
        /// The connection broke after the server had the whole message: it may have
        /// arrived, so it is recorded `interrupted` and never sent again.
        var mayHaveArrived: [OutboxEntry] = []
        /// Set when the server could not be reached or refused the login: what is
        /// left stays pending, and the command exits with this error's status.
        var stoppedBy: MailError?
    }

    /// `endpoint`: the server with its password resolved, when the caller did so before
    /// taking its lock; resolved here otherwise, and only when there is mail to send.
    func send(_ entries: [OutboxEntry], now: Date, endpoint: SMTPEndpoint? = nil) throws(JobError) -> Outcome {
        var outcome = Outcome()
        guard !entries.isEmpty else { return outcome }
        let resolved: SMTPEndpoint
        if let endpoint { resolved = endpoint } else { resolved = try Endpoints.smtp(campaign) }
        let sender: SMTPSender
        do { sender = try SMTPSender(endpoint: resolved) } catch { throw .mail(error) }
        defer { sender.close() }
        do {
            for entry in entries {
                guard let id = entry.id else { continue }
                try store.markSending(id, at: now)
                let answer: Result<Void, SMTPSendError>
                do {
                    try sender.send(envelopeFrom: campaign.office.address, recipients: entry.recipients, message: entry.raw)
                    answer = .success(())
                } catch {
                    answer = .failure(error)
                }
                switch answer {
                case .success:
                    try store.recordAttempt(id, status: .sent, smtpCode: 250, at: now)
                    outcome.sent.append(entry)
                case .failure(.temporary(let reply)):
                    try store.recordAttempt(id, status: .pending, smtpCode: reply.code, error: reply.text, at: now)
                    outcome.deferred.append((entry, reply))
                case .failure(.permanent(let reply)):
                    try store.recordAttempt(id, status: .failed, smtpCode: reply.code, error: reply.text, at: now)
                    outcome.failed.append((entry, reply))
                case .failure(.connection(let mailError)):
                    // Nothing reached the server unless DATA had gone out: then the mail
                    // is `interrupted` at once, as the store and what the run prints agree.
                    if sender.lastFailureMayHaveDelivered {
                        try store.recordAttempt(id, status: .interrupted, error: mailError.message, at: now)
                        outcome.mayHaveArrived.append(entry)
                    } else {
                        try store.recordAttempt(id, status: .pending, error: mailError.message, at: now)
                    }
                    outcome.stoppedBy = mailError
                    return outcome
                }
            }
        } catch {
            throw .store(error)
        }
        return outcome
    }
}
