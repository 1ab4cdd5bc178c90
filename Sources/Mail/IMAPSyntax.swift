import Foundation

/// Small pieces of IMAP4rev1 (RFC 3501) syntax: dates, UID sets, mailbox names.
/// Pure functions, no Foundation formatters: their output must not depend on the locale.
enum IMAPSyntax {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    // MARK: Dates

    /// `SINCE` takes a date without time: `d-Mon-yyyy` of the instant in UTC.
    static func searchDate(_ date: Date) -> String {
        let (year, month, day) = civilDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        return "\(day)-\(monthNames[month - 1])-\(year)"
    }

    /// Parses an INTERNALDATE, `"dd-Mon-yyyy hh:mm:ss +zzzz"` (the day may be space-padded).
    static func parseInternalDate(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 3 else { return nil }
        let dateParts = parts[0].split(separator: "-")
        let timeParts = parts[1].split(separator: ":")
        let zone = parts[2]
        guard dateParts.count == 3, timeParts.count == 3, zone.count == 5,
              let day = Int(dateParts[0]), (1...31).contains(day),
              let monthIndex = monthNames.firstIndex(where: { $0.caseInsensitiveCompare(dateParts[1]) == .orderedSame }),
              let year = Int(dateParts[2]), MailDates.years.contains(year),
              let hour = Int(timeParts[0]), let minute = Int(timeParts[1]), let second = Int(timeParts[2]),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              let sign = zone.first, sign == "+" || sign == "-",
              let zoneValue = Int(zone.dropFirst()), (0...9959).contains(zoneValue)
        else { return nil }
        let offsetSeconds = (zoneValue / 100 * 3600 + zoneValue % 100 * 60) * (sign == "-" ? -1 : 1)
        let days = daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: UID sets

    /// `1:3,7,9:10` for [1, 2, 3, 7, 9, 10]; `uids` must be sorted and unique.
    static func uidSet(_ uids: some Collection<UInt32>) -> String {
        var ranges: [String] = []
        var iterator = uids.makeIterator()
        guard var first = iterator.next() else { return "" }
        var last = first
        func close() { ranges.append(first == last ? "\(first)" : "\(first):\(last)") }
        while let uid = iterator.next() {
            if uid == last &+ 1 { last = uid; continue }
            close()
            first = uid
            last = uid
        }
        close()
        return ranges.joined(separator: ",")
    }

    // MARK: Mailbox names

    /// The mailbox name as an IMAP quoted string, in modified UTF-7 (RFC 3501 §5.1.3)
    /// so that folder names with Vietnamese letters work. Nil for control characters,
    /// which no quoted string can carry.
    static func quotedMailbox(_ name: String) -> String? {
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let encoded = modifiedUTF7(name)
        let escaped = encoded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    static func modifiedUTF7(_ name: String) -> String {
        var output = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xFF)) }
            let base64 = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "/", with: ",")
                .replacingOccurrences(of: "=", with: "")
            output += "&\(base64)-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                output += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return output
    }
}
