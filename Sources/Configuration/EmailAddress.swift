import DonDoc
import Foundation

/// The addr-spec check for addresses typed into a campaign file. Deliberately plain:
/// it catches typos ("stnmt@", "stnmt.example.org"), not every RFC 5322 corner.
enum EmailAddress {
    static func normalised(_ text: String) -> String? {
        let address = text.trimmedWhitespace.lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        guard parts[0].unicodeScalars.allSatisfy(localAllowed.contains),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..")
        else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 || parts[1] == "localhost",
              labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-")
                  && $0.unicodeScalars.allSatisfy(labelAllowed.contains) })
        else { return nil }
        return address
    }

    // Built once: a campaign lists a thousand addresses.
    private static let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-".unicodeScalars)
    private static let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
}
