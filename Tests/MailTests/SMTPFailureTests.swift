import Foundation
import XCTest
@testable import Mail
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Each refusal comes back as what the outbox must do: retry (temporary), record
/// (permanent), or stop the run (connection).
final class SMTPFailureTests: XCTestCase {
    private let from = "vanthu@ubnd.example.vn"

    // MARK: Refusals of one message

    func testRefusedRecipient451IsTemporaryAndTheSameSendSucceedsAfterClearReplies() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        let message = sampleMessage(subject: "Nhắc hạn", body: "Hạn nộp báo cáo.")
        try server.setReply(forRecipient: "stc@example.vn", code: 451, text: "4.7.1 Try again later")

        XCTAssertEqual(sendFailure { try sender.send(envelopeFrom: from, recipients: ["stc@example.vn"], message: message) },
                       .temporary(SMTPReply(code: 451, text: "4.7.1 Try again later")))
        XCTAssertEqual(try server.received(), [])

        try server.clearReplies()
        try sender.send(envelopeFrom: from, recipients: ["stc@example.vn"], message: message)
        XCTAssertEqual(try server.received().map(\.raw), [message])
    }

    func testRefusedRecipient550IsPermanentWithServerText() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtp"))
        let text = "5.1.1 <khongco@example.vn>: Recipient address rejected: User unknown in virtual mailbox table"
        try server.setReply(forRecipient: "khongco@example.vn", code: 550, text: text)

        let failure = sendFailure {
            try sender.send(envelopeFrom: from, recipients: ["khongco@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }
        XCTAssertEqual(failure, .permanent(SMTPReply(code: 550, text: text)))
        XCTAssertEqual(failure?.message.contains(text), true)
        XCTAssertEqual(try server.received(), [])
    }

    func testOneRefusedRecipientOfSeveralStopsTheWholeMessageBeforeData() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        try server.setReply(forRecipient: "hong@example.vn", code: 550, text: "5.1.1 no such user")

        let failure = sendFailure {
            try sender.send(envelopeFrom: from, recipients: ["tot@example.vn", "hong@example.vn", "tot2@example.vn"],
                            message: sampleMessage(subject: "x", body: "y"))
        }
        XCTAssertEqual(failure, .permanent(SMTPReply(code: 550, text: "5.1.1 no such user")))
        // Nobody got it: not the first recipient, whom the server had accepted, either.
        XCTAssertEqual(try server.received(), [])
        XCTAssertFalse(try server.events().contains { $0.command == "DATA" })
    }

    func testMessageRefused451AfterDataIsTemporary() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        try server.setReplyToData(code: 451, text: "4.3.0 Queue full, try later")

        XCTAssertEqual(sendFailure { try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y")) },
                       .temporary(SMTPReply(code: 451, text: "4.3.0 Queue full, try later")))
        XCTAssertEqual(try server.received(), [])
    }

    func testMessageRefused554AfterDataIsPermanentWithServerText() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtp"))
        try server.setReplyToData(code: 554, text: "5.7.1 Message rejected as spam")

        XCTAssertEqual(sendFailure { try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y")) },
                       .permanent(SMTPReply(code: 554, text: "5.7.1 Message rejected as spam")))
    }

    func testRefusedReturnPathIsPermanent() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        try server.setReplyToMailFrom(code: 553, text: "5.7.1 Sender address not owned by user")

        XCTAssertEqual(sendFailure { try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y")) },
                       .permanent(SMTPReply(code: 553, text: "5.7.1 Sender address not owned by user")))
    }

    func testSendingGoesOnAfterARefusalOnANewConnection() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        let message = sampleMessage(subject: "x", body: "y")
        try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: message)
        try server.setReply(forRecipient: "b@example.vn", code: 550, text: "5.1.1 no such user")
        XCTAssertNotNil(sendFailure { try sender.send(envelopeFrom: from, recipients: ["b@example.vn"], message: message) })
        try sender.send(envelopeFrom: from, recipients: ["c@example.vn"], message: message)
        try sender.send(envelopeFrom: from, recipients: ["d@example.vn"], message: message)

        XCTAssertEqual(try server.received().flatMap(\.recipients), ["a@example.vn", "c@example.vn", "d@example.vn"])
        // libcurl 7.88 closes the connection after a failed transfer; the next message
        // opens one new connection, which is then reused again.
        XCTAssertEqual(try server.received().map(\.connection), [1, 2, 2])
        XCTAssertEqual(sender.connectionsOpened, 2)
    }

    func testEnvelopeWithALineBreakIsRefusedBeforeAnythingIsSent() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        for recipients in [["a@example.vn\r\nRCPT TO:<evil@example.vn>"], [], ["<a@example.vn>"]] {
            guard case .permanent(let reply)? = sendFailure({
                try sender.send(envelopeFrom: from, recipients: recipients, message: sampleMessage(subject: "x", body: "y"))
            }) else { return XCTFail("\(recipients) was not refused") }
            XCTAssertEqual(reply.code, 501)
        }
        XCTAssertEqual(server.connectionCount, 0)
    }

    // MARK: Failures of the session

    func testWrongPasswordIsAuthenticationFailedWithoutThePassword() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtp", password: "mat-khau-sai"))
        guard case .connection(.authenticationFailed(let text))? = sendFailure({
            try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }) else { return XCTFail("not authenticationFailed") }
        XCTAssertTrue(text.contains(server.username), text)
        XCTAssertFalse(text.contains("mat-khau-sai"), "the message must not show the password: \(text)")
        XCTAssertEqual(try server.events().filter { $0.command == "AUTH" }.map(\.reply), ["535"])
        XCTAssertEqual(try server.received(), [])
    }

    func testNoCredentialsForAServerThatRequiresALoginIsAuthenticationFailed() throws {
        let server = try SMTPServer()
        let endpoint = SMTPEndpoint(url: server.url(scheme: "smtps"), caFile: server.caFile, timeout: 5)
        let sender = try SMTPSender(endpoint: endpoint)
        guard case .connection(.authenticationFailed)? = sendFailure({
            try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }) else { return XCTFail("a 530 must stop the run, not fail one message") }
    }

    func testRefusedPortIsCannotConnect() throws {
        let port = try LoopbackPort.free()
        let sender = try SMTPSender(endpoint: SMTPEndpoint(url: URL(string: "smtps://127.0.0.1:\(port)")!, username: "u", password: "p"))
        guard case .connection(let error)? = sendFailure({
            try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }), case .cannotConnect(let text) = error else { return XCTFail("not cannotConnect") }
        XCTAssertTrue(text.contains("127.0.0.1:\(port)"), text)
        XCTAssertTrue(error.isTemporary)
    }

    func testUntrustedCertificateIsTLSFailed() throws {
        let server = try SMTPServer()
        for scheme in ["smtps", "smtp"] {
            for caFile in [nil, server.unrelatedCAFile] {
                let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: scheme, caFile: .some(caFile)))
                guard case .connection(.tlsFailed(let text))? = sendFailure({
                    try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
                }) else { return XCTFail("\(scheme) with CA \(caFile ?? "none") was trusted") }
                XCTAssertTrue(text.contains("ca_file"), text)
            }
        }
        XCTAssertFalse(try server.events().contains { $0.command == "AUTH" }, "no login may follow a failed certificate check")
    }

    func testPlainSMTPToANonLoopbackHostWithoutSTARTTLSIsRefusedBeforeLogin() throws {
        guard let address = nonLoopbackIPv4Address() else { throw XCTSkip("this machine has no non-loopback IPv4 address") }
        let server = try SMTPServer(plain: true, address: address)
        let endpoint = SMTPEndpoint(url: server.url(scheme: "smtp", plain: true), username: server.username,
                                    password: server.password, timeout: 5)
        let sender = try SMTPSender(endpoint: endpoint)
        guard case .connection(.insecureTransport)? = sendFailure({
            try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }) else { return XCTFail("plain text to \(address) was allowed") }
        let commands = try server.events().map(\.command)
        XCTAssertEqual(commands, ["CONNECT"], "nothing may be sent after the missing STARTTLS")
    }

    func testSilentServerTimesOut() throws {
        // Listening but never accepting: the kernel completes the TCP handshake, and no
        // greeting ever comes.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        XCTAssertTrue(listening)
        let url = URL(string: "smtps://127.0.0.1:\(UInt16(bigEndian: address.sin_port))")!
        let sender = try SMTPSender(endpoint: SMTPEndpoint(url: url, username: "u", password: "p", timeout: 1))
        guard case .connection(.timedOut)? = sendFailure({
            try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y"))
        }) else { return XCTFail("not timedOut") }
        XCTAssertFalse(sender.lastFailureMayHaveDelivered, "no message went out")
    }

    // MARK: After DATA the outcome is unknown

    /// The server took the whole message and then said nothing: it may have queued it.
    /// The failure says so, in words, instead of blaming the host name.
    func testServerSilentAfterTheMessageSaysItMayHaveArrived() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps", timeout: 1))
        try server.setAfterData(.silent)
        let failure = sendFailure { try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y")) }
        guard case .connection(let error)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertTrue(error.isTemporary)
        XCTAssertTrue(sender.lastFailureMayHaveDelivered)
        XCTAssertTrue(error.message.contains("may have arrived"), error.message)
        XCTAssertFalse(error.message.contains("host name"), error.message)
        XCTAssertEqual(try server.received().count, 1, "the server kept it: the client must not send it again")
    }

    func testConnectionDroppedAfterTheMessageSaysItMayHaveArrived() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps", timeout: 5))
        try server.setAfterData(.dropConnection)
        let failure = sendFailure { try sender.send(envelopeFrom: from, recipients: ["a@example.vn"], message: sampleMessage(subject: "x", body: "y")) }
        guard case .connection(let error)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertTrue(sender.lastFailureMayHaveDelivered)
        XCTAssertTrue(error.message.contains("may have arrived"), error.message)
        XCTAssertFalse(error.message.contains("errno"), error.message)
        XCTAssertFalse(error.message.contains("host name"), error.message)
    }

    // MARK: Endpoints refused before connecting

    func testURLThatIsNotSMTPIsInvalidEndpoint() {
        for url in ["imaps://mail.example.vn", "https://mail.example.vn", "smtps://user:secret@mail.example.vn"] {
            XCTAssertThrowsError(try SMTPSender(endpoint: SMTPEndpoint(url: URL(string: url)!))) { error in
                guard case .invalidEndpoint(let text)? = error as? MailError else { return XCTFail("got \(error)") }
                XCTAssertFalse(text.contains("secret"), text)
            }
        }
    }
}
