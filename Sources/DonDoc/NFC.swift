import Foundation

extension String {
    /// NFC, skipping Foundation's normalizer for text that is already composed
    /// Vietnamese (every scalar below U+0300 or in Latin Extended Additional): the
    /// normalizer dominated attribution's time on message bodies. (Mail has the same
    /// rule; the domain depends on no other module, so it keeps its own.)
    package var nfc: String {
        unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
            ? self : precomposedStringWithCanonicalMapping
    }
}
