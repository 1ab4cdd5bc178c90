import CGMime
import Foundation

/// SHA-256 through GLib's GChecksum, which GMime already links: no extra dependency for the
/// content hashes the store de-duplicates by.
public enum SHA256 {
    /// Lower-case hexadecimal digest of `data`.
    public static func hex(_ data: Data) -> String {
        let checksum = g_checksum_new(G_CHECKSUM_SHA256)!
        defer { g_checksum_free(checksum) }
        data.withUnsafeBytes { bytes in
            guard var next = bytes.baseAddress?.assumingMemoryBound(to: guchar.self) else { return }
            var remaining = bytes.count
            // g_checksum_update takes a signed length; feed very large inputs in slices.
            let slice = Int(Int32.max)
            while remaining > 0 {
                let length = min(remaining, slice)
                g_checksum_update(checksum, next, gssize(length))
                next += length
                remaining -= length
            }
        }
        return String(cString: g_checksum_get_string(checksum))
    }
}
