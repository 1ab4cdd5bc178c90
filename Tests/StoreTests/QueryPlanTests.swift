import Foundation
import GRDB
@testable import Store
import XCTest

/// Queries run once per message must find their rows through an index: a scan per
/// message makes a first poll quadratic (a 10,000-message poll took 441 s that way).
final class QueryPlanTests: XCTestCase {
    func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
        let store = try MessageStore(inMemory: "plan")
        return try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }

    func testLookingForAnEarlierCopyUsesTheMessageIDIndex() throws {
        let detail = try plan(MessageStore.earlierCopySQL, ["<a@example.org>", "a@example.org", Date(), 5])
        XCTAssertTrue(detail.contains("USING INDEX message_on_message_id"), detail)
    }

    /// A report reads every submission and every message in review: found from the
    /// decisions, by key, never by reading every message or file of the store.
    func testReportQueriesNeverScanMessagesOrFiles() throws {
        let review = MessageStore.listingSQL(kinds: ["review", "unparseable"])
        let kinds: [String] = ["review", "unparseable"]
        let queries: [(String, [String])] = [(MessageStore.submissionMessagesSQL, []), (MessageStore.submissionFilesSQL, []),
                                             (review.messages, kinds), (review.files, kinds)]
        for (sql, arguments) in queries {
            let detail = try plan(sql, StatementArguments(arguments))
            XCTAssertFalse(detail.contains("SCAN m") || detail.contains("SCAN t"), "\(sql)\n\(detail)")
            XCTAssertTrue(detail.contains("SEARCH a USING"), detail)
        }
    }
}
