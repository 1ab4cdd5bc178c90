import DonDoc
import Foundation
@testable import Jobs
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
@testable import Configuration
#endif

/// `password_command` runs a program of the administrator's choosing from cron: it must
/// not see other secrets, hang the run, or outlive dondoc.
final class PasswordCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pwcmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func testTheCommandDoesNotSeeTheOtherServersPasswordVariable() throws {
        let environment = ["PATH": "/usr/bin:/bin", "HOME": "/root", "SMTP_PASSWORD": "other-secret"]
        let seen = try Secrets.resolve(.command("printf '%s|%s' \"${SMTP_PASSWORD:-absent}\" \"$HOME\""), for: "mailbox",
                                       environment: environment)
        XCTAssertEqual(seen, "absent|/root")
    }

    /// A secret store waiting for a passphrase nobody types: stopped, with everything it
    /// started, and a line that says why.
    func testACommandThatHangsIsStoppedWithWhatItStarted() throws {
        let pidFile = folder.appendingPathComponent("pid").path
        XCTAssertThrowsError(try Secrets.fromCommand("sleep 600 & echo $! > \(pidFile); wait", for: "mailbox", seconds: 1)) { error in
            XCTAssertTrue((error as? ConfigError)?.lines.first?.contains("did not finish within 1 s") == true, "\(error)")
        }
        let pid = try XCTUnwrap(pid_t(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(Self.isGone(pid), "the command's own child outlived it")
    }

    func testAFailingCommandSaysWhatItPrintedOnStderr() {
        XCTAssertThrowsError(try Secrets.fromCommand("echo 'gpg: decryption failed' >&2; exit 2", for: "smtp")) { error in
            let line = (error as? ConfigError)?.lines.first ?? ""
            XCTAssertTrue(line.contains("exited with status 2: gpg: decryption failed"), line)
        }
    }

    /// `kill -9` of dondoc while the command runs: the kernel ends the command too.
    func testTheCommandDiesWithDondoc() throws {
        let pidFile = folder.appendingPathComponent("pid").path
        let configPath = folder.appendingPathComponent("campaign.yaml").path
        var yaml = try String(contentsOf: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml"),
                              encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "password_file: /etc/dondoc/imap.secret",
                                         with: "password_command: \"echo $$ > \(pidFile); exec sleep 600\"")
        yaml = yaml.replacingOccurrences(of: "path: /var/lib/dondoc/giai-trinh-2020-q2.sqlite",
                                         with: "path: \(folder.appendingPathComponent("store.sqlite").path)")
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        let (process, _, errFile) = try DondocCommand.start(["poll", "--config", configPath])
        defer { try? FileManager.default.removeItem(at: errFile) }
        var pid: pid_t?
        for _ in 0..<500 where pid == nil && process.isRunning {
            pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let commandPID = try XCTUnwrap(pid, "the command never ran: \((try? String(contentsOf: errFile, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertTrue(Self.isGone(commandPID), "the command outlived dondoc")
    }

    /// Gone, or a zombie waiting for a parent that is not us: either way not running.
    static func isGone(_ pid: pid_t) -> Bool {
        for _ in 0..<200 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }
}
