import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest

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
}
