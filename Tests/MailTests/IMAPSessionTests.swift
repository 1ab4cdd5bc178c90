import Foundation
import XCTest
@testable import Mail
import TestSupport

/// The IMAP session against a real Dovecot: what it fetches, and what it leaves alone.
final class IMAPSessionTests: XCTestCase {
    func testFetchesMessagesOverIMAPSWithExactBytesAndInternalDates() throws {
        let server = try DovecotServer()
        let dates = [date("2020-04-16T08:30:00Z"), date("2020-04-17T01:02:03Z"), date("2020-05-09T16:59:59Z")]
        let messages = (1...3).map { testMessage(number: $0) }
        for (raw, date) in zip(messages, dates) { try server.deliver(raw, internalDate: date) }

        let session = try IMAPSession(endpoint: endpoint(server))
        let status = try session.examine()
        XCTAssertEqual(status.exists, 3)
        XCTAssertEqual(status.uidNext, 4)
        let uids = try session.searchUIDs(from: 1, since: nil)
        XCTAssertEqual(uids, [1, 2, 3])
        var fetched: [FetchedMessage] = []
        try session.fetch(uids: uids) { fetched.append($0) }
        session.logout()

        XCTAssertEqual(fetched.map(\.uid), [1, 2, 3])
        XCTAssertEqual(fetched.map(\.raw), messages)
        XCTAssertEqual(fetched.map(\.internalDate), dates)
        XCTAssertEqual(fetched.map(\.size), messages.map(\.count))
    }

