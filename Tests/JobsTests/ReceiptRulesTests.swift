import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration
@testable import MailTemplates

/// RFC 3834 and common sense: who gets a receipt.
final class ReceiptRulesTests: XCTestCase {
    func receipts() throws -> Receipts {
        let campaign = try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        return Receipts(campaign: campaign, store: try MessageStore(inMemory: "t"),
                        templates: try MailTemplates(campaign: campaign))
    }

    func message(from: String = "stnmt@dienbien.example.org", extra: String = "") throws -> MIMEMessage {
        try MIMEParser.parse(Data("""
            From: So TNMT <\(from)>\r
            To: vanphong@hdnd.example.org\r
            Subject: Bao cao 45/BC-STNMT\r
            Message-ID: <r@dienbien.example.org>\r
            \(extra)MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            x\r

            """.utf8))
    }

    func testAPersonsSubmissionIsAcknowledgedToItsSender() throws {
        XCTAssertEqual(try receipts().recipient(of: message()), "stnmt@dienbien.example.org")
    }

    func testAutomaticListAndOwnMailGetNoReceipt() throws {
        let rules = try receipts()
        XCTAssertNil(rules.recipient(of: try message(from: "VanPhong@hdnd.example.org")), "our own address")
        for header in ["Auto-Submitted: auto-generated\r\n", "Precedence: bulk\r\n", "Precedence: junk\r\n",
                       "List-Id: <tin.dienbien.example.org>\r\n", "X-Autoreply: yes\r\n", "Return-Path: <>\r\n"] {
            XCTAssertNil(rules.recipient(of: try message(extra: header)), header)
        }
        XCTAssertEqual(rules.recipient(of: try message(extra: "Auto-Submitted: no\r\n")), "stnmt@dienbien.example.org")
    }

    func testReportFromAnAddressNotTheAgencysIsCopiedToTheAgency() {
        let agency = Agency(id: "ubnd-tua-chua", name: "UBND huyện Tủa Chùa", emails: ["ubnd@tuachua.example.org"])
        XCTAssertEqual(Receipts.copies(to: agency, sender: "vanthu.tc@mail.example.net", learned: [:]),
                       ["ubnd@tuachua.example.org"])
        XCTAssertEqual(Receipts.copies(to: agency, sender: "UBND@tuachua.example.org", learned: [:]), [],
                       "the agency's own address needs no copy")
        XCTAssertEqual(Receipts.copies(to: agency, sender: "vanthu.tc@mail.example.net",
                                       learned: ["vanthu.tc@mail.example.net": "ubnd-tua-chua"]), [],
                       "an address a person tied to the agency counts as its own")
        XCTAssertEqual(Receipts.copies(to: agency, sender: "vanthu.tc@mail.example.net",
                                       learned: ["vanthu.tc@mail.example.net": "snv"]), ["ubnd@tuachua.example.org"])
    }

    func testCopiedReceiptCarriesTheAgencyInCc() throws {
        let rules = try receipts()
        let agency = try XCTUnwrap(rules.campaign.agency(id: "stnmt"))
        let parsed = try message(from: "x@mail.example.net")
        let raw = Data("From: x@mail.example.net\r\nSubject: s\r\n\r\nx\r\n".utf8)
        let outcome = try rules.store.ingest([IncomingMessage(uid: 1, receivedAt: Date(timeIntervalSince1970: 1_588_730_000),
                                                              raw: raw, sha256: SHA256.hex(raw))],
                                             mailbox: "m", uidValidity: 1, now: Date(timeIntervalSince1970: 1_588_730_000))
        guard case .stored(let id) = try XCTUnwrap(outcome.first) else { return XCTFail("\(outcome)") }
        let stored = try XCTUnwrap(rules.store.message(id))
        let entry = rules.compose(stored, parsed, agency: agency, to: "x@mail.example.net", copies: agency.emails,
                                  now: Date(timeIntervalSince1970: 1_588_730_100))
        XCTAssertEqual(entry.recipients, ["x@mail.example.net"] + agency.emails)
        let headers = String(decoding: entry.raw.prefix(2000), as: UTF8.self)
        XCTAssertTrue(headers.contains("Cc: "), headers)
        XCTAssertTrue(headers.contains(agency.emails[0]), headers)
    }

    /// The Office chooses how old a report may be and still be acknowledged: 6 hours here,
    /// so one that reached the mailbox 8 hours ago gets none, and one 2 hours old does.
    func testReceiptWindowComesFromTheCampaignFile() throws {
        let path = CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "receipt_window_hours: 36", with: "receipt_window_hours: 6")
        let campaign = try CampaignFile.parse(yaml: yaml, file: "c.yaml")
        XCTAssertEqual(campaign.reminders.receiptWindowHours, 6)
        let now = CampaignTime.may6(12 * 60)
        func receipts(receivedHoursAgo hours: Double) throws -> Int {
            let store = try MessageStore(inMemory: "t")
            let raw = Fixtures.data("submission-pdf-utf8.eml")
            _ = try store.ingest([IncomingMessage(uid: 1, receivedAt: now.addingTimeInterval(-hours * 3600), raw: raw,
                                                  sha256: SHA256.hex(raw))], mailbox: "m", uidValidity: 1, now: now)
            _ = try MessageProcessor(campaign: campaign, store: store).processPending(now: now)
            return try Receipts(campaign: campaign, store: store, templates: MailTemplates(campaign: campaign))
                .enqueueDue(now: now).count
        }
        XCTAssertEqual(try receipts(receivedHoursAgo: 2), 1)
        XCTAssertEqual(try receipts(receivedHoursAgo: 8), 0)
        XCTAssertThrowsError(try CampaignFile.parse(yaml: yaml.replacingOccurrences(of: "receipt_window_hours: 6",
                                                                                     with: "receipt_window_hours: 0"), file: "c.yaml"))
    }
}
