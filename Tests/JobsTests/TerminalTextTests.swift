import DonDoc
import Foundation
@testable import Jobs
import XCTest
@testable import Reports

/// Text from mail never reaches a terminal able to move the cursor, recolour the screen
/// or reverse what the clerk reads: one sanitiser for every path.
final class TerminalTextTests: XCTestCase {
    private let hostile = "Báo cáo\u{1B}]0;pwned\u{07}\u{1B}[2J\r\nFrom: x \u{9B}31m \u{202E}fdp.exe\u{2066}"

    private func assertSafe(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let unsafe = text.unicodeScalars.filter {
            ($0.properties.generalCategory == .control && $0 != "\n") || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
        XCTAssertTrue(unsafe.isEmpty, "\(unsafe.map { String($0.value, radix: 16) })", file: file, line: line)
    }

    func testControlsEscapesAndBidiOverridesBecomeSpaces() {
        let clean = TerminalText.clean(hostile)
        assertSafe(clean)
        XCTAssertTrue(clean.hasPrefix("Báo cáo ]0;pwned  [2J  From: x  31m  fdp.exe"), clean)
    }

    func testDecomposedVietnameseIsComposedForTheTerminal() {
        XCTAssertEqual(TerminalText.clean("Mường".decomposedStringWithCanonicalMapping), "Mường")
    }

    func testPollLineIsSafe() {
        let processed = ProcessedMessage(id: 3, from: "x@mail.example.net", subject: hostile,
                                         attribution: Attribution(agencyID: nil, kind: .review, reasons: []))
        let line = PollOutput.line(for: processed)
        assertSafe(line)
        XCTAssertFalse(line.contains("\n"))
    }

    func testTableCellsAreSafe() {
        var table = TextTable(columns: ["#", "subject"])
        table.add(["1", hostile])
        assertSafe(table.render(maxLastColumn: 200))
    }
}
