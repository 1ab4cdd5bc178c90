import DonDoc
import Documents
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration

/// The report and the register take each document's header and signatures from what
/// the poll derived once, not from its first page on every report: a campaign's store
/// holds thousands of documents.
final class DocumentFactsTests: XCTestCase {
    private func campaign() throws -> Campaign {
        try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
    }

    /// One report from a personal address, polled with the real document reader.
    private func storedReport() throws -> (MessageStore, sha256: String) {
        let pdf = DocumentIntakeTests.document("report-stc-text-layer.pdf")
        let raw = DocumentIntakeTests.mail(attaching: [("bao-cao.pdf", "application/pdf", pdf)])
        let store = try MessageStore(inMemory: "facts")
        let now = CampaignTime.may6(60)
        _ = try store.ingest([IncomingMessage(uid: 1, receivedAt: now, raw: raw, sha256: SHA256.hex(raw))],
                             mailbox: "m", uidValidity: 1, now: now)
        let processed = try MessageProcessor(campaign: campaign(), store: store,
                                             documentReader: DocumentSandbox(executable: DondocCommand.reader))
            .processPending(now: now)
        XCTAssertEqual(processed.first?.attribution.agencyID, "stc")
        return (store, SHA256.hex(pdf))
    }

    private func reportedDocument(_ store: MessageStore) throws -> DocumentFact? {
        try ReportJob(campaign: campaign()).facts(store).submissions.first?.documents.first
    }

    func testPollKeepsTheHeaderOfEachDocumentItReads() throws {
        let (store, sha256) = try storedReport()
        let kept = try XCTUnwrap(store.documentFacts(sha256: [sha256], revision: DocumentHeader.readerRevision)[sha256])
        XCTAssertEqual(DocumentFacts.decode(kept).header?.issuingBody, "SỞ TÀI CHÍNH")
        XCTAssertEqual(try DocumentFacts.keepMissing(in: store), 0, "nothing is left to derive")
    }

    func testReportTakesTheKeptHeaderInsteadOfReadingThePageAgain() throws {
        let (store, sha256) = try storedReport()
        var kept = DocumentFacts.decode(try XCTUnwrap(
            store.documentFacts(sha256: [sha256], revision: DocumentHeader.readerRevision)[sha256]))
        kept.header?.symbol = "99/BC-KEPT"
        try store.saveDocumentFacts([(sha256, DocumentFacts.encode(kept))], revision: DocumentHeader.readerRevision)
        XCTAssertEqual(try reportedDocument(store)?.header?.symbol, "99/BC-KEPT")
    }

    func testHeadersKeptByAnOlderReaderAreDerivedAgain() throws {
        let (store, sha256) = try storedReport()
        var stale = DocumentFacts.decode(try XCTUnwrap(
            store.documentFacts(sha256: [sha256], revision: DocumentHeader.readerRevision)[sha256]))
        stale.header?.symbol = "1/BC-OLD"
        try store.saveDocumentFacts([(sha256, DocumentFacts.encode(stale))], revision: DocumentHeader.readerRevision - 1)
        // Until a poll derives it again, the report reads the page itself…
        XCTAssertEqual(try reportedDocument(store)?.header?.symbol, "112/BC-STC")
        // …and the next poll keeps it under the current revision.
        XCTAssertEqual(try DocumentFacts.keepMissing(in: store), 1)
        XCTAssertEqual(try DocumentFacts.keepMissing(in: store), 0)
        XCTAssertEqual(try reportedDocument(store)?.header?.symbol, "112/BC-STC")
    }
}
