import Foundation

extension Summary {
    /// The summary as it stood at `now`. Facts dated after `now` are left out, so that
    /// `--now` replays a past day from today's store: a submission received later, a
    /// reminder of a later day and a message that had not arrived yet cannot be shown.
    ///
    /// Facts about agencies the campaign does not know are dropped: they have no line to
    /// sit on (the Jobs layer only passes attributed facts, so this means a campaign file
    /// edited after the fact).
    public static func make(campaign: Campaign, facts: SummaryFacts, now: Date) -> Summary {
        let zone = campaign.timeZone
        let today = LocalDate(now, in: zone)

        let arrived = facts.submissions.filter { $0.receivedAt <= now }
        let submissionsByAgency = Dictionary(grouping: stableSorted(arrived, by: { $0.receivedAt }),
                                             by: \.agencyID)
        let remindersSoFar = facts.reminders.filter { $0.date <= today }
        let remindersByAgency = Dictionary(grouping: remindersSoFar, by: \.agencyID)

        let review = facts.review
            .filter { $0.receivedAt <= now }
            .sorted { a, b in
                a.receivedAt != b.receivedAt ? a.receivedAt < b.receivedAt : a.messageRef < b.messageRef
            }
        // Which messages in review hold each agency, found in one pass: asking every
        // message about every agency grew with their product (a thousand agencies).
        var holding: [String: [String]] = [:]
        for item in review where item.kind == .review {
            let open = OpenReview(message: item.messageRef, receivedAt: item.receivedAt, candidates: item.candidates)
            var seen = Set<String>()
            for candidate in item.candidates where seen.insert(candidate).inserted && open.holds(candidate, at: now) {
                holding[candidate, default: []].append(item.messageRef)
            }
        }
        let agencies = campaign.agencies.map { agency in
            var summary = summarize(agency, in: campaign,
                                    submissions: submissionsByAgency[agency.id] ?? [],
                                    reminders: byDate(remindersByAgency[agency.id] ?? []),
                                    now: now)
            // As the reminder plan holds them: doubt about a message that may be this
            // agency's report, while it has none on record.
            if summary.submissions.isEmpty, !agency.exempt {
                summary.heldBy = holding[agency.id] ?? []
            }
            return summary
        }

        let known = Set(campaign.agencies.map(\.id))
        let position = Dictionary(uniqueKeysWithValues: campaign.agencies.enumerated().map { ($1.id, $0) })
        let undelivered = remindersSoFar
            .filter { known.contains($0.agencyID) && [.failed, .bounced, .interrupted].contains($0.delivery) }
            .sorted { a, b in
                // Same day: campaign order, so the list reads like the table above it.
                if a.date != b.date { return a.date < b.date }
                return position[a.agencyID, default: .max] < position[b.agencyID, default: .max]
            }

        return Summary(campaignID: campaign.id, title: campaign.title, officeName: campaign.office.name,
                       deadline: campaign.deadline, timeZone: zone, generatedAt: now,
                       agencies: agencies, review: review, undeliveredReminders: undelivered)
    }

    private static func summarize(_ agency: Agency, in campaign: Campaign, submissions: [SubmissionFact],
                                  reminders: [ReminderFact], now: Date) -> AgencySummary {
        let zone = campaign.timeZone
        let deadline = campaign.deadline(for: agency)
        // "No later than the deadline day" ends at the first instant of the next day.
        let deadlinePassesAt = deadline.end(in: zone)

        let status: AgencyStatus
        var daysLate: Int?
        if agency.exempt {
            status = .exempt
        } else if let first = submissions.first {
            if first.receivedAt < deadlinePassesAt {
                status = .onTime
            } else {
                status = .late
                daysLate = deadline.days(until: LocalDate(first.receivedAt, in: zone))
            }
        } else if now >= deadlinePassesAt {
            status = .missing
            daysLate = deadline.days(until: LocalDate(now, in: zone))
        } else {
            status = .notDue
        }

        return AgencySummary(id: agency.id, name: agency.name, deadline: deadline,
                             hasExtension: agency.extendedDeadline != nil, status: status,
                             submissions: submissions, reminders: reminders, daysLate: daysLate)
    }

    /// Reminders by date; the same day keeps the order of the campaign's life (upcoming
    /// before due today before overdue), which only matters for hand-made facts.
    private static func byDate(_ reminders: [ReminderFact]) -> [ReminderFact] {
        reminders.enumerated()
            .sorted { a, b in
                if a.element.date != b.element.date { return a.element.date < b.element.date }
                if a.element.kind != b.element.kind { return a.element.kind < b.element.kind }
                return a.offset < b.offset
            }
            .map(\.element)
    }

    /// Sorting that keeps the given order among equal keys (Swift's sort promises no
    /// stability), so two submissions stamped the same second stay as the store read them.
    private static func stableSorted<T, Key: Comparable>(_ items: [T], by key: (T) -> Key) -> [T] {
        items.enumerated()
            .sorted { a, b in
                let ka = key(a.element), kb = key(b.element)
                return ka != kb ? ka < kb : a.offset < b.offset
            }
            .map(\.element)
    }
}

extension AgencySummary {
    /// The symbol the secretariat files the report under: the first one any submission
    /// carried, in arrival order (an email without one may be followed by the paper copy
    /// the clerk recorded with it).
    public var documentSymbol: String? {
        submissions.lazy.compactMap(\.documentSymbol).first
    }

    /// Every file the agency sent, in arrival order; the same file sent twice (an email
    /// repeated with a copy to someone else) is listed once.
    public var documents: [DocumentFact] {
        var seen = Set<String>()
        return submissions.flatMap(\.documents).filter { seen.insert($0.sha256).inserted }
    }

    /// Reminders that left for the agency or were due to (everything but cancelled ones).
    public var remindersIssued: [ReminderFact] {
        reminders.filter { $0.delivery != .cancelled }
    }
}
