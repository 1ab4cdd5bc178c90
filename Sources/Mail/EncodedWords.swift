import Foundation

/// Rejoins runs of adjacent RFC 2047 encoded-words before GMime decodes a header.
///
/// GMime 3.2.13 (Debian 12) concatenates the payloads of adjacent B words of one charset and
/// decodes them as one base64 stream, which ends at the first word's `=` padding: everything
/// after it is silently lost (jstedfast/gmime#133). Mail clients split every long Vietnamese
/// subject, display name and file name into such words. It also decodes a B word and a Q word
/// separately, so a UTF-8 character split between them becomes replacement characters.
///
/// RFC 2047 §6.2 says the linear whitespace between adjacent encoded-words is ignored, so
/// a run of words of one charset means exactly its concatenated bytes. Each word's payload
/// is decoded here, the bytes are joined and written back as a single B word of that
/// charset; GMime then does the charset conversion as before. Words of different charsets
/// stay apart: their bytes only mean something through their own charset.
///
/// GMime also keeps the characters of an unfinished last base64 group to itself, so a B word
/// whose `=` padding was stripped (gateways and webmails do) loses its last one or two bytes:
/// `Báo cáo quý II` reads `Báo cáo quý`. Such a word, alone too, is written back padded.
///
/// Works on bytes, not text, because a raw header may also carry undeclared 8-bit bytes,
/// which must reach GMime's fallback charsets untouched.
enum EncodedWords {
    /// `raw` with every run of two or more adjacent encoded-words in the same charset written
    /// as one B word, and every B word without its padding written padded; nil when there is
    /// neither, so callers keep GMime's own decoding.
    static func rejoined(_ raw: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var changed = false
        var index = 0
        while index < raw.count {
            guard let first = word(in: raw, at: index) else {
                output.append(raw[index])
                index += 1
                continue
            }
            var run = [first]
            while let next = word(in: raw, at: skippingLinearWhitespace(in: raw, from: run.last!.end)),
                  next.charsetKey == first.charsetKey {
                run.append(next)
            }
            if run.count == 1 && !first.isUnpadded {
                output += raw[first.start..<first.end]
            } else {
                output += singleBWord(charset: first.charset, bytes: run.flatMap(\.payload))
                changed = true
            }
            index = run.last!.end
        }
        return changed ? output : nil
    }

    /// The same for text (a file name GMime handed back still encoded); nil when unchanged.
    static func rejoined(_ text: String) -> String? {
        rejoined(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - One encoded-word

    struct Word {
        var start: Int
        var end: Int
        /// The charset as written, without an RFC 2231 language suffix (`UTF-8*vi`).
        var charset: [UInt8]
        /// Lower-cased `charset`: `UTF-8` and `utf-8` are one charset, to GMime as to RFC 2047.
        var charsetKey: [UInt8]
        /// The decoded bytes, still in `charset`.
        var payload: [UInt8]
        /// A B word whose base64 ends in an unfinished group with no `=` to finish it.
        var isUnpadded = false
    }

    private static let questionMark = UInt8(ascii: "?")
    private static let equalsSign = UInt8(ascii: "=")
    /// Real charset names are short; the bound keeps a hostile `=?aaaa…` cheap to reject.
    private static let longestCharset = 64

    /// The encoded-word `=?charset?B|Q?payload?=` starting exactly at `start`, if there is one.
    /// Only printable ASCII counts: anything else means the text is not an encoded-word and is
    /// left for GMime to judge.
    static func word(in raw: [UInt8], at start: Int) -> Word? {
        guard start + 1 < raw.count, raw[start] == equalsSign, raw[start + 1] == questionMark else { return nil }
        var index = start + 2
        while index < raw.count, raw[index] != questionMark, isPrintable(raw[index]) {
            index += 1
            if index - start - 2 > longestCharset { return nil }
        }
        guard index < raw.count, raw[index] == questionMark, index > start + 2 else { return nil }
        let label = Array(raw[(start + 2)..<index])
        guard index + 2 < raw.count, raw[index + 2] == questionMark else { return nil }
        let encoding = raw[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let payloadStart = index + 3
        var payloadEnd = payloadStart
        while payloadEnd < raw.count, raw[payloadEnd] != questionMark, isPrintable(raw[payloadEnd]) {
            payloadEnd += 1
        }
        guard payloadEnd + 1 < raw.count, raw[payloadEnd] == questionMark, raw[payloadEnd + 1] == equalsSign else {
            return nil
        }
        let text = raw[payloadStart..<payloadEnd]
        let charset = Array(label.prefix { $0 != UInt8(ascii: "*") })
        guard !charset.isEmpty else { return nil }
        let isB = encoding == UInt8(ascii: "b")
        return Word(
            start: start, end: payloadEnd + 2, charset: charset,
            charsetKey: charset.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 },
            payload: isB ? decodeBase64(text) : decodeQ(text),
            isUnpadded: isB && !text.contains(equalsSign) && text.count(where: { base64Value($0) != nil }) % 4 != 0)
    }

    private static func isPrintable(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// RFC 2047 §6.2: space, tab and the CRLF of a fold between two encoded-words are not text.
    private static func skippingLinearWhitespace(in raw: [UInt8], from start: Int) -> Int {
        var index = start
        while index < raw.count, [0x20, 0x09, 0x0D, 0x0A].contains(raw[index]) { index += 1 }
        return index
    }

    private static func singleBWord(charset: [UInt8], bytes: [UInt8]) -> [UInt8] {
        Array("=?".utf8) + charset + Array("?B?".utf8) + Array(Data(bytes).base64EncodedString().utf8) + Array("?=".utf8)
    }

    // MARK: - Payload decoding

    /// Base64 of one word. Padding ends the word's data; characters outside the alphabet are
    /// skipped, as GMime's own decoder does; a short final group still yields its whole bytes.
    static func decodeBase64(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        var accumulator: UInt32 = 0
        var bitCount = 0
        for character in text {
            if character == equalsSign { break }
            guard let value = base64Value(character) else { continue }
            accumulator = (accumulator << 6) | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        return bytes
    }

    private static func base64Value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// The Q encoding of RFC 2047 §4.2: `_` is a space, `=XX` a byte; a stray `=` stays itself.
    static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == UInt8(ascii: "_") {
                bytes.append(0x20)
            } else if character == equalsSign, index + 2 < text.endIndex,
                      let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(character)
            }
            index += 1
        }
        return bytes
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