    func testSTARTTLSOnThePlainPortIsUsedAndVerified() throws {
        let server = try DovecotServer()
        try server.deliver(testMessage(number: 1), internalDate: date("2020-04-20T00:00:00Z"))
        let session = try IMAPSession(endpoint: endpoint(server, scheme: "imap"))
        XCTAssertEqual(try session.examine().exists, 1)
        session.logout()
        let logins = server.log.split(separator: "\n").filter { $0.contains("Login: user=<\(server.username)>") }
        XCTAssertEqual(logins.count, 1)
        XCTAssertTrue(logins.allSatisfy { $0.contains(", TLS,") || $0.contains(", TLS") }, "login was not encrypted: \(logins)")

        // The upgraded connection checks the certificate like imaps:// does.
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server, scheme: "imap", trust: .file(server.unrelatedCAFile)))) {
            guard case .tlsFailed? = $0 as? MailError else { return XCTFail("expected tlsFailed, got \($0)") }
        }
    }

    func testPlainIMAPToLoopbackWorksWhenTheServerOffersNoTLS() throws {
        let server = try DovecotServer(tls: false)
        try server.deliver(testMessage(number: 1), internalDate: date("2020-04-20T00:00:00Z"))
        let session = try IMAPSession(endpoint: endpoint(server, scheme: "imap", trust: .systemOnly))
        XCTAssertEqual(try session.examine().exists, 1)
        var count = 0
        try session.fetch(uids: try session.searchUIDs(from: 1, since: nil)) { _ in count += 1 }
        XCTAssertEqual(count, 1)
    }

    func testFetchOf300MessagesInBatchesKeepsEveryByteAndDate() throws {
        let server = try DovecotServer()
        let start = date("2020-04-15T00:00:00Z")
        var expected: [Data] = []
        var expectedDates: [Date] = []
        for number in 1...300 {
            let raw = testMessage(number: number, bodyBytes: 2_000 + number * 37)
            let internalDate = start.addingTimeInterval(TimeInterval(number * 600))
            try server.deliver(raw, internalDate: internalDate)
            expected.append(raw)
            expectedDates.append(internalDate)
        }
        let began = Date()
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        let uids = try session.searchUIDs(from: 1, since: nil)
        var fetched: [FetchedMessage] = []
        try session.fetch(uids: uids) { fetched.append($0) }
        session.logout()
        let elapsed = Date().timeIntervalSince(began)
        print("measured: connect+examine+search+fetch of 300 messages (\(expected.reduce(0) { $0 + $1.count }) bytes) over IMAPS: \(String(format: "%.3f", elapsed)) s")

        XCTAssertEqual(uids, Array(1...300))
        XCTAssertEqual(fetched.map(\.uid), Array(1...300))
        let fetches = try waitForCommands(server) { $0.filter { $0.hasPrefix("UID FETCH") }.count >= 3 }
            .filter { $0.hasPrefix("UID FETCH") }
        XCTAssertEqual(fetches, ["UID FETCH 1:100", "UID FETCH 101:200", "UID FETCH 201:300"]
            .map { "\($0) (UID INTERNALDATE RFC822.SIZE BODY.PEEK[])" })
        XCTAssertEqual(fetched.map(\.raw), expected)
        XCTAssertEqual(fetched.map(\.internalDate), expectedDates)
    }

    func testSmallBatchesDeliverTheSameMessagesInOrder() throws {
        let server = try DovecotServer()
        let messages = (1...25).map { testMessage(number: $0) }
        for raw in messages { try server.deliver(raw, internalDate: date("2020-04-20T00:00:00Z")) }
        let session = try IMAPSession(endpoint: endpoint(server))
        session.fetchBatchSize = 3  // 9 commands, each sent before the previous completes
        _ = try session.examine()
        var fetched: [FetchedMessage] = []
        try session.fetch(uids: [25, 3, 1, 2, 3] + Array(4...24)) { fetched.append($0) }
        XCTAssertEqual(fetched.map(\.uid), Array(1...25))
        XCTAssertEqual(fetched.map(\.raw), messages)
    }

    func testFiveMegabyteMessageArrivesIntact() throws {
        let server = try DovecotServer()
        let big = testMessage(number: 1, bodyBytes: 5 << 20)
        try server.deliver(big, internalDate: date("2020-05-01T00:00:00Z"))
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        var fetched: [FetchedMessage] = []
        let began = Date()
        try session.fetch(uids: [1]) { fetched.append($0) }
        print("measured: fetch of one \(big.count)-byte message over IMAPS: \(String(format: "%.3f", Date().timeIntervalSince(began))) s")
        XCTAssertEqual(fetched.count, 1)
        XCTAssertEqual(fetched.first?.size, big.count)
        XCTAssertTrue(fetched.first?.raw == big, "the big message came back different")
    }

    func testFetchLeavesUnreadMessagesUnreadAndSeenMessagesSeen() throws {
        let server = try DovecotServer()
        var unread: [String] = []
        for number in 1...5 {
            unread.append(try server.deliver(testMessage(number: number), internalDate: date("2020-04-20T00:00:00Z")))
        }
        let alreadyRead = try server.deliver(testMessage(number: 6), internalDate: date("2020-04-21T00:00:00Z"), flags: "S")
        let flagged = try server.deliver(testMessage(number: 7), internalDate: date("2020-04-22T00:00:00Z"), flags: "F")

        for _ in 1...2 {  // a second poll must not change anything either
            let session = try IMAPSession(endpoint: endpoint(server))
            _ = try session.examine()
            var count = 0
            try session.fetch(uids: try session.searchUIDs(from: 1, since: date("2020-04-01T00:00:00Z"))) { _ in count += 1 }
            session.logout()
            XCTAssertEqual(count, 7)
        }
        let flags = try server.maildirFlags()
        XCTAssertEqual(try server.seenMessageKeys(), [alreadyRead])
        // Each of the two safeguards on its own: the mailbox opened read-only, the bodies
        // fetched with PEEK; and no command that could change anything.
        let commands = try waitForCommands(server) { $0.filter { $0 == "LOGOUT" }.count == 2 }
        let verbs = Set(commands.map { $0.split(separator: " ").prefix($0.hasPrefix("UID") ? 2 : 1).joined(separator: " ") })
        XCTAssertEqual(verbs, ["EXAMINE", "UID SEARCH", "UID FETCH", "LOGOUT"], "\(commands)")
        for fetch in commands where fetch.contains("BODY") {
            XCTAssertTrue(fetch.contains("BODY.PEEK[]") && !fetch.contains("BODY[]"), fetch)
        }
        for key in unread { XCTAssertEqual(flags[key], "", "message \(key) changed flags") }
        XCTAssertEqual(flags[flagged], "F")
    }

    /// The control for the test above: a URL fetch with libcurl (SELECT + BODY[]) does mark
    /// the message read, and the Maildir scan sees it. So the read-only test can fail.
    func testMaildirScanDetectsTheSeenFlagThatACurlURLFetchSets() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { throw XCTSkip("no curl command") }
        let server = try DovecotServer()
        let key = try server.deliver(testMessage(number: 1), internalDate: date("2020-04-20T00:00:00Z"))
        XCTAssertEqual(try server.seenMessageKeys(), [])
        try runTool("/usr/bin/curl", ["-sS", "--cacert", server.caFile, "-u", "\(server.username):\(server.password)",
                                      server.url().absoluteString + ";UID=1", "-o", "/dev/null"])
        XCTAssertEqual(try server.seenMessageKeys(), [key])
    }

    func testSearchFromBeyondTheHighestUIDFindsNothing() throws {
        let server = try DovecotServer()
        for number in 1...3 { try server.deliver(testMessage(number: number), internalDate: date("2020-04-20T00:00:00Z")) }
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        // The server answers `UID 4:*` with UID 3, since `*` is the highest UID (3).
        XCTAssertEqual(try session.searchUIDs(from: 4, since: nil), [])
        XCTAssertEqual(try session.searchUIDs(from: 100, since: date("2020-01-01T00:00:00Z")), [])
        XCTAssertEqual(try session.searchUIDs(from: 3, since: nil), [3])
        XCTAssertEqual(try session.searchUIDs(from: 0, since: nil), [1, 2, 3])
    }

    func testSearchSinceKeepsExactlyTheMessagesFromThatInstantOn() throws {
        let server = try DovecotServer()
        // The campaign opens 2020-04-15 in Asia/Ho_Chi_Minh (UTC+7): 2020-04-14T17:00:00Z.
        let opens = date("2020-04-14T17:00:00Z")
        let dates = [
            date("2020-04-13T09:00:00Z"),  // days before: out
            date("2020-04-14T16:59:59Z"),  // one second before, same UTC day: out
            date("2020-04-14T17:00:00Z"),  // the instant itself: in
            date("2020-04-14T23:30:00Z"),  // in
            date("2020-04-20T10:00:00Z"),  // in
        ]
        for (number, internalDate) in dates.enumerated() {
            try server.deliver(testMessage(number: number + 1), internalDate: internalDate)
        }
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        XCTAssertEqual(try session.searchUIDs(from: 1, since: opens), [3, 4, 5])
        XCTAssertEqual(try session.searchUIDs(from: 4, since: opens), [4, 5])
        XCTAssertEqual(try session.searchUIDs(from: 1, since: date("2020-04-21T00:00:00Z")), [])
    }

    func testUIDValidityChangesWhenTheMailboxIsRecreated() throws {
        let server = try DovecotServer()
        for number in 1...2 { try server.deliver(testMessage(number: number), internalDate: date("2020-04-20T00:00:00Z")) }
        let before = try IMAPSession(endpoint: endpoint(server))
        let first = try before.examine()
        before.logout()
        XCTAssertEqual(first.exists, 2)

        try server.recreateMailbox()
        let replacement = testMessage(number: 99)
        try server.deliver(replacement, internalDate: date("2020-04-25T00:00:00Z"))
        let after = try IMAPSession(endpoint: endpoint(server))
        let second = try after.examine()
        XCTAssertNotEqual(second.uidValidity, first.uidValidity)
        XCTAssertEqual(second.exists, 1)
        let uids = try after.searchUIDs(from: 1, since: nil)
        XCTAssertEqual(uids, [1])
        var fetched: [Data] = []
        try after.fetch(uids: uids) { fetched.append($0.raw) }
        XCTAssertEqual(fetched, [replacement])
    }

    func testUIDsThatNoLongerExistAreSkipped() throws {
        let server = try DovecotServer()
        for number in 1...2 { try server.deliver(testMessage(number: number), internalDate: date("2020-04-20T00:00:00Z")) }
        let session = try IMAPSession(endpoint: endpoint(server))
        _ = try session.examine()
        var uids: [UInt32] = []
        try session.fetch(uids: [2, 7, 40]) { uids.append($0.uid) }
        XCTAssertEqual(uids, [2])
        try session.fetch(uids: []) { _ in XCTFail("nothing was asked for") }
    }

    func testAnErrorFromTheHandlerStopsTheFetchAndEndsTheSession() throws {
        struct StoreFull: Error {}
        let server = try DovecotServer()
        for number in 1...30 { try server.deliver(testMessage(number: number), internalDate: date("2020-04-20T00:00:00Z")) }
        let session = try IMAPSession(endpoint: endpoint(server))
        session.fetchBatchSize = 5
        _ = try session.examine()
        var handled: [UInt32] = []
        XCTAssertThrowsError(try session.fetch(uids: Array(1...30)) { message in
            handled.append(message.uid)
            if message.uid == 2 { throw StoreFull() }
        }) { XCTAssertTrue($0 is StoreFull, "expected the handler's error, got \($0)") }
        XCTAssertEqual(handled, [1, 2])
        XCTAssertThrowsError(try session.searchUIDs(from: 1, since: nil)) {
            guard case .protocolError? = $0 as? MailError else { return XCTFail("expected protocolError, got \($0)") }
        }
        let began = Date()
        session.logout()
        XCTAssertLessThan(Date().timeIntervalSince(began), 1)
    }

    func testExaminingAMissingMailboxIsMailboxNotFound() throws {
        let server = try DovecotServer()
        let session = try IMAPSession(endpoint: endpoint(server, mailbox: "B%C3%A1o-c%C3%A1o"))
        XCTAssertEqual(session.endpoint.mailbox, "Báo-cáo")
        XCTAssertThrowsError(try session.examine()) {
            guard case .mailboxNotFound(let text)? = $0 as? MailError else { return XCTFail("expected mailboxNotFound, got \($0)") }
            XCTAssertTrue(text.contains("Báo-cáo"), text)
        }
        // The session is still in step after a NO.
        XCTAssertEqual(try IMAPSession(endpoint: endpoint(server)).examine().exists, 0)
    }
}

