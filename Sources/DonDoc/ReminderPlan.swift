import Foundation

/// What the remind job knows from the store: who has submitted, and on which dates a
/// reminder was already written to the outbox.
public struct ReminderState: Sendable, Equatable {
    /// Agency id → the instant its first submission was received (the message's
    /// INTERNALDATE, or the time a paper copy was recorded).
    public var firstSubmissionAt: [String: Date]
    /// Agency id → the local dates on which a reminder was written to the outbox, in any
    /// status: a row that is pending, sent, failed or bounced still used up that day.
    public var remindedOn: [String: Set<LocalDate>]
    /// Messages waiting for a person, with the agencies their signals named.
    public var openReviews: [OpenReview]

    public init(firstSubmissionAt: [String: Date] = [:], remindedOn: [String: Set<LocalDate>] = [:],
                openReviews: [OpenReview] = []) {
        self.firstSubmissionAt = firstSubmissionAt
        self.remindedOn = remindedOn
        self.openReviews = openReviews
    }
}

/// A message in the review queue that may be an agency's report.
public struct OpenReview: Sendable, Equatable {
    /// The store's short id of the message.
    public var message: String
    public var receivedAt: Date
    /// The agencies the message's signals pointed at.
    public var candidates: [String]

    public init(message: String, receivedAt: Date, candidates: [String]) {
        self.message = message
        self.receivedAt = receivedAt
        self.candidates = candidates
    }

    /// A message naming more agencies than this is a circular, a plan or a list, not
    /// one of them reporting: it holds nobody's reminders, or one stranger's mail naming
    /// every agency would silence the whole campaign.
    public static let mostCandidatesHeld = 3

    /// Whether the message, seen at `now`, holds `agencyID`'s reminders.
    public func holds(_ agencyID: String, at now: Date) -> Bool {
        receivedAt <= now && candidates.count <= Self.mostCandidatesHeld && candidates.contains(agencyID)
    }
}

extension ReminderState {
    /// The agencies whose reminders a message in review holds at `now`.
    public func heldAgencies(at now: Date) -> Set<String> {
        Set(openReviews.filter { $0.receivedAt <= now && $0.candidates.count <= OpenReview.mostCandidatesHeld }
            .flatMap(\.candidates))
    }
}

/// One reminder to write to the outbox today, with what the template needs.
public struct PlannedReminder: Sendable, Equatable {
    public var agencyID: String
    public var kind: ReminderKind
    /// The local date of `now`.
    public var date: LocalDate
    /// The agency's effective deadline: its extension, or the campaign's.
    public var deadline: LocalDate
    /// Calendar days from `date` to `deadline`; 0 for overdue.
    public var daysLeft: Int
    /// Calendar days from `deadline` to `date`; 0 unless overdue.
    public var daysOverdue: Int
    /// 1 for the first overdue reminder, and so on; nil for the other kinds.
    public var overdueNumber: Int?
    /// Why this reminder today, in Vietnamese, for the clerk reading the run's report.
    public var reason: String

    public init(agencyID: String, kind: ReminderKind, date: LocalDate, deadline: LocalDate, daysLeft: Int,
                daysOverdue: Int, overdueNumber: Int?, reason: String) {
        self.agencyID = agencyID
        self.kind = kind
        self.date = date
        self.deadline = deadline
        self.daysLeft = daysLeft
        self.daysOverdue = daysOverdue
        self.overdueNumber = overdueNumber
        self.reason = reason
    }
}

public enum ReminderDecision: Sendable, Equatable {
    case send(PlannedReminder)
    /// No reminder for this agency today; `reason` (Vietnamese) says why.
    case skip(agencyID: String, reason: String)
    /// A reminder was due today but a message naming the agency waits for a person: it
    /// may be the agency's report, and reproaching an agency that reported is the worst
    /// mistake dondoc can make. `messages` are the store's short ids of those messages.
    case hold(PlannedReminder, messages: [String])

    public var agencyID: String {
        switch self {
        case .send(let planned), .hold(let planned, _): planned.agencyID
        case .skip(let agencyID, _): agencyID
        }
    }

    public var reason: String {
        switch self {
        case .send(let planned), .hold(let planned, _): planned.reason
        case .skip(_, let reason): reason
        }
    }

