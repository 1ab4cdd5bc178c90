import Foundation
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The `dondoc` executable as cron runs it: exit statuses, one line on stderr, the run
/// lock, and `kill -9` at any instant.
final class PollCommandTests: CampaignTestCase {
    override class var usesSMTP: Bool { false }

    func poll(_ config: String? = nil) throws -> DondocCommand.Result {
        try DondocCommand.run(["poll", "--config", config ?? setup.configPath])
    }

    func testPollPrintsASummaryAndExitsZero() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        let result = try poll()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "poll: 1 new, 0 already stored, 1 submission\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testTheStoreIsReadableByItsOwnerOnlyWhateverTheUmask() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        let previous = umask(0o022)
        defer { umask(previous) }
        let result = try poll()
        XCTAssertEqual(result.status, 0, result.stderr)
        for path in [setup.storePath, setup.storePath + "-wal"] where FileManager.default.fileExists(atPath: path) {
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o077, 0, "\(path) is \(String(mode, radix: 8))")
        }
    }

    func testPollWithoutTheDocumentReaderExits78AndLeavesTheMailInTheMailbox() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        let result = try DondocCommand.run(["poll", "--config", setup.configPath],
                                           environment: ["DONDOC_READER": "/nonexistent/dondoc-read-document"])
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertTrue(result.stderr.contains("dondoc-read-document"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath), "nothing polled")
    }

    func testConfigFromEnvironmentVariable() throws {
        let result = try DondocCommand.run(["poll"], environment: ["DONDOC_CONFIG": setup.configPath])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testWrongPasswordExits77WithOneLine() throws {
        let wrong = try TestCampaign(server: office, password: "not the password")
        defer { wrong.remove() }
        let result = try poll(wrong.configPath)
        XCTAssertEqual(result.status, 77)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("dondoc: "), result.stderr)
        XCTAssertFalse(result.stderr.contains("not the password"), "the password leaked: \(result.stderr)")
    }

    func testRefusedConnectionExits75() throws {
        let closed = try LoopbackPort.free()
        let unreachable = try TestCampaign(server: office, url: URL(string: "imaps://127.0.0.1:\(closed)/INBOX")!)
        defer { unreachable.remove() }
        let result = try poll(unreachable.configPath)
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testUntrustedCertificateExits78AndNamesCAFile() throws {
        let untrusted = try TestCampaign(server: office, caFile: .some(office.unrelatedCAFile))
        defer { untrusted.remove() }
        let result = try poll(untrusted.configPath)
        XCTAssertEqual(result.status, 78, result.stderr)
        XCTAssertTrue(result.stderr.contains("ca_file"), result.stderr)
    }

    func testBadCampaignFileExits78WithOneLinePerProblem() throws {
        let bad = setup.folder.appendingPathComponent("bad.yaml").path
        var yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "deadline: 2020-05-09", with: "deadline: 2020-05-32")
        yaml = yaml.replacingOccurrences(of: "tag: GT2020", with: "tag: GT2020\n  colour: red")
        try yaml.write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try poll(bad)
        XCTAssertEqual(result.status, 78)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stderr)
        XCTAssertTrue(lines[0].contains("campaign.deadline: \"2020-05-32\" is not a date"), result.stderr)
        XCTAssertTrue(lines[1].contains("campaign.colour: unknown key"), result.stderr)
    }

    func testSecondPollWhileOneRunsExits75AtOnce() throws {
        // Hold the lock the way a running poll does.
        let lockPath = setup.storePath + ".poll.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        defer { close(fd) }
        let started = Date()
        let result = try poll()
        XCTAssertEqual(result.status, 75)
        XCTAssertTrue(result.stderr.contains("holds the lock"), result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the second run waited instead of leaving")
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath), "the second run touched the store")
    }

    /// `--verbose` says what the run does, each line with its time and level: the
    /// connection, the search, each batch stored, what was read.
    func testVerbosePollLogsEachStepWithTimeAndLevel() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        let result = try DondocCommand.run(["poll", "--verbose", "--config", setup.configPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for step in ["connected to imaps://127.0.0.1", "search: 1 messages after UID 0", "stored a batch of 1 messages",
                     "read 1 messages"] {
            let line = try XCTUnwrap(lines.first { $0.contains(step) }, "\(step) not logged:\n\(result.stderr)")
            XCTAssertTrue(line.contains(" info "), line)
            XCTAssertTrue(line.hasPrefix("20"), "no time: \(line)")
        }
        XCTAssertFalse(result.stderr.contains(setup.campaign.mailbox.username + ":"), "no credentials in the log")
        let quiet = try DondocCommand.run(["poll", "--quiet", "--config", setup.configPath])
        XCTAssertEqual(quiet.stdout + quiet.stderr, "")
    }

    /// A password_command waiting for a keyring nobody unlocks holds up its own run only:
    /// the next cron run still takes the lock and polls.
    func testAPasswordCommandThatWaitsDoesNotHoldTheLock() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        let started = setup.folder.appendingPathComponent("command-started").path
        let waiting = setup.folder.appendingPathComponent("waiting.yaml").path
        var yaml = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        let secretLine = try XCTUnwrap(yaml.components(separatedBy: "\n").first { $0.contains("password_file:") })
        yaml = yaml.replacingOccurrences(of: secretLine, with: "  password_command: \"touch \(started); exec sleep 600\"")
        try yaml.write(toFile: waiting, atomically: true, encoding: .utf8)
        let (stuck, _, errFile) = try DondocCommand.start(["poll", "--config", waiting])
        defer {
            kill(stuck.processIdentifier, SIGKILL)
            stuck.waitUntilExit()
            try? FileManager.default.removeItem(at: errFile)
        }
        for _ in 0..<1000 where !FileManager.default.fileExists(atPath: started) { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: started), "the waiting run never reached its password_command")
        XCTAssertTrue(stuck.isRunning)
        let result = try poll()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "poll: 1 new, 0 already stored, 1 submission\n")
    }

    /// `kill -9` at many different instants of a poll of 600 messages, then one poll
    /// to the end: every message stored exactly once, none turned read.
    func testKillNineAtAnyInstantLosesNothingAndStoresNothingTwice() throws {
        // `make drills` asks for the long version: 50 instants over 3,000 messages.
        let drill = ProcessInfo.processInfo.environment["DONDOC_DRILLS"] != nil
        let count = drill ? 3000 : 600
        for i in 0..<count {
            let raw = Self.message(number: i)
            try office.deliver(raw, internalDate: CampaignTime.may6(i))
        }
        var interrupted = 0
        var delays = drill ? (1...50).map { Double($0) * 0.06 } : [0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 0.9]
        delays.shuffle()
        for delay in delays {
            let (process, _, errFile) = try DondocCommand.start(["poll", "--quiet", "--config", setup.configPath])
            defer { try? FileManager.default.removeItem(at: errFile) }
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                interrupted += 1
            }
            process.waitUntilExit()
            // Check the invariant after every crash, not only at the end.
            let store = try MessageStore(path: setup.storePath)
            let stored = try store.messageCount()
            XCTAssertEqual(try store.locationCount(), stored)
            XCTAssertLessThanOrEqual(stored, count)
        }
        let result = try poll()
        XCTAssertEqual(result.status, 0, result.stderr)
        let store = try MessageStore(path: setup.storePath)
        XCTAssertEqual(try store.messageCount(), count)
        XCTAssertEqual(try store.locationCount(), count)
        XCTAssertEqual(try store.pendingMessageIDs(), [])
        XCTAssertEqual(Set(try store.listMessages().compactMap(\.message.messageID)).count, count)
        XCTAssertEqual(try office.seenMessageKeys(), [])
        XCTAssertGreaterThan(interrupted, 0, "no poll was interrupted; the test proved nothing")
        print("kill -9 interrupted \(interrupted) of \(delays.count) polls of \(count) messages")
    }

    static func message(number: Int) -> Data {
        let padding = String(repeating: "Nội dung báo cáo giải trình. ", count: 300)
        return Data("""
            From: =?UTF-8?B?\(Data("Sở Tài chính".utf8).base64EncodedString())?= <stc@dienbien.example.org>\r
            To: vanphong@hdnd.example.org\r
            Subject: =?UTF-8?B?\(Data("Công văn số \(number)/STC-VP".utf8).base64EncodedString())?=\r
            Message-ID: <bulk-\(number)@dienbien.example.org>\r
            Date: Wed, 6 May 2020 09:00:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            \(padding)\r

            """.utf8)
    }
}

