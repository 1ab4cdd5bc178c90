@testable import DonDoc
import XCTest

/// Mail forwarded inline, as each client writes it into the body: its envelope counts as
/// an attached original's does (a name's weight, conflicts with the outer sender), and a
/// quoted reply never does.
final class InlineForwardTests: XCTestCase {
    private let attributor = DienBien.attributor

    private func attribution(_ subject: String, body: String, from address: String? = nil) -> Attribution {
        var facts = DienBien.stranger(subject: subject, attachments: [DienBien.pdf], bodyText: body)
        if let address { facts.fromAddress = address }
        return attributor.attribute(facts)
    }

    private func attributed(_ subject: String, body: String, from address: String? = nil) -> String? {
        attribution(subject, body: body, from: address).agencyID
    }

    // MARK: - Each client's forward

    func testGmailInlineForwardOfTheAgencysOwnMailAttributes() {
        let result = attribution("Fwd: báo cáo", body: """
            Em chuyển tiếp ạ.

            ---------- Forwarded message ---------
            From: *Văn thư* <ubndtuachua@dienbien.example.org>
            Date: Wed, 6 May 2020 at 15:02
            Subject: Báo cáo giải trình
            To: <vanthu.nguyen@mail.example.net>

            Gửi kèm báo cáo.
            """)
        XCTAssertEqual(result.agencyID, "ubnd-tua-chua", "\(result.reasons)")
        XCTAssertEqual(result.kind, .submission)
        XCTAssertTrue(result.byNameOnly, "an envelope in the body is text anyone can write: a name's weight")
        XCTAssertTrue(result.reasons.contains { $0.contains("thư gốc được chuyển tiếp trong nội dung thư") }, "\(result.reasons)")
    }

    func testOutlookOriginalMessageBlockCountsOnlyUnderAForwardSubject() {
        let body = """
            -----Original Message-----
            From: Van thu STC [mailto:stc@dienbien.example.org]
            Sent: Wednesday, May 6, 2020 3:02 PM
            To: Nguyen Van A
            Subject: Bao cao giai trinh

            Gui kem bao cao.
            """
        XCTAssertEqual(attributed("FW: Bao cao giai trinh", body: body), "stc")
        // Outlook writes the same block above a reply: an agency's mail answered is not its report.
        XCTAssertNil(attributed("RE: Bao cao giai trinh", body: body))
        XCTAssertNil(attributed("Bao cao giai trinh", body: body))
        // "TR:" may be a Vietnamese writer's "Trả lời" as well as French Outlook's forward.
        XCTAssertNil(attributed("TR: Bao cao giai trinh", body: body))
    }

    func testVietnameseOutlookForwardWithoutSeparatorAttributes() {
        // Outlook's HTML draws a rule, not a line of text, above the envelope.
        let body = """
            Chuyển tiếp báo cáo của đơn vị.

            Từ: Văn thư <snv@dienbien.example.org>
            Gửi: Thứ Tư, 6 tháng 5, 2020 15:02
            Đến: Nguyễn Văn A <vanthu.nguyen@mail.example.net>
            Chủ đề: Báo cáo giải trình

            Kính gửi...
            """
        XCTAssertEqual(attributed("FW: Báo cáo giải trình", body: body), "snv")
        XCTAssertNil(attributed("TL: Báo cáo giải trình", body: body))
    }

    func testThunderbirdForwardedMessageWithSubjectFirstAttributes() {
        XCTAssertEqual(attributed("Fwd: Báo cáo", body: """
            -------- Forwarded Message --------
            Subject: Báo cáo giải trình
            Date: Wed, 6 May 2020 15:02:00 +0700
            From: Sở KH&ĐT <skhdt@dienbien.example.org>
            To: vanthu.nguyen@mail.example.net
            """), "skhdt")
    }

    func testZimbraYahooAndAppleForwardSeparatorsAttribute() {
        XCTAssertEqual(attributed("Fwd: Báo cáo", body: """
            ----- Forwarded Message -----
            From: "UBND huyện" <ubndnampo@dienbien.example.org>
            To: "Nguyen" <vanthu.nguyen@mail.example.net>
            Sent: Wednesday, May 6, 2020 3:02:00 PM
            Subject: Báo cáo giải trình
            """), "ubnd-nam-po")
        XCTAssertEqual(attributed("Báo cáo", body: """
            Begin forwarded message:

            From: Văn thư <stttt@dienbien.example.org>
            Subject: Báo cáo giải trình
            Date: 6 May 2020 at 15:02:00 GMT+7
            """), "stttt")
    }

    func testNameInTheInlineForwardedSubjectOrSenderNameCounts() {
        XCTAssertEqual(attributed("Fwd: bc", body: """
            ---------- Forwarded message ---------
            From: Lò Văn Thành <thanh.lv@gmail.test>
            Date: Wed, 6 May 2020 at 15:02
            Subject: Báo cáo giải trình của UBND huyện Mường Chà
            """), "ubnd-muong-cha")
        XCTAssertEqual(attributed("Fwd: bc", body: """
            ---------- Forwarded message ---------
            From: Văn thư UBND huyện Mường Nhé <vt.mn@gmail.test>
            Date: Wed, 6 May 2020 at 15:02
            """), "ubnd-muong-nhe")
    }

    // MARK: - Conflicts and traps

