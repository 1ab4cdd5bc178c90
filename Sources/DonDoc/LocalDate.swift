import Foundation

/// A calendar date with no time and no zone: "the deadline is 9/5/2020" means that day
/// wherever the campaign is, so dates are compared as dates, never as instants.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = LocalDate.gregorian
        guard (1...9999).contains(year), components.isValidDate else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO form `YYYY-MM-DD` used in campaign files.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The local date of an instant in a time zone.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = LocalDate.gregorian
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// The Vietnamese way of writing a date: 09/05/2020.
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var description: String { iso }

    /// The first instant of this date in `zone`.
    public func start(in zone: TimeZone) -> Date {
        var calendar = LocalDate.gregorian
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The first instant of the next date in `zone`: "no later than 23:59:59 on this
    /// date" is "before this instant".
    public func end(in zone: TimeZone) -> Date { adding(days: 1).start(in: zone) }

    public func adding(days: Int) -> LocalDate {
        var utc = LocalDate.gregorian
        utc.timeZone = TimeZone(identifier: "UTC")!
        let noon = utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return LocalDate(utc.date(byAdding: .day, value: days, to: noon)!, in: utc.timeZone)
    }

    /// Whole calendar days from this date to `other`: positive when `other` is later.
    /// Counted between noons in UTC, so no zone's daylight-saving change can shave a day.
    public func days(until other: LocalDate) -> Int {
        var utc = LocalDate.gregorian
        utc.timeZone = TimeZone(identifier: "UTC")!
        let from = utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let to = utc.date(from: DateComponents(year: other.year, month: other.month, day: other.day, hour: 12))!
        return utc.dateComponents([.day], from: from, to: to).day!
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int {
        var utc = LocalDate.gregorian
        utc.timeZone = TimeZone(identifier: "UTC")!
        let noon = utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let sundayFirst = utc.component(.weekday, from: noon)
        return sundayFirst == 1 ? 7 : sundayFirst - 1
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static let gregorian = Calendar(identifier: .gregorian)
}
