import Documents
import DonDoc
import Foundation
@testable import Jobs
import Mail
import Store
import TestSupport
import XCTest
@testable import Configuration

/// Every real message under Tests/Fixtures, through the whole intake (GMime, the document
/// reader, attribution) against the shipped Điện Biên campaign: what each must become.
/// Senders of departments the campaign does not name (Sở Y tế, Sở Công Thương, Sở Tư
/// pháp) are traps: their mail must never become another agency's report.
final class FixtureAttributionTests: XCTestCase {
    static let expected: [(fixture: String, kind: MessageKind, agency: String?)] = [
        ("submission-pdf-utf8.eml", .submission, "stnmt"),
        ("octet-stream-pdf.eml", .submission, "skhdt"),
        ("forwarded-rfc822-with-docx.eml", .submission, "snnptnt"),
        ("reply-to-reminder.eml", .correspondence, "stnmt"),
        // Windows-1258 display name and subject: the district, by name.
        ("subject-windows-1258.eml", .submission, "ubnd-muong-nhe"),
        // Apple Mail's NFD: the town, by name.
        ("nfd-subject.eml", .submission, "ubnd-tx-muong-lay"),
        ("split-encoded-words-webmail.eml", .submission, "ubnd-muong-nhe"),
        ("missing-end-boundary.eml", .submission, "ubnd-tuan-giao"),
        ("uuencode-and-path-filename.eml", .submission, "snv"),
        ("bad-base64.eml", .submission, "snv"),
        // An agency named only inside an RFC 2047 file name.
        ("name-in-encoded-filename.eml", .submission, "ubnd-nam-po"),
        // A subject folded over three lines, the name cut between encoded-words.
        ("long-folded-subject.eml", .submission, "stttt"),
        // A scan from a personal address: the page itself, by OCR.
        ("scanned-report-personal-address.eml", .submission, "ubnd-tua-chua"),
        ("split-encoded-words-outlook.eml", .submission, "stnmt"),
        // Raw 8-bit header bytes with no charset declared: the district, by name.
        ("undeclared-8bit-headers.eml", .submission, "ubnd-dien-bien-dong"),
        // A personal address, nothing in the subject: the sender's signature under "-- ".
        ("signature-block-personal-address.eml", .submission, "ubnd-muong-nhe"),
        // The Office addressed, then the report and whose it is.
        ("office-addressee-then-district-report.eml", .submission, "ubnd-nam-po"),
        // Windows-1258 from a personal address (not the district's configured one): the
        // decoded subject alone names the district; then the decoded body's signature alone.
        ("windows-1258-subject-personal-address.eml", .submission, "ubnd-tua-chua"),
        ("windows-1258-body-signature-personal-address.eml", .submission, "ubnd-muong-cha"),
        // Forwards whose outer subject and display name name nobody: only the original's
        // From, the agency's configured address, says whose it is. Attached (message/rfc822),
        // then inline as Gmail, Vietnamese Outlook and HTML-only Outlook write it.
        ("forwarded-rfc822-original-from-agency.eml", .submission, "ubnd-nam-po"),
        ("gmail-inline-forward-of-agency-mail.eml", .submission, "ubnd-muong-ang"),
        ("outlook-vietnamese-inline-forward-of-agency-mail.eml", .submission, "ubnd-tuan-giao"),
        ("outlook-html-only-inline-forward-of-agency-mail.eml", .submission, "cao-su-dien-bien"),
        // HTML only, from a personal address: the signature under "Trân trọng!" names the district.
        ("html-only-signature-personal-address.eml", .submission, "ubnd-dien-bien-dong"),
        // One department's own address forwarding another's mail inline (Thunderbird): review.
        ("inline-forward-agency-forwards-other-agency.eml", .review, nil),
        // A signature inside quoted mail is the quoted writer's, not the sender's.
        ("quoted-signature-of-another-agency.eml", .review, nil),
        ("no-signal-personal-address.eml", .review, nil),
        ("filename-rfc2231.eml", .review, nil),
        ("filename-rfc2047-in-quotes.eml", .review, nil),
        ("inline-image-signature.eml", .review, nil),
        ("auto-reply-rfc3834.eml", .autoReply, nil),
        ("list-mail.eml", .list, nil),
        ("bounce-delivery-status.eml", .bounce, nil),
        ("garbage-not-a-message.eml", .unparseable, nil),
    ]

    func testEveryFixtureIsAttributedAsAClerkWould() throws {
        let campaign = try CampaignFile.load(
            path: CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        let store = try MessageStore(inMemory: "fixtures")
        let incoming = Self.expected.enumerated().map { index, entry in
            let raw = Fixtures.data(entry.fixture)
            return IncomingMessage(uid: UInt32(index + 1), receivedAt: CampaignTime.may6(index), raw: raw, sha256: SHA256.hex(raw))
        }
        _ = try store.ingest(incoming, mailbox: "m", uidValidity: 1, now: CampaignTime.may6(60))
        let processor = try MessageProcessor(campaign: campaign, store: store,
                                             documentReader: DocumentSandbox(executable: DondocCommand.reader))
        let processed = try processor.processPending(now: CampaignTime.may6(60))
        XCTAssertEqual(processed.count, Self.expected.count)
        for (entry, message) in zip(Self.expected, processed) {
            XCTAssertEqual(message.attribution.kind, entry.kind, "\(entry.fixture): \(message.attribution.reasons)")
            XCTAssertEqual(message.attribution.agencyID, entry.agency, "\(entry.fixture): \(message.attribution.reasons)")
        }
    }
}
