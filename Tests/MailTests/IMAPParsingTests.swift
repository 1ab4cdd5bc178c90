import Foundation
import XCTest
@testable import Mail

/// The protocol pieces that need no server: reading responses, dates, UID sets, names.
final class IMAPParsingTests: XCTestCase {
    func testFetchResponseWithALiteralIsReadByLengthEvenWhenItLooksLikeProtocol() throws {
        let body = "Subject: x\r\n\r\n) A7 OK done\r\n* 9 FETCH (UID 9 BODY[] {3}\r\nabc\r\n"
        let wire = "* 1 FETCH (UID 42 INTERNALDATE \" 7-Apr-2020 08:30:00 +0700\" RFC822.SIZE \(body.utf8.count) "
            + "FLAGS (\\Seen $Label) BODY[] {\(body.utf8.count)}\r\n\(body))\r\nA7 OK Fetch completed.\r\n"
        for chunkSize in [1, 7, 4096] {
            let reader = IMAPReader(source: ScriptedSource(wire, chunkSize: chunkSize), initialCapacity: 16)
            let response = try reader.readResponse()
            let item = try XCTUnwrap(try FetchResponse(response))
            XCTAssertEqual(item.sequenceNumber, 1)
            XCTAssertEqual(item.uid, 42)
            XCTAssertEqual(item.size, body.utf8.count)
            XCTAssertEqual(item.body, Data(body.utf8))
            XCTAssertEqual(item.internalDate, ISO8601DateFormatter().date(from: "2020-04-07T01:30:00Z"))
            let completion = try reader.readResponse()
            XCTAssertEqual(completion.tag, "A7")
            XCTAssertEqual(completion.word, "OK")
        }
    }

    func testStatusResponsesGiveTheirCodesAndText() throws {
        let reader = IMAPReader(source: ScriptedSource("* OK [UIDVALIDITY 1587340800] UIDs valid\r\n* 3 EXISTS\n"
            + "A2 NO [NONEXISTENT] Mailbox doesn't exist: X\r\n* BYE shutting down\r\n", chunkSize: 5))
        let validity = try reader.readResponse()
        XCTAssertEqual(validity.responseCode?.name, "UIDVALIDITY")
        XCTAssertEqual(validity.responseCode?.value, "1587340800")
        let exists = try reader.readResponse()  // a bare LF line end is tolerated
        XCTAssertEqual(exists.numbered?.number, 3)
        XCTAssertEqual(exists.numbered?.keyword, "EXISTS")
        let refusal = try reader.readResponse()
        XCTAssertEqual(refusal.word, "NO")
        XCTAssertEqual(refusal.statusText, "Mailbox doesn't exist: X")
        XCTAssertEqual(try reader.readResponse().word, "BYE")
        XCTAssertThrowsError(try reader.readResponse()) { XCTAssertEqual($0 as? MailError, .cannotConnect("closed")) }
    }

    func testUnsolicitedFlagUpdateHasNoBody() throws {
        let reader = IMAPReader(source: ScriptedSource("* 4 FETCH (FLAGS (\\Seen) UID 4)\r\n", chunkSize: 100))
        let item = try XCTUnwrap(try FetchResponse(try reader.readResponse()))
        XCTAssertEqual(item.uid, 4)
        XCTAssertNil(item.body)
    }

    func testAbsurdLiteralIsRefused() {
        XCTAssertThrowsError(try IMAPReader.literalLength(endingLine: Array("* 1 FETCH (BODY[] {99999999999}".utf8)))
        XCTAssertEqual(try IMAPReader.literalLength(endingLine: Array("x {12+}".utf8)), 12)
        XCTAssertNil(try IMAPReader.literalLength(endingLine: Array("* OK see {here}".utf8)))
    }

    func testInternalDatesWithOffsets() {
        let parse = IMAPSyntax.parseInternalDate
        let iso = ISO8601DateFormatter()
        XCTAssertEqual(parse("14-Apr-2020 16:59:00 +0000"), iso.date(from: "2020-04-14T16:59:00Z"))
        XCTAssertEqual(parse("15-Apr-2020 00:00:00 +0700"), iso.date(from: "2020-04-14T17:00:00Z"))
        XCTAssertEqual(parse(" 1-Mar-2020 23:30:00 -0230"), iso.date(from: "2020-03-02T02:00:00Z"))
        XCTAssertEqual(parse("29-Feb-2024 12:00:00 +0000"), iso.date(from: "2024-02-29T12:00:00Z"))
        XCTAssertNil(parse("2020-04-14 16:59:00"))
        XCTAssertNil(parse("14-Foo-2020 16:59:00 +0000"))
    }