    /// The reminder to send, or nil for a skip.
    public var planned: PlannedReminder? {
        if case .send(let planned) = self { return planned }
        return nil
    }
}

/// The pure decision of who is reminded today. Nothing here reads a clock, a file or the
/// store: the same campaign, state and instant always give the same decisions, which is
/// what lets `remind --now T` replay a campaign day by day.
public enum ReminderPlan {
    /// One decision per agency, in campaign order. `now` is an instant; its local date
    /// in `campaign.timeZone` is "today", and only today's reminders are considered: a
    /// day on which `remind` did not run is never caught up.
    public static func decide(campaign: Campaign, state: ReminderState, now: Date) -> [ReminderDecision] {
        let today = LocalDate(now, in: campaign.timeZone)
        // Agencies share a handful of deadlines at most; compute each schedule once.
        var schedules: [LocalDate: ReminderSchedule] = [:]
        var decisions: [ReminderDecision] = []
        decisions.reserveCapacity(campaign.agencies.count)
        for agency in campaign.agencies {
            let deadline = campaign.deadline(for: agency)
            let schedule = schedules[deadline] ?? ReminderSchedule(deadline: deadline, settings: campaign.reminders)
            schedules[deadline] = schedule
            decisions.append(decision(for: agency, schedule: schedule, campaign: campaign,
                                      state: state, today: today, now: now))
        }
        return decisions
    }

    /// The schedule an agency is reminded on: its whole schedule moves with its extension.
    public static func schedule(for agency: Agency, in campaign: Campaign) -> ReminderSchedule {
        ReminderSchedule(deadline: campaign.deadline(for: agency), settings: campaign.reminders)
    }

    private static func decision(for agency: Agency, schedule: ReminderSchedule, campaign: Campaign,
                                 state: ReminderState, today: LocalDate, now: Date) -> ReminderDecision {
        let zone = campaign.timeZone
        let deadline = schedule.deadline
        func skip(_ reason: String) -> ReminderDecision { .skip(agencyID: agency.id, reason: reason) }

        if agency.exempt {
            return skip("Cơ quan được miễn báo cáo trong đợt này (exempt); không nhắc.")
        }

        // A submission received after `now` has not happened yet as far as this run is
        // concerned (a replay with an earlier --now must not see it).
        if let received = state.firstSubmissionAt[agency.id], received <= now {
            return skip(submittedReason(received: received, deadline: deadline, zone: zone))
        }

        guard let scheduled = schedule.reminder(on: today) else {
            return skip(nothingTodayReason(schedule: schedule, campaignDeadline: campaign.deadline, today: today))
        }

        if state.remindedOn[agency.id]?.contains(today) == true {
            return skip("Đã ghi một lời nhắc cho cơ quan vào hộp thư đi ngày \(today.vietnamese); "
                + "mỗi ngày chỉ nhắc một cơ quan một lần.")
        }

        let isOverdue = scheduled.kind == .overdue
        var planned = PlannedReminder(
            agencyID: agency.id, kind: scheduled.kind, date: today, deadline: deadline,
            daysLeft: isOverdue ? 0 : max(0, today.days(until: deadline)),
            daysOverdue: isOverdue ? deadline.days(until: today) : 0,
            overdueNumber: scheduled.overdueNumber,
            reason: sendReason(scheduled, schedule: schedule, campaignDeadline: campaign.deadline, today: today))
        // Like a submission, a message received after `now` has not happened yet.
        let holding = state.openReviews.filter { $0.holds(agency.id, at: now) }.map(\.message)
        if !holding.isEmpty {
            planned.reason = holdReason(holding, planned: planned)
            return .hold(planned, messages: holding)
        }
        return .send(planned)
    }

    private static func holdReason(_ messages: [String], planned: PlannedReminder) -> String {
        let list = messages.map { "#\($0)" }.joined(separator: ", ")
        return "Tạm giữ lời \(planned.kind.vietnamese): thư \(list) đang chờ người xem có thể là báo cáo của cơ quan; "
            + "sẽ nhắc lại khi thư được gán (dondoc assign) hoặc loại (dondoc reject)."
    }

    // MARK: - Reasons, in Vietnamese for the clerk

