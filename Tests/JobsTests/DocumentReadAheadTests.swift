import DonDoc
import Documents
import Foundation
@testable import Jobs
import XCTest

/// The documents of the next messages are read by children while earlier ones are read,
/// and what they read is what reading one at a time gives.
final class DocumentReadAheadTests: XCTestCase {
    /// A real reader that first notes how many readers are running at that moment.
    private func overlapReader() throws -> (DocumentSandbox, overlaps: () -> [Int]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("reader")
        let log = folder.appendingPathComponent("overlap")
        try Data("""
            #!/bin/sh
            touch '\(folder.path)/running.'$$
            ls '\(folder.path)' | grep -c '^running' >> '\(log.path)'
            sleep 0.5
            rm '\(folder.path)/running.'$$
            exec '\(DondocCommand.reader.path)' "$@"

            """.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let overlaps = {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int($0) }
        }
        return (DocumentSandbox(executable: script), overlaps)
    }

    func testDocumentsOfTheNextMessagesAreReadWhileEarlierOnesAre() throws {
        guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { throw XCTSkip("one core: one reader at a time") }
        let pdf = DocumentIntakeTests.document("report-stc-text-layer.pdf")
        // Distinct files (a comment after %%EOF changes the bytes, not the document).
        let messages = (1...5).map { number in
            DocumentIntakeTests.mail(attaching: [("bc\(number).pdf", "application/pdf", pdf + Data("%\(number)\n".utf8))],
                                     number: number)
        }
        let (reader, overlaps) = try overlapReader()
        let (_, processed) = try DocumentIntakeTests(name: "process", testClosure: { _ in }).process(messages, reader: reader)
        XCTAssertEqual(processed.map(\.attribution.agencyID), Array(repeating: "stc", count: 5))
        XCTAssertEqual(overlaps().count, 5, "each file read once")
        XCTAssertGreaterThanOrEqual(overlaps().max() ?? 0, 2, "\(overlaps())")
    }

    /// Reading ahead opens no more than reading in turn: an automatic reply's document
    /// is never read, whether it comes first or after other mail.
    func testReadingAheadNeverOpensWhatAnAutomaticReplyCarries() throws {
        let pdf = DocumentIntakeTests.document("report-stc-text-layer.pdf")
        let report = DocumentIntakeTests.mail(attaching: [("bc.pdf", "application/pdf", pdf)], number: 1)
        var reply = String(decoding: DocumentIntakeTests.mail(attaching: [("bc2.pdf", "application/pdf", pdf + Data("%2\n".utf8))],
                                                              number: 2), as: UTF8.self)
        reply = reply.replacingOccurrences(of: "MIME-Version: 1.0\r\n", with: "MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n")
        let counter = try CountingReader()
        let (_, processed) = try DocumentIntakeTests(name: "process", testClosure: { _ in })
            .process([report, Data(reply.utf8), DocumentIntakeTests.mail(attaching: [("bc.pdf", "application/pdf", pdf)], number: 3)],
                     reader: counter.sandbox)
        XCTAssertEqual(processed.map(\.attribution.kind), [.submission, .autoReply, .submission])
        XCTAssertEqual(try counter.runs(), 1, "the report's file once; the automatic reply's never")
    }
}
