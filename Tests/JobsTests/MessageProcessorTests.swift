import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest

final class MessageProcessorTests: XCTestCase {
    let now = CampaignTime.may6(60)

    func campaign() throws -> Campaign {
        try CampaignFile.load(path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
    }

    func storeWith(_ fixtures: [String]) throws -> (MessageStore, [Int64]) {
        let store = try MessageStore(inMemory: "t")
        let incoming = fixtures.enumerated().map { index, name in
            let raw = Fixtures.data(name)
            return IncomingMessage(uid: UInt32(index + 1), receivedAt: CampaignTime.may6(index), raw: raw, sha256: SHA256.hex(raw))
        }
        let ids = try store.ingest(incoming, mailbox: "m", uidValidity: 1, now: now).map { outcome -> Int64 in
            guard case .stored(let id) = outcome else { return -1 }
            return id
        }
        return (store, ids)
    }

    func testOnlyTheFirstMessageOfARunIsCounted() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml", "list-mail.eml", "octet-stream-pdf.eml"])
        let processed = try MessageProcessor(campaign: campaign(), store: store).processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission, .list, .submission])
        XCTAssertEqual(try ids.map(store.parseAttempts), [1, 0, 0])
    }

    /// Two runs died as they began with the second message (a parser crash, say): the
    /// next run gives it up as unreadable, keeps it for a person, and reads the rest.
    func testMessageThatStoppedTwoRunsIsGivenUpAndTheRestIsRead() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml", "list-mail.eml", "octet-stream-pdf.eml"])
        let processor = try MessageProcessor(campaign: campaign(), store: store)
        _ = try processor.process(ids[0], now: now)
        try store.beginParsing(ids[1])
        try store.beginParsing(ids[1])
        let processed = try processor.processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.unparseable, .submission])
        let givenUp = try XCTUnwrap(store.message(ids[1]))
        XCTAssertEqual(givenUp.parseStatus, .unparseable)
        XCTAssertTrue(givenUp.parseError?.contains("stopped 2 times") == true, givenUp.parseError ?? "")
        XCTAssertEqual(try store.listMessages(kinds: ["unparseable"]).map(\.message.id), [ids[1]])
        XCTAssertEqual(try store.rawMessage(ids[1]), Fixtures.data("list-mail.eml"))
    }

    func testOneEarlierDeathIsForgivenTheMessageIsReadAgain() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml"])
        try store.beginParsing(ids[0])
        let processed = try MessageProcessor(campaign: campaign(), store: store).processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission])
        XCTAssertEqual(try store.parseAttempts(ids[0]), 2)
    }
}