    func testAgencyAddressForwardingAnotherAgencysMailInlineGoesToReview() {
        let result = attribution("Fwd: Báo cáo giải trình", body: """
            ---------- Forwarded message ---------
            From: Sở Tài chính <stc@dienbien.example.org>
            Date: Wed, 6 May 2020 at 15:02
            Subject: Báo cáo giải trình
            """, from: "stnmt@dienbien.example.org")
        XCTAssertNil(result.agencyID, "\(result.reasons)")
        XCTAssertEqual(result.kind, .review)
        XCTAssertEqual(result.candidates, ["stnmt", "stc"])
    }

    func testQuotedReplyIsNotAForwardOfTheQuotedMail() {
        let forward = """
            ---------- Forwarded message ---------
            From: Sở Nội vụ <snv@dienbien.example.org>
            Date: Wed, 6 May 2020 at 15:02
            Subject: Báo cáo giải trình
            """
        XCTAssertEqual(attributed("Fwd: Báo cáo", body: forward), "snv")
        // The same envelope below a reply's attribution or quoted with ">" was quoted, not forwarded.
        XCTAssertNil(attributed("Fwd: Báo cáo", body: "Đã nhận.\n\nVào Th 4, 6 thg 5, 2020 lúc 15:02 A <a@gmail.test> đã viết:\n" + forward))
        XCTAssertNil(attributed("Fwd: Báo cáo", body: "Đã nhận.\n\nOn Wed, 6 May 2020, A <a@gmail.test> wrote:\n"
            + forward.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")))
        XCTAssertNil(attributed("Re: Báo cáo", body: forward))
    }

    func testEnvelopeMustFollowItsSeparatorAndHoldMoreThanASender() {
        XCTAssertEqual(attributed("Fwd: bc", body: "---------- Forwarded message ---------\n\nFrom: <snv@dienbien.example.org>\nDate: 6 May 2020"), "snv")
        // Text between the separator and the envelope: not a client's block.
        XCTAssertNil(attributed("Fwd: bc", body: "---------- Forwarded message ---------\nGhi chú của em\nFrom: <snv@dienbien.example.org>\nDate: 6 May 2020"))
        // A sender alone is a line of text, not an envelope.
        XCTAssertNil(attributed("Fwd: bc", body: "---------- Forwarded message ---------\nFrom: <snv@dienbien.example.org>\n\nDate: 6 May 2020"))
        // Two senders in one envelope: nobody's.
        XCTAssertNil(attributed("Fwd: bc", body: "---------- Forwarded message ---------\nFrom: <snv@dienbien.example.org>\n"
            + "Từ: <stc@dienbien.example.org>\nDate: 6 May 2020"))
        // Without a separator, only Outlook's whole envelope (From, date and subject) counts.
        XCTAssertNil(attributed("FW: bc", body: "Từ: <snv@dienbien.example.org>\nĐến: A\n\nxin gửi"))
    }

    func testOnlyAnIndentedLineContinuesTheForwardedSubject() {
        let envelope = "---------- Forwarded message ---------\nFrom: A <a@gmail.test>\nDate: Wed, 6 May 2020\nSubject: Báo cáo giải trình của\n"
        XCTAssertEqual(attributed("Fwd: bc", body: envelope + "    UBND huyện Nậm Pồ\n\nGửi kèm."), "ubnd-nam-po")
        // The body right under the envelope is the original's text, not its subject.
        XCTAssertNil(attributed("Fwd: bc", body: envelope + "UBND huyện Nậm Pồ gửi kèm."))
    }

    func testOnlyTheFirstOutlookBlockCountsAndOnlyUnderAForward() {
        // Under a forward, a second Outlook block is the forwarded thread's quoted reply.
        XCTAssertEqual(attributed("FW: bc", body: """
            -----Original Message-----
            From: stc@dienbien.example.org
            Sent: Wednesday, May 6, 2020 3:02 PM
            Subject: BC

            -----Original Message-----
            From: snv@dienbien.example.org
            Sent: Tuesday, May 5, 2020 3:02 PM
            Subject: BC
            """), "stc")
    }

    func testNestedGmailForwardsAllCountSoTwoAgenciesConflict() {
        let result = attribution("Fwd: Fwd: bc", body: """
            ---------- Forwarded message ---------
            From: <stc@dienbien.example.org>
            Date: Wed, 6 May 2020 at 15:02
            Subject: Fwd: bc

            ---------- Forwarded message ---------
            From: <snv@dienbien.example.org>
            Date: Tue, 5 May 2020 at 15:02
            Subject: bc
            """)
        XCTAssertNil(result.agencyID)
        XCTAssertEqual(Set(result.candidates), ["stc", "snv"])
    }

    // MARK: - The sender line

    func testSenderLineFormsEachClientWrites() {
        XCTAssertEqual(InlineForward.sender("*Văn thư* <VT@Example.org>").address, "vt@example.org")
        XCTAssertEqual(InlineForward.sender("*Văn thư* <VT@Example.org>").name, "Văn thư")
        XCTAssertEqual(InlineForward.sender("Van thu [mailto:vt@example.org]").address, "vt@example.org")
        XCTAssertEqual(InlineForward.sender("\"Sở Nội vụ\" <mailto:snv@example.org>").name, "Sở Nội vụ")
        XCTAssertEqual(InlineForward.sender("snv@example.org").address, "snv@example.org")
        XCTAssertNil(InlineForward.sender("snv@example.org").name)
        XCTAssertEqual(InlineForward.sender("Nguyễn Văn A").name, "Nguyễn Văn A")
        XCTAssertNil(InlineForward.sender("Nguyễn Văn A").address)
        XCTAssertNil(InlineForward.sender("A <not an address>").address)
    }
}
