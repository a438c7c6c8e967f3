import Foundation

/// Dates in the English forms of internet formats, written by hand because `DateFormatter` is slow
/// and not safe to share between threads: RFC 822 for RSS (`Fri, 20 Nov 2026 09:30:00 +0300`) and
/// the IMF-fixdate that RFC 9110 requires in HTTP headers (`Sun, 06 Nov 1994 08:49:37 GMT`).
public enum InternetDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Fri, 20 Nov 2026 09:30:00 +0300`: the instant `secondsSinceEpoch` shown at `offset`
    /// seconds east of UTC.
    public static func rfc822(secondsSinceEpoch: Int64, offset: Int) -> String {
        let local = secondsSinceEpoch + Int64(offset)
        let sign = offset < 0 ? "-" : "+"
        return dayAndTime(local) + String(format: " %@%02d%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func http(_ date: Date) -> String {
        dayAndTime(Int64(date.timeIntervalSince1970.rounded(.down))) + " GMT"
    }

    /// Reads the IMF-fixdate form; nil for anything else (the obsolete forms are not worth a 304).
    public static func parseHTTP(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
              let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        let civil = CivilDate(year: year, month: monthIndex + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
        guard civil.isValid else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(civil.secondsSinceEpochAsUTC))
    }

    /// `Sun, 06 Nov 1994 08:49:37` for a wall-clock time given as seconds since the epoch.
    private static func dayAndTime(_ seconds: Int64) -> String {
        let civil = CivilDate(secondsSinceEpochAsUTC: seconds)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d", weekday, civil.day, months[civil.month - 1], civil.year,
                      civil.hour, civil.minute, civil.second)
    }
}
