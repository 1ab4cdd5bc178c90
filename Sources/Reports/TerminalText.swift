import DonDoc
import Foundation

/// The one sanitiser for text from mail on its way to a terminal (`poll`, `messages`,
/// `show`, the text report): NFC, so widths count right, and every character that could
/// move the cursor, recolour the screen or reorder what is shown (C0 and C1 controls,
/// escape sequences with them, bidirectional overrides) becomes a space.
package enum TerminalText {
    package static func clean(_ text: String) -> String {
        let composed = text.nfc
        guard composed.unicodeScalars.contains(where: isUnsafe) else { return composed }
        var scalars = String.UnicodeScalarView()
        for scalar in composed.unicodeScalars {
            scalars.append(isUnsafe(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // The controls (general category Cc) are exactly C0, DEL and C1; looking each
        // scalar's category up cost a report a tenth of its time.
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
