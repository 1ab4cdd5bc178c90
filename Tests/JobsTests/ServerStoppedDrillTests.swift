import Foundation
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The Office's mail server dies in the middle of a first poll (a crash, a reboot): the
/// run ends as a temporary failure keeping every message it had committed, and once the
/// server is back the next run fetches the rest — every message exactly once.
final class ServerStoppedDrillTests: CampaignTestCase {
    override class var usesSMTP: Bool { false }

    func testIMAPServerStoppedMidFetchExits75AndTheNextPollGetsTheRestExactlyOnce() throws {
        let count = ProcessInfo.processInfo.environment["DONDOC_DRILLS"] != nil ? 3000 : 1200
        for i in 0..<count {
            try office.deliver(PollCommandTests.message(number: i), internalDate: CampaignTime.may6(i))
        }
        let (process, _, errFile) = try DondocCommand.start(["poll", "--config", setup.configPath])
        defer { try? FileManager.default.removeItem(at: errFile) }
        // Strike once some batches are committed and the rest is still on its way.
        var storedBefore = 0
        for _ in 0..<3000 where process.isRunning {
            storedBefore = (try? MessageStore(path: setup.storePath).messageCount()) ?? 0
            if storedBefore > 0 { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        XCTAssertTrue(process.isRunning, "the poll ended before the server could be stopped; the drill proved nothing")
        office.halt()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 75, stderr)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)

        let store = try MessageStore(path: setup.storePath)
        let kept = try store.messageCount()
        XCTAssertGreaterThanOrEqual(kept, storedBefore, "a committed message was lost")
        XCTAssertLessThan(kept, count, "everything arrived before the server stopped; the drill proved nothing")
        XCTAssertEqual(try store.locationCount(), kept)
        XCTAssertEqual(try store.integrityCheck(), ["ok"])

        try office.resume()
        let rest = try DondocCommand.run(["poll", "--quiet", "--config", setup.configPath])
        XCTAssertEqual(rest.status, 0, rest.stderr)
        XCTAssertEqual(try store.messageCount(), count)
        XCTAssertEqual(try store.locationCount(), count)
        XCTAssertEqual(try store.pendingMessageIDs(), [])
        XCTAssertEqual(try office.seenMessageKeys(), [])
        print("the server stopped after \(kept) of \(count) messages were stored; the next poll got the rest")
    }
}
