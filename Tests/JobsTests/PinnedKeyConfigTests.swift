import DonDoc
import Foundation
@testable import Jobs
import TestSupport
import XCTest
@testable import Configuration

final class PinnedKeyConfigTests: XCTestCase {
    func yaml(_ pin: String) throws -> String {
        try String(contentsOf: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml"),
                   encoding: .utf8)
            .replacingOccurrences(of: "  after_processing: none", with: "  after_processing: none\n  pinned_public_key: \"\(pin)\"")
    }

    func testAPinIsReadAndReachesTheMailboxEndpoint() throws {
        let pin = "sha256//" + Data(repeating: 1, count: 32).base64EncodedString()
        let campaign = try CampaignFile.parse(yaml: yaml(pin), file: "c.yaml")
        XCTAssertEqual(campaign.mailbox.pinnedPublicKey, pin)
    }

    func testAPinThatIsNotASHA256OfAKeyIsAConfigurationError() throws {
        for bad in ["sha256//abc", "/etc/ssl/server.pem", "sha1//" + Data(repeating: 1, count: 20).base64EncodedString()] {
            XCTAssertThrowsError(try CampaignFile.parse(yaml: yaml(bad), file: "c.yaml"), bad) { error in
                XCTAssertTrue((error as? ConfigError)?.lines.first?.contains("mailbox.pinned_public_key") == true, "\(error)")
            }
        }
    }
}
