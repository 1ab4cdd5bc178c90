import Foundation
import XCTest
@testable import Mail
import TestSupport

/// A server that never stops talking, or talks a byte at a time, or is busy at the door:
/// each is stopped with its own `MailError`, before it exhausts memory or the run's time.
final class IMAPHostileServerTests: XCTestCase {
    private static func messages(_ count: Int) -> [ScriptedIMAPServer.Message] {
        (1...count).map { number in
            ScriptedIMAPServer.Message(uid: UInt32(number), raw: testMessage(number: number))
        }
    }

    private func endpoint(_ server: ScriptedIMAPServer) -> IMAPEndpoint {
        IMAPEndpoint(url: server.url(), username: "tester", password: "secret")
    }

    func testEndlessSearchAnswerIsCutOffAsAProtocolError() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(3), quirks: .init(searchFloodBytes: 8 << 20))
        let session = try IMAPSession(endpoint: endpoint(server))
        session.maximumSearchBytes = 1 << 20
        _ = try session.examine()
        XCTAssertThrowsError(try session.searchUIDs(from: 1, since: nil)) { error in
            guard case .protocolError(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("UID SEARCH"), text)
            XCTAssertTrue(text.contains("127.0.0.1:\(server.port)"), text)
        }
    }

    func testSearchAnswerWithinTheBoundIsRead() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(3), quirks: .init(searchFloodBytes: 1 << 20))
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        XCTAssertEqual(try session.searchUIDs(from: 1, since: nil).prefix(3), [1, 2, 3])
    }

    func testTransferSlowerThanTheLowSpeedLimitIsGivenUp() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(2), quirks: .init(drip: [2]))
        var endpoint = endpoint(server)
        endpoint.lowSpeedLimit = .init(bytesPerSecond: 100, seconds: 2)
        let session = try IMAPSession(endpoint: endpoint)
        _ = try session.examine()
        var arrived: [UInt32] = []
        XCTAssertThrowsError(try session.fetch(uids: [1, 2]) { arrived.append($0.uid) }) { error in
            guard case .timedOut(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("100 bytes/s"), text)
        }
        XCTAssertEqual(arrived, [1], "what came before the stall is handed on")
    }

    func testSessionPastItsTimeLimitStopsEvenThoughTheServerNeverFallsSilent() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(2), quirks: .init(drip: [2]))
        var endpoint = endpoint(server)
        endpoint.timeLimit = 1
        let session = try IMAPSession(endpoint: endpoint)
        _ = try session.examine()
        XCTAssertThrowsError(try session.fetch(uids: [1, 2]) { _ in }) { error in
            guard case .timedOut(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("time limit of 1 s"), text)
            XCTAssertTrue((error as? MailError)?.isTemporary == true)
        }
    }

    func testByeInsteadOfAGreetingIsServerBusy() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(1), quirks: .init(greetingBye: "Too many connections"))
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server))) { error in
            guard case .serverBusy(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("Too many connections"), text)
        }
    }

    func testLoginRefusedForNowIsServerBusyButPlainRefusalIsAuthenticationFailed() throws {
        let server = try ScriptedIMAPServer(messages: Self.messages(1), quirks: .init(loginNo: "[UNAVAILABLE] Backend down"))
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server))) { error in
            guard case .serverBusy(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("Backend down"), text)
        }
        try server.setQuirks(.init(loginNo: "Authentication failed"))
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server))) { error in
            guard case .authenticationFailed(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertFalse(text.contains("secret"), "the password must not show: \(text)")
        }
    }
}
