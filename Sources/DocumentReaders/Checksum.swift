import CPoppler
import Documents
import Foundation

/// SHA-256 through GLib, which Poppler already brings: archived files get the same kind of
/// hash the store gives attachments.
enum Checksum {
    static func sha256Hex(_ data: Data) -> String {
        let checksum = dondoc_sha256_new()!
        defer { g_checksum_free(checksum) }
        data.withUnsafeBytes { bytes in
            guard var next = bytes.baseAddress?.assumingMemoryBound(to: guchar.self) else { return }
            var remaining = bytes.count
            while remaining > 0 {
                let length = min(remaining, Int(Int32.max))
                g_checksum_update(checksum, next, gssize(length))
                next += length
                remaining -= length
            }
        }
        return String(cString: g_checksum_get_string(checksum))
    }
}
