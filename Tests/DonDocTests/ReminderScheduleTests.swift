import DonDoc
import XCTest

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private let seedHolidays = [d("2020-04-30"), d("2020-05-01")]

/// The schedule as (ISO date, kind raw value, overdue number) rows: one assertion shows
/// the whole campaign, and a failure prints the row that differs.
private func rows(_ schedule: ReminderSchedule) -> [String] {
    schedule.reminders.map { r in
        "\(r.date.iso) \(r.kind.rawValue)" + (r.overdueNumber.map { " #\($0)" } ?? "")
    }
}

private func overdueRows(_ dates: [String]) -> [String] {
    dates.enumerated().map { "\($1) overdue #\($0 + 1)" }
}

final class ReminderScheduleTests: XCTestCase {
    // MARK: The pinned seed schedule (issue 3, "The schedule")

    func testSeedCampaignScheduleIsExactlyThePinnedOne() {
        let schedule = ReminderSchedule(
            deadline: d("2020-05-09"),
            settings: ReminderSettings(beforeDays: [7, 3, 1], onDeadlineDay: true, overdueEveryDays: 1,
                                       overdueMax: 10, workingDaysOnly: true, holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), [
            "2020-04-29 upcoming",
            "2020-05-06 upcoming",
            "2020-05-08 due_today",
        ] + overdueRows(["2020-05-11", "2020-05-12", "2020-05-13", "2020-05-14", "2020-05-15",
                         "2020-05-18", "2020-05-19", "2020-05-20", "2020-05-21", "2020-05-22"]))
    }

    func testUpcomingOnTheMovedDueTodayDateMergesIntoDueToday() {
        // 9/5 − 1 = Friday 8/5, which is also where Saturday's due_today moves to.
        let schedule = ReminderSchedule(deadline: d("2020-05-09"), settings: ReminderSettings(holidays: seedHolidays))
        XCTAssertEqual(schedule.reminder(on: d("2020-05-08")), ScheduledReminder(date: d("2020-05-08"), kind: .dueToday))
        XCTAssertEqual(schedule.reminders.filter { $0.date == d("2020-05-08") }.count, 1)
    }

    func testReminderKindsAreOrderedUpcomingThenDueTodayThenOverdue() {
        XCTAssertLessThan(ReminderKind.upcoming, .dueToday)
        XCTAssertLessThan(ReminderKind.dueToday, .overdue)
        XCTAssertEqual(ReminderKind.allCases.sorted(), [.upcoming, .dueToday, .overdue])
        XCTAssertEqual(ReminderKind.allCases.map(\.rawValue), ["upcoming", "due_today", "overdue"])
    }

    // MARK: Weekends and holidays

    func testDeadlineOnHolidayMovesDueTodayBack() {
        // Friday 1/5/2020 is a holiday and so is Thursday 30/4: due_today on Wednesday 29/4,
        // where the 1-day upcoming also lands; overdue starts on Monday 4/5.
        let schedule = ReminderSchedule(deadline: d("2020-05-01"),
                                        settings: ReminderSettings(overdueMax: 2, holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), [
            "2020-04-24 upcoming",   // 1/5 − 7 = Friday 24/4
            "2020-04-28 upcoming",   // 1/5 − 3 = Tuesday 28/4
            "2020-04-29 due_today",
        ] + overdueRows(["2020-05-04", "2020-05-05"]))
    }

    func testDeadlineOnAWorkingDayKeepsDueTodayOnTheDeadline() {
        // Wednesday 6/5: 6/5 − 3 = Sunday 3/5 moves back past both holidays to 29/4, the
        // same date as 6/5 − 7, so the two upcoming reminders are one.
        let schedule = ReminderSchedule(deadline: d("2020-05-06"),
                                        settings: ReminderSettings(overdueMax: 1, holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), [
            "2020-04-29 upcoming",
            "2020-05-05 upcoming",
            "2020-05-06 due_today",
        ] + overdueRows(["2020-05-07"]))
    }

    func testBeforeDaysOnAWeekendMoveBackToFriday() {
        // Deadline Tuesday 12/5: −3 is Saturday 9/5, −2 is Sunday 10/5; both become Friday 8/5.
        let schedule = ReminderSchedule(deadline: d("2020-05-12"),
                                        settings: ReminderSettings(beforeDays: [3, 2], overdueMax: 0))
        XCTAssertEqual(rows(schedule), ["2020-05-08 upcoming", "2020-05-12 due_today"])
    }

    func testBeforeDaysOnAHolidayMoveBackToTheWorkingDayBefore() {
        // Deadline Monday 4/5: −4 is Thursday 30/4 (holiday) → Wednesday 29/4.
        let schedule = ReminderSchedule(deadline: d("2020-05-04"),
                                        settings: ReminderSettings(beforeDays: [4], overdueMax: 0, holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), ["2020-04-29 upcoming", "2020-05-04 due_today"])
    }

