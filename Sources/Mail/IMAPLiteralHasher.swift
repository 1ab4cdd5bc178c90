import CGMime
import Foundation

/// SHA-256 fed piece by piece (GLib's GChecksum, as `SHA256` uses), for a message too
/// large to hold: its digest is still that of every byte, so a second delivery of it is
/// recognised, and two large messages that begin alike are still two.
final class IMAPLiteralHasher {
    private let checksum: OpaquePointer

    init() throws(MailError) {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else {
            throw .protocolError("cannot start a SHA-256 digest (out of memory?)")
        }
        self.checksum = checksum
    }

    deinit { g_checksum_free(checksum) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress?.assumingMemoryBound(to: guchar.self) else { return }
        var remaining = bytes.count
        // g_checksum_update takes a signed length; feed very large pieces in slices.
        while remaining > 0 {
            let length = min(remaining, Int(Int32.max))
            g_checksum_update(checksum, next, gssize(length))
            next += length
            remaining -= length
        }
    }

    /// Lower-case hexadecimal, as `SHA256.hex` gives it.
    var hex: String { String(cString: g_checksum_get_string(checksum)) }
}
