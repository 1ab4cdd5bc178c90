import Foundation
@testable import Mail
import TestSupport
import XCTest

/// HTML-only mail reaches attribution as lines of text: the signature at its foot and a
/// forwarded envelope must come out one per line, as they read in a mail client, for the
/// domain's signature and inline-forward rules to apply to them as to plain text.
final class MIMEHTMLOnlyBodyTests: XCTestCase {
    private func parse(_ fixture: String) throws -> MIMEMessage {
        try MIMEParser.parse(Fixtures.data(fixture))
    }

    func testHTMLOnlySignatureComesOutLineByLineWithoutScriptOrStyle() throws {
        let body = try XCTUnwrap(parse("html-only-signature-personal-address.eml").textBody)
        XCTAssertTrue(body.hasSuffix("""
            Trân trọng!
            Lò Văn Dũng
            Văn thư UBND huyện Điện Biên Đông
            ĐT: 0215 3 000 222
            """), body)
        XCTAssertFalse(body.contains("Sở Tài chính"), "a style sheet's comment is not text")
        XCTAssertFalse(body.contains("Sở Nội vụ"), "a script is not text")
    }

    func testOutlookHTMLForwardEnvelopeComesOutOneFieldPerLine() throws {
        let body = try XCTUnwrap(parse("outlook-html-only-inline-forward-of-agency-mail.eml").textBody)
        XCTAssertTrue(body.contains("""
            From: Van thu <vanthu@caosudienbien.example.org>
            Sent: Wednesday, May 6, 2020 4:10 PM
            To: Quang <quang.cs@gmail.test>
            Subject: Bao cao giai trinh
            """), body)
    }

    func testGmailForwardKeepsItsPlainAlternativeEnvelope() throws {
        let body = try XCTUnwrap(parse("gmail-inline-forward-of-agency-mail.eml").textBody)
        XCTAssertTrue(body.contains("""
            ---------- Forwarded message ---------
            From: *Văn thư* <ubnd@muongang.example.org>
            Date: Wed, 6 May 2020 at 16:10
            Subject: Báo cáo giải trình
            """), body)
    }

    // MARK: - Lines as a reader sees them

    func testAdjacentAndNestedBlocksMakeOneLineBreakNotTwo() {
        XCTAssertEqual(MIMEText.plainText(fromHTML: "<div><div>a</div></div><div>b<br></div><div><br></div><div>c</div>", limit: 1_000),
                       "a\nb\n\nc")
        XCTAssertEqual(MIMEText.plainText(fromHTML: "<div>----- Forwarded Message -----</div><div><b>From:</b> A &lt;a@example.org&gt;</div>"
            + "<div><b>Sent:</b> 6/5/2020</div>", limit: 1_000),
                       "----- Forwarded Message -----\nFrom: A <a@example.org>\nSent: 6/5/2020")
    }

    func testSourceLineBreaksInsideHTMLAreSpacesExceptInPre() {
        XCTAssertEqual(MIMEText.plainText(fromHTML: "<p class=MsoNormal><b>From:</b> Van thu\r\n&lt;vt@example.org&gt;<br><b>Sent:</b>\nWednesday</p>",
                                          limit: 1_000), "From: Van thu <vt@example.org>\nSent: Wednesday")
        XCTAssertEqual(MIMEText.plainText(fromHTML: "<pre>--\nVăn thư</pre>", limit: 1_000), "--\nVăn thư")
    }

    func testTableRowsAreLinesAndCellsAreSpaced() {
        XCTAssertEqual(MIMEText.plainText(fromHTML: "<table><tr><th>Subject:</th><td>BC</td></tr><tr><th>From:</th>"
            + "<td>A &lt;a@example.org&gt;</td></tr></table>", limit: 1_000), "Subject: BC\nFrom: A <a@example.org>")
    }
}
