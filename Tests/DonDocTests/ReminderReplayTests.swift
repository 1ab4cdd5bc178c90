import DonDoc
import XCTest

private func d(_ iso: String) -> LocalDate { ReminderFixtures.date(iso) }
private func local(_ isoDate: String, _ time: String) -> Date { ReminderFixtures.local(isoDate, time) }

/// A whole campaign replayed day by day, as cron would run `remind --now T`: each run's
/// sends are written to a ledger (the outbox's role) that the next run reads back.
final class ReminderReplayTests: XCTestCase {
    /// Six agencies whose stories cover the rules:
    /// - early: submits Tuesday 5/5, between the first and second upcoming reminders;
    /// - lastSecond: submits 23:59:59 on the Saturday deadline (on time);
    /// - late: submits Wednesday 13/5 at 15:00, after that morning's third overdue reminder;
    /// - silent: never submits, gets the whole pinned schedule;
    /// - exempt: never reminded;
    /// - extended: granted until Wednesday 20/5, never submits.
    private let agencies = [
        Agency(id: "early", name: "Sở Tài chính"),
        Agency(id: "lastSecond", name: "Sở Nội vụ"),
        Agency(id: "late", name: "Sở Kế hoạch và Đầu tư"),
        Agency(id: "silent", name: "UBND huyện Nậm Pồ"),
        Agency(id: "exempt", name: "Công ty cổ phần Cao su Điện Biên", exempt: true),
        Agency(id: "extended", name: "UBND thị xã Mường Lay", extendedDeadline: LocalDate(iso: "2020-05-20")!),
    ]

    private var submissions: [String: Date] {
        ["early": local("2020-05-05", "10:00:00"),
         "lastSecond": local("2020-05-09", "23:59:59"),
         "late": local("2020-05-13", "15:00:00")]
    }

    /// Runs remind at each of `times` on every day from 20/4 to 10/6/2020 and returns, per
    /// agency, the reminders sent as "dd/mm kind" strings.
    private func replay(times: [String]) -> [String: [String]] {
        let campaign = ReminderFixtures.seedCampaign(agencies: agencies)
        var state = ReminderState(firstSubmissionAt: submissions)
        var sent: [String: [String]] = [:]
        var day = d("2020-04-20")
        while day <= d("2020-06-10") {
            for time in times {
                let now = local(day.iso, time)
                for decision in ReminderPlan.decide(campaign: campaign, state: state, now: now) {
                    guard let planned = decision.planned else { continue }
                    XCTAssertEqual(planned.date, day)
                    sent[planned.agencyID, default: []].append(
                        String(format: "%02d/%02d ", day.day, day.month) + planned.kind.rawValue)
                    state.remindedOn[planned.agencyID, default: []].insert(day)
                }
            }
            day = day.adding(days: 1)
        }
        return sent
    }

    private let pinnedUpToDeadline = ["29/04 upcoming", "06/05 upcoming", "08/05 due_today"]
    private let pinnedOverdue = ["11/05", "12/05", "13/05", "14/05", "15/05",
                                 "18/05", "19/05", "20/05", "21/05", "22/05"].map { "\($0) overdue" }

    func testSeedCampaignReplaySendsExactlyTheDueRemindersPerAgency() {
        let sent = replay(times: ["08:00:00"])
        XCTAssertEqual(sent["early"], ["29/04 upcoming"], "stops once the report is in")
        XCTAssertEqual(sent["lastSecond"], pinnedUpToDeadline, "23:59:59 on the deadline is on time")
        XCTAssertEqual(sent["late"], pinnedUpToDeadline + ["11/05 overdue", "12/05 overdue", "13/05 overdue"],
                       "13/5 08:00 is before the 15:00 submission, so that morning's reminder goes")
        XCTAssertEqual(sent["silent"], pinnedUpToDeadline + pinnedOverdue)
        XCTAssertNil(sent["exempt"])
        XCTAssertEqual(sent["extended"], [
            "13/05 upcoming", "15/05 upcoming", "19/05 upcoming", "20/05 due_today",
            "21/05 overdue", "22/05 overdue", "25/05 overdue", "26/05 overdue", "27/05 overdue",
            "28/05 overdue", "29/05 overdue", "01/06 overdue", "02/06 overdue", "03/06 overdue",
        ])
    }

    func testRunningSeveralTimesADaySendsEachReminderOnce() {
        // Cron at 08:00 and 16:00, plus a rerun a second before midnight: the ledger of
        // today's reminders keeps the later runs from sending again.
        XCTAssertEqual(replay(times: ["08:00:00", "16:00:00", "23:59:59"]), replay(times: ["08:00:00"]))
    }

    func testALaterRunOnTheDaySeesASubmissionThatArrivedInBetween() {
        // Only a 16:00 run: on 13/5 the 15:00 submission is already in, so "late" gets two
        // overdue reminders, not three.
        let sent = replay(times: ["16:00:00"])
        XCTAssertEqual(sent["late"], pinnedUpToDeadline + ["11/05 overdue", "12/05 overdue"])
    }

    func testFirstRunOfTheDayAfterMidnightLocalBelongsToThatDay() {
        // 00:00:00 local runs: the Friday run is due_today, the Saturday one sends nothing.
        let sent = replay(times: ["00:00:00"])
        XCTAssertEqual(sent["silent"], pinnedUpToDeadline + pinnedOverdue)
        XCTAssertEqual(sent["lastSecond"], pinnedUpToDeadline)
    }

    func testEverySkipOnAReplayDayHasAReason() {
        let campaign = ReminderFixtures.seedCampaign(agencies: agencies)
        let decisions = ReminderPlan.decide(campaign: campaign, state: ReminderState(firstSubmissionAt: submissions),
                                            now: local("2020-05-14", "08:00:00"))
        XCTAssertEqual(decisions.map(\.agencyID), agencies.map(\.id))
        XCTAssertEqual(decisions.map { $0.planned?.kind }, [nil, nil, nil, .overdue, nil, nil])
        for decision in decisions {
            XCTAssertFalse(decision.reason.isEmpty, decision.agencyID)
        }
        XCTAssertTrue(decisions[2].reason.contains("muộn 4 ngày"), decisions[2].reason)
        XCTAssertTrue(decisions[5].reason.contains("gia hạn"), decisions[5].reason)
    }
}
