import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration

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

    /// Five runs died as they began with the second message and no crash was seen (the
    /// kernel killing a run out of memory, say): the next run gives it up as unreadable,
    /// keeps it for a person, and reads the rest.
    func testMessageThatStoppedFiveRunsIsGivenUpAndTheRestIsRead() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml", "list-mail.eml", "octet-stream-pdf.eml"])
        let processor = try MessageProcessor(campaign: campaign(), store: store)
        _ = try processor.process(ids[0], now: now)
        for _ in 0..<5 { try store.beginParsing(ids[1]) }
        let processed = try processor.processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.unparseable, .submission])
        let givenUp = try XCTUnwrap(store.message(ids[1]))
        XCTAssertEqual(givenUp.parseStatus, .unparseable)
        XCTAssertTrue(givenUp.parseError?.contains("stopped 5 times") == true, givenUp.parseError ?? "")
        XCTAssertEqual(try store.listMessages(kinds: ["unparseable"]).map(\.message.id), [ids[1]])
        XCTAssertEqual(try store.rawMessage(ids[1]), Fixtures.data("list-mail.eml"))
    }

    /// Runs killed from outside at the same instant land on the same message: a few such
    /// deaths are not the message's fault.
    func testFourDeathsWithoutACrashAreForgiven() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml"])
        for _ in 0..<4 { try store.beginParsing(ids[0]) }
        let processed = try MessageProcessor(campaign: campaign(), store: store).processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission])
    }

    func testMessageThatCrashedTheLastRunIsSetAsideAtOnceAndTheRestIsRead() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml", "list-mail.eml", "octet-stream-pdf.eml"])
        let processed = try MessageProcessor(campaign: campaign(), store: store)
            .processPending(now: now, lastCrash: (messageID: ids[1], signal: SIGSEGV))
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission, .unparseable, .submission])
        let setAside = try XCTUnwrap(store.message(ids[1]))
        XCTAssertTrue(setAside.parseError?.contains("crashed (signal 11)") == true, setAside.parseError ?? "")
        XCTAssertEqual(try store.rawMessage(ids[1]), Fixtures.data("list-mail.eml"))
    }

    /// The marker names the message being processed when the signal came, and nothing
    /// when none was: a crash while fetching blames no message.
    func testCrashMarkerNamesOnlyTheMessageBeingProcessed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storePath = folder.appendingPathComponent("store.sqlite").path
        CrashWitness.watch(storePath: storePath)
        CrashWitness.recordCrash(signal: SIGSEGV)
        XCTAssertNil(CrashWitness.takeMarker(storePath: storePath))
        CrashWitness.processing(1_234_567)
        CrashWitness.recordCrash(signal: SIGABRT)
        CrashWitness.doneProcessing()
        let marker = try XCTUnwrap(CrashWitness.takeMarker(storePath: storePath))
        XCTAssertEqual(marker.messageID, 1_234_567)
        XCTAssertEqual(marker.signal, SIGABRT)
        XCTAssertNil(CrashWitness.takeMarker(storePath: storePath), "the marker is acted on once")
        CrashWitness.recordCrash(signal: SIGSEGV)
        XCTAssertNil(CrashWitness.takeMarker(storePath: storePath))
    }

    func testOneEarlierDeathIsForgivenTheMessageIsReadAgain() throws {
        let (store, ids) = try storeWith(["submission-pdf-utf8.eml"])
        try store.beginParsing(ids[0])
        let processed = try MessageProcessor(campaign: campaign(), store: store).processPending(now: now)
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission])
        XCTAssertEqual(try store.parseAttempts(ids[0]), 2)
    }
}

extension MessageProcessorTests {
    /// A fault is delivered to the thread that made it: the read-ahead thread names the
    /// message it was parsing, the run's thread its own; a signal from outside that lands
    /// on a thread with no message names the other thread's.
    func testCrashOnTheReadAheadThreadNamesTheMessageThatThreadWasOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storePath = folder.appendingPathComponent("store.sqlite").path
        CrashWitness.watch(storePath: storePath)
        defer { CrashWitness.doneProcessing() }
        CrashWitness.processing(11)
        let aheadCrashed = DispatchSemaphore(value: 0)
        let aheadIdle = DispatchSemaphore(value: 0)
        let recordAgain = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            CrashWitness.readingAheadOnThisThread()
            CrashWitness.processingAhead(42)
            CrashWitness.recordCrash(signal: SIGSEGV)
            aheadCrashed.signal()
            recordAgain.wait()
            CrashWitness.doneProcessingAhead()
            CrashWitness.recordCrash(signal: SIGBUS)
            aheadIdle.signal()
            finished.signal()
        }
        thread.start()
        aheadCrashed.wait()
        XCTAssertEqual(CrashWitness.takeMarker(storePath: storePath)?.messageID, 42, "the fault was the read-ahead thread's")
        CrashWitness.recordCrash(signal: SIGABRT)
        XCTAssertEqual(CrashWitness.takeMarker(storePath: storePath)?.messageID, 11, "the run's thread names its own")
        recordAgain.signal()
        aheadIdle.wait()
        XCTAssertEqual(CrashWitness.takeMarker(storePath: storePath)?.messageID, 11, "an idle thread names the other's")
        finished.wait()
    }
}
