import Foundation
import GRDB
@testable import Store
import XCTest

/// Stores made before raw bytes had a table of their own keep every message's bytes
/// through the move, and whatever was decided about them.
final class RawApartMigrationTests: XCTestCase {
    func testMessagesStoredBeforeTheMoveKeepTheirBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-raw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let bytes = Data("From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n".utf8) + Data(repeating: 0xFF, count: 70_000)
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v8-document-facts")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO message (id, sha256, raw, size, received_at, stored_at, parse_status)
                    VALUES (7, 'abc', ?, ?, '2020-05-07 09:00:00.000', '2020-05-07 09:01:00.000', 'pending')
                    """, arguments: [bytes, bytes.count])
            }
        }
        let store = try MessageStore(path: path)
        let kept = try store.keptMessage(7)
        XCTAssertEqual(kept.raw, bytes)
        XCTAssertEqual(kept.size, bytes.count)
        XCTAssertEqual(try store.pendingMessageIDs(), [7])
        let columns = try store.read { db in try db.columns(in: "message").map(\.name) }
        XCTAssertFalse(columns.contains("raw"), "the bytes left the message row")
    }
}
