import Foundation
import Nashra

/// Dates in HTTP headers (`Last-Modified`, `If-Modified-Since`) in the one form RFC 9110 requires
/// servers to send: `Sun, 06 Nov 1994 08:49:37 GMT`. Written by hand because `DateFormatter` is
/// not safe to share between the threads that answer requests.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let civil = CivilDate(secondsSinceEpochAsUTC: seconds)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", weekday, civil.day, months[civil.month - 1], civil.year,
                      civil.hour, civil.minute, civil.second)
    }

    /// Reads the IMF-fixdate form; nil for anything else (the obsolete forms are not worth a 304).
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
              let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        // The core's calendar arithmetic (proleptic Gregorian, no time zones).
        let civil = CivilDate(year: year, month: monthIndex + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
        guard civil.isValid else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(civil.secondsSinceEpochAsUTC))
    }
}
