import Foundation
import Store
import XCTest

final class DocumentReadingStoreTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_588_900_000)

    func testReadingIsFoundByTheFilesHash() throws {
        let store = try MessageStore(inMemory: "readings")
        let reading = StoredDocumentReading(sha256: "abc", status: "read", method: "pdf-text", reading: "{}", readAt: now)
        try store.saveDocumentReading(reading)
        XCTAssertEqual(try store.documentReadings(sha256: ["abc"])["abc"], reading)
        XCTAssertNil(try store.documentReadings(sha256: ["other"])["other"])
        XCTAssertEqual(try store.documentReadings(sha256: ["abc", "other"]), ["abc": reading])
    }

    func testFirstReadingOfAFileIsKept() throws {
        let store = try MessageStore(inMemory: "readings")
        let first = StoredDocumentReading(sha256: "abc", status: "unreadable", method: "", reading: "{\"a\":1}", readAt: now)
        try store.saveDocumentReading(first)
        try store.saveDocumentReading(StoredDocumentReading(sha256: "abc", status: "read", method: "pdf-text",
                                                            reading: "{\"b\":2}", readAt: now.addingTimeInterval(60)))
        XCTAssertEqual(try store.documentReadings(sha256: ["abc"])["abc"], first)
    }
}
