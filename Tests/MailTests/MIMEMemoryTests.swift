import Foundation
import Mail
import TestSupport
import XCTest

/// A large scanned report must not cost several copies of itself: GMime reads the caller's
/// bytes in place and the decoded attachment is the only new buffer.
final class MIMEMemoryTests: XCTestCase {
    func testLargeAttachmentCostsOneDecodedCopyNotACopyOfTheMessage() throws {
        guard FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs") else {
            throw XCTSkip("needs Linux /proc to reset the peak resident size")
        }
        let payloadSize = 24 * 1024 * 1024
        let (raw, expectedDigest) = Self.messageWithAttachment(ofSize: payloadSize)
        let before = try Self.residentKilobytes("VmRSS")
        try Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))

        let message = try MIMEParser.parse(raw)

        let peakGrowth = try Self.residentKilobytes("VmHWM") - before
        let attachment = try XCTUnwrap(message.attachments.first)
        XCTAssertEqual(attachment.content.count, payloadSize)
        XCTAssertEqual(SHA256.hex(attachment.content), expectedDigest)
        // One decoded copy (24 MB) plus working room; another copy of the 32 MB raw message,
        // or a second copy of the decoded bytes, would break this bound.
        XCTAssertLessThan(peakGrowth, payloadSize / 1024 + 12 * 1024, "peak grew by \(peakGrowth) kB")
    }

    /// Every GObject a parse creates is released: parsing the same multipart message thousands
    /// of times leaves the resident size where it was after warming up.
    func testRepeatedParsingDoesNotGrowMemory() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else { throw XCTSkip("needs Linux /proc") }
        let raw = Fixtures.data("inline-image-signature.eml")
        for _ in 0..<200 { _ = try MIMEParser.parse(raw) }
        let before = try Self.residentKilobytes("VmRSS")
        for _ in 0..<3_000 { _ = try MIMEParser.parse(raw) }
        let growth = try Self.residentKilobytes("VmRSS") - before
        // A leaked message tree is several kilobytes; 3 000 of them would be well over this.
        XCTAssertLessThan(growth, 4 * 1024, "resident size grew by \(growth) kB")
    }

    private static func messageWithAttachment(ofSize size: Int) -> (Data, String) {
        var payload = Data(count: size)
        payload.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
            var state: UInt32 = 2020
            for index in 0..<size {
                state = state &* 1_664_525 &+ 1_013_904_223
                bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
            }
        }
        var raw = Data("""
            From: =?UTF-8?B?U+G7nyBUw6BpIGNow61uaA==?= <stc@dienbien.example.org>\r
            Subject: Scan 40-BC-STC\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="big"\r
            \r
            --big\r
            Content-Type: application/pdf; name="40-BC-STC.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        raw.append(payload.base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))
        raw.append(Data("\r\n--big--\r\n".utf8))
        return (raw, SHA256.hex(payload))
    }

    private static func residentKilobytes(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
        return try XCTUnwrap(Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? ""))
    }
}
