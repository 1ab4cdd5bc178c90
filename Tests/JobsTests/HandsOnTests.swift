import DonDoc
import Foundation
@testable import Jobs
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The clerk's commands change what `remind` (and the report) do, as a person expects.
final class HandsOnTests: CampaignTestCase {

    var handsOn: HandsOn { HandsOn(campaign: setup.campaign, person: "thuky") }
    func store() throws -> MessageStore { try MessageStore(path: setup.storePath) }

    func remindedAgencies(_ iso: String) throws -> Set<String> {
        let report = try RemindJob(campaign: setup.campaign).run(now: CampaignTime.at(iso), dryRun: true)
        return Set(report.lines.filter { $0.status == .dryRun }.map(\.agency))
    }

    /// Polls one fixture in and returns its short id.
    func pollIn(_ fixture: String, minutes: Int = 0) throws -> String {
        try office.deliver(Fixtures.data(fixture), internalDate: CampaignTime.may6(minutes))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(minutes + 5))
        return "\(try XCTUnwrap(store().listMessages().last).message.id)"
    }

    func testPaperCopyStopsRemindersLikeAnEmailedReport() throws {
        XCTAssertTrue(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("snv"))
        let line = try handsOn.recordPaper(agencyID: "snv", receivedAt: CampaignTime.at("2020-05-07T15:00:00+07:00"),
                                           symbol: "18/BC-SNV", note: "Văn thư nhận", now: CampaignTime.at("2020-05-07T16:00:00+07:00"))
        XCTAssertTrue(line.contains("snv"), line)
        XCTAssertFalse(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("snv"))
        let paper = try XCTUnwrap(store().paperSubmissions().first)
        XCTAssertEqual(paper.recordedBy, "thuky")
        XCTAssertEqual(paper.documentSymbol, "18/BC-SNV")
    }

    func testAPaperCopyDatedLongBeforeTheCampaignIsAUsageError() {
        XCTAssertThrowsError(try handsOn.recordPaper(agencyID: "snv", receivedAt: CampaignTime.at("0020-05-07T15:00:00+07:00"),
                                                      symbol: nil, note: nil, now: CampaignTime.may6(10))) { error in
            XCTAssertEqual((error as? JobError)?.exitStatus, 64)
            XCTAssertTrue("\((error as? JobError)?.lines ?? [])".contains("check the year"), "\(error)")
        }
    }

    func testRecordingForAnUnknownAgencyIsAUsageError() {
        XCTAssertThrowsError(try handsOn.recordPaper(agencyID: "so-y-te", receivedAt: CampaignTime.may6(),
                                                      symbol: nil, note: nil, now: CampaignTime.may6(10))) { error in
            XCTAssertEqual((error as? JobError)?.exitStatus, 64)
        }
    }

    func testAssigningAReviewItemMakesItTheAgencysSubmissionAndStopsItsReminders() throws {
        // Someone wrote from a personal address and named nobody: a person must say whose it is.
        let id = try pollIn("no-signal-personal-address.eml")
        XCTAssertEqual(try store().attribution(of: Int64(id)!)?.kind, "review")
        XCTAssertTrue(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("ubnd-tx-muong-lay"))

        let line = try handsOn.assign(id, to: "ubnd-tx-muong-lay", learnSender: true, now: CampaignTime.may6(30))
        XCTAssertTrue(line.contains("submission of ubnd-tx-muong-lay"), line)
        let attribution = try XCTUnwrap(store().attribution(of: Int64(id)!))
        XCTAssertEqual(attribution.kind, "submission")
        XCTAssertEqual(attribution.decidedBy, "thuky")
        XCTAssertFalse(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("ubnd-tx-muong-lay"))

        // The sender was learnt: its next mail is attributed without a person.
        var next = try String(decoding: Fixtures.data("no-signal-personal-address.eml"), as: UTF8.self)
        next = next.replacingOccurrences(of: "CAK8nS0x2Lw4fQ7pV3mR9tY1uE6", with: "second-mail")
        try office.deliver(Data(next.utf8), internalDate: CampaignTime.may6(60))
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(65))
        let second = try XCTUnwrap(store().listMessages().last)
        XCTAssertEqual(second.attribution?.agencyID, "ubnd-tx-muong-lay")
        XCTAssertEqual(second.attribution?.kind, "submission")
    }

    func testReviewItemNamingTwoAgenciesHoldsBothRemindersUntilAPersonDecides() throws {
        // A personal address whose subject names two districts: either may have reported.
        var raw = try String(decoding: Fixtures.data("no-signal-personal-address.eml"), as: UTF8.self)
        raw = raw.replacingOccurrences(of: "Subject: =?UTF-8?B?R+G7rWkgYsOhbyBjw6Fv?=",
                                       with: "Subject: Bao cao huyen Muong Cha, huyen Tua Chua")
        try office.deliver(Data(raw.utf8), internalDate: CampaignTime.may6())
        _ = try PollJob(campaign: setup.campaign).run(now: CampaignTime.may6(5))
        let id = "\(try XCTUnwrap(store().listMessages().last).message.id)"
        XCTAssertEqual(try store().attribution(of: Int64(id)!)?.kind, "review")

        let report = try RemindJob(campaign: setup.campaign).run(now: CampaignTime.at("2020-05-08T07:30:00+07:00"), dryRun: true)
        let held = report.lines.filter { $0.status == .held }
        XCTAssertEqual(Set(held.map(\.agency)), ["ubnd-muong-cha", "ubnd-tua-chua"])
        XCTAssertTrue(held.allSatisfy { $0.detail?.contains("#\(id)") == true }, "\(held)")
        XCTAssertTrue(report.lines.contains { $0.status == .dryRun && $0.agency == "ubnd-nam-po" })

        _ = try handsOn.assign(id, to: "ubnd-tua-chua", learnSender: false, now: CampaignTime.may6(30))
        let after = try remindedAgencies("2020-05-08T07:30:00+07:00")
        XCTAssertTrue(after.contains("ubnd-muong-cha"), "a decision releases the other agency")
        XCTAssertFalse(after.contains("ubnd-tua-chua"))
    }

    func testRejectingASubmissionBringsTheRemindersBack() throws {
        let id = try pollIn("submission-pdf-utf8.eml")
        XCTAssertFalse(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("stnmt"))
        _ = try handsOn.reject("<CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>", reason: "Gửi nhầm văn bản khác",
                               now: CampaignTime.may6(30))
        let attribution = try XCTUnwrap(store().attribution(of: Int64(id)!))
        XCTAssertEqual(attribution.kind, "rejected")
        XCTAssertNil(attribution.agencyID)
        XCTAssertTrue(attribution.reasons.last?.contains("Gửi nhầm văn bản khác") == true)
        XCTAssertTrue(try remindedAgencies("2020-05-08T07:30:00+07:00").contains("stnmt"))
    }

    func testShowListsHeadersReasonsAndAttachments() throws {
        let id = try pollIn("submission-pdf-utf8.eml")
        let text = try MessageFiles(campaign: setup.campaign).show(id)
        XCTAssertTrue(text.contains("Message-ID: <CAF3x9k2Qm7d5TnR8vB1pL0w@mail.dienbien.example.org>"), text)
        XCTAssertTrue(text.contains("Agency:     stnmt (Sở Tài nguyên và Môi trường)"), text)
        XCTAssertTrue(text.contains("45-BC-STNMT.pdf"), text)
        XCTAssertTrue(text.contains("Reasons:"), text)
    }

    func testExportWritesDocumentsWithNamesThatCannotEscapeTheFolder() throws {
        _ = try pollIn("submission-pdf-utf8.eml")
        _ = try pollIn("uuencode-and-path-filename.eml", minutes: 10)   // a C:\Users\… path in its name
        let folder = setup.folder.appendingPathComponent("export").path
        let written = try MessageFiles(campaign: setup.campaign).export("stnmt", to: folder)
        XCTAssertEqual(written.map { ($0 as NSString).lastPathComponent }, ["1-45-BC-STNMT.pdf"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: written[0])).prefix(5), Data("%PDF-".utf8))
        // Again: nothing is overwritten.
        let again = try MessageFiles(campaign: setup.campaign).export("stnmt", to: folder)
        XCTAssertEqual(again.map { ($0 as NSString).lastPathComponent }, ["1-45-BC-STNMT (2).pdf"])
    }

    func testHostileFileNamesAreReducedToPlainNames() {
        XCTAssertEqual(MessageFiles.safeFileName("../../etc/passwd", fallback: "x"), "passwd")
        XCTAssertEqual(MessageFiles.safeFileName("C:\\Users\\a\\Báo cáo.pdf", fallback: "x"), "Báo cáo.pdf")
        XCTAssertEqual(MessageFiles.safeFileName("..", fallback: "x"), "x")
        XCTAssertEqual(MessageFiles.safeFileName(".bashrc", fallback: "x"), "bashrc")
        XCTAssertEqual(MessageFiles.safeFileName("a\u{0}b\nc.pdf", fallback: "x"), "abc.pdf")
        XCTAssertEqual(MessageFiles.safeFileName(nil, fallback: "tep-1"), "tep-1")
    }

    func testExportNeverWritesThroughAPlantedLink() throws {
        let folder = setup.folder.appendingPathComponent("trap")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = setup.folder.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("a.pdf"), withDestinationURL: target)
        let directory = try MessageFiles.openFolder(folder.path)
        defer { close(directory) }
        let path = try MessageFiles.writeNew(Data("new".utf8), named: "a.pdf", in: directory, shownAs: folder.path)
        XCTAssertEqual((path as NSString).lastPathComponent, "a (2).pdf")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "keep")
    }

    /// An export folder that is a link (planted in /tmp by someone else, say) is refused:
    /// the reports would land wherever it points.
    func testExportRefusesAFolderThatIsASymbolicLink() throws {
        let elsewhere = setup.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = setup.folder.appendingPathComponent("exports")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
        XCTAssertThrowsError(try MessageFiles(campaign: setup.campaign).export("stnmt", to: link.path)) { error in
            guard let error = error as? JobError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.exitStatus, 73)
            XCTAssertTrue(error.lines[0].contains("is a symbolic link"), error.lines[0])
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    }

    func testTheRecordNamesTheRealAccountAndSudosCallerBesideIt() {
        let me = String(cString: getpwuid(getuid())!.pointee.pw_name)
        XCTAssertEqual(HandsOn.currentUser(environment: ["USER": "thuky", "LOGNAME": "thuky"]), me,
                       "USER and LOGNAME are anyone's to set")
        XCTAssertEqual(HandsOn.currentUser(environment: ["SUDO_USER": "thuky"]), "\(me) (sudo: thuky)")
        XCTAssertEqual(HandsOn.currentUser(environment: ["SUDO_USER": me]), me)
        XCTAssertEqual(HandsOn.currentUser(environment: ["SUDO_USER": "a\u{1B}[31mb"]), "\(me) (sudo: a [31mb)")
        XCTAssertEqual(HandsOn.currentUser(environment: [:], uid: 4_000_000_000), "uid 4000000000")
    }
}
