import Foundation

/// The three kinds of reminder, in the order in which they win a shared date: when two
/// kinds fall on one date the agency gets one reminder, of the later kind.
public enum ReminderKind: String, Sendable, Codable, CaseIterable, Comparable {
    case upcoming
    case dueToday = "due_today"
    case overdue

    /// Position in the campaign's life; the basis of `<`, independent of raw values.
    private var rank: Int {
        switch self {
        case .upcoming: 0
        case .dueToday: 1
        case .overdue: 2
        }
    }

    public static func < (a: ReminderKind, b: ReminderKind) -> Bool { a.rank < b.rank }

    /// How a clerk names this kind in Vietnamese.
    public var vietnamese: String {
        switch self {
        case .upcoming: "nhắc sắp đến hạn"
        case .dueToday: "nhắc đến hạn"
        case .overdue: "nhắc quá hạn"
        }
    }
}

/// One date on which an agency that has not submitted is reminded.
public struct ScheduledReminder: Sendable, Equatable {
    public var date: LocalDate
    public var kind: ReminderKind
    /// 1-based position among the overdue reminders; nil for the other kinds.
    public var overdueNumber: Int?

    public init(date: LocalDate, kind: ReminderKind, overdueNumber: Int? = nil) {
        self.date = date
        self.kind = kind
        self.overdueNumber = overdueNumber
    }
}

/// Every reminder date for one deadline, computed once from the pinned rules (issue 3,
/// "The schedule"); deciding whether a given agency actually gets one is `ReminderPlan`'s.
public struct ReminderSchedule: Sendable {
    public let deadline: LocalDate
    public let settings: ReminderSettings
    public let calendar: WorkingCalendar
    /// Ascending by date, at most one per date.
    public let reminders: [ScheduledReminder]

    public init(deadline: LocalDate, settings: ReminderSettings) {
        self.deadline = deadline
        self.settings = settings
        let calendar = WorkingCalendar(settings)
        self.calendar = calendar

        var byDate: [LocalDate: ScheduledReminder] = [:]
        func schedule(_ reminder: ScheduledReminder) {
            // Same date twice: keep the later kind (an upcoming reminder that lands on
            // the due-today date is that due-today reminder, not a second mail).
            if let existing = byDate[reminder.date], existing.kind >= reminder.kind { return }
            byDate[reminder.date] = reminder
        }

        // Zero or negative before_days would mean the deadline or later, which the other
        // kinds cover; the campaign file refuses them, and so does this, defensively.
        for daysBefore in settings.beforeDays where daysBefore >= 1 {
            let date = calendar.workingDay(onOrBefore: deadline.adding(days: -daysBefore))
            schedule(ScheduledReminder(date: date, kind: .upcoming))
        }

        if settings.onDeadlineDay {
            schedule(ScheduledReminder(date: calendar.workingDay(onOrBefore: deadline), kind: .dueToday))
        }

        // The 1st, (1+k)th, (1+2k)th … working day strictly after the deadline itself
        // (not after the moved-back due-today date), overdue_max of them.
        if settings.overdueMax > 0 {
            let every = max(1, settings.overdueEveryDays)
            let span = 1 + (settings.overdueMax - 1) * every
            let days = calendar.workingDays(after: deadline, count: span)
            for number in 1...settings.overdueMax {
                let date = days[(number - 1) * every]
                schedule(ScheduledReminder(date: date, kind: .overdue, overdueNumber: number))
            }
        }

        reminders = byDate.values.sorted { $0.date < $1.date }
    }

    public func reminder(on date: LocalDate) -> ScheduledReminder? {
        reminders.first { $0.date == date }
    }

    /// The first reminder strictly after `date`, for telling a clerk when the next one is.
    public func nextReminder(after date: LocalDate) -> ScheduledReminder? {
        reminders.first { $0.date > date }
    }

    /// The last overdue reminder, after which the agency is no longer urged by mail.
    public var lastOverdue: ScheduledReminder? {
        reminders.last { $0.kind == .overdue }
    }
}
