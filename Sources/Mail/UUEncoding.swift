import Foundation

/// uuencoded bodies (`Content-Transfer-Encoding: x-uuencode`, the historical format of POSIX
/// `uuencode`), decoded here rather than by GMime.
///
/// uuencode writes six zero bits as a space, so a line often ends in spaces, and relays and
/// editors strip trailing spaces. Each line starts with a character giving how many bytes it
/// carries; GMime 3.2.13 reads characters in groups of four across line ends, so one shortened
/// line turns the rest of the file to garbage. Here each line is read on its own and padded
/// with zeros to the length it declares, as a tolerant reader does.
enum UUDecoding {
    static func decode(_ encoded: UnsafeRawBufferPointer) -> (data: Data, damage: MIMEContentDamage?) {
        var output = Data()
        output.reserveCapacity(encoded.count / 4 * 3)
        var begun = false
        var unreadable = false
        var position = 0
        while position < encoded.count {
            var end = position
            while end < encoded.count, encoded[end] != UInt8(ascii: "\n") { end += 1 }
            var contentEnd = end
            while contentEnd > position, encoded[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: encoded[position..<contentEnd])
            position = end + 1
            if !begun {
                begun = isBeginLine(line)
                continue
            }
            // An empty line is the closing line of length zero whose one space was stripped.
            guard let first = line.first, !isEndLine(line) else { break }
            let length = Int(value(of: first))
            guard length > 0 else { break }
            unreadable = append(line.dropFirst(), declaring: length, to: &output) || unreadable
        }
        guard begun else { return (Data(), .uuencodeUnreadable) }
        return (output, unreadable ? .uuencodeUnreadable : nil)
    }

    /// Appends the `length` bytes a line declares; missing characters count as zero. True when
    /// a character is not uuencode at all.
    private static func append(_ characters: Slice<UnsafeRawBufferPointer>, declaring length: Int, to output: inout Data) -> Bool {
        var invalid = false
        var remaining = length
        var index = characters.startIndex
        while remaining > 0 {
            var group: UInt32 = 0
            for _ in 0..<4 {
                var character = UInt8(ascii: " ")
                if index < characters.endIndex {
                    character = characters[index]
                    index += 1
                }
                if character < 0x20 || character > 0x60 { invalid = true }
                group = group << 6 | UInt32(value(of: character))
            }
            for shift in [16, 8, 0] where remaining > 0 {
                output.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
                remaining -= 1
            }
        }
        return invalid
    }

    /// Space and backquote both stand for zero.
    private static func value(of character: UInt8) -> UInt8 {
        (character &- 0x20) & 0x3F
    }

    /// `begin <octal mode> <name>`.
    private static func isBeginLine(_ line: UnsafeRawBufferPointer) -> Bool {
        let prefix = Array("begin ".utf8)
        guard line.count > prefix.count, line.prefix(prefix.count).elementsEqual(prefix) else { return false }
        let mode = line.dropFirst(prefix.count).prefix { $0 != UInt8(ascii: " ") }
        return !mode.isEmpty && mode.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
    }

    private static func isEndLine(_ line: UnsafeRawBufferPointer) -> Bool {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        return trimmed.elementsEqual("end".utf8.reversed())
    }
}
