import Foundation
import Mail
import TestSupport
import XCTest

final class MIMEDeliveryReportTests: XCTestCase {
    func testBounceGivesOriginalMessageIDFromReturnedHeaders() throws {
        let message = try MIMEParser.parse(Fixtures.data("bounce-delivery-status.eml"))
        XCTAssertEqual(message.contentType, "multipart/report")
        let report = try XCTUnwrap(message.deliveryReport)
        XCTAssertEqual(report.originalMessageID, "<giai-trinh-2020-q2.ubnd-tuan-giao.upcoming.20200506@hdnd.example.org>")
    }

    func testBounceListsEachRecipientWithActionStatusAndUnfoldedDiagnostic() throws {
        let report = try XCTUnwrap(try MIMEParser.parse(Fixtures.data("bounce-delivery-status.eml")).deliveryReport)
        XCTAssertEqual(report.recipients, [
            DeliveryStatusRecipient(
                finalRecipient: "ubndtuangiao@dienbien.example.org", action: "failed", status: "5.1.1",
                diagnostic: "550 5.1.1 <ubndtuangiao@dienbien.example.org>: Recipient address rejected: User unknown in virtual mailbox table"),
            DeliveryStatusRecipient(
                finalRecipient: "vanthu.tuangiao@dienbien.example.org", action: "delayed", status: "4.4.1",
                diagnostic: "connect to mx.dienbien.example.org[192.0.2.30]:25: Connection timed out"),
        ])
    }

    func testBounceReportPartsAreNotAttachmentsAndNotificationIsTheBody() throws {
        let message = try MIMEParser.parse(Fixtures.data("bounce-delivery-status.eml"))
        XCTAssertTrue(message.attachments.isEmpty, "\(message.attachments.map(\.mediaType))")
        XCTAssertTrue(message.textBody?.hasPrefix("This is the mail system at host mail.hdnd.example.org.") == true)
        XCTAssertEqual(message.from, MailAddress(name: "Mail Delivery System", address: "mailer-daemon@mail.hdnd.example.org"))
        XCTAssertEqual(message.header("Auto-Submitted"), "auto-replied")
        XCTAssertEqual(message.header("Return-Path"), "<>")
    }

    func testReturnedFullMessageGivesOriginalMessageID() throws {
        let raw = """
            From: MAILER-DAEMON@mx.example.org
            To: vanphong@hdnd.example.org
            Subject: Delivery Status Notification (Failure)
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"

            --r
            Content-Type: text/plain

            Delivery failed.
            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; SoYTe@DienBien.example.org
            Action: failed
            Status: 5.2.2
            --r
            Content-Type: message/rfc822

            From: vanphong@hdnd.example.org
            To: soyte@dienbien.example.org
            Message-ID: <giai-trinh-2020-q2.syt.overdue.20200511@hdnd.example.org>
            Subject: Reminder

            Please send the report.
            --r--

            """.replacingOccurrences(of: "\n", with: "\r\n")
        let report = try XCTUnwrap(try MIMEParser.parse(Data(raw.utf8)).deliveryReport)
        XCTAssertEqual(report.originalMessageID, "<giai-trinh-2020-q2.syt.overdue.20200511@hdnd.example.org>")
        XCTAssertEqual(report.recipients, [
            DeliveryStatusRecipient(finalRecipient: "soyte@dienbien.example.org", action: "failed", status: "5.2.2", diagnostic: nil),
        ])
    }

    func testReportWithoutReportTypeIsRecognisedByItsDeliveryStatusPart() throws {
        let raw = """
            From: postmaster@mx.example.org
            Subject: Undeliverable
            Content-Type: multipart/report; boundary="r"

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822;stp@dienbien.example.org
            Action: failed
            Status: 5.7.1
            --r
            Content-Type: text/rfc822-headers

            Message-Id: <giai-trinh-2020-q2.stp.due_today.20200509@hdnd.example.org>
            --r--

            """.replacingOccurrences(of: "\n", with: "\r\n")
        let report = try XCTUnwrap(try MIMEParser.parse(Data(raw.utf8)).deliveryReport)
        XCTAssertEqual(report.originalMessageID, "<giai-trinh-2020-q2.stp.due_today.20200509@hdnd.example.org>")
        XCTAssertEqual(report.recipients.map(\.finalRecipient), ["stp@dienbien.example.org"])
        XCTAssertEqual(report.recipients.map(\.status), ["5.7.1"])
    }

    func testOrdinaryMessageHasNoDeliveryReport() throws {
        XCTAssertNil(try MIMEParser.parse(Fixtures.data("submission-pdf-utf8.eml")).deliveryReport)
        XCTAssertNil(try MIMEParser.parse(Fixtures.data("auto-reply-rfc3834.eml")).deliveryReport)
    }
}
