import Foundation
@testable import Mail
import XCTest

/// Whether a password may travel in plain text is decided from the host libcurl will
/// connect to; a host that could be read two ways is refused before any connection.
final class ServerAddressTests: XCTestCase {
    func imap(_ url: String) -> IMAPEndpoint {
        IMAPEndpoint(url: URL(string: url)!, username: "u", password: "p")
    }

    func smtp(_ url: String) -> SMTPEndpoint {
        SMTPEndpoint(url: URL(string: url)!, username: "u", password: "p")
    }

    func refusal(_ body: () throws(MailError) -> String) -> MailError? {
        do { _ = try body(); return nil } catch { return error }
    }

    func testPercentEncodedSlashBeforeLocalhostIsRefusedNotTakenForLoopback() {
        for url in ["imap://192.0.2.2%2F.localhost/INBOX", "imap://192.0.2.2%2f.localhost:143/INBOX",
                    "imap://192.0.2.2%23.localhost/INBOX", "imap://192.0.2.2%3F.localhost/INBOX",
                    "imap://192.0.2.2%40.localhost/INBOX", "imap://192.0.2.2%20.localhost/INBOX"] {
            guard case .invalidEndpoint(let text)? = refusal({ () throws(MailError) in try imap(url).connectionURL() }) else {
                XCTFail("\(url) was accepted"); continue
            }
            XCTAssertFalse(text.contains("\n"), text)
        }
        guard case .invalidEndpoint? = refusal({ () throws(MailError) in try smtp("smtp://192.0.2.2%2F.localhost:25").connectionURL() }) else {
            return XCTFail("the SMTP URL was accepted")
        }
    }

    func testHostsThatAreNotNamesOrAddressesAreRefused() {
        for url in ["imaps://mail_server.example.org/", "imaps://-mail.example.org/", "imaps://mail..example.org/",
                    "imaps://m%C3%A1y.example.org/", "imaps://[fe80::1%25eth0]/", "imaps://mail.example.org%0D%0A/"] {
            guard case .invalidEndpoint? = refusal({ () throws(MailError) in try imap(url).connectionURL() }) else {
                XCTFail("\(url) was accepted"); continue
            }
        }
    }

    func testOrdinaryHostsAreAccepted() throws {
        XCTAssertEqual(try imap("imaps://mail.example.org:993/INBOX").connectionURL(), "imaps://mail.example.org:993/")
        XCTAssertEqual(try imap("imaps://xn--my-8ka.example.org/").connectionURL(), "imaps://xn--my-8ka.example.org/")
        XCTAssertEqual(try imap("imap://[::1]:143/").connectionURL(), "imap://[::1]:143/")
        XCTAssertEqual(try imap("imaps://192.0.2.7/").connectionURL(), "imaps://192.0.2.7/")
        XCTAssertEqual(try imap("imaps://mail.example.org./").connectionURL(), "imaps://mail.example.org./")
    }

    func testLoopbackIsReadFromTheAddressNotItsSpelling() {
        XCTAssertTrue(imap("imap://127.0.0.1/").hostIsLoopback)
        XCTAssertTrue(imap("imap://127.45.6.7/").hostIsLoopback)
        XCTAssertTrue(imap("imap://[0:0:0:0:0:0:0:1]/").hostIsLoopback)
        XCTAssertTrue(imap("imap://[::ffff:127.0.0.1]/").hostIsLoopback)
        XCTAssertTrue(imap("imap://mail.localhost/").hostIsLoopback)
        XCTAssertFalse(imap("imap://[::ffff:192.0.2.2]/").hostIsLoopback)
        XCTAssertFalse(imap("imap://128.0.0.1/").hostIsLoopback)
        XCTAssertFalse(imap("imap://localhost.example.org/").hostIsLoopback)
        XCTAssertFalse(imap("imap://127.0.0.1.example.org/").hostIsLoopback)
        XCTAssertFalse(smtp("smtp://192.0.2.2/").hostIsLoopback)
    }
}