    /// "hạn nộp 09/05/2020", naming an extension as such so a clerk is not surprised by
    /// a date that differs from the campaign's.
    private static func deadlinePhrase(_ deadline: LocalDate, campaignDeadline: LocalDate) -> String {
        deadline == campaignDeadline
            ? "hạn nộp \(deadline.vietnamese)"
            : "hạn nộp được gia hạn \(deadline.vietnamese) (hạn chung \(campaignDeadline.vietnamese))"
    }

    private static func sendReason(_ scheduled: ScheduledReminder, schedule: ReminderSchedule,
                                   campaignDeadline: LocalDate, today: LocalDate) -> String {
        let deadline = schedule.deadline
        let phrase = deadlinePhrase(deadline, campaignDeadline: campaignDeadline)
        switch scheduled.kind {
        case .upcoming:
            return "Chưa nhận được báo cáo; còn \(today.days(until: deadline)) ngày đến \(phrase): "
                + "\(ReminderKind.upcoming.vietnamese)."
        case .dueToday where today == deadline:
            return "Chưa nhận được báo cáo; hôm nay là \(phrase): \(ReminderKind.dueToday.vietnamese)."
        case .dueToday:
            return "Chưa nhận được báo cáo; \(phrase) rơi vào ngày nghỉ nên nhắc đến hạn vào ngày làm việc "
                + "cuối cùng trước hạn (còn \(today.days(until: deadline)) ngày)."
        case .overdue:
            let number = scheduled.overdueNumber.map { " lần \($0)/\(schedule.settings.overdueMax)" } ?? ""
            return "Chưa nhận được báo cáo; đã quá \(phrase) \(deadline.days(until: today)) ngày: "
                + "\(ReminderKind.overdue.vietnamese)\(number)."
        }
    }

    private static func submittedReason(received: Date, deadline: LocalDate, zone: TimeZone) -> String {
        let when = clockPhrase(received, in: zone)
        // On time means received before the first instant of the day after the deadline,
        // i.e. no later than 23:59:59 local on it.
        if received < deadline.end(in: zone) {
            return "Đã nhận báo cáo lúc \(when), đúng hạn (hạn \(deadline.vietnamese)); không nhắc."
        }
        let late = deadline.days(until: LocalDate(received, in: zone))
        return "Đã nhận báo cáo lúc \(when), muộn \(late) ngày so với hạn \(deadline.vietnamese); không nhắc."
    }

    private static func nothingTodayReason(schedule: ReminderSchedule, campaignDeadline: LocalDate,
                                           today: LocalDate) -> String {
        let deadline = schedule.deadline
        let next = schedule.nextReminder(after: today).map {
            " Lần nhắc tiếp theo: \($0.kind.vietnamese) ngày \($0.date.vietnamese)."
        } ?? " Không còn lần nhắc nào theo lịch."

        if deadline > campaignDeadline, today > campaignDeadline, today <= deadline {
            return "Cơ quan được gia hạn đến \(deadline.vietnamese), chưa đến hạn mới; "
                + "hôm nay không có lịch nhắc theo hạn đã gia hạn." + next
        }
        if today > deadline {
            let overdueMax = schedule.settings.overdueMax
            if overdueMax == 0 {
                return "Đã quá hạn nộp \(deadline.vietnamese) nhưng chiến dịch không nhắc quá hạn (overdue_max = 0)."
            }
            if let last = schedule.lastOverdue, today > last.date {
                return "Đã gửi đủ \(overdueMax) lần nhắc quá hạn theo lịch (overdue_max = \(overdueMax)), lần cuối ngày "
                    + "\(last.date.vietnamese); không nhắc thêm."
            }
        }
        if !schedule.calendar.isWorkingDay(today) {
            return "Hôm nay (\(today.vietnamese)) là ngày nghỉ; không nhắc." + next
        }
        return "Hôm nay (\(today.vietnamese)) không có lịch nhắc." + next
    }

    /// "23:59:59 ngày 09/05/2020" in the campaign's zone; seconds matter at the deadline.
    private static func clockPhrase(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute, .second], from: instant)
        let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return "\(time) ngày \(LocalDate(instant, in: zone).vietnamese)"
    }
}
