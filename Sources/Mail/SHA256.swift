import CGMime
import Foundation

/// SHA-256 through GLib's GChecksum, which GMime already links: no extra dependency for the
/// content hashes the store de-duplicates by.
public enum SHA256 {
    /// Lower-case hexadecimal digest of `data`.
    public static func hex(_ data: Data) -> String {
        // GChecksum fails only when memory does; so does every allocation around it.
        guard let digest = try? Digest() else { fatalError("cannot start a SHA-256 digest (out of memory)") }
        data.withUnsafeBytes { digest.update($0) }
        return digest.hex
    }

    /// A digest fed piece by piece: a message too large to hold still gets the digest of
    /// every byte, so a second delivery of it is recognised, and two large messages that
    /// begin alike are still two.
    final class Digest {
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

        /// Lower-case hexadecimal.
        var hex: String { String(cString: g_checksum_get_string(checksum)) }
    }
}
