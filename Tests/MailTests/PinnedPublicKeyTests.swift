import Foundation
@testable import Mail
import TestSupport
import XCTest

/// An Office whose mail server has its own CA can pin the server's key: only that key is
/// accepted, on top of the certificate check.
final class PinnedPublicKeyTests: XCTestCase {
    /// `sha256//BASE64` of the test server's public key, computed by openssl as the
    /// README tells an IT officer to.
    static func pin(of certificate: String) throws -> String {
        let script = "openssl x509 -in '\(certificate)' -pubkey -noout | openssl pkey -pubin -outform der"
            + " | openssl dgst -sha256 -binary | base64"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return "sha256//" + String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let otherKey = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()

    func imap(_ server: DovecotServer, pin: String) -> IMAPEndpoint {
        var endpoint = IMAPEndpoint(url: server.url(), username: server.username, password: server.password,
                                    caFile: server.caFile, timeout: 5)
        endpoint.pinnedPublicKey = pin
        return endpoint
    }

    func testTheServersOwnKeyIsAcceptedAndAnotherIsRefused() throws {
        let server = try DovecotServer()
        let pin = try Self.pin(of: server.certificates.serverCertificateFile)
        XCTAssertNoThrow(try IMAPSession(endpoint: imap(server, pin: pin)).examine())
        XCTAssertNoThrow(try IMAPSession(endpoint: imap(server, pin: Self.otherKey + ";" + pin)).examine(),
                         "the next key may be pinned beside the current one")
        XCTAssertThrowsError(try IMAPSession(endpoint: imap(server, pin: Self.otherKey))) { error in
            guard case .tlsFailed(let text)? = error as? MailError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("not the pinned one"), text)
        }
    }

    func testSMTPRefusesAServerWhoseKeyIsNotThePinnedOne() throws {
        let server = try SMTPServer()
        var endpoint = smtpEndpoint(server, scheme: "smtps")
        endpoint.pinnedPublicKey = Self.otherKey
        let sender = try SMTPSender(endpoint: endpoint)
        XCTAssertThrowsError(try sender.send(envelopeFrom: "vanphong@hdnd.example.org", recipients: ["a@example.org"],
                                             message: Data("Subject: x\r\n\r\ny\r\n".utf8))) { error in
            guard case .connection(.tlsFailed(let text))? = error as? SMTPSendError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("not the pinned one"), text)
        }
        XCTAssertEqual(try server.received().count, 0)
        var pinned = smtpEndpoint(server, scheme: "smtps")
        pinned.pinnedPublicKey = try Self.pin(of: server.certificates.serverCertificateFile)
        XCTAssertNoThrow(try SMTPSender(endpoint: pinned).send(envelopeFrom: "vanphong@hdnd.example.org", recipients: ["a@example.org"],
                                                               message: Data("Subject: x\r\n\r\ny\r\n".utf8)))
    }
}