extension PollCommandTests {
    /// On a terminal a person sees one line per new message; cron (no terminal) gets
    /// only the summary, which the other tests pin.
    func testPollOnATerminalPrintsOneLinePerMessage() throws {
        try office.deliver(Fixtures.data("submission-pdf-utf8.eml"), internalDate: CampaignTime.may6())
        try office.deliver(Fixtures.data("list-mail.eml"), internalDate: CampaignTime.may6(1))
        // util-linux `script` runs the command on a pseudo-terminal.
        let command = "\(DondocCommand.executable.path) poll --config \(setup.configPath)"
        let output = try runTool("/usr/bin/script", ["-qec", command, "/dev/null"])
        let lines = output.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, output)
        XCTAssertTrue(lines[0].hasPrefix("#1 submission stnmt stnmt@dienbien.example.org Số: 45/BC-STNMT"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("#2 list - bantin@dienbien.example.org"), lines[1])
        XCTAssertEqual(lines[2], "poll: 2 new, 0 already stored, 1 submission, 1 list")
    }
}

extension PollCommandTests {
    /// A crash signal while a message is being read names that message; the next poll
    /// sets it aside for a person at once, and reads every other message.
    func testCrashWhileReadingAMessageSetsThatMessageAsideAndNoOther() throws {
        let count = 300
        for i in 0..<count { try office.deliver(Self.message(number: i), internalDate: CampaignTime.may6(i)) }
        let (process, _, errFile) = try DondocCommand.start(["poll", "--quiet", "--config", setup.configPath])
        defer { try? FileManager.default.removeItem(at: errFile) }
        // Strike in the middle of the reading, once the fetch is done and some are read.
        let store = try MessageStore(path: setup.storePath)
        var pending = 0
        for _ in 0..<600 where process.isRunning {
            pending = (try? store.pendingMessageIDs().count) ?? 0
            if (try? store.messageCount()) == count, pending > 0, pending < count - 5 { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        XCTAssertTrue(process.isRunning, "the poll ended before it could be struck; the test proved nothing")
        kill(process.processIdentifier, SIGSEGV)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "a crash signal must end the run")
        let marker = try String(contentsOfFile: setup.storePath + ".crashed", encoding: .utf8)
        let blamed = try XCTUnwrap(Int64(marker.split(separator: " ").first ?? ""), marker)
        // The signal may have come just after the message was committed: then it is read.
        let setAside = try store.pendingMessageIDs().contains(blamed) ? [blamed] : []

        let result = try poll()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("crashed (signal 11) while reading message \(blamed)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.storePath + ".crashed"))
        XCTAssertEqual(try store.listMessages(kinds: ["unparseable"]).map(\.message.id), setAside)
        XCTAssertEqual(try store.pendingMessageIDs(), [])
        XCTAssertEqual(try store.messageCount(), count)
    }
}
