import Foundation

/// Instants as people of the campaign read them: in its time zone.
package struct Timestamps {
    let iso8601: ISO8601DateFormatter
    let shortFormat: DateFormatter

    package init(zone: TimeZone) {
        iso8601 = ISO8601DateFormatter()
        iso8601.timeZone = zone
        iso8601.formatOptions = [.withInternetDateTime]
        shortFormat = DateFormatter()
        shortFormat.locale = Locale(identifier: "en_US_POSIX")
        shortFormat.timeZone = zone
        shortFormat.dateFormat = "dd/MM/yyyy HH:mm"
    }

    package func iso(_ date: Date) -> String { iso8601.string(from: date) }
    package func short(_ date: Date) -> String { shortFormat.string(from: date) }
}
