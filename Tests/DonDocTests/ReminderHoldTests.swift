import DonDoc
import XCTest

/// Doubt holds reminders: while a message that may be an agency's report waits for a
/// person, that agency is not told it has not reported.
final class ReminderHoldTests: XCTestCase {
    private let stc = Agency(id: "stc", name: "Sở Tài chính")

    private func decide(_ reviews: [OpenReview], now: Date) -> ReminderDecision {
        let campaign = ReminderFixtures.seedCampaign(agencies: [stc])
        return ReminderPlan.decide(campaign: campaign, state: ReminderState(openReviews: reviews), now: now)[0]
    }

    func testOverdueReminderIsHeldWhileAMessageNamingTheAgencyIsInReview() throws {
        let review = OpenReview(message: "17", receivedAt: ReminderFixtures.local("2020-05-09", "22:00:00"),
                                candidates: ["snv", "stc"])
        let decision = decide([review], now: ReminderFixtures.local("2020-05-11", "07:30:00"))
        guard case .hold(let planned, let messages) = decision else { return XCTFail("\(decision)") }
        XCTAssertEqual(planned.kind, .overdue)
        XCTAssertEqual(messages, ["17"])
        XCTAssertNil(decision.planned)
        XCTAssertTrue(decision.reason.contains("#17"), decision.reason)
    }

    func testReviewNamingOtherAgenciesHoldsNothing() {
        let review = OpenReview(message: "17", receivedAt: ReminderFixtures.local("2020-05-09"), candidates: ["snv"])
        XCTAssertEqual(decide([review], now: ReminderFixtures.local("2020-05-11", "07:30:00")).planned?.kind, .overdue)
    }

    func testReviewReceivedAfterNowDoesNotHoldAReplayedDay() {
        let review = OpenReview(message: "17", receivedAt: ReminderFixtures.local("2020-05-12"), candidates: ["stc"])
        XCTAssertEqual(decide([review], now: ReminderFixtures.local("2020-05-11", "07:30:00")).planned?.kind, .overdue)
    }

    func testDayWithoutAScheduledReminderIsASkipNotAHold() {
        let review = OpenReview(message: "17", receivedAt: ReminderFixtures.local("2020-05-02"), candidates: ["stc"])
        guard case .skip = decide([review], now: ReminderFixtures.local("2020-05-03")) else {
            return XCTFail("a Sunday has no reminder to hold")
        }
    }

    func testAMessageNamingManyAgenciesHoldsNobody() {
        let circular = OpenReview(message: "9", receivedAt: ReminderFixtures.local("2020-05-09"),
                                  candidates: ["stc", "snv", "stttt", "stnmt"])
        XCTAssertEqual(decide([circular], now: ReminderFixtures.local("2020-05-11", "07:30:00")).planned?.kind, .overdue)
        XCTAssertEqual(ReminderState(openReviews: [circular]).heldAgencies(at: ReminderFixtures.local("2020-05-11")), [])
    }
}