// MARK: Helpers shared by the IMAP tests

/// The commands Dovecot logged, once `complete` says all expected ones are there (Dovecot
/// writes its log asynchronously), or after two seconds.
func waitForCommands(_ server: DovecotServer, until complete: ([String]) -> Bool) throws -> [String] {
    let deadline = Date().addingTimeInterval(2)
    var commands = server.commands
    while !complete(commands) && Date() < deadline {
        usleep(10_000)
        commands = server.commands
    }
    return commands
}

/// Which CA the client trusts besides the system's.
enum Trust {
    case testCA, systemOnly, file(String)
}

func endpoint(_ server: DovecotServer, scheme: String = "imaps", mailbox: String = "INBOX",
              password: String? = nil, trust: Trust = .testCA, timeout: TimeInterval = 10) -> IMAPEndpoint {
    let caFile: String? = switch trust {
    case .testCA: server.caFile
    case .systemOnly: nil
    case .file(let path): path
    }
    return IMAPEndpoint(url: server.url(scheme: scheme, mailbox: mailbox), username: server.username,
                        password: password ?? server.password, caFile: caFile, timeout: timeout)
}

/// A CRLF message with a unique Message-ID and, optionally, a body of about `bodyBytes`.
func testMessage(number: Int, bodyBytes: Int = 200) -> Data {
    var text = "From: So TN&MT <stnmt@dienbien.example.org>\r\n"
        + "To: vanphong@hdnd.example.org\r\n"
        + "Subject: Bao cao so \(number)\r\n"
        + "Message-ID: <test-\(number)@dienbien.example.org>\r\n"
        + "Date: Mon, 20 Apr 2020 08:00:00 +0700\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    let line = "Báo cáo số \(number): nội dung {5}\r\n) A1 OK * 1 FETCH \r\n"  // literal-like text must not confuse the reader
    while text.utf8.count < bodyBytes { text += line }
    return Data(text.utf8)
}

func date(_ iso: String) -> Date {
    ISO8601DateFormatter().date(from: iso)!
}
