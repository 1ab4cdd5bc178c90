import CGMime
import Foundation

/// base64 bodies (RFC 2045 §6.8), decoded by GMime's own decoder with what it leaves out.
///
/// GMime 3.2.13 keeps the characters of an unfinished last group in its decoder state and
/// never writes them: base64 whose `=` padding was stripped in transport, as some gateways
/// and webmails do, loses its last one or two bytes. Padding only says how many bits of the
/// last group are data, which its length already says (a tolerant reader pads and decodes).
/// Here GMime decodes the whole groups and the last group is finished from its state.
///
/// A lone character left over can carry no byte, and a last group whose unused bits are not
/// the zeros every encoder writes there is what a character lost or added in the middle
/// leaves: both are reported, with the bytes decoded as far as they go.
enum Base64Body {
    static func decode(_ encoded: UnsafeRawBufferPointer) -> (data: Data, damage: MIMEContentDamage?) {
        guard let base = encoded.baseAddress, !encoded.isEmpty else { return (Data(), nil) }
        // The first `=` ends the data for GMime as for every decoder; what follows is a mailing
        // list's footer or junk.
        let end = memchr(base, Int32(UInt8(ascii: "=")), encoded.count).map { base.distance(to: UnsafeRawPointer($0)) } ?? encoded.count
        guard end > 0 else { return (Data(), nil) }
        var state = GMimeEncoding()
        g_mime_encoding_init_decode(&state, GMIME_CONTENT_ENCODING_BASE64)
        // Every four characters of the alphabet give at most three bytes, and line breaks
        // give none; the two bytes a finished last group may add fit in the slack. GMime's
        // own bound (the encoded length) held a third more than the file at its peak.
        let capacity = end / 4 * 3 + 6
        guard let output = g_malloc(gsize(capacity))?.assumingMemoryBound(to: UInt8.self) else { return (Data(), nil) }
        var length = g_mime_encoding_step(
            &state, base.assumingMemoryBound(to: CChar.self), end, UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self))
        var damage: MIMEContentDamage?
        let saved = state.save
        switch state.state {
        case 1:
            damage = .base64Incomplete
        case 2 where length + 1 <= capacity:
            output[length] = UInt8(truncatingIfNeeded: saved >> 4)
            length += 1
            if saved & 0xF != 0 { damage = .base64Incomplete }
        case 3 where length + 2 <= capacity:
            output[length] = UInt8(truncatingIfNeeded: saved >> 10)
            output[length + 1] = UInt8(truncatingIfNeeded: saved >> 2)
            length += 2
            if saved & 0x3 != 0 { damage = .base64Incomplete }
        default:
            break
        }
        guard length > 0 else {
            g_free(output)
            return (Data(), damage)
        }
        // Line breaks took room in the bound: give it back (for a large file glibc shrinks
        // the mapping in place, without copying).
        let fitted = g_realloc(output, gsize(length)) ?? UnsafeMutableRawPointer(output)
        return (Data(bytesNoCopy: fitted, count: length, deallocator: .custom { pointer, _ in g_free(pointer) }), damage)
    }
}
