import DonDoc
import XCTest

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// The seed campaign's calendar: Monday–Friday, 30/4 and 1/5/2020 off.
private let seedSettings = ReminderSettings(holidays: [d("2020-04-30"), d("2020-05-01")])

final class WorkingCalendarTests: XCTestCase {
    func testWeekdaysAreWorkingDaysAndWeekendsAreNot() {
        let calendar = WorkingCalendar(seedSettings)
        // Monday 4/5/2020 … Sunday 10/5/2020.
        let week = (4...10).map { d(String(format: "2020-05-%02d", $0)) }
        XCTAssertEqual(week.map(calendar.isWorkingDay), [true, true, true, true, true, false, false])
    }

    func testHolidayOnAWeekdayIsNotAWorkingDay() {
        let calendar = WorkingCalendar(seedSettings)
        XCTAssertFalse(calendar.isWorkingDay(d("2020-04-30")), "Thursday 30/4 is a holiday")
        XCTAssertFalse(calendar.isWorkingDay(d("2020-05-01")), "Friday 1/5 is a holiday")
        XCTAssertTrue(calendar.isWorkingDay(d("2020-04-29")))
    }

    func testEveryDayIsWorkingWhenWorkingDaysOnlyIsOffEvenHolidays() {
        var settings = seedSettings
        settings.workingDaysOnly = false
        let calendar = WorkingCalendar(settings)
        XCTAssertTrue(calendar.isWorkingDay(d("2020-05-09")), "Saturday")
        XCTAssertTrue(calendar.isWorkingDay(d("2020-05-10")), "Sunday")
        XCTAssertTrue(calendar.isWorkingDay(d("2020-04-30")), "a listed holiday")
        XCTAssertEqual(calendar.workingDay(onOrBefore: d("2020-05-10")), d("2020-05-10"))
        XCTAssertEqual(calendar.workingDays(after: d("2020-05-08"), count: 3),
                       [d("2020-05-09"), d("2020-05-10"), d("2020-05-11")])
    }

    func testWorkingDayOnOrBeforeKeepsAWorkingDay() {
        XCTAssertEqual(WorkingCalendar(seedSettings).workingDay(onOrBefore: d("2020-05-06")), d("2020-05-06"))
    }

    func testWorkingDayOnOrBeforeMovesWeekendBackToFriday() {
        let calendar = WorkingCalendar(seedSettings)
        XCTAssertEqual(calendar.workingDay(onOrBefore: d("2020-05-09")), d("2020-05-08"))
        XCTAssertEqual(calendar.workingDay(onOrBefore: d("2020-05-10")), d("2020-05-08"))
    }

    func testWorkingDayOnOrBeforeSkipsAWeekendAndTheHolidaysBeforeIt() {
        // Saturday 2/5 → Friday 1/5 (holiday) → Thursday 30/4 (holiday) → Wednesday 29/4.
        XCTAssertEqual(WorkingCalendar(seedSettings).workingDay(onOrBefore: d("2020-05-02")), d("2020-04-29"))
    }

    func testWorkingDaysAfterAreStrictlyAfterAndSkipTheWeekend() {
        let calendar = WorkingCalendar(seedSettings)
        XCTAssertEqual(calendar.workingDays(after: d("2020-05-08"), count: 6),
                       [d("2020-05-11"), d("2020-05-12"), d("2020-05-13"), d("2020-05-14"), d("2020-05-15"),
                        d("2020-05-18")])
        XCTAssertEqual(calendar.workingDays(after: d("2020-05-11"), count: 1), [d("2020-05-12")],
                       "a working day is not after itself")
    }

    func testWorkingDaysAfterSkipHolidays() {
        XCTAssertEqual(WorkingCalendar(seedSettings).workingDays(after: d("2020-04-29"), count: 2),
                       [d("2020-05-04"), d("2020-05-05")])
    }

    func testWorkingDaysAfterWithNoCountIsEmpty() {
        let calendar = WorkingCalendar(seedSettings)
        XCTAssertEqual(calendar.workingDays(after: d("2020-05-08"), count: 0), [])
        XCTAssertEqual(calendar.workingDays(after: d("2020-05-08"), count: -3), [])
    }

    func testWorkingDaysAfterCrossAYearEndHoliday() {
        // Wednesday 31/12/2025; 1/1/2026 off; Friday 2/1, then Monday 5/1.
        let calendar = WorkingCalendar(ReminderSettings(holidays: [d("2026-01-01")]))
        XCTAssertEqual(calendar.workingDays(after: d("2025-12-31"), count: 2), [d("2026-01-02"), d("2026-01-05")])
    }

    func testDaysUntilCountsCalendarDaysBothWays() {
        XCTAssertEqual(d("2020-04-29").days(until: d("2020-05-09")), 10)
        XCTAssertEqual(d("2020-05-22").days(until: d("2020-05-09")), -13)
        XCTAssertEqual(d("2020-05-09").days(until: d("2020-05-09")), 0)
        XCTAssertEqual(d("2020-02-28").days(until: d("2020-03-01")), 2, "2020 is a leap year")
        XCTAssertEqual(d("2025-12-31").days(until: d("2026-01-01")), 1)
    }
}
