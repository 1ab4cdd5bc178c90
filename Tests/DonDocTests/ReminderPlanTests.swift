import DonDoc
import XCTest

/// Shared by the reminder tests: the seed campaign's settings and short ways to write
/// dates and instants.
enum ReminderFixtures {
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// An instant written with its offset, e.g. "2020-05-08T09:00:00+07:00".
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let instant = formatter.date(from: text) else { fatalError("bad instant \(text)") }
        return instant
    }

    /// An instant in Điện Biên: local date and time, +07:00.
    static func local(_ isoDate: String, _ time: String = "09:00:00") -> Date {
        instant("\(isoDate)T\(time)+07:00")
    }

    /// The seed campaign file's reminder block (examples/dien-bien-2020.yaml).
    static let seedSettings = ReminderSettings(
        beforeDays: [7, 3, 1], onDeadlineDay: true, overdueEveryDays: 1, overdueMax: 10,
        workingDaysOnly: true, holidays: [date("2020-04-30"), date("2020-05-01")], receipts: true)

    /// The seed campaign (deadline Saturday 9/5/2020, Asia/Ho_Chi_Minh) with `agencies`.
    static func seedCampaign(agencies: [Agency] = DienBien.agencies,
                             settings: ReminderSettings = seedSettings) -> Campaign {
        var campaign = DienBien.campaign(agencies: agencies)
        campaign.reminders = settings
        return campaign
    }

    static let threeAgencies = [
        Agency(id: "stc", name: "Sở Tài chính"),
        Agency(id: "snv", name: "Sở Nội vụ"),
        Agency(id: "stttt", name: "Sở Thông tin và Truyền thông"),
    ]
}

private func d(_ iso: String) -> LocalDate { ReminderFixtures.date(iso) }
private func local(_ isoDate: String, _ time: String = "09:00:00") -> Date { ReminderFixtures.local(isoDate, time) }

/// The only decision for a one-agency campaign.
private func decideOne(_ agency: Agency = Agency(id: "stc", name: "Sở Tài chính"), state: ReminderState = ReminderState(),
                       now: Date, settings: ReminderSettings = ReminderFixtures.seedSettings) -> ReminderDecision {
    let decisions = ReminderPlan.decide(campaign: ReminderFixtures.seedCampaign(agencies: [agency], settings: settings),
                                        state: state, now: now)
    XCTAssertEqual(decisions.count, 1)
    return decisions[0]
}

final class ReminderPlanTests: XCTestCase {
    // MARK: What a sent reminder carries

    func testUpcomingReminderCarriesDaysLeftToTheDeadline() throws {
        let planned = try XCTUnwrap(decideOne(now: local("2020-04-29")).planned)
        XCTAssertEqual(planned, PlannedReminder(
            agencyID: "stc", kind: .upcoming, date: d("2020-04-29"), deadline: d("2020-05-09"),
            daysLeft: 10, daysOverdue: 0, overdueNumber: nil, reason: planned.reason))
        XCTAssertTrue(planned.reason.contains("còn 10 ngày"), planned.reason)
        XCTAssertTrue(planned.reason.contains("09/05/2020"), planned.reason)
    }

    func testDueTodayOnFridayBeforeSaturdayDeadlineSaysTheDeadlineIsOnAHoliday() throws {
        let planned = try XCTUnwrap(decideOne(now: local("2020-05-08")).planned)
        XCTAssertEqual(planned.kind, .dueToday)
        XCTAssertEqual(planned.daysLeft, 1)
        XCTAssertEqual(planned.daysOverdue, 0)
        XCTAssertNil(planned.overdueNumber)
        XCTAssertTrue(planned.reason.contains("ngày nghỉ"), planned.reason)
    }

    func testDueTodayOnTheDeadlineItselfWhenEveryDayIsWorking() throws {
        var settings = ReminderFixtures.seedSettings
        settings.workingDaysOnly = false
        let planned = try XCTUnwrap(decideOne(now: local("2020-05-09"), settings: settings).planned)
        XCTAssertEqual(planned.kind, .dueToday)
        XCTAssertEqual(planned.daysLeft, 0)
        XCTAssertTrue(planned.reason.contains("hôm nay là hạn nộp 09/05/2020"), planned.reason)
    }

    func testOverdueReminderCarriesDaysOverdueAndItsNumber() throws {
        let planned = try XCTUnwrap(decideOne(now: local("2020-05-18")).planned)
        XCTAssertEqual(planned.kind, .overdue)
        XCTAssertEqual(planned.daysLeft, 0)
        XCTAssertEqual(planned.daysOverdue, 9)
        XCTAssertEqual(planned.overdueNumber, 6)
        XCTAssertTrue(planned.reason.contains("lần 6/10"), planned.reason)
        XCTAssertTrue(planned.reason.contains("9 ngày"), planned.reason)
    }

