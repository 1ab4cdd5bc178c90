import Foundation
import TestSupport
import XCTest

/// Inputs `make fuzz` found crashing are kept under Tests/Fixtures/fuzz and must stay
/// harmless; the harnesses also read every .eml fixture, so the replayer itself is known
/// to reach the parser and attribution.
final class FuzzReplayTests: XCTestCase {
    private func replay(_ harness: String, _ files: [URL]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = DondocCommand.built("dondoc-fuzz")
        process.arguments = [harness] + files.map(\.path)
        process.environment = ["DONDOC_FUZZ_CAMPAIGN":
            CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    private func files(in folder: URL, suffix: String = "") -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }
    }

    func testEveryFixtureAndEveryKeptCrashGoesThroughTheMIMEHarness() throws {
        let fixtures = Fixtures.url("list-mail.eml").deletingLastPathComponent()
        let inputs = files(in: fixtures, suffix: ".eml") + files(in: fixtures.appendingPathComponent("fuzz/mime"))
        let result = try replay("mime", inputs)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("\(inputs.count) input(s) read by the mime harness"), result.output)
    }

    func testKeptCrashesAndTranscriptsGoThroughTheIMAPHarness() throws {
        let fixtures = Fixtures.url("list-mail.eml").deletingLastPathComponent()
        let inputs = [Fixtures.url("list-mail.eml")] + files(in: fixtures.appendingPathComponent("fuzz/imap"))
        let result = try replay("imap", inputs)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("read by the imap harness"), result.output)
    }
}
