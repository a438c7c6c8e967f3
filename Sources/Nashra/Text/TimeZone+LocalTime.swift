import Foundation
import NashraCore

/// Instants and wall-clock times in the site's time zone: the one place a UTC instant becomes the
/// date and time a newsroom reads, for permalinks, pages, feeds, sitemaps and JSON-LD alike.
extension TimeZone {
    /// The UTC instant of a wall-clock time in this zone (a time skipped by a DST change moves forward).
    func instant(forWallClock wallClock: Int64) -> Int64 {
        let first = wallClock - Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock))))
        let second = wallClock - Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(first))))
        return second
    }

    /// Seconds east of UTC at `instant`.
    func offset(at instant: Int64) -> Int {
        secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The wall-clock time here at `instant`, with the offset it was read at.
    func localTime(at instant: Int64) -> (civil: CivilDate, offset: Int) {
        let offset = offset(at: instant)
        return (CivilDate(secondsSinceEpochAsUTC: instant + Int64(offset)), offset)
    }

    /// `2026-11-20T09:30:00+03:00`: the instant as ISO 8601 with this zone's offset.
    func iso8601(at instant: Int64) -> String {
        let local = localTime(at: instant)
        return DateStyle.iso(local.civil, offset: local.offset)
    }
}