    func testInternalDatesNoCalendarHereCanHoldAreUnreadableNotACrash() {
        let parse = IMAPSyntax.parseInternalDate
        XCTAssertNil(parse("07-May-9223372036854775807 10:00:00 +0700"))
        XCTAssertNil(parse("07-May-99999 10:00:00 +0700"))
        XCTAssertNil(parse("07-May-1066 10:00:00 +0700"))
        XCTAssertNil(parse("07-May-2020 10:00:00 +9223372036854775807"))
        XCTAssertNotNil(parse("31-Dec-2999 10:00:00 +0700"))
    }

    func testSearchDateIsTheUTCDay() {
        let iso = ISO8601DateFormatter()
        XCTAssertEqual(IMAPSyntax.searchDate(iso.date(from: "2020-04-14T17:00:00Z")!), "14-Apr-2020")
        XCTAssertEqual(IMAPSyntax.searchDate(iso.date(from: "2020-01-01T00:00:00Z")!), "1-Jan-2020")
        XCTAssertEqual(IMAPSyntax.searchDate(iso.date(from: "1969-12-31T23:59:59Z")!), "31-Dec-1969")
    }

    func testUIDSetsCompressRuns() {
        XCTAssertEqual(IMAPSyntax.uidSet([1, 2, 3, 7, 9, 10]), "1:3,7,9:10")
        XCTAssertEqual(IMAPSyntax.uidSet([5]), "5")
        XCTAssertEqual(IMAPSyntax.uidSet([UInt32]()), "")
        XCTAssertEqual(IMAPSyntax.uidSet([UInt32.max - 1, UInt32.max]), "\(UInt32.max - 1):\(UInt32.max)")
    }

    func testMailboxNamesAreQuotedInModifiedUTF7() {
        XCTAssertEqual(IMAPSyntax.quotedMailbox("INBOX"), "\"INBOX\"")
        XCTAssertEqual(IMAPSyntax.quotedMailbox("Sở TN&MT"), "\"S&Ht8- TN&-MT\"")
        XCTAssertEqual(IMAPSyntax.quotedMailbox("a\"b\\c"), "\"a\\\"b\\\\c\"")
        XCTAssertNil(IMAPSyntax.quotedMailbox("bad\r\nA1 LOGOUT"))
    }

    func testEndpointMailboxAndLoopback() throws {
        func endpoint(_ url: String) -> IMAPEndpoint {
            IMAPEndpoint(url: URL(string: url)!, username: "u", password: "p")
        }
        XCTAssertEqual(endpoint("imaps://mail.example.org").mailbox, "INBOX")
        XCTAssertEqual(endpoint("imaps://mail.example.org/").mailbox, "INBOX")
        XCTAssertEqual(endpoint("imaps://mail.example.org/B%C3%A1o%20c%C3%A1o").mailbox, "Báo cáo")
        XCTAssertEqual(endpoint("imaps://mail.example.org/INBOX;UIDVALIDITY=5").mailbox, "INBOX")
        XCTAssertTrue(endpoint("imap://127.0.0.1:143/").hostIsLoopback)
        XCTAssertTrue(endpoint("imap://localhost/").hostIsLoopback)
        XCTAssertTrue(endpoint("imap://[::1]:143/").hostIsLoopback)
        XCTAssertFalse(endpoint("imap://127.0.0.1.example.org/").hostIsLoopback)
        XCTAssertFalse(endpoint("imap://mail.example.org/").hostIsLoopback)
        XCTAssertEqual(try endpoint("imaps://mail.example.org:1993/Sent").connectionURL(), "imaps://mail.example.org:1993/")
        XCTAssertEqual(try endpoint("imap://[::1]:143/").connectionURL(), "imap://[::1]:143/")
    }
}

/// The bounds on what one response may hold, and the grammar a body must keep to.
final class IMAPResponseBoundsTests: XCTestCase {
    func testLiteralLargerThanTheWholeLimitKeepsItsBeginningAndTheDigestOfTheWhole() throws {
        let body = String(repeating: "0123456789", count: 1000)
        let wire = "* 1 FETCH (UID 5 BODY[] {\(body.utf8.count)}\r\n\(body))\r\nA1 OK done\r\n"
        let limits = IMAPReader.Limits(responseBytes: 2000, wholeLiteralBytes: 1000, keptOfLargerLiteral: 100)
        for chunkSize in [1, 333, 65536] {
            let reader = IMAPReader(source: ScriptedSource(wire, chunkSize: chunkSize), initialCapacity: 16)
            let item = try XCTUnwrap(try FetchResponse(try reader.readResponse(within: limits)))
            XCTAssertEqual(item.uid, 5)
            XCTAssertEqual(item.body, Data(body.utf8.prefix(100)))
            XCTAssertEqual(item.bodyWhole, LiteralDigest(size: 10_000, sha256: SHA256.hex(Data(body.utf8))))
            XCTAssertEqual(try reader.readResponse().tag, "A1", "the stream stays in step after the skipped bytes")
        }
    }

