import Foundation
import NashraCore

/// An instant a bulletin was filed or updated, and whether its author gave a time of day.
public struct BulletinDate: Sendable, Hashable, Comparable {
    public var secondsSinceEpoch: Int64
    public var hasTime: Bool

    public init(secondsSinceEpoch: Int64, hasTime: Bool) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.hasTime = hasTime
    }

    public static func < (a: BulletinDate, b: BulletinDate) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public var foundationDate: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    /// The forms a newsroom writes: `2017-10-14`, `2017-10-14 09:30`, `2017-10-14T09:30:00`, and
    /// ISO 8601 with an offset or `Z` (`2017-10-14T09:30:00+03:00`). Without an offset the
    /// wall-clock time is read in `timeZone`.
    public static let expectedForms = "expected 2017-10-14, 2017-10-14 09:30 or 2017-10-14T09:30:00+03:00"

    public static func parse(_ text: String, in timeZone: TimeZone) -> BulletinDate? {
        var scanner = DigitScanner(Array(text.trimmed(newlines: false).utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2) else { return nil }
        var civil = CivilDate(year: year, month: month, day: day)
        var hasTime = false
        var offset: Int?
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip(" ") || scanner.skip("t") else { return nil }
            while scanner.skip(" ") {}
            guard let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2) else { return nil }
            civil.hour = hour
            civil.minute = minute
            hasTime = true
            if scanner.skip(":") {
                guard let second = scanner.number(digits: 2) else { return nil }
                civil.second = second
                if scanner.skip(".") || scanner.skip(",") { guard scanner.skipDigits() else { return nil } }
            }
            while scanner.skip(" ") {}
            if scanner.skip("Z") || scanner.skip("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                // `+03`, `+0300` or `+03:00`; an offset out of range or a dangling ':' is a typo.
                guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
                let minutes = scanner.skip(":") ? scanner.number(digits: 2) : (scanner.number(digits: 2) ?? 0)
                guard let minutes, minutes <= 59 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
            guard scanner.atEnd else { return nil }
        }
        guard civil.isValid else { return nil }
        let wallClock = civil.secondsSinceEpochAsUTC
        if let offset { return BulletinDate(secondsSinceEpoch: wallClock - Int64(offset), hasTime: hasTime) }
        return BulletinDate(secondsSinceEpoch: timeZone.instant(forWallClock: wallClock), hasTime: hasTime)
    }
}

private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + digits] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        position += digits
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard !atEnd, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    mutating func skipDigits() -> Bool {
        let start = position
        while !atEnd, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        return position > start
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
