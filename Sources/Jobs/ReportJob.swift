import DonDoc
import Foundation
import Mail
import Store
import Reports

/// `dondoc report`: the store read into plain facts, one Summary, rendered in the form
/// asked for, and optionally emailed to the secretariat.
public struct ReportJob {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    public func summary(now: Date) throws(JobError) -> Summary {
        let store: MessageStore
        do { store = try MessageStore(path: campaign.storePath) } catch { throw .store(error) }
        do {
            return Summary.make(campaign: campaign, facts: try facts(store), now: now)
        } catch {
            throw .store(error)
        }
    }

    public func render(_ summary: Summary, format: ReportFormat) throws(JobError) -> Data {
        switch format {
        case .text: Data((ReportText.render(summary) + "\n").utf8)
        case .csv: ReportCSV.render(summary)
        case .register: ReportRegister.render(summary)
        case .html: Data(ReportHTML.render(summary).utf8)
        case .json: Data((try JSONText.report(summary) + "\n").utf8)
        }
    }

    /// Sends the HTML report, with the text table as its plain alternative, to
    /// `office.secretariat` through the same SMTP path as reminders.
    public func email(_ summary: Summary, now: Date) throws(JobError) -> String {
        guard !campaign.office.secretariat.isEmpty else {
            throw .config(.other("office.secretariat lists nobody to send the report to"))
        }
        let store: MessageStore
        do { store = try MessageStore(path: campaign.storePath) } catch { throw .store(error) }
        let stamp = Timestamps(zone: campaign.timeZone)
        let subject = "[\(campaign.tag)] Tổng hợp báo cáo giải trình đến \(stamp.short(now))"
        let compact = stamp.iso(now).filter(\.isNumber).prefix(12)
        let messageID = "<\(campaign.id).report.\(compact).\(UUID().uuidString.prefix(8).lowercased())@\(OutgoingMail.domain(campaign))>"
        let message = OutgoingMessage(
            from: OutgoingMail.officeAddress(campaign),
            to: campaign.office.secretariat.map { MailAddress(name: nil, address: $0) },
            replyTo: OutgoingMail.officeAddress(campaign),
            subject: subject, messageID: messageID, date: now, autoSubmitted: "auto-generated",
            textBody: ReportText.render(summary), htmlBody: ReportHTML.render(summary),
            extraHeaders: [OutgoingMail.campaignHeader(campaign)])
        let entry = OutboxEntry(purpose: .report, agencyID: nil, kind: "report",
                                localDate: LocalDate(now, in: campaign.timeZone).iso, messageID: messageID,
                                recipients: campaign.office.secretariat, subject: subject,
                                raw: MIMEComposer.compose(message, timeZone: campaign.timeZone), createdAt: now)
        let written: OutboxEntry?
        do { written = try store.enqueue(entry) } catch { throw .store(error) }
        // The Message-ID carries the minute and a random part: a clash is a bug.
        guard let queued = written else { throw .dataError("report \(messageID) is already in the outbox") }
        let outcome = try OutboxSender(campaign: campaign, store: store).send([queued], now: now)
        if let stopped = outcome.stoppedBy { throw .mail(stopped) }
        if let refused = outcome.failed.first ?? outcome.deferred.first {
            throw .dataError("the report to \(campaign.office.secretariat.joined(separator: ", ")) was refused: \(refused.reply.code) \(refused.reply.text)")
        }
        return "report sent to \(campaign.office.secretariat.joined(separator: ", "))"
    }

    func facts(_ store: MessageStore) throws(StoreError) -> SummaryFacts {
        var submissions: [SubmissionFact] = []
        let stored = try store.submissions()
        let documentFacts = try DocumentFacts.load(stored.flatMap { $0.documents.map(\.sha256) }, from: store)
        let learned = try store.learnedSenders()
        let agencies = Dictionary(campaign.agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for stored in stored {
            guard let agency = stored.attribution.agencyID else { continue }
            let names = stored.documents.compactMap(\.fileName)
            let symbolText = ([stored.message.subject ?? ""] + names).joined(separator: "\n")
            let documents = stored.documents.map { document in
                let facts = documentFacts[document.sha256] ?? .empty
                return DocumentFact(name: document.fileName ?? "", size: document.size, sha256: document.sha256,
                                    header: facts.header, signatures: facts.signatureFacts)
            }
            var submission = SubmissionFact(
                agencyID: agency, receivedAt: stored.message.receivedAt, channel: .email,
                messageRef: "\(stored.message.id)", from: stored.message.fromAddress, subject: stored.message.subject,
                // The number on the document itself is what the register files it under.
                documentSymbol: documents.lazy.compactMap(\.header?.symbol).first
                    ?? DocumentSymbol.find(in: symbolText).first?.text,
                documents: documents,
                recordedBy: stored.attribution.decidedBy == "dondoc" ? nil : stored.attribution.decidedBy)
            if let from = stored.message.fromAddress, let owner = agencies[agency] {
                submission.fromOutsideAddress = !Receipts.copies(to: owner, sender: from, learned: learned).isEmpty
            }
            submissions.append(submission)
        }
        for paper in try store.paperSubmissions() {
            submissions.append(SubmissionFact(
                agencyID: paper.agencyID, receivedAt: paper.receivedAt, channel: .paper,
                documentSymbol: paper.documentSymbol, note: paper.note, recordedBy: paper.recordedBy))
        }
        let reminders = try store.outbox(.reminder, withBodies: false).compactMap { entry -> ReminderFact? in
            guard let agency = entry.agencyID, let date = LocalDate(iso: entry.localDate),
                  let kind = ReminderKind(rawValue: entry.kind) else { return nil }
            let delivery: ReminderDelivery = switch entry.status {
            case .sent: .sent
            case .failed: .failed
            case .bounced: .bounced
            case .pending, .sending: .pending
            case .cancelled: .cancelled
            case .interrupted: .interrupted
            }
            let detail = entry.status == .bounced ? entry.bounceStatus.map { "bounced \($0)" } : entry.lastError
            return ReminderFact(agencyID: agency, date: date, kind: kind, delivery: delivery, detail: detail,
                                sentAt: entry.sentAt)
        }
        let review = try store.listMessages(kinds: [MessageKind.review.rawValue, MessageKind.unparseable.rawValue])
            .map { listing in
                ReviewFact(messageRef: "\(listing.message.id)", receivedAt: listing.message.receivedAt,
                           from: listing.message.fromAddress, subject: listing.message.subject,
                           kind: MessageKind(rawValue: listing.attribution?.kind ?? "") ?? .review,
                           reasons: listing.attribution?.reasons ?? [], candidates: listing.attribution?.candidates ?? [])
            }
        return SummaryFacts(submissions: submissions, reminders: reminders, review: review)
    }
}
