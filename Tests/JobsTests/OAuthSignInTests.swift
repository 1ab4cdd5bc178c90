import DonDoc
import Foundation
@testable import Jobs
import Store
import TestSupport
import XCTest
@testable import Configuration

/// Gmail and Microsoft 365 refuse passwords over IMAP: dondoc logs in with an OAuth 2.0
/// access token that `token_command` prints, as mbsync and getmail do.
final class OAuthSignInTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("oauth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func campaign(_ server: ScriptedIMAPServer, tokenCommand: String) throws -> Campaign {
        var yaml = try String(contentsOf: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml"),
                              encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "url: imaps://imap.example.org/INBOX", with: "url: \(server.url().absoluteString)")
        yaml = yaml.replacingOccurrences(of: "password_file: /etc/dondoc/imap.secret",
                                         with: "auth: xoauth2\n  token_command: \"\(tokenCommand)\"")
        var campaign = try CampaignFile.parse(yaml: yaml, file: "c.yaml")
        campaign.storePath = folder.appendingPathComponent("store.sqlite").path
        campaign.reminders.receipts = false
        return campaign
    }

    func testATokenFromTokenCommandLogsInWithXOAUTH2() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(2),
                                            quirks: .init(xoauth2Token: "ya29.test-token"))
        let campaign = try campaign(server, tokenCommand: "printf ya29.test-token")
        XCTAssertEqual(campaign.mailbox.auth, .xoauth2)
        let summary = try PollJob(campaign: campaign).run(now: CampaignTime.may6(60))
        XCTAssertEqual(summary.stored, 2)
        XCTAssertTrue(server.commands().contains { $0.contains("AUTHENTICATE XOAUTH2") })
        XCTAssertFalse(server.commands().contains { $0.uppercased().contains(" LOGIN ") })
    }

    func testAnExpiredTokenIsALoginRefused() throws {
        let server = try ScriptedIMAPServer(messages: BrokenIMAPServerTests.messages(1),
                                            quirks: .init(xoauth2Token: "ya29.fresh"))
        let campaign = try campaign(server, tokenCommand: "printf ya29.expired")
        XCTAssertThrowsError(try PollJob(campaign: campaign).run(now: CampaignTime.may6(60))) { error in
            XCTAssertEqual((error as? JobError)?.exitStatus, 77, "\(error)")
        }
    }

    func testTokenCommandWithoutXOAUTH2IsAConfigurationError() throws {
        let yaml = try String(contentsOf: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml"),
                              encoding: .utf8)
            .replacingOccurrences(of: "password_file: /etc/dondoc/imap.secret", with: "token_command: \"printf t\"")
        XCTAssertThrowsError(try CampaignFile.parse(yaml: yaml, file: "c.yaml")) { error in
            XCTAssertTrue((error as? ConfigError)?.lines.joined().contains("token_command: is for auth: xoauth2") == true, "\(error)")
        }
    }
}
