import Documents
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A signature dictionary's `/ByteRange [a b c d]`: the signer hashed bytes a..<a+b and
/// c..<c+d, and the gap between them holds the signature itself (`/Contents <hex>`).
///
/// Found by scanning the raw bytes, which is sound because a signature dictionary cannot sit
/// in a compressed object stream: its offsets must be exact in the file.
struct ByteRange: Equatable {
    var start: Int
    var firstLength: Int
    var secondStart: Int
    var secondLength: Int

    /// Every /ByteRange in file order (signing order: each signature is its own update).
    static func all(in data: Data) -> [ByteRange] {
        let key = Array("/ByteRange".utf8)
        var ranges: [ByteRange] = []
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            // memchr finds the candidates at memory speed; a 64 MiB scan stays cheap.
            while index + key.count <= bytes.count,
                  let found = memchr(base + index, Int32(key[0]), bytes.count - index) {
                index = base.distance(to: UnsafeRawPointer(found))
                guard index + key.count <= bytes.count,
                      bytes[index..<(index + key.count)].elementsEqual(key) else {
                    index += 1
                    continue
                }
                index += key.count
                if let (range, next) = parseArray(bytes, from: index) {
                    ranges.append(range)
                    index = next
                }
            }
        }
        return ranges
    }

    /// `[ 0 1234 5678 910 ]` with any white space; nil for anything else.
    private static func parseArray(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (ByteRange, Int)? {
        var index = start
        func skipSpace() {
            while index < bytes.count, XMLScanner.isSpace(bytes[index]) || bytes[index] == 0x0C || bytes[index] == 0 { index += 1 }
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var numbers: [Int] = []
        while numbers.count < 4 {
            skipSpace()
            var value = 0
            var digits = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 15 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            numbers.append(value)
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { return nil }
        let range = ByteRange(start: numbers[0], firstLength: numbers[1], secondStart: numbers[2], secondLength: numbers[3])
        return (range, index + 1)
    }

    /// Whether the signed bytes run to the end of the file. Only line ends and padding may
    /// follow: some signers leave a final newline outside the range, and it changes nothing.
    func coversWhole(_ data: Data) -> Bool {
        let end = secondStart + secondLength
        guard start == 0, end <= data.count, end >= 0 else { return false }
        return data[(data.startIndex + end)...].allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0 }
    }

    /// The DER of the signature: the hex string that fills the gap between the two ranges.
    func signatureContents(in data: Data) -> Data? {
        let gapStart = start + firstLength, gapEnd = secondStart
        guard gapStart >= 0, gapStart < gapEnd, gapEnd <= data.count else { return nil }
        var der = Data()
        der.reserveCapacity((gapEnd - gapStart) / 2)
        var high: UInt8?
        for byte in data[(data.startIndex + gapStart)..<(data.startIndex + gapEnd)] {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "<"), UInt8(ascii: ">"): continue
            default:
                if XMLScanner.isSpace(byte) { continue }
                return nil
            }
            if let first = high {
                der.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return der.isEmpty ? nil : der
    }
}
