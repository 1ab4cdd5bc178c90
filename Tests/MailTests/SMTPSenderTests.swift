import Foundation
import XCTest
@testable import Mail
import TestSupport

/// Sending through a real SMTP server (aiosmtpd): TLS both ways, login, the bytes, one
/// connection for many messages, and mail readable back over IMAP.
final class SMTPSenderTests: XCTestCase {
    func testSendsOverSTARTTLSWithLoginAndTheBytesArriveIntact() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtp"))
        let message = sampleMessage(subject: "Đôn đốc báo cáo", body: "Kính gửi Sở Tài chính,\r\n.Dòng bắt đầu bằng dấu chấm\r\n.\r\nTrân trọng.")
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["stc@example.vn"], message: message)

        let received = try server.received()
        XCTAssertEqual(received.count, 1)
        XCTAssertEqual(received.first?.raw, message, "the bytes must arrive exactly as given (UTF-8, CRLF, leading dots)")
        XCTAssertEqual(received.first?.mailFrom, "vanthu@ubnd.example.vn")
        XCTAssertEqual(received.first?.recipients, ["stc@example.vn"])
        let events = try server.events()
        XCTAssertEqual(events.first?.argument, "starttls")
        XCTAssertEqual(events.first { $0.command == "AUTH" }?.argument.hasSuffix(" \(server.username)"), true, "\(events)")
        // The login and the mail went through the encrypted channel, not before STARTTLS.
        XCTAssertTrue(events.filter { $0.command != "CONNECT" }.allSatisfy(\.tls), "\(events)")
    }

    func testSendsOverImplicitTLSWithLogin() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        let message = sampleMessage(subject: "Nhắc hạn", body: "Hạn nộp: 09/05/2020.")
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["a@example.vn", "b@example.vn"], message: message)

        let received = try server.received()
        XCTAssertEqual(received.map(\.raw), [message])
        XCTAssertEqual(received.first?.recipients, ["a@example.vn", "b@example.vn"])
        let events = try server.events()
        XCTAssertEqual(events.first?.argument, "smtps")
        XCTAssertEqual(events.filter { $0.command == "AUTH" }.map(\.reply), ["235"])
    }

    func testSeveralMessagesShareOneConnectionAndOneLogin() throws {
        let server = try SMTPServer()
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtp"))
        let messages = (1...5).map { sampleMessage(subject: "Nhắc lần \($0)", body: "Thư số \($0).") }
        for (index, message) in messages.enumerated() {
            try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["agency\(index)@example.vn"], message: message)
        }
        sender.close()

        XCTAssertEqual(try server.received().map(\.raw), messages)
        XCTAssertEqual(try server.received().map(\.connection), [1, 1, 1, 1, 1])
        XCTAssertEqual(server.connectionCount, 1)
        XCTAssertEqual(sender.connectionsOpened, 1)
        let commands = try server.events().map(\.command)
        XCTAssertEqual(commands.filter { $0 == "AUTH" }.count, 1, "\(commands)")
        XCTAssertEqual(commands.last, "QUIT", "close() must end the session politely")
    }

    func testConnectionTheServerClosedWhileIdleIsReopenedForTheNextMessage() throws {
        let server = try SMTPServer(idleTimeout: 0.5)
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        let first = sampleMessage(subject: "Một", body: "Thư thứ nhất.")
        let second = sampleMessage(subject: "Hai", body: "Thư thứ hai.")
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["a@example.vn"], message: first)
        Thread.sleep(forTimeInterval: 1.2)  // the server hangs up meanwhile
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["a@example.vn"], message: second)

        XCTAssertEqual(try server.received().map(\.raw), [first, second])
        XCTAssertEqual(try server.received().map(\.connection), [1, 2])
        XCTAssertEqual(sender.connectionsOpened, 2)
    }

    func testPlainSMTPToLoopbackSendsWithoutTLSOrLogin() throws {
        let server = try SMTPServer(plain: true)
        let endpoint = SMTPEndpoint(url: server.url(scheme: "smtp", plain: true), timeout: 5)
        let sender = try SMTPSender(endpoint: endpoint)
        let message = sampleMessage(subject: "Biên nhận", body: "Đã nhận.")
        try sender.send(envelopeFrom: "", recipients: ["so@example.vn"], message: message)

        let received = try server.received()
        XCTAssertEqual(received.map(\.raw), [message])
        XCTAssertEqual(received.first?.mailFrom, "<>", "an empty return path goes out as the null path")
        let events = try server.events()
        XCTAssertEqual(events.first?.argument, "plain")
        XCTAssertFalse(events.contains { $0.command == "AUTH" || $0.tls }, "\(events)")
    }

    func testSentMailIsDeliveredIntoDovecotAndReadableOverIMAP() throws {
        let dovecot = try DovecotServer()
        let server = try SMTPServer(deliveringInto: dovecot)
        let sender = try SMTPSender(endpoint: smtpEndpoint(server, scheme: "smtps"))
        let first = sampleMessage(subject: "Nhắc hạn nộp báo cáo", body: "Kính gửi Sở Xây dựng.")
        let second = sampleMessage(subject: "Quá hạn nộp báo cáo", body: "Kính gửi Sở Y tế.")
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["sxd@example.vn"], message: first)
        try sender.send(envelopeFrom: "vanthu@ubnd.example.vn", recipients: ["syt@example.vn"], message: second)

        let session = try IMAPSession(endpoint: IMAPEndpoint(url: dovecot.url(), username: dovecot.username,
                                                             password: dovecot.password, caFile: dovecot.caFile))
        defer { session.logout() }
        _ = try session.examine()
        let uids = try session.searchUIDs(from: 1, since: nil)
        var fetched: [Data] = []
        try session.fetch(uids: uids) { fetched.append($0.raw) }
        XCTAssertEqual(fetched, [first, second])
    }
}

// MARK: Helpers shared by the SMTP tests

/// An endpoint for `server` that logs in and trusts the test CA, unless told otherwise.
func smtpEndpoint(_ server: SMTPServer, scheme: String, password: String? = nil, caFile: String?? = .none,
                  timeout: TimeInterval = 5) -> SMTPEndpoint {
    SMTPEndpoint(url: server.url(scheme: scheme), username: server.username, password: password ?? server.password,
                 caFile: caFile ?? server.caFile, timeout: timeout)
}

/// A small reminder as the composer makes them: CRLF line ends, UTF-8 8bit body.
func sampleMessage(subject: String, body: String) -> Data {
    let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
    let lines = [
        "From: Van thu <vanthu@ubnd.example.vn>",
        "To: agency@example.vn",
        "Subject: \(encodedSubject)",
        "Message-ID: <\(UUID().uuidString)@dondoc.example.vn>",
        "Auto-Submitted: auto-generated",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        body,
    ]
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
}

/// The error a send threw, or nil when it succeeded. (Closures do not infer typed
/// throws yet, so the type is checked here.)
func sendFailure(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> SMTPSendError? {
    do {
        try body()
        return nil
    } catch let error as SMTPSendError {
        return error
    } catch {
        XCTFail("send threw \(error), which is not an SMTPSendError", file: file, line: line)
        return nil
    }
}
