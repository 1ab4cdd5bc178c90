import Foundation

/// Where a part's body really ends before the delimiter line that follows it.
///
/// RFC 2046 §5.1.1: the line break before a delimiter belongs to the delimiter. GMime 3.2.13
/// decides how long that line break is from the ending of the delimiter line itself: CRLF
/// there, two bytes off the body; anything else, one. So a message that ends right after
/// `--boundary--`, or a delimiter line ending in LF after a body line ending in CRLF, leaves a
/// stray `\r` at the end of the last file; the other way round, the file loses its last byte.
/// Either way the file no longer matches the sender's checksum. Here the line break that is
/// really there, CRLF or LF, is taken off.
enum RFC2046Delimiters {
    /// The corrected end of a body GMime found at `start..<end` in `bytes`; `end` itself when
    /// GMime did not stop at a delimiter line (the body ran to the end of the data).
    static func bodyEnd(in bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> Int {
        guard start >= 0, start <= end, end < bytes.count else { return end }
        // GMime stopped one or two bytes before the delimiter line; find that line's start.
        let lineFeed = UInt8(ascii: "\n"), hyphen = UInt8(ascii: "-")
        let candidates = [end + 1, end + 2].filter { line in
            line + 1 < bytes.count && bytes[line - 1] == lineFeed && bytes[line] == hyphen && bytes[line + 1] == hyphen
        }
        guard let delimiter = candidates.first else { return end }
        let lineBreak = delimiter >= 2 && bytes[delimiter - 2] == UInt8(ascii: "\r") ? 2 : 1
        return max(start, delimiter - lineBreak)
    }
}
