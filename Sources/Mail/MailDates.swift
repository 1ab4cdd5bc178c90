import Foundation

/// The instants dondoc keeps from mail. Anyone can write `Date: Fri, 31 Dec 9999
/// 23:59:59 -1200` or an INTERNALDATE in the year 9223372036854775807: such a value
/// must neither overflow the arithmetic that reads it nor reach a store, a report or a
/// date formatter that cannot write it back. Outside these years a date is "unknown".
public enum MailDates {
    public static let years = 1900...2999

    /// The date itself when it falls in `years` (in UTC), nil otherwise.
    public static func representable(_ date: Date) -> Date? {
        guard date.timeIntervalSince1970.isFinite, date >= earliest, date < end else { return nil }
        return date
    }

    private static let earliest = Date(timeIntervalSince1970: -2_208_988_800)   // 1900-01-01T00:00:00Z
    private static let end = Date(timeIntervalSince1970: 32_503_680_000)        // 3000-01-01T00:00:00Z
}