    func testDecisionsComeOnePerAgencyInCampaignOrder() {
        let decisions = ReminderPlan.decide(campaign: ReminderFixtures.seedCampaign(), state: ReminderState(),
                                            now: local("2020-05-11"))
        XCTAssertEqual(decisions.map(\.agencyID), DienBien.agencies.map(\.id))
        XCTAssertTrue(decisions.allSatisfy { $0.planned?.kind == .overdue })
    }

    // MARK: Who is skipped, and why

    func testExemptAgencyIsNeverReminded() {
        let exempt = Agency(id: "snv", name: "Sở Nội vụ", exempt: true)
        for offset in 0..<50 {
            let day = d("2020-04-20").adding(days: offset)
            guard case .skip(let id, let reason) = decideOne(exempt, now: local(day.iso)) else {
                return XCTFail("exempt agency reminded on \(day)")
            }
            XCTAssertEqual(id, "snv")
            XCTAssertTrue(reason.contains("miễn"), reason)
        }
    }

    func testSubmittedAgencyIsSkippedAndTheReasonSaysWhen() {
        let state = ReminderState(firstSubmissionAt: ["stc": local("2020-05-05", "14:07:31")])
        let decision = decideOne(state: state, now: local("2020-05-06"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("14:07:31 ngày 05/05/2020"), decision.reason)
        XCTAssertTrue(decision.reason.contains("đúng hạn"), decision.reason)
    }

    func testSubmissionAtLastSecondOfDeadlineIsOnTimeAndStopsOverdueReminders() {
        let state = ReminderState(firstSubmissionAt: ["stc": local("2020-05-09", "23:59:59")])
        let decision = decideOne(state: state, now: local("2020-05-11"))
        XCTAssertNil(decision.planned, "11/5 is the first overdue date, but the report came in on time")
        XCTAssertTrue(decision.reason.contains("đúng hạn"), decision.reason)
        XCTAssertTrue(decision.reason.contains("23:59:59 ngày 09/05/2020"), decision.reason)
    }

    func testSubmissionOneSecondAfterTheDeadlineIsLateButStillStopsReminders() {
        let state = ReminderState(firstSubmissionAt: ["stc": local("2020-05-10", "00:00:00")])
        let decision = decideOne(state: state, now: local("2020-05-11"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("muộn 1 ngày"), decision.reason)
        XCTAssertFalse(decision.reason.contains("đúng hạn"), decision.reason)
    }

    func testSubmissionReceivedAfterNowDoesNotCountYet() {
        let state = ReminderState(firstSubmissionAt: ["stc": local("2020-05-08", "10:00:00")])
        XCTAssertEqual(decideOne(state: state, now: local("2020-05-08", "09:59:59")).planned?.kind, .dueToday)
        XCTAssertNil(decideOne(state: state, now: local("2020-05-08", "10:00:00")).planned,
                     "received exactly at now counts as received at or before now")
    }

    func testAlreadyRemindedTodayIsSkipped() {
        let state = ReminderState(remindedOn: ["stc": [d("2020-05-08")]])
        let decision = decideOne(state: state, now: local("2020-05-08", "16:00:00"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("một lần"), decision.reason)
    }

    func testReminderOnAnotherDayDoesNotBlockToday() {
        let state = ReminderState(remindedOn: ["stc": [d("2020-05-06")], "snv": [d("2020-05-08")]])
        XCTAssertEqual(decideOne(state: state, now: local("2020-05-08")).planned?.kind, .dueToday)
    }

    func testHolidayHasNothingScheduledAndNamesTheNextReminder() {
        let decision = decideOne(now: local("2020-04-30"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("ngày nghỉ"), decision.reason)
        XCTAssertTrue(decision.reason.contains("06/05/2020"), decision.reason)
    }

    func testMissedReminderDayIsNotCaughtUpTheNextDay() {
        // Nobody ran remind on Wednesday 6/5 (no ledger row); Thursday 7/5 is not a reminder date.
        let decision = decideOne(now: local("2020-05-07"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("không có lịch nhắc"), decision.reason)
        XCTAssertTrue(decision.reason.contains("08/05/2020"), decision.reason)
    }

    func testOverdueMaxReachedStopsReminders() {
        let decision = decideOne(now: local("2020-05-25"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("overdue_max = 10"), decision.reason)
        XCTAssertTrue(decision.reason.contains("22/05/2020"), decision.reason)
    }

    func testNoOverdueReminderWhenOverdueMaxIsZero() {
        var settings = ReminderFixtures.seedSettings
        settings.overdueMax = 0
        let decision = decideOne(now: local("2020-05-11"), settings: settings)
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("overdue_max = 0"), decision.reason)
    }

    // MARK: Extensions

    func testOverdueReminderSkipsAgencyWithExtension() {
        let extended = Agency(id: "stc", name: "Sở Tài chính", extendedDeadline: d("2020-05-20"))
        let decision = decideOne(extended, now: local("2020-05-11"))
        XCTAssertNil(decision.planned, "11/5 is overdue for the campaign but not for an agency granted 20/5")
        XCTAssertTrue(decision.reason.contains("gia hạn đến 20/05/2020"), decision.reason)
        XCTAssertTrue(decision.reason.contains("13/05/2020"), "names the next reminder: \(decision.reason)")
    }

    func testAgencyWithExtensionIsRemindedAgainstItsExtendedDeadline() throws {
        let extended = Agency(id: "stc", name: "Sở Tài chính", extendedDeadline: d("2020-05-20"))
        let upcoming = try XCTUnwrap(decideOne(extended, now: local("2020-05-13")).planned)
        XCTAssertEqual(upcoming.kind, .upcoming)
        XCTAssertEqual(upcoming.deadline, d("2020-05-20"))
        XCTAssertEqual(upcoming.daysLeft, 7)
        XCTAssertTrue(upcoming.reason.contains("gia hạn 20/05/2020"), upcoming.reason)

        let dueToday = try XCTUnwrap(decideOne(extended, now: local("2020-05-20")).planned)
        XCTAssertEqual(dueToday.kind, .dueToday)
        XCTAssertEqual(dueToday.daysLeft, 0)

        let overdue = try XCTUnwrap(decideOne(extended, now: local("2020-05-21")).planned)
        XCTAssertEqual(overdue.kind, .overdue)
        XCTAssertEqual(overdue.overdueNumber, 1)
        XCTAssertEqual(overdue.daysOverdue, 1)
    }

    func testAgencyWithExtensionIsNotRemindedOnTheCampaignsDueTodayDate() {
        let extended = Agency(id: "stc", name: "Sở Tài chính", extendedDeadline: d("2020-05-20"))
        XCTAssertNil(decideOne(extended, now: local("2020-05-08")).planned)
    }

    func testSubmissionOnTheExtendedDeadlineIsOnTime() {
        let extended = Agency(id: "stc", name: "Sở Tài chính", extendedDeadline: d("2020-05-20"))
        let state = ReminderState(firstSubmissionAt: ["stc": local("2020-05-15", "08:00:00")])
        let decision = decideOne(extended, state: state, now: local("2020-05-19"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("đúng hạn"), "late for 9/5 but on time for 20/5: \(decision.reason)")
    }

    // MARK: Time zones

    func testInstantStillYesterdayInUTCIsTodayInHoChiMinhCity() throws {
        // 17:30 UTC on Thursday 7/5 is 00:30 on Friday 8/5 in Asia/Ho_Chi_Minh: due_today,
        // where a UTC reading would find no reminder on 7/5.
        let now = ReminderFixtures.instant("2020-05-07T17:30:00Z")
        let planned = try XCTUnwrap(decideOne(now: now).planned)
        XCTAssertEqual(planned.date, d("2020-05-08"))
        XCTAssertEqual(planned.kind, .dueToday)
    }

    func testInstantThatIsSaturdayLocallyButFridayInUTCHasNoReminder() {
        // 17:00 UTC on Friday 8/5 is midnight starting Saturday 9/5 locally.
        let decision = decideOne(now: ReminderFixtures.instant("2020-05-08T17:00:00Z"))
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("09/05/2020"), decision.reason)
    }

    func testOnTimeIsJudgedInTheCampaignsZoneNotUTC() {
        // 16:59:59 UTC on 9/5 is 23:59:59 local on the deadline; one second later is 10/5 locally.
        let onTime = ReminderState(firstSubmissionAt: ["stc": ReminderFixtures.instant("2020-05-09T16:59:59Z")])
        let late = ReminderState(firstSubmissionAt: ["stc": ReminderFixtures.instant("2020-05-09T17:00:00Z")])
        XCTAssertTrue(decideOne(state: onTime, now: local("2020-05-11")).reason.contains("đúng hạn"))
        XCTAssertTrue(decideOne(state: late, now: local("2020-05-11")).reason.contains("muộn 1 ngày"))
    }
}
