import Foundation
import TestSupport
import XCTest

/// The world most job tests need: the Office's mailbox (a Dovecot), an SMTP server, and
/// the shipped campaign file pointed at both, all fresh for each test.
class CampaignTestCase: XCTestCase {
    /// Without an SMTP server the campaign has receipts turned off.
    class var usesSMTP: Bool { true }
    /// Sent mail is also delivered into a second Dovecot, the agencies' side.
    class var deliversToAgencies: Bool { false }

    var office: DovecotServer!
    var agencies: DovecotServer!
    var smtp: SMTPServer!
    var setup: TestCampaign!

    override func setUpWithError() throws {
        office = try DovecotServer()
        if Self.usesSMTP {
            if Self.deliversToAgencies { agencies = try DovecotServer() }
            smtp = try SMTPServer(deliveringInto: agencies)
        }
        setup = try TestCampaign(server: office, smtp: smtp)
    }

    override func tearDown() {
        smtp?.stop()
        agencies?.stop()
        office?.stop()
        setup?.remove()
    }
}
