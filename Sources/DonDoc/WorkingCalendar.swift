import Foundation

/// Which local dates the office works on, as the campaign's reminder settings define
/// them: Monday to Friday minus the listed holidays, or every day when the campaign
/// turns `working_days_only` off. Reminders are only ever scheduled on these dates, so a
/// clerk is never asked to answer mail that went out on a Sunday or on 30/4.
public struct WorkingCalendar: Sendable {
    /// True when every date counts (`working_days_only: false`); holidays are then ignored.
    public let everyDayIsWorking: Bool
    public let holidays: Set<LocalDate>

    public init(_ settings: ReminderSettings) {
        everyDayIsWorking = !settings.workingDaysOnly
        holidays = Set(settings.holidays)
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if everyDayIsWorking { return true }
        return date.isoWeekday <= 5 && !holidays.contains(date)
    }

    /// `date` itself when it is a working day, otherwise the nearest working day before
    /// it. Terminates because holidays are a finite list and every week has weekdays.
    public func workingDay(onOrBefore date: LocalDate) -> LocalDate {
        var candidate = date
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// The next `count` working days strictly after `date`, earliest first; empty when
    /// `count` is not positive.
    public func workingDays(after date: LocalDate, count: Int) -> [LocalDate] {
        guard count > 0 else { return [] }
        var found: [LocalDate] = []
        found.reserveCapacity(count)
        var candidate = date
        while found.count < count {
            candidate = candidate.adding(days: 1)
            if isWorkingDay(candidate) { found.append(candidate) }
        }
        return found
    }
}
