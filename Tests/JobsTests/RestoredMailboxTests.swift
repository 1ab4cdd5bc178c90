import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest

/// A mailbox moved between servers or restored from a backup comes back with a new
/// UIDVALIDITY and, often, other bytes: the new server re-wraps base64, refolds headers
/// and adds its own. The same report must still count once and be acknowledged once.
final class RestoredMailboxTests: CampaignTestCase {
    func testReportReEncodedByARestoreIsCountedAndAcknowledgedOnce() throws {
        let original = Fixtures.data("submission-pdf-utf8.eml")
        try office.deliver(original, internalDate: CampaignTime.may6(15))
        let first = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        XCTAssertEqual(first.receiptsSent, 1)

        try office.recreateMailbox()
        let migrated = Self.reEncoded(original)
        XCTAssertNotEqual(SHA256.hex(migrated), SHA256.hex(original), "the restore must change the bytes")
        try office.deliver(migrated, internalDate: CampaignTime.may6(15))
        let second = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(90))

        XCTAssertEqual(second.stored, 1, "other bytes are kept, as received")
        XCTAssertEqual(second.receiptsSent, 0, "the agency was acknowledged once")
        XCTAssertEqual(try smtp.received().count, 1)
        let store = try MessageStore(path: setup.storePath)
        let copies = try store.listMessages(kinds: [MessageKind.copy.rawValue])
        XCTAssertEqual(copies.count, 1)
        let copy = try XCTUnwrap(copies.first)
        XCTAssertTrue(copy.attribution?.reasons.first?.contains("Bản sao của thư #1") == true,
                      "\(String(describing: copy.attribution))")
        let summary = try ReportJob(campaign: setup.campaign).summary(now: CampaignTime.may6(120))
        XCTAssertEqual(summary.agencies.first { $0.id == "stnmt" }?.submissions.count, 1)
    }

    /// The same Message-ID, sender and date with another file is not a copy: a second
    /// version of a report is a submission of its own.
    func testSameMessageIDWithAnotherFileIsNotACopy() throws {
        let original = Fixtures.data("submission-pdf-utf8.eml")
        try office.deliver(original, internalDate: CampaignTime.may6(15))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(30))
        var text = String(decoding: Self.reEncoded(original), as: UTF8.self)
        let marker = "JVBERi0"   // "%PDF-" in base64: the file's first bytes change
        XCTAssertTrue(text.contains(marker))
        text = text.replacingOccurrences(of: marker, with: "JVBERi1")
        try office.deliver(Data(text.utf8), internalDate: CampaignTime.may6(16))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(90))
        let store = try MessageStore(path: setup.storePath)
        XCTAssertEqual(try store.listMessages(kinds: [MessageKind.copy.rawValue]).count, 0)
        XCTAssertEqual(try store.listMessages(kinds: [MessageKind.submission.rawValue]).count, 2)
    }

    /// What a migration does to a message: a header added on top, the Subject unfolded,
    /// base64 re-wrapped at 64 columns, and LF line ends.
    static func reEncoded(_ raw: Data) -> Data {
        let text = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var lines: [String] = ["X-Migrated-From: old-server.example.org"]
        var base64Run = ""
        func flush() {
            var rest = Substring(base64Run)
            while !rest.isEmpty {
                lines.append(String(rest.prefix(64)))
                rest = rest.dropFirst(64)
            }
            base64Run = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBase64 = line.count >= 60 && line.allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber || "+/=".contains($0) }
            if isBase64 {
                base64Run += line
            } else {
                flush()
                if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = lines.last, last.hasPrefix("Subject:") {
                    lines[lines.count - 1] = last + " " + line.trimmingCharacters(in: .whitespaces)
                } else {
                    lines.append(String(line))
                }
            }
        }
        flush()
        return Data(lines.joined(separator: "\n").utf8)
    }
}
