import DonDoc
import Foundation
import XCTest

/// `Summary.make` on the Điện Biên campaign: deadline 9/5/2020, Asia/Ho_Chi_Minh (+07:00).
final class SummaryTests: XCTestCase {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    let lastSecondOnTime = at("2020-05-09T23:59:59+07:00")
    let firstSecondLate = at("2020-05-10T00:00:00+07:00")

    func email(_ agency: String, _ when: String, symbol: String? = nil) -> SubmissionFact {
        SubmissionFact(agencyID: agency, receivedAt: Self.at(when), channel: .email, messageRef: "m-\(agency)-\(when)",
                       from: "\(agency)@dienbien.example.org", subject: "Báo cáo giải trình", documentSymbol: symbol,
                       documents: [DocumentFact(name: "bao-cao.pdf", size: 1200, sha256: "sha-\(agency)-\(when)")])
    }

    func summary(_ facts: SummaryFacts, now: Date, agencies: [Agency] = DienBien.agencies) -> Summary {
        Summary.make(campaign: DienBien.campaign(agencies: agencies), facts: facts, now: now)
    }

    func agency(_ id: String, in s: Summary) -> AgencySummary { s.agencies.first { $0.id == id }! }

    // MARK: on time and late

    func testLastSecondOfTheDeadlineDayIsOnTime() {
        let s = summary(SummaryFacts(submissions: [email("stnmt", "2020-05-09T23:59:59+07:00")]),
                        now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(agency("stnmt", in: s).status, .onTime)
        XCTAssertNil(agency("stnmt", in: s).daysLate)
    }

    func testMidnightAfterTheDeadlineIsOneDayLate() {
        let s = summary(SummaryFacts(submissions: [email("stnmt", "2020-05-10T00:00:00+07:00")]),
                        now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(agency("stnmt", in: s).status, .late)
        XCTAssertEqual(agency("stnmt", in: s).daysLate, 1)
    }

    func testDaysLateCountLocalDatesNotUTCDates() {
        // 12/05 01:30 local is still 11/05 in UTC: three days late, not two.
        let s = summary(SummaryFacts(submissions: [email("stc", "2020-05-12T01:30:00+07:00")]),
                        now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(agency("stc", in: s).status, .late)
        XCTAssertEqual(agency("stc", in: s).daysLate, 3)
    }

    func testTheFirstSubmissionDecidesAndLaterOnesAreKeptInArrivalOrder() {
        let paper = SubmissionFact(agencyID: "snnptnt", receivedAt: Self.at("2020-05-08T14:30:00+07:00"),
                                   channel: .paper, documentSymbol: "112/BC-SNNPTNT", note: "Bản giấy qua văn thư",
                                   recordedBy: "vanthu")
        let resent = email("snnptnt", "2020-05-11T08:00:00+07:00", symbol: "112/BC-SNNPTNT")
        // Given newest first, as a store query might.
        let s = summary(SummaryFacts(submissions: [resent, paper]), now: Self.at("2020-05-12T09:00:00+07:00"))
        let line = agency("snnptnt", in: s)
        XCTAssertEqual(line.status, .onTime, "a paper copy counts as the report")
        XCTAssertEqual(line.submissions.map(\.channel), [.paper, .email])
        XCTAssertEqual(line.firstSubmission?.receivedAt, Self.at("2020-05-08T14:30:00+07:00"))
        XCTAssertEqual(line.documentSymbol, "112/BC-SNNPTNT")
    }

    func testLatePaperCopyIsLateLikeAnEmail() {
        let paper = SubmissionFact(agencyID: "snv", receivedAt: Self.at("2020-05-11T10:00:00+07:00"), channel: .paper)
        let s = summary(SummaryFacts(submissions: [paper]), now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(agency("snv", in: s).status, .late)
        XCTAssertEqual(agency("snv", in: s).daysLate, 2)
    }

    // MARK: extension

    func testAnExtensionMovesOnlyThatAgencysDeadline() {
        var agencies = DienBien.agencies
        agencies[4].extendedDeadline = Self.day("2020-05-15")   // snv
        let facts = SummaryFacts(submissions: [email("snv", "2020-05-14T16:00:00+07:00"),
                                               email("stc", "2020-05-14T16:00:00+07:00")])
        let s = summary(facts, now: Self.at("2020-05-16T09:00:00+07:00"), agencies: agencies)

        XCTAssertEqual(agency("snv", in: s).status, .onTime)
        XCTAssertEqual(agency("snv", in: s).deadline, Self.day("2020-05-15"))
        XCTAssertTrue(agency("snv", in: s).hasExtension)
        XCTAssertEqual(agency("stc", in: s).status, .late)
        XCTAssertEqual(agency("stc", in: s).daysLate, 5)
        XCTAssertFalse(agency("stc", in: s).hasExtension)
        XCTAssertEqual(s.deadline, Self.day("2020-05-09"), "the campaign's own deadline is unchanged")
    }

    func testAnAgencyWithAnExtensionIsNotDueWhileOthersAreMissing() {
        var agencies = DienBien.agencies
        agencies[4].extendedDeadline = Self.day("2020-05-15")
        let s = summary(SummaryFacts(), now: Self.at("2020-05-12T09:00:00+07:00"), agencies: agencies)
        XCTAssertEqual(agency("snv", in: s).status, .notDue)
        XCTAssertNil(agency("snv", in: s).daysLate)
        XCTAssertEqual(agency("stc", in: s).status, .missing)
    }

    // MARK: missing and not due

    func testNotDueUntilTheLastSecondOfTheDeadlineDay() {
        let s = summary(SummaryFacts(), now: lastSecondOnTime)
        XCTAssertEqual(s.count(.notDue), 18)
        XCTAssertEqual(s.count(.missing), 0)
        XCTAssertNil(agency("stnmt", in: s).daysLate)
    }

    func testMissingFromMidnightAfterTheDeadline() {
        let s = summary(SummaryFacts(), now: firstSecondLate)
        XCTAssertEqual(s.count(.missing), 18)
        XCTAssertEqual(agency("stnmt", in: s).daysLate, 1)
    }

    func testMissingCountsCalendarDaysToToday() {
        let s = summary(SummaryFacts(), now: Self.at("2020-05-12T23:30:00+07:00"))
        XCTAssertEqual(agency("stnmt", in: s).daysLate, 3)
    }

    // MARK: replay with --now

    func testSubmissionsAfterNowDoNotCount() {
        let facts = SummaryFacts(submissions: [email("stnmt", "2020-05-11T08:00:00+07:00"),
                                               email("stc", "2020-05-08T08:00:00+07:00")])
        let s = summary(facts, now: Self.at("2020-05-10T12:00:00+07:00"))
        XCTAssertEqual(agency("stnmt", in: s).status, .missing)
        XCTAssertEqual(agency("stnmt", in: s).daysLate, 1)
        XCTAssertTrue(agency("stnmt", in: s).submissions.isEmpty)
        XCTAssertEqual(agency("stc", in: s).status, .onTime)
        XCTAssertEqual(s.generatedAt, Self.at("2020-05-10T12:00:00+07:00"))
    }

    func testASubmissionReceivedExactlyAtNowCounts() {
        let when = "2020-05-08T08:00:00+07:00"
        let s = summary(SummaryFacts(submissions: [email("stnmt", when)]), now: Self.at(when))
        XCTAssertEqual(agency("stnmt", in: s).status, .onTime)
    }

    func testRemindersOfLaterDaysAndReviewOfLaterMailAreLeftOut() {
        let facts = SummaryFacts(
            reminders: [ReminderFact(agencyID: "stc", date: Self.day("2020-05-10"), kind: .overdue, delivery: .sent),
                        ReminderFact(agencyID: "stc", date: Self.day("2020-05-11"), kind: .overdue, delivery: .failed)],
            review: [ReviewFact(messageRef: "9", receivedAt: Self.at("2020-05-11T08:00:00+07:00"), from: nil,
                                subject: nil, kind: .review, reasons: [], candidates: [])])
        let s = summary(facts, now: Self.at("2020-05-10T18:00:00+07:00"))
        XCTAssertEqual(agency("stc", in: s).reminders.map(\.date), [Self.day("2020-05-10")])
        XCTAssertTrue(s.undeliveredReminders.isEmpty)
        XCTAssertTrue(s.review.isEmpty)
    }

    // MARK: exempt

    func testExemptStaysExemptWithOrWithoutASubmission() {
        var agencies = DienBien.agencies
        agencies[6].exempt = true   // cao-su-dien-bien
        agencies[7].exempt = true   // cao-su-muong-nhe
        let facts = SummaryFacts(submissions: [email("cao-su-muong-nhe", "2020-05-11T08:00:00+07:00")])
        let s = summary(facts, now: Self.at("2020-05-12T09:00:00+07:00"), agencies: agencies)
        XCTAssertEqual(agency("cao-su-dien-bien", in: s).status, .exempt)
        XCTAssertNil(agency("cao-su-dien-bien", in: s).daysLate)
        XCTAssertEqual(agency("cao-su-muong-nhe", in: s).status, .exempt)
        XCTAssertNil(agency("cao-su-muong-nhe", in: s).daysLate)
        XCTAssertEqual(agency("cao-su-muong-nhe", in: s).submissions.count, 1, "what it sent is still shown")
        XCTAssertEqual(s.count(.exempt), 2)
        XCTAssertEqual(s.count(.missing), 16)
    }

    // MARK: order

    func testAgenciesInCampaignOrderAndUnknownAgenciesDropped() {
        let facts = SummaryFacts(submissions: [email("ubnd-nam-po", "2020-05-05T08:00:00+07:00"),
                                               email("so-cu", "2020-05-05T08:00:00+07:00")])
        let s = summary(facts, now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(s.agencies.map(\.id), DienBien.agencies.map(\.id))
        XCTAssertEqual(s.agencies.flatMap(\.submissions).map(\.agencyID), ["ubnd-nam-po"])
        XCTAssertEqual(s.campaignID, "giai-trinh-2020-q2")
        XCTAssertEqual(s.officeName, "Văn phòng HĐND tỉnh Điện Biên")
        XCTAssertEqual(s.timeZone.identifier, "Asia/Ho_Chi_Minh")
    }

    func testRemindersByDateAndUndeliveredAreFailedOrBouncedByDate() {
        func reminder(_ agency: String, _ date: String, _ kind: ReminderKind, _ delivery: ReminderDelivery) -> ReminderFact {
            ReminderFact(agencyID: agency, date: Self.day(date), kind: kind, delivery: delivery)
        }
        let facts = SummaryFacts(reminders: [
            reminder("stc", "2020-05-11", .overdue, .bounced),
            reminder("stc", "2020-05-02", .upcoming, .sent),
            reminder("stnmt", "2020-05-10", .overdue, .failed),
            reminder("stc", "2020-05-10", .overdue, .failed),
            reminder("stc", "2020-05-09", .dueToday, .sent),
            reminder("stc", "2020-05-12", .overdue, .pending),
            reminder("stnmt", "2020-05-11", .overdue, .cancelled),
        ])
        let s = summary(facts, now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(agency("stc", in: s).reminders.map(\.date.iso),
                       ["2020-05-02", "2020-05-09", "2020-05-10", "2020-05-11", "2020-05-12"])
        XCTAssertEqual(s.undeliveredReminders.map { "\($0.agencyID) \($0.date.iso) \($0.delivery.rawValue)" },
                       ["stnmt 2020-05-10 failed", "stc 2020-05-10 failed", "stc 2020-05-11 bounced"],
                       "by date, then campaign order (stnmt comes before stc)")
        XCTAssertEqual(agency("stnmt", in: s).remindersIssued.count, 1, "a cancelled reminder was never issued")
    }

    func testAgenciesNamedByAMessageInReviewShowTheirRemindersHeld() {
        let review = ReviewFact(messageRef: "12", receivedAt: Self.at("2020-05-08T15:45:00+07:00"), from: "x@mail.example.net",
                                subject: "Báo cáo", kind: .review, reasons: [], candidates: ["stc", "stnmt", "snv"])
        let unparseable = ReviewFact(messageRef: "13", receivedAt: Self.at("2020-05-08T16:00:00+07:00"), from: nil,
                                     subject: nil, kind: .unparseable, reasons: [], candidates: ["snv"])
        let s = summary(SummaryFacts(submissions: [email("stnmt", "2020-05-06T10:00:00+07:00")], review: [review, unparseable]),
                        now: Self.at("2020-05-11T09:00:00+07:00"))
        XCTAssertEqual(agency("stc", in: s).heldBy, ["12"])
        XCTAssertEqual(agency("snv", in: s).heldBy, ["12"])
        XCTAssertEqual(agency("stnmt", in: s).heldBy, [], "an agency that reported is not held, it is done")
        XCTAssertEqual(agency("skhdt", in: s).heldBy, [])
        let before = summary(SummaryFacts(review: [review]), now: Self.at("2020-05-08T15:00:00+07:00"))
        XCTAssertEqual(agency("stc", in: before).heldBy, [], "a replayed day does not see later mail")
    }

    func testReviewOldestFirst() {
        func item(_ ref: String, _ when: String) -> ReviewFact {
            ReviewFact(messageRef: ref, receivedAt: Self.at(when), from: "a@mail.example.net", subject: "Báo cáo",
                       kind: .review, reasons: ["không rõ cơ quan"], candidates: ["stc"])
        }
        let facts = SummaryFacts(review: [item("7", "2020-05-08T10:00:00+07:00"), item("3", "2020-05-06T10:00:00+07:00"),
                                          item("5", "2020-05-07T10:00:00+07:00")])
        let s = summary(facts, now: Self.at("2020-05-12T09:00:00+07:00"))
        XCTAssertEqual(s.review.map(\.messageRef), ["3", "5", "7"])
    }

    func testDocumentsAreEveryFileOnceInArrivalOrder() {
        let first = email("stnmt", "2020-05-06T08:00:00+07:00")
        var repeated = email("stnmt", "2020-05-06T08:05:00+07:00", symbol: "45/BC-STNMT")
        repeated.documents = first.documents + [DocumentFact(name: "phu-luc.xlsx", size: 300, sha256: "sha-annex")]
        let s = summary(SummaryFacts(submissions: [repeated, first]), now: Self.at("2020-05-12T09:00:00+07:00"))
        let line = agency("stnmt", in: s)
        XCTAssertEqual(line.documents.map(\.name), ["bao-cao.pdf", "phu-luc.xlsx"])
        XCTAssertEqual(line.documentSymbol, "45/BC-STNMT", "the first symbol any submission carried")
    }
}