    func testLiteralWithinTheWholeLimitIsKeptWhole() throws {
        let wire = "* 1 FETCH (UID 5 BODY[] {5}\r\nhello)\r\n"
        let limits = IMAPReader.Limits(responseBytes: 2000, wholeLiteralBytes: 5, keptOfLargerLiteral: 2)
        let item = try XCTUnwrap(try FetchResponse(try IMAPReader(source: ScriptedSource(wire, chunkSize: 3))
            .readResponse(within: limits)))
        XCTAssertEqual(item.body, Data("hello".utf8))
        XCTAssertNil(item.bodyWhole)
    }

    func testResponseHoldingMoreThanItsBoundIsRefused() {
        let flood = String(repeating: " X-FLOOD {40}\r\n" + String(repeating: "x", count: 40), count: 100)
        let wire = "* 1 FETCH (UID 5 BODY[] {5}\r\nhello" + flood + ")\r\n"
        let limits = IMAPReader.Limits(responseBytes: 1000, wholeLiteralBytes: 100, keptOfLargerLiteral: 10)
        let reader = IMAPReader(source: ScriptedSource(wire, chunkSize: 4096), peer: "imap://127.0.0.1:1")
        XCTAssertThrowsError(try reader.readResponse(within: limits)) { error in
            guard case .protocolError(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.hasPrefix("imap://127.0.0.1:1 sent one response of more than 1000 bytes"), text)
        }
    }

    func testLineLongerThanTheResponseBoundIsRefusedBeforeItIsWhole() {
        let wire = "* SEARCH" + String(repeating: " 12345", count: 1000) + "\r\n"
        let limits = IMAPReader.Limits(responseBytes: 500, wholeLiteralBytes: 100, keptOfLargerLiteral: 10)
        XCTAssertThrowsError(try IMAPReader(source: ScriptedSource(wire, chunkSize: 64), initialCapacity: 16)
            .readResponse(within: limits)) { error in
            guard case .protocolError? = error as? MailError else { return XCTFail("got \(error)") }
        }
    }

    func testQuotedBodyWithALineBreakIsMalformedNotAFragment() throws {
        for wire in ["* 2 FETCH (UID 2 BODY[] \"From: a\r\nSubject: b\r\n\r\nx\")\r\n",
                     "* 2 FETCH (UID 2 BODY[] \"From: a\rSubject: b\")\r\n",
                     "* 2 FETCH (UID 2 BODY[] \"From: a\nSubject: b\")\r\n"] {
            let response = try IMAPReader(source: ScriptedSource(wire, chunkSize: 7)).readResponse()
            XCTAssertThrowsError(try FetchResponse(response), wire.debugDescription) { error in
                guard case .protocolError(let text)? = error as? MailError else { return XCTFail("got \(error)") }
                XCTAssertTrue(text.contains("quoted string"), text)
            }
        }
    }

    func testQuotedBodyOnOneLineIsStillAccepted() throws {
        let wire = "* 2 FETCH (UID 2 BODY[] \"say \\\"hi\\\" \\\\ bye\")\r\n"
        let item = try XCTUnwrap(try FetchResponse(try IMAPReader(source: ScriptedSource(wire, chunkSize: 5)).readResponse()))
        XCTAssertEqual(item.body, Data("say \"hi\" \\ bye".utf8))
    }
}

/// Hands out a fixed server transcript in chunks of a given size, then reports closure.
final class ScriptedSource: IMAPByteSource {
    private var remaining: [UInt8]
    private let chunkSize: Int

    init(_ transcript: String, chunkSize: Int) {
        remaining = Array(transcript.utf8)
        self.chunkSize = chunkSize
    }

    func receive(into buffer: UnsafeMutableRawPointer, capacity: Int) throws(MailError) -> Int {
        guard !remaining.isEmpty else { throw .cannotConnect("closed") }
        let count = min(chunkSize, capacity, remaining.count)
        remaining.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: count) }
        remaining.removeFirst(count)
        return count
    }
}
