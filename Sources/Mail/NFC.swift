import Foundation

extension String {
    /// NFC, without Foundation's normalizer when the text cannot change: Vietnamese in
    /// precomposed form (ASCII, Latin-1, Latin Extended-A/B and Latin Extended
    /// Additional) is already NFC, and Foundation's normalizer was a third of a poll's
    /// CPU time on 12 KB bodies. Any other scalar takes the full path.
    var nfc: String {
        let alreadyComposed = unicodeScalars.allSatisfy { scalar in
            scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value)
        }
        return alreadyComposed ? self : precomposedStringWithCanonicalMapping
    }
}
