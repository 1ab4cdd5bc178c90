import DonDoc
import Foundation

/// The addr-spec check for addresses typed into a campaign file. Deliberately plain:
/// it catches typos ("stnmt@", "stnmt.example.org"), not every RFC 5322 corner.
enum EmailAddress {
    static func normalised(_ text: String) -> String? {
        // Addresses are ASCII in practice; their bytes are checked in one pass, since
        // String's splitting and Foundation's substring search were most of a thousand
        // agencies' check. Other text keeps the general way: lower-casing Unicode can
        // turn a letter into ASCII (the Kelvin sign into k).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalisedASCII(text) }
        return normalisedUnicode(text)
    }

    static func normalisedUnicode(_ text: String) -> String? {
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

    /// The same rules as `normalisedUnicode`, on ASCII bytes; the text itself is returned
    /// when it is already trimmed and lower-case, as addresses usually are.
    private static func normalisedASCII(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        // ASCII white space is all `trimmedWhitespace` can find in ASCII text.
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        var changed = false
        while let last = bytes.last, isSpace(last) { bytes.removeLast(); changed = true }
        if let start = bytes.firstIndex(where: { !isSpace($0) }), start > 0 { bytes.removeSubrange(..<start); changed = true }
        for index in bytes.indices where (0x41...0x5A).contains(bytes[index]) { bytes[index] += 0x20; changed = true }
        guard let at = bytes.firstIndex(of: 0x40), !bytes[(at + 1)...].contains(0x40) else { return nil }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localAllowedBytes[Int($0)] }),
              local.first != 0x2E, local.last != 0x2E, !zip(local, local.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E })
        else { return nil }
        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 || domain.elementsEqual("localhost".utf8),
              labels.allSatisfy({ !$0.isEmpty && $0.first != 0x2D && $0.last != 0x2D && $0.allSatisfy { labelAllowedBytes[Int($0)] } })
        else { return nil }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    // Built once: a campaign lists a thousand addresses.
    private static let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-".unicodeScalars)
    private static let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
    private static let localAllowedBytes = (0..<128).map { localAllowed.contains(Unicode.Scalar(UInt8($0))) }
    private static let labelAllowedBytes = (0..<128).map { labelAllowed.contains(Unicode.Scalar(UInt8($0))) }
}
