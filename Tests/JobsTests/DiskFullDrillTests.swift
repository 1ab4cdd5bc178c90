import Foundation
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The disk under the store fills up while a poll stores mail: the run says so on one
/// line and exits 74, the store stays consistent, and once space is freed the next run
/// goes on where it stopped — every message stored exactly once, none turned read.
final class DiskFullDrillTests: CampaignTestCase {
    override class var usesSMTP: Bool { false }

    private var mountPoint: URL?

    override func tearDown() {
        if let mountPoint {
            _ = try? runTool("/bin/umount", ["-l", mountPoint.path])
            try? FileManager.default.removeItem(at: mountPoint)
        }
        super.tearDown()
    }

    /// A tmpfs of its own, so that filling it fills nothing else; the drill needs root
    /// (CI runs as root) and is skipped, saying why, where mounting is not allowed.
    private func smallDisk(megabytes: Int) throws -> URL {
        let folder = setup.folder.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            _ = try runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", folder.path])
        } catch {
            throw XCTSkip("cannot mount a small tmpfs here (\(error)); the disk-full drill needs root")
        }
        mountPoint = folder
        return folder
    }

    private func freeBytes(_ folder: URL) throws -> Int {
        var stats = statvfs()
        guard statvfs(folder.path, &stats) == 0 else { throw TestSupportError("statvfs \(folder.path) failed") }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Fills the disk until only `leaving` bytes are free, with a file that can be
    /// removed to give the space back.
    private func fill(_ folder: URL, leaving: Int) throws -> URL {
        let filler = folder.appendingPathComponent("filler")
        let size = try freeBytes(folder) - leaving
        guard size > 0 else { return filler }
        _ = try runTool("/usr/bin/fallocate", ["-l", String(size), filler.path])
        return filler
    }

    /// A campaign like the test's, with its store on `folder`.
    private func campaign(storeIn folder: URL) throws -> (config: String, store: String) {
        let store = folder.appendingPathComponent("store.sqlite").path
        let yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
            .replacingOccurrences(of: "path: \(setup.storePath)", with: "path: \(store)")
        let config = setup.folder.appendingPathComponent("small-disk.yaml").path
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, store)
    }

    /// Plain messages and, every tenth, one carrying a PDF, so the disk fills at
    /// raw bytes, decisions, files and document readings alike.
    private func deliverMail(count: Int) throws {
        let pdfMail = try Fixtures.data("submission-pdf-utf8.eml")
        for i in 0..<count {
            let raw = i % 10 == 9
                ? Data("X-Drill-Number: \(i)\r\n".utf8) + pdfMail
                : PollCommandTests.message(number: i)
            try office.deliver(raw, internalDate: CampaignTime.may6(i))
        }
    }

    func testDiskFullWhileStoringExits74KeepsTheStoreConsistentAndTheNextRunResumes() throws {
        let count = 300
        try deliverMail(count: count)
        let disk = try smallDisk(megabytes: 16)
        let (config, storePath) = try campaign(storeIn: disk)

        // Each round leaves a little more room than the last, so the disk fills at a
        // different instant: creating the store, mid-batch, reading documents.
        var fullRuns = 0
        for leaving in [16 << 10, 200 << 10, 700 << 10, 1_500 << 10, 2_500 << 10] {
            let filler = try fill(disk, leaving: leaving)
            let result = try DondocCommand.run(["poll", "--quiet", "--config", config])
            try FileManager.default.removeItem(at: filler)
            if result.status == 0 { break }
            fullRuns += 1
            XCTAssertEqual(result.status, 74, result.stderr)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("full"), result.stderr)
            XCTAssertTrue(result.stderr.contains(storePath), "the message does not say which disk: \(result.stderr)")
            try assertConsistent(storePath: storePath, atMost: count)
        }
        XCTAssertGreaterThanOrEqual(fullRuns, 2, "the disk never filled twice; the drill proved little")
        print("the disk filled in \(fullRuns) polls; each next one went on")

        let result = try DondocCommand.run(["poll", "--quiet", "--config", config])
        XCTAssertEqual(result.status, 0, result.stderr)
        let store = try MessageStore(path: storePath)
        XCTAssertEqual(try store.messageCount(), count)
        XCTAssertEqual(try store.locationCount(), count)
        XCTAssertEqual(try store.pendingMessageIDs(), [])
        XCTAssertEqual(try store.listMessages(kinds: ["unparseable"]).count, 0, "a message was blamed for the full disk")
        XCTAssertEqual(try office.seenMessageKeys(), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath + ".crashed"))
    }

    private func assertConsistent(storePath: String, atMost count: Int, line: UInt = #line) throws {
        guard FileManager.default.fileExists(atPath: storePath) else { return }
        let store = try MessageStore(path: storePath)
        XCTAssertEqual(try store.integrityCheck(), ["ok"], line: line)
        let stored = try store.messageCount()
        XCTAssertEqual(try store.locationCount(), stored, line: line)
        XCTAssertLessThanOrEqual(stored, count, line: line)
        XCTAssertEqual(try office.seenMessageKeys(), [], line: line)
    }
}
