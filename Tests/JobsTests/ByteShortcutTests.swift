import Foundation
@testable import Jobs
import XCTest
@testable import Configuration

/// Checks that take a short way over ASCII bytes must answer as the general way does.
final class ByteShortcutTests: XCTestCase {
    /// Every string of up to five characters from an alphabet of the characters the
    /// address rules care about, and longer ones around the 64-character limit.
    func testASCIIAddressesAreReadAsTheUnicodeRulesReadThem() {
        let alphabet = ["a", "Z", ".", "@", "-", " ", "\t", "_", "+"]
        var texts = [""]
        var last = [""]
        for _ in 1...5 {
            last = last.flatMap { prefix in alphabet.map { prefix + $0 } }
            texts += last
        }
        texts += [
            String(repeating: "a", count: 64) + "@x.org", String(repeating: "a", count: 65) + "@x.org",
            " STC@Dienbien.Example.ORG ", "a@localhost", "A@LOCALHOST", "a@b.c-d.org", "a@b.-c.org", "a\r\n@b.org",
            "\u{212A}@x.org", "stc@điện.vn", "a@b\u{A0}.org",
        ]
        var differing: [String] = []
        for text in texts where EmailAddress.normalised(text) != EmailAddress.normalisedUnicode(text) {
            differing.append(text)
        }
        XCTAssertEqual(differing, [])
        XCTAssertEqual(EmailAddress.normalised(" STC@Dienbien.Example.ORG "), "stc@dienbien.example.org")
        XCTAssertNil(EmailAddress.normalised("a..b@x.org"))
    }

    /// `check` lists an agency whose name says TODO; the byte scan only spares
    /// Foundation's search the names that cannot match.
    func testTODOInANameIsFoundAsFoundationFindsIt() {
        let names = ["TODO", "UBND cấp huyện (TODO: tách)", "todo", "TOD", "TOD O", "xTODOx", "TOD\u{D6}",
                     "TODO\u{301}", "T\u{301}ODO", "Sở Tài chính", ""]
        for name in names {
            XCTAssertEqual(CheckJob.mentionsTODO(name), name.contains("TODO"), name)
        }
        XCTAssertTrue(CheckJob.mentionsTODO("UBND cấp huyện (TODO: tách)"))
    }
}
