import DonDoc
import Foundation
import Logging
import Mail
import Store
import Reports
import MailTemplates

/// One line of `dondoc remind`'s answer: a reminder written, sent, deferred or refused
/// today, or an agency passed over and why.
public struct ReminderLine: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case sent, deferred, failed, pending, cancelled, skipped
        /// Due today, but a message naming the agency waits for a person.
        case held
        /// A run died while the server held this reminder: it may have arrived; not resent.
        case interrupted
        case dryRun = "dry_run"
    }
    public var agency: String
    public var kind: String?
    public var to: [String]
    public var subject: String?
    public var status: Status
    public var detail: String?
}

public struct RemindReport: Sendable {
    public var date: LocalDate
    public var lines: [ReminderLine] = []
    /// Set when sending stopped on a connection or login failure.
    public var stoppedBy: MailError?

    public func count(_ status: ReminderLine.Status) -> Int { lines.filter { $0.status == status }.count }

    public var summary: String {
        let parts = [ReminderLine.Status.sent, .deferred, .failed, .interrupted, .pending, .dryRun, .cancelled, .held]
            .compactMap { status -> String? in
                let n = count(status)
                return n > 0 ? "\(n) \(status.rawValue)" : nil
            }
        return "remind \(date.iso): " + (parts.isEmpty ? "nothing to send" : parts.joined(separator: ", "))
    }
}

/// `dondoc remind`: who is owed a reminder today, written to the outbox, then sent.
public struct RemindJob {
    public let campaign: Campaign
    public var logger: Logger

    public init(campaign: Campaign, logger: Logger = .quiet("dondoc.remind")) {
        self.campaign = campaign
        self.logger = logger
    }

    public func run(now: Date, dryRun: Bool) throws(JobError) -> RemindReport {
        let today = LocalDate(now, in: campaign.timeZone)
        let templates: MailTemplates
        do { templates = try MailTemplates(campaign: campaign) } catch { throw .config(error) }
        if !dryRun, campaign.smtp == nil {
            throw .config(.other("dondoc remind needs an smtp section in the campaign file"))
        }
        // The password before the lock: a password_command that waits holds up this run
        // alone, never the next one.
        let endpoint = dryRun ? nil : try Endpoints.smtp(campaign)
        // A dry run only reads; it may run beside a real one.
        let lock = dryRun ? nil : try RunLock(path: campaign.storePath + ".remind.lock")
        defer { withExtendedLifetime(lock) {} }
        let store: MessageStore
        do {
            // A dry run writes nothing, not even an empty store where none exists yet.
            store = dryRun && !FileManager.default.fileExists(atPath: campaign.storePath)
                ? try MessageStore(inMemory: campaign.storePath)
                : try MessageStore(path: campaign.storePath)
        } catch {
            throw .store(error)
        }

        var report = RemindReport(date: today)
        let state: ReminderState
        do {
            state = ReminderState(
                firstSubmissionAt: try store.firstSubmissions(),
                remindedOn: try store.remindedDates().mapValues { Set($0.compactMap(LocalDate.init(iso:))) },
                openReviews: try store.openReviews().map {
                    OpenReview(message: String($0.messageRowID), receivedAt: $0.receivedAt, candidates: $0.candidates)
                })
        } catch {
            throw .store(error)
        }

        let held = state.heldAgencies(at: now)
        for decision in ReminderPlan.decide(campaign: campaign, state: state, now: now) {
            if case .hold(let planned, _) = decision {
                report.lines.append(ReminderLine(agency: planned.agencyID, kind: planned.kind.rawValue,
                                                 to: campaign.agency(id: planned.agencyID)?.emails ?? [],
                                                 status: .held, detail: planned.reason))
                continue
            }
            guard case .send(let planned) = decision, let agency = campaign.agency(id: planned.agencyID) else {
                if case .skip(let agencyID, let reason) = decision {
                    report.lines.append(ReminderLine(agency: agencyID, to: [], status: .skipped, detail: reason))
                }
                continue
            }
            guard !agency.emails.isEmpty else {
                report.lines.append(ReminderLine(agency: agency.id, kind: planned.kind.rawValue, to: [], status: .failed,
                                                 detail: "no email address for \(agency.id) in the campaign file"))
                continue
            }
            let entry = composeReminder(planned, agency: agency, templates: templates, now: now)
            if dryRun {
                report.lines.append(ReminderLine(agency: agency.id, kind: planned.kind.rawValue, to: entry.recipients,
                                                 subject: entry.subject, status: .dryRun, detail: planned.reason))
                continue
            }
            do {
                if try store.enqueue(entry) == nil {
                    logger.info("a reminder for \(agency.id) on \(today.iso) was already written")
                }
            } catch {
                throw .store(error)
            }
        }
        if dryRun { return report }

        do {
            for entry in try store.interruptAbandonedSends(.reminder, at: now) {
                report.lines.append(ReminderLine(agency: entry.agencyID ?? "-", kind: entry.kind, to: entry.recipients,
                                                 subject: entry.subject, status: .interrupted,
                                                 detail: "an earlier run stopped while sending; check with the agency"))
            }
        } catch {
            throw .store(error)
        }
        let pending = try reminders(toSendFrom: store, now: now, holding: held, report: &report)
        let outcome = try OutboxSender(campaign: campaign, store: store).send(pending, now: now, endpoint: endpoint)
        func line(_ entry: OutboxEntry, _ status: ReminderLine.Status, _ detail: String?) -> ReminderLine {
            ReminderLine(agency: entry.agencyID ?? "-", kind: entry.kind, to: entry.recipients, subject: entry.subject,
                         status: status, detail: detail)
        }
        for entry in outcome.sent {
            logger.info("\(entry.kind) reminder sent to \(entry.agencyID ?? "-") <\(entry.recipients.joined(separator: ", "))>")
        }
        for (entry, reply) in outcome.deferred + outcome.failed {
            logger.info("reminder to \(entry.agencyID ?? "-") not sent: \(reply.code) \(reply.text)")
        }
        report.lines += outcome.sent.map { line($0, .sent, nil) }
        report.lines += outcome.deferred.map { line($0.entry, .deferred, "\($0.reply.code) \($0.reply.text)") }
        report.lines += outcome.failed.map { line($0.entry, .failed, "\($0.reply.code) \($0.reply.text)") }
        report.lines += outcome.mayHaveArrived.map {
            line($0, .interrupted, "the connection broke after the message went out: it may have arrived and is not sent again; check with the agency")
        }
        let handled = Set((outcome.sent + outcome.deferred.map(\.entry) + outcome.failed.map(\.entry) + outcome.mayHaveArrived)
            .compactMap(\.id))
        report.lines += pending.filter { !handled.contains($0.id ?? -1) }.map { line($0, .pending, "not sent yet") }
        report.stoppedBy = outcome.stoppedBy
        return report
    }

