import Foundation

extension String {
    /// NFC, skipping Foundation's normalizer for text that is already composed
    /// Vietnamese (every scalar below U+0300 or in Latin Extended Additional): the
    /// normalizer dominated attribution's time on message bodies. (Mail has the same
    /// rule; the domain depends on no other module, so it keeps its own.)
    package var nfc: String {
        isComposedVietnamese ? self : precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar is below U+0300 or in U+1E00…U+1EFF, asked of the UTF-8
    /// bytes (decoding scalars was a good part of checking a campaign's thousand names):
    /// below U+0300 is one byte or a lead byte C2…CB; U+1E00…U+1EFF is E1 B8…BB.
    var isComposedVietnamese: Bool {
        utf8.withContiguousStorageIfAvailable(Self.composedBytes)
            ?? unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
    }

    private static func composedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
            } else if (0xC2...0xCB).contains(lead) {
                index += 2
            } else if lead == 0xE1, index + 1 < bytes.count, (0xB8...0xBB).contains(bytes[index + 1]) {
                index += 3
            } else {
                return false
            }
        }
        return true
    }
}
