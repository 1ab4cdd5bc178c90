import Foundation
import Store
import XCTest

final class MessageStoreTests: XCTestCase {
    let mailbox = "imaps://127.0.0.1:9993/INBOX"
    let now = Date(timeIntervalSince1970: 1_588_900_000)

    func incoming(_ uid: UInt32, _ text: String) -> IncomingMessage {
        let raw = Data("Message-ID: <\(text)@example.org>\r\n\r\n\(text)\r\n".utf8)
        return IncomingMessage(uid: uid, receivedAt: now.addingTimeInterval(Double(uid)), raw: raw, sha256: "sha-\(text)")
    }

    func temporaryStorePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("store.sqlite").path
    }

    func testIngestAdvancesHighWaterMarkWithTheMessages() throws {
        let store = try MessageStore(inMemory: "t")
        let outcomes = try store.ingest([incoming(3, "a"), incoming(7, "b")], mailbox: mailbox, uidValidity: 42, now: now)
        XCTAssertEqual(outcomes.count, 2)
        XCTAssertEqual(try store.mailboxState(mailbox)?.highestUID, 7)
        XCTAssertEqual(try store.mailboxState(mailbox)?.uidValidity, 42)
        XCTAssertEqual(try store.messageCount(), 2)
        XCTAssertEqual(try store.pendingMessageIDs().count, 2)
    }

    func testIdenticalBytesAreStoredOnceWithTwoLocations() throws {
        let store = try MessageStore(inMemory: "t")
        let first = try store.ingest([incoming(1, "same")], mailbox: mailbox, uidValidity: 1, now: now)
        let second = try store.ingest([incoming(2, "same")], mailbox: mailbox, uidValidity: 1, now: now)
        guard case .stored(let id) = first.first else { return XCTFail("first delivery not stored: \(first)") }
        XCTAssertEqual(second, [.duplicate(id)])
        XCTAssertEqual(try store.messageCount(), 1)
        XCTAssertEqual(try store.locationCount(), 2)
    }

    func testIngestingTheSameUIDTwiceRecordsOneLocation() throws {
        let store = try MessageStore(inMemory: "t")
        _ = try store.ingest([incoming(5, "x")], mailbox: mailbox, uidValidity: 1, now: now)
        _ = try store.ingest([incoming(5, "x")], mailbox: mailbox, uidValidity: 1, now: now)
        XCTAssertEqual(try store.messageCount(), 1)
        XCTAssertEqual(try store.locationCount(), 1)
    }

    func testResetAfterUIDValidityChangeKeepsMessagesAndRestartsTheMark() throws {
        let store = try MessageStore(inMemory: "t")
        _ = try store.ingest([incoming(9, "old")], mailbox: mailbox, uidValidity: 1, now: now)
        try store.resetMailbox(mailbox, uidValidity: 2, now: now)
        XCTAssertEqual(try store.mailboxState(mailbox)?.highestUID, 0)
        let again = try store.ingest([incoming(1, "old")], mailbox: mailbox, uidValidity: 2, now: now)
        guard case .duplicate = again.first else { return XCTFail("re-found message stored again: \(again)") }
        XCTAssertEqual(try store.messageCount(), 1)
        XCTAssertEqual(try store.mailboxState(mailbox)?.highestUID, 1)
    }

    func testMarkNeverMovesBackwardsWithinOneUIDValidity() throws {
        let store = try MessageStore(inMemory: "t")
        _ = try store.ingest([incoming(10, "a")], mailbox: mailbox, uidValidity: 1, now: now)
        _ = try store.ingest([incoming(4, "b")], mailbox: mailbox, uidValidity: 1, now: now)
        XCTAssertEqual(try store.mailboxState(mailbox)?.highestUID, 10)
    }

    func testRecordParsedStoresHeadersAttachmentsAndAttributionAndLeavesPending() throws {
        let store = try MessageStore(inMemory: "t")
        guard case .stored(let id) = try store.ingest([incoming(1, "p")], mailbox: mailbox, uidValidity: 1, now: now)[0]
        else { return XCTFail() }
        let attachment = StoredAttachment(messageRowID: id, position: 0, fileName: "45-BC-STNMT.pdf",
                                          mediaType: "application/pdf", sha256: "abc", content: Data("%PDF".utf8),
                                          isInline: false, fromForwardedMessage: false)
        let attribution = AttributionRecord(messageRowID: id, agencyID: "stnmt", kind: "submission",
                                            reasons: ["Địa chỉ người gửi đã biết"], candidates: ["stnmt"],
                                            decidedBy: "dondoc", decidedAt: now)
        let headers = ParsedHeaders(messageID: "<p@example.org>", fromAddress: "stnmt@dienbien.example.org",
                                    fromName: "Sở TN&MT", subject: "Báo cáo giải trình", dateHeader: now)
        // Twice: processing again after a crash must not duplicate attachments.
        try store.recordParsed(id, headers: headers, attachments: [attachment], attribution: attribution)
        try store.recordParsed(id, headers: headers, attachments: [attachment], attribution: attribution)
        XCTAssertEqual(try store.pendingMessageIDs(), [])
        XCTAssertEqual(try store.attachments(of: id).count, 1)
        XCTAssertEqual(try store.attachments(of: id).first?.size, 4)
        XCTAssertEqual(try store.attribution(of: id), attribution)
        let listing = try store.listMessages()
        XCTAssertEqual(listing.count, 1)
        XCTAssertEqual(listing[0].message.subject, "Báo cáo giải trình")
        XCTAssertEqual(listing[0].attachmentNames, ["45-BC-STNMT.pdf"])
        XCTAssertEqual(try store.listMessages(kinds: ["review"]).count, 0)
        XCTAssertEqual(try store.findMessage("<p@example.org>").id, id)
        XCTAssertEqual(try store.findMessage("p@example.org").id, id)
        XCTAssertEqual(try store.findMessage("\(id)").id, id)
    }

    func testUnknownMessageKeyIsAnError() throws {
        let store = try MessageStore(inMemory: "t")
        XCTAssertThrowsError(try store.findMessage("<nobody@example.org>")) { error in
            XCTAssertEqual(error as? StoreError, .noSuchMessage("<nobody@example.org>"))
        }
    }

    func testFileStoreUsesWriteAheadLogAndSurvivesReopening() throws {
        let path = try temporaryStorePath()
        do {
            let store = try MessageStore(path: path)
            _ = try store.ingest([incoming(1, "w")], mailbox: mailbox, uidValidity: 1, now: now)
            // SQLite removes the log when the last connection closes; look while open.
            XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        let reopened = try MessageStore(path: path)
        XCTAssertEqual(try reopened.messageCount(), 1)
        XCTAssertEqual(try reopened.rawMessage(1), incoming(1, "w").raw)
    }

    func testStoreInMissingFolderFailsWithCannotOpen() {
        XCTAssertThrowsError(try MessageStore(path: "/nonexistent-dondoc-folder/store.sqlite")) { error in
            guard case .cannotOpen(let path, _) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent-dondoc-folder/store.sqlite")
        }
    }
}