    func composeReminder(_ planned: PlannedReminder, agency: Agency, templates: MailTemplates, now: Date) -> OutboxEntry {
        let name: MailTemplateName = switch planned.kind {
        case .upcoming: .upcoming
        case .dueToday: .dueToday
        case .overdue: .overdue
        }
        let rendered = templates.reminder(name, ReminderMailContext(campaign: campaign, agency: agency, today: planned.date,
                                                                   overdueNumber: planned.overdueNumber ?? 0))
        let messageID = OutgoingMail.reminderID(campaign, agencyID: agency.id, kind: planned.kind, date: planned.date)
        let message = OutgoingMessage(
            from: OutgoingMail.officeAddress(campaign),
            to: agency.emails.map { MailAddress(name: agency.name, address: $0) },
            replyTo: OutgoingMail.officeAddress(campaign),
            subject: rendered.subject,
            messageID: messageID,
            date: now,
            autoSubmitted: "auto-generated",
            textBody: rendered.body,
            extraHeaders: [OutgoingMail.campaignHeader(campaign)])
        return OutboxEntry(purpose: .reminder, agencyID: agency.id, kind: planned.kind.rawValue,
                           localDate: planned.date.iso, messageID: messageID, recipients: agency.emails,
                           subject: rendered.subject, raw: MIMEComposer.compose(message, timeZone: campaign.timeZone),
                           createdAt: now)
    }

    /// Pending reminders worth sending now. One that waits from an earlier day (its
    /// server said 4xx) still goes, unless the agency has reported since or a newer
    /// reminder replaced it: an agency never receives two on one day. One for an agency
    /// that a message in review may have reported for is cancelled.
    func reminders(toSendFrom store: MessageStore, now: Date, holding held: Set<String>,
                   report: inout RemindReport) throws(JobError) -> [OutboxEntry] {
        do {
            let pending = try store.pendingOutbox(.reminder)
            let submissions = try store.firstSubmissions()
            let newest = Dictionary(pending.map { ($0.agencyID ?? "", $0.localDate) }, uniquingKeysWith: max)
            var toSend: [OutboxEntry] = []
            for entry in pending {
                guard let id = entry.id, let agency = entry.agencyID else { continue }
                var reason: String?
                if let submitted = submissions[agency], submitted <= now {
                    reason = "\(agency) reported before this reminder could be sent"
                } else if let latest = newest[agency], latest > entry.localDate {
                    reason = "replaced by the reminder of \(latest)"
                }
                if reason == nil, held.contains(agency) {
                    // Not kept for later: once a person decides, the day's own reminder is
                    // the one to send, not this one with its old wording ("3 days left").
                    reason = "held: a message in review may be \(agency)'s report"
                }
                if let reason {
                    try store.cancel(id, reason: reason)
                    report.lines.append(ReminderLine(agency: agency, kind: entry.kind, to: entry.recipients,
                                                     subject: entry.subject, status: .cancelled, detail: reason))
                } else {
                    toSend.append(entry)
                }
            }
            return toSend
        } catch {
            throw .store(error)
        }
    }
}

public enum RemindOutput {
    public static func render(_ report: RemindReport, format: OutputFormat) throws(JobError) -> String {
        switch format {
        case .json:
            return try JSONText.of(report.lines.filter { $0.status != .skipped })
        case .text:
            var table = TextTable(columns: ["status", "agency", "kind", "to", "subject"])
            for line in report.lines where line.status != .skipped {
                table.add([line.status.rawValue, line.agency, line.kind ?? "-", line.to.joined(separator: ", "),
                           line.subject ?? line.detail ?? ""])
            }
            let failures = report.lines.filter { [.failed, .deferred, .interrupted].contains($0.status) }
                .map { "\($0.agency): \($0.detail ?? "")" }
            let body = report.lines.contains { $0.status != .skipped } ? table.render(maxLastColumn: 60) + "\n" : ""
            return body + (failures.isEmpty ? "" : failures.joined(separator: "\n") + "\n") + report.summary
        }
    }
}