    func testWorkingDaysOnlyOffSchedulesOnWeekendsAndHolidays() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(overdueMax: 3, workingDaysOnly: false,
                                                                   holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), [
            "2020-05-02 upcoming",   // a Saturday
            "2020-05-06 upcoming",
            "2020-05-08 upcoming",
            "2020-05-09 due_today",  // the Saturday deadline itself
        ] + overdueRows(["2020-05-10", "2020-05-11", "2020-05-12"]))
    }

    // MARK: Overdue cadence and cut-off

    func testOverdueEveryTwoWorkingDaysSkipsEveryOtherWorkingDay() {
        // Working days after 9/5: 11 12 13 14 15 18 19 …; k = 2 takes the 1st, 3rd, 5th, 7th.
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(beforeDays: [], onDeadlineDay: false,
                                                                   overdueEveryDays: 2, overdueMax: 4))
        XCTAssertEqual(rows(schedule), overdueRows(["2020-05-11", "2020-05-13", "2020-05-15", "2020-05-19"]))
    }

    func testOverdueEveryTwoWorkingDaysCountsOnlyWorkingDaysAcrossHolidays() {
        // Deadline Tuesday 28/4: working days after are 29/4, 4/5, 5/5, 6/5, 7/5.
        let schedule = ReminderSchedule(deadline: d("2020-04-28"),
                                        settings: ReminderSettings(beforeDays: [], onDeadlineDay: false,
                                                                   overdueEveryDays: 2, overdueMax: 3,
                                                                   holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), overdueRows(["2020-04-29", "2020-05-05", "2020-05-07"]))
    }

    func testOverdueMaxCutsOffTheOverdueReminders() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(overdueMax: 3, holidays: seedHolidays))
        XCTAssertEqual(schedule.reminders.filter { $0.kind == .overdue }.map(\.date),
                       [d("2020-05-11"), d("2020-05-12"), d("2020-05-13")])
        XCTAssertEqual(schedule.lastOverdue?.date, d("2020-05-13"))
        XCTAssertNil(schedule.reminder(on: d("2020-05-14")))
    }

    func testOverdueMaxZeroSchedulesNoOverdueReminder() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(overdueMax: 0, holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), ["2020-04-29 upcoming", "2020-05-06 upcoming", "2020-05-08 due_today"])
        XCTAssertNil(schedule.lastOverdue)
    }

    // MARK: Switches and odd settings

    func testWithoutDeadlineDayReminderTheOneDayUpcomingStays() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(onDeadlineDay: false, overdueMax: 0,
                                                                   holidays: seedHolidays))
        XCTAssertEqual(rows(schedule), ["2020-04-29 upcoming", "2020-05-06 upcoming", "2020-05-08 upcoming"])
    }

    func testBeforeDaysThatAreNotPositiveAreIgnored() {
        let schedule = ReminderSchedule(deadline: d("2020-05-06"),
                                        settings: ReminderSettings(beforeDays: [0, -2, 1], overdueMax: 0))
        XCTAssertEqual(rows(schedule), ["2020-05-05 upcoming", "2020-05-06 due_today"])
    }

    func testEmptySettingsScheduleNothing() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"),
                                        settings: ReminderSettings(beforeDays: [], onDeadlineDay: false, overdueMax: 0))
        XCTAssertEqual(schedule.reminders, [])
        XCTAssertNil(schedule.nextReminder(after: d("2020-01-01")))
    }

    func testLookupsFindTodayAndTheNextReminder() {
        let schedule = ReminderSchedule(deadline: d("2020-05-09"), settings: ReminderSettings(holidays: seedHolidays))
        XCTAssertNil(schedule.reminder(on: d("2020-04-30")))
        XCTAssertEqual(schedule.reminder(on: d("2020-05-12")),
                       ScheduledReminder(date: d("2020-05-12"), kind: .overdue, overdueNumber: 2))
        XCTAssertEqual(schedule.nextReminder(after: d("2020-04-29"))?.date, d("2020-05-06"))
        XCTAssertNil(schedule.nextReminder(after: d("2020-05-22")))
    }

    func testScheduleIsAscendingWithAtMostOneReminderPerDateForManyDeadlines() {
        // Every deadline over two months, under several settings: the invariants the
        // outbox's (agency, date) key relies on.
        let settingsToTry = [
            ReminderSettings(holidays: seedHolidays),
            ReminderSettings(beforeDays: [14, 10, 7, 5, 3, 2, 1], overdueEveryDays: 3, overdueMax: 5,
                             holidays: seedHolidays),
            ReminderSettings(beforeDays: [2, 1], workingDaysOnly: false),
        ]
        for settings in settingsToTry {
            for offset in 0..<60 {
                let deadline = d("2020-04-15").adding(days: offset)
                let schedule = ReminderSchedule(deadline: deadline, settings: settings)
                let dates = schedule.reminders.map(\.date)
                XCTAssertEqual(dates, dates.sorted(), "ascending for \(deadline)")
                XCTAssertEqual(Set(dates).count, dates.count, "one per date for \(deadline)")
                let calendar = WorkingCalendar(settings)
                XCTAssertTrue(dates.allSatisfy(calendar.isWorkingDay), "only working days for \(deadline)")
                XCTAssertEqual(schedule.reminders.filter { $0.kind == .overdue }.map(\.overdueNumber),
                               (1...settings.overdueMax).map { $0 }, "overdue numbered 1… for \(deadline)")
                XCTAssertTrue(schedule.reminders.allSatisfy { ($0.kind == .overdue) == ($0.date > deadline) },
                              "overdue exactly after the deadline for \(deadline)")
            }
        }
    }

    // MARK: Extensions

    func testAgencyWithExtensionHasItsWholeScheduleFromTheExtendedDeadline() {
        let base = ReminderSettings(overdueMax: 2, holidays: seedHolidays)
        let agency = Agency(id: "stc", name: "Sở Tài chính", extendedDeadline: d("2020-05-20"))
        var campaign = DienBien.campaign(agencies: [agency])
        campaign.reminders = base
        let schedule = ReminderPlan.schedule(for: agency, in: campaign)
        XCTAssertEqual(schedule.deadline, d("2020-05-20"))
        XCTAssertEqual(rows(schedule), [
            "2020-05-13 upcoming",   // 20/5 − 7
            "2020-05-15 upcoming",   // 20/5 − 3 = Sunday 17/5 → Friday 15/5
            "2020-05-19 upcoming",
            "2020-05-20 due_today",
        ] + overdueRows(["2020-05-21", "2020-05-22"]))
    }
}
