import DonDoc
import XCTest

/// Each signal on its own, from a sender no agency has configured, so that the signal
/// under test is the only thing that can attribute the message.
final class AttributionSignalTests: XCTestCase {
    private let attributor = DienBien.attributor

    private func assertAttributed(_ attribution: Attribution, to agencyID: String, kind: MessageKind = .submission,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(attribution.agencyID, agencyID, "\(attribution.reasons)", file: file, line: line)
        XCTAssertEqual(attribution.kind, kind, file: file, line: line)
        XCTAssertEqual(attribution.candidates, [agencyID], file: file, line: line)
    }

    // MARK: 1. Replies to our mail

    func testReplyToOurReminderAttributesToThatAgency() {
        let attributor = Attributor(campaign: DienBien.campaign(),
                                    sentMessageIDs: ["<nhac-stc-20200506@hdnd.example.org>": "stc"])
        var facts = DienBien.stranger(subject: "Re: Nhắc gửi báo cáo giải trình", attachments: [DienBien.pdf])
        facts.replyTargets = ["<other@mail.example.net>", "<nhac-stc-20200506@hdnd.example.org>"]
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "stc")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("trả lời") && $0.contains("Sở Tài chính") })
    }

    func testReplyTargetMatchesWithoutAngleBrackets() {
        let attributor = Attributor(campaign: DienBien.campaign(), sentMessageIDs: ["nhac-snv@hdnd.example.org": "snv"])
        var facts = DienBien.stranger(subject: "Re: Nhắc gửi báo cáo")
        facts.replyTargets = ["<nhac-snv@hdnd.example.org>"]
        assertAttributed(attributor.attribute(facts), to: "snv", kind: .correspondence)
    }

    func testReplyToMailWeDidNotSendIsNoSignal() {
        let attributor = Attributor(campaign: DienBien.campaign(), sentMessageIDs: ["<nhac-snv@hdnd.example.org>": "snv"])
        var facts = DienBien.stranger(subject: "Re: Nhắc gửi báo cáo")
        facts.replyTargets = ["<khac@hdnd.example.org>"]
        XCTAssertEqual(attributor.attribute(facts).kind, .review)
    }

    func testSentMessageOfAnAgencyNoLongerInTheCampaignIsIgnored() {
        let attributor = Attributor(campaign: DienBien.campaign(), sentMessageIDs: ["<old@hdnd.example.org>": "so-cu"])
        var facts = DienBien.stranger(subject: "Re: Nhắc gửi báo cáo")
        facts.replyTargets = ["<old@hdnd.example.org>"]
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertEqual(attribution.candidates, [])
    }

    // MARK: 2. Subject tag

    func testSubjectTagAttributes() {
        let facts = DienBien.stranger(subject: "[GT2020-STTTT] Gửi báo cáo", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "stttt")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("[GT2020-STTTT]") && $0.contains("Sở Thông tin và Truyền thông") })
    }

    func testSubjectTagIsCaseInsensitive() {
        assertAttributed(attributor.attribute(DienBien.stranger(subject: "Fwd: RE: [gt2020-snv] bao cao")),
                         to: "snv", kind: .correspondence)
    }

    func testSubjectTagWithHyphenatedAgencyID() {
        let facts = DienBien.stranger(subject: "Re: [GT2020-UBND-MUONG-NHE] Đôn đốc", attachments: [DienBien.pdf])
        assertAttributed(attributor.attribute(facts), to: "ubnd-muong-nhe")
    }

    func testTagOfAnotherCampaignIsNotOurTag() {
        // "SNV" still names the department, but only as a name: no tag signal.
        let attribution = attributor.attribute(DienBien.stranger(subject: "[GT2019-SNV] Báo cáo"))
        XCTAssertFalse(attribution.reasons.contains { $0.contains("mang mã") })
        XCTAssertTrue(attribution.byNameOnly)
    }

    func testTagNamingNoAgencyIsNoSignal() {
        let attribution = attributor.attribute(DienBien.stranger(subject: "[GT2020-SYT] Báo cáo"))
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertEqual(attribution.candidates, [])
    }

    // MARK: 3. Sender address

    func testConfiguredSenderAddressAttributes() {
        let facts = MessageFacts(fromAddress: "skhdt@dienbien.example.org", subject: "Báo cáo giải trình",
                                 attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "skhdt")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("skhdt@dienbien.example.org") && $0.contains("Sở Kế hoạch và Đầu tư") })
    }

    func testSenderAddressComparisonIgnoresCase() {
        let facts = MessageFacts(fromAddress: "SKHDT@DienBien.Example.org", subject: "Báo cáo")
        assertAttributed(attributor.attribute(facts), to: "skhdt", kind: .correspondence)
    }

    func testLearnedSenderAttributes() {
        let attributor = Attributor(campaign: DienBien.campaign(),
                                    learnedSenders: ["vanthu.tuangiao@mail.example.net": "ubnd-tuan-giao"])
        let facts = MessageFacts(fromAddress: "vanthu.tuangiao@mail.example.net", subject: "Gửi báo cáo",
                                 attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "ubnd-tuan-giao")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("gán") && $0.contains("UBND huyện Tuần Giáo") })
    }

    // MARK: 4. Document symbols

    func testSymbolInSubjectAttributes() {
        let facts = DienBien.stranger(subject: "Báo cáo số 45/BC-STNMT", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "stnmt")
        XCTAssertTrue(attribution.reasons.contains { $0.contains("45/BC-STNMT") && $0.contains("Sở Tài nguyên và Môi trường") })
    }

    func testSymbolInFileNameAttributes() {
        let facts = DienBien.stranger(subject: "Gửi báo cáo",
                                      attachments: [AttachmentFacts(fileName: "12_BC_SNV.docx", mediaType: "application/octet-stream")])
        assertAttributed(attributor.attribute(facts), to: "snv")
    }

    func testSymbolInBodyAttributes() {
        let facts = DienBien.stranger(subject: "Gửi báo cáo", attachments: [DienBien.pdf],
                                      bodyText: "Kính gửi Văn phòng.\nSố: 30/BC-STC ngày 05/5/2020 về giải trình.")
        assertAttributed(attributor.attribute(facts), to: "stc")
    }

    func testIssuerCodesOfTheSixDepartments() {
        let expected = ["STNMT": "stnmt", "STC": "stc", "SKHĐT": "skhdt", "SKHDT": "skhdt",
                        "SNNPTNT": "snnptnt", "SNN&PTNT": "snnptnt", "SNV": "snv", "STTTT": "stttt"]
        for (issuer, agencyID) in expected {
            let facts = DienBien.stranger(subject: "Báo cáo số 9/BC-\(issuer)")
            XCTAssertEqual(attributor.attribute(facts).agencyID, agencyID, issuer)
        }
    }

    func testOfficialLetterSymbolWithDraftingUnitAttributesToIssuingBody() {
        let facts = DienBien.stranger(subject: "Công văn 567/STNMT-VP về việc gửi báo cáo")
        assertAttributed(attributor.attribute(facts), to: "stnmt", kind: .correspondence)
    }

    func testIssuerInitialsOfTheNameWorkWhateverTheAgencyID() {
        let campaign = DienBien.campaign(agencies: [
            Agency(id: "so-noi-vu", name: "Sở Nội vụ"),
            Agency(id: "so-ke-hoach", name: "Sở Kế hoạch và Đầu tư"),
        ])
        let attributor = Attributor(campaign: campaign)
        XCTAssertEqual(attributor.attribute(DienBien.stranger(subject: "Số 3/BC-SNV")).agencyID, "so-noi-vu")
        XCTAssertEqual(attributor.attribute(DienBien.stranger(subject: "Số 4/BC-SKHĐT")).agencyID, "so-ke-hoach")
    }

    func testInitialsSharedByTwoAgenciesPointAtNeither() {
        let campaign = DienBien.campaign(agencies: [
            Agency(id: "so-tai-chinh", name: "Sở Tài chính"),
            Agency(id: "so-tu-chinh", name: "Sở Tư chính"),
        ])
        let attribution = Attributor(campaign: campaign).attribute(DienBien.stranger(subject: "Số 3/BC-STC"))
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertEqual(attribution.candidates, [])
    }

    func testDistrictCommitteeIssuerUBNDMatchesNoAgency() {
        let facts = DienBien.stranger(subject: "Báo cáo số 88/BC-UBND", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        XCTAssertEqual(attribution.kind, .review)
        XCTAssertEqual(attribution.candidates, [])
    }

    func testSharedIssuerCodeUBNDNeverPointsAtOneAgencyEvenWhenConfiguredAsAlias() {
        // Every People's Committee, the province's included, signs "UBND".
        let campaign = DienBien.campaign(agencies: [
            Agency(id: "ubnd-muong-nhe", name: "UBND huyện Mường Nhé", aliases: ["UBND"]),
        ])
        let attribution = Attributor(campaign: campaign).attribute(DienBien.stranger(subject: "Công văn số 1234/UBND-KT"))
        XCTAssertEqual(attribution.candidates, [])
    }

    func testDistrictEnvironmentOfficeSymbolIsNotTheDepartments() {
        // "88/BC-UBND-TNMT": the district committee's report drafted by its own phòng TN&MT.
        let facts = DienBien.stranger(subject: "Báo cáo số 88/BC-UBND-TNMT", attachments: [DienBien.pdf])
        XCTAssertEqual(attributor.attribute(facts).candidates, [])
    }

    func testMinistryIssuerIsNotTheProvincialDepartment() {
        let facts = DienBien.stranger(subject: "Thông tư 01/2020/TT-BTNMT")
        XCTAssertEqual(attributor.attribute(facts).candidates, [])
    }

    // MARK: 5. Names (weak)

    func testNameAloneAttributesAndSaysItWasOnlyAName() {
        let facts = DienBien.stranger(subject: "Sở Tài chính gửi báo cáo giải trình", attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "stc")
        XCTAssertTrue(attribution.byNameOnly)
        XCTAssertTrue(attribution.reasons.contains { $0.contains("chỉ dựa vào tên") && $0.contains("Sở Tài chính") })
    }

    func testStrongSignalIsNotMarkedByNameOnly() {
        let facts = MessageFacts(fromAddress: "stc@dienbien.example.org", subject: "Sở Tài chính gửi báo cáo",
                                 attachments: [DienBien.pdf])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "stc")
        XCTAssertFalse(attribution.byNameOnly)
        XCTAssertFalse(attribution.reasons.contains { $0.contains("chỉ dựa vào tên") })
    }

    func testNameInDisplayNameIsACandidate() {
        let attribution = attributor.attribute(DienBien.stranger(fromName: "Văn thư Sở Nội vụ"))
        XCTAssertEqual(attribution.candidates, ["snv"])
        XCTAssertTrue(attribution.reasons.contains { $0.contains("tên người gửi") })
    }

    func testNameInFileNameIsACandidate() {
        let facts = DienBien.stranger(attachments: [AttachmentFacts(fileName: "Bao cao UBND huyen Tua Chua.pdf",
                                                                    mediaType: "application/pdf")])
        XCTAssertEqual(attributor.attribute(facts).candidates, ["ubnd-tua-chua"])
    }

    func testNameInsideAWordIsNotAMention() {
        // "STC" must be a word of its own, not the end of "ABCSTC".
        XCTAssertEqual(attributor.attribute(DienBien.stranger(subject: "Mã ABCSTC 2020")).candidates, [])
    }

    func testNameInBodyIsNotASignal() {
        let facts = DienBien.stranger(subject: "Báo cáo", bodyText: "Sở Tài chính gửi báo cáo giải trình")
        XCTAssertEqual(attributor.attribute(facts).candidates, [])
    }

    // MARK: Submission or correspondence

    func testAgencyMessageWithDocumentIsSubmission() {
        let facts = MessageFacts(fromAddress: "snv@dienbien.example.org", subject: "Báo cáo",
                                 attachments: [AttachmentFacts(fileName: "bc.docx", mediaType: "application/octet-stream")])
        let attribution = attributor.attribute(facts)
        assertAttributed(attribution, to: "snv", kind: .submission)
        XCTAssertTrue(attribution.reasons.contains { $0.contains("bc.docx") })
    }

    func testAgencyMessageWithoutDocumentIsCorrespondence() {
        let facts = MessageFacts(fromAddress: "snv@dienbien.example.org", subject: "Xin gia hạn nộp báo cáo",
                                 attachments: [AttachmentFacts(fileName: "image001.png", mediaType: "image/png"),
                                               AttachmentFacts(fileName: "ghi-chu.txt", mediaType: "text/plain")])
        assertAttributed(attributor.attribute(facts), to: "snv", kind: .correspondence)
    }
}
