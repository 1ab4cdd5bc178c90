import DonDoc
import Foundation
import TestSupport
import XCTest
@testable import Configuration

/// The campaign file is read from libyaml's events (`YAMLEvents`), and by Yams only for
/// what that reader leaves to it. These pin that a file loads exactly as it did when
/// Yams composed every file: same campaign, same problems, same lines.
final class CampaignYAMLTests: XCTestCase {
    static let folder = Fixtures.url("campaign-files")

    /// The fixtures (name without .yaml, in name order), then the shipped examples.
    static func files() throws -> [(name: String, path: String)] {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { (name: String($0.dropLast(5)), path: folder.appendingPathComponent($0).path) }
        let examplesFolder = CampaignFileForTests.repositoryRoot.appendingPathComponent("examples")
        let examples = try FileManager.default.contentsOfDirectory(atPath: examplesFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { (name: $0, path: examplesFolder.appendingPathComponent($0).path) }
        return fixtures + examples
    }

    static func text(_ path: String) throws -> String {
        try XCTUnwrap(String(data: Data(contentsOf: URL(fileURLWithPath: path)), encoding: .utf8))
    }

    /// outcomes.txt was written by the build before `YAMLEvents`, when Yams composed
    /// every file: duplicate keys, wrong types, unknown keys, bad dates, quoted booleans,
    /// anchors and aliases, tags, BOMs, NULs, CRLF, and the shipped examples.
    func testEveryFixtureAndExampleLoadsAsWhenYamsComposedEveryFile() throws {
        let outcomes = Self.folder.appendingPathComponent("outcomes.txt")
        let expected = try Self.text(outcomes.path)
        let actual = CampaignFileOutcome.report(try Self.files())
        // A change of wording or a new fixture that is meant: rewrite the file, then read its diff.
        if ProcessInfo.processInfo.environment["DONDOC_REWRITE_OUTCOMES"] == "1", actual != expected {
            try actual.write(to: outcomes, atomically: true, encoding: .utf8)
            throw XCTSkip("rewrote \(outcomes.path)")
        }
        let sections = { (text: String) in text.components(separatedBy: "## ").dropFirst() }
        XCTAssertEqual(sections(actual).count, sections(expected).count, "a fixture was added or removed: DONDOC_REWRITE_OUTCOMES=1")
        for (got, want) in zip(sections(actual), sections(expected)) where got != want {
            XCTFail("loads differently now:\n--- then\n\(want)--- now\n\(got)")
        }
    }

    /// Where the event reader composes a file, its tree is Yams' tree; where Yams
    /// refuses one, the event reader asked Yams. The fixtures that must go to Yams are
    /// named, so that the fast way is known to be the one tested on the others.
    func testTheEventReaderComposesWhatYamsComposesAndLeavesTheRestToIt() throws {
        var askedYams: [String] = []
        for (name, path) in try Self.files() {
            let yaml = try Self.text(path)
            switch YAMLEvents.compose(yaml) {
            case .composed(let tree):
                XCTAssertEqual(tree, try CampaignFile.composeWithYams(yaml: yaml, file: name), name)
            case .askYams:
                askedYams.append(name)
            }
        }
        XCTAssertEqual(askedYams, [
            "invalid-alias-shares-an-address", "invalid-complex-key", "invalid-tags", "valid-anchors-and-aliases", "valid-bom-in-a-value",
            "valid-nul-in-a-value", "valid-tags", "yams-bad-indentation", "yams-duplicate-agency-key",
            "yams-duplicate-key-in-long-mapping", "yams-duplicate-nfd-key", "yams-duplicate-quoted-key",
            "yams-duplicate-top-level-key", "yams-tab-indentation", "yams-two-documents", "yams-unclosed-quote",
            "yams-undefined-alias",
        ])
    }

    /// Every line of the shipped example deleted, doubled, indented, quoted, anchored or
    /// cut at its colon: whatever each variant is, both ways read it alike.
    func testEditedExamplesComposeAndLoadAlikeBothWays() throws {
        let example = try Self.text(CampaignFileForTests.repositoryRoot.appendingPathComponent("examples/dien-bien-2020.yaml").path)
        let lines = example.components(separatedBy: "\n")
        var composedFast = 0
        for index in lines.indices where !lines[index].isEmpty {
            let line = lines[index]
            let edits = [
                "", line + "\n" + line, " " + line, line.replacingOccurrences(of: ": ", with: ":"),
                line.replacingOccurrences(of: ": ", with: ": \""), line.replacingOccurrences(of: ": ", with: ": &a "),
                line.replacingOccurrences(of: ": ", with: ": '") + "'", line.replacingOccurrences(of: "- ", with: "- - "),
            ]
            for edit in edits where edit != line {
                var edited = lines
                edited[index] = edit
                let yaml = edited.joined(separator: "\n")
                if try assertBothWaysAlike(yaml, "line \(index + 1) as \(edit)") { composedFast += 1 }
            }
        }
        XCTAssertGreaterThan(composedFast, 250)
    }

    /// A campaign of a thousand agencies as the benchmark writes them, with aliases,
    /// NFD names, capitals and spaces in addresses, and names two agencies share.
    func testThousandAgenciesLoadAlikeBothWays() throws {
        var yaml = try Self.text(Self.folder.appendingPathComponent("valid-base.yaml").path)
        yaml = String(yaml[..<yaml.range(of: "agencies:")!.lowerBound]) + "agencies:\n"
        let bodies = ["Phòng Tài chính - Kế hoạch", "Ban Tư pháp & Hộ tịch", "UBND", "Hội Liên hiệp Phụ nữ", "Trạm Y tế"]
        for index in 0..<1000 {
            let name = "\(bodies[index % bodies.count]) xã Mường \(index / 7)"
            yaml += "  - id: a\(index)\n    name: \"\(index % 3 == 0 ? name.decomposedStringWithCanonicalMapping : name)\"\n"
            yaml += "    aliases: [\"X\(index / 2)\", 'TC&KH \(index)']\n"
            yaml += "    emails: [\" A\(index)@Dienbien.Example.org\", a\(index / 500)@x.example.org]\n"
            if index % 10 == 0 { yaml += "    exempt: \(index % 20 == 0)\n" }
        }
        guard case .composed = YAMLEvents.compose(yaml) else { return XCTFail("the benchmark's shape must take the event reader") }
        XCTAssertTrue(try assertBothWaysAlike(yaml, "a thousand agencies"))
        XCTAssertTrue(CampaignFileOutcome.of(yaml: yaml).contains("\"X1\" also names agency a2"))
    }

    /// Whether the event reader composed `yaml`; fails where the two ways differ.
    private func assertBothWaysAlike(_ yaml: String, _ what: String) throws -> Bool {
        let viaYams: Result<YAMLNode?, ConfigError> = Result { () throws(ConfigError) in
            try CampaignFile.composeWithYams(yaml: yaml, file: "c.yaml")
        }
        guard case .composed(let tree) = YAMLEvents.compose(yaml) else {
            // Left to Yams: the load below is Yams' own, nothing to compare.
            return false
        }
        XCTAssertEqual(Result<YAMLNode?, ConfigError>.success(tree), viaYams, what)
        let loaded = CampaignFileOutcome.of(yaml: yaml)
        let loadedViaYams: String
        do {
            let campaign = try CampaignFile.validate(try viaYams.get(), file: "c.yaml")
            loadedViaYams = CampaignFileOutcome.escaped(CampaignFileOutcome.render(campaign))
        } catch {
            loadedViaYams = CampaignFileOutcome.escaped(error.lines.joined(separator: "\n"))
        }
        XCTAssertEqual(loaded, loadedViaYams, what)
        return true
    }
}
