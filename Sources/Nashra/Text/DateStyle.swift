import Foundation
import NashraCore

/// How dates read on the site: which Arabic month names and which digits.
public struct DateStyle: Sendable, Hashable {
    /// The month names Arab newsrooms use: Levantine (كانون الثاني…), Egyptian/Gulf (يناير…),
    /// Maghrebi (يناير… غشت…), or both joined as many wire agencies print them (كانون الثاني/يناير).
    public enum Months: String, Sendable, CaseIterable {
        case levantine, egyptian, maghrebi, both
    }

    public enum Digits: String, Sendable, CaseIterable {
        case arabicIndic = "arabic-indic"
        case persian
        case latin
    }

    public var months: Months
    public var digits: Digits

    public init(months: Months = .levantine, digits: Digits = .arabicIndic) {
        self.months = months
        self.digits = digits
    }

    static let levantineMonths = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
    static let egyptianMonths = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
    static let maghrebiMonths = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    func monthName(_ month: Int) -> String {
        switch months {
        case .levantine: Self.levantineMonths[month - 1]
        case .egyptian: Self.egyptianMonths[month - 1]
        case .maghrebi: Self.maghrebiMonths[month - 1]
        case .both: Self.levantineMonths[month - 1] + "/" + Self.egyptianMonths[month - 1]
        }
    }

    /// Writes the ASCII digits of `text` in this style's digits.
    public func localizedDigits(_ text: String) -> String {
        let zero: UInt32
        switch digits {
        case .latin: return text
        case .arabicIndic: zero = 0x0660
        case .persian: zero = 0x06F0
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                scalars.append(Unicode.Scalar(zero + scalar.value - 0x30)!)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    public func number(_ value: Int) -> String { localizedDigits(String(value)) }

    /// A date as a reader of `language` expects it: `٢٠ تشرين الثاني ٢٠٢٦` (with `، ٠٩:٣٠` when the
    /// bulletin gave a time) in Arabic, `20 November 2026, 09:30` in English, the system's long date
    /// style in other languages.
    public func display(_ civil: CivilDate, hasTime: Bool, language: String) -> String {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        let time = Self.padded(civil.hour, 2) + ":" + Self.padded(civil.minute, 2)
        switch primary {
        case "ar":
            let date = "\(civil.day) \(monthName(civil.month)) \(civil.year)"
            return localizedDigits(hasTime ? date + "، " + time : date)
        case "en", "":
            let date = "\(civil.day) \(Self.englishMonths[civil.month - 1]) \(civil.year)"
            return hasTime ? date + ", " + time : date
        default:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            let date = Date(timeIntervalSince1970: TimeInterval(civil.secondsSinceEpochAsUTC))
            var style = Date.FormatStyle(date: .long, time: hasTime ? .shortened : .omitted, locale: Locale(identifier: language), calendar: calendar)
            style.timeZone = calendar.timeZone
            return date.formatted(style)
        }
    }

    /// ISO 8601 with the offset of the zone the date is shown in: `2026-11-20T09:30:00+03:00`.
    public static func iso(_ civil: CivilDate, offset: Int) -> String {
        let magnitude = abs(offset)
        return padded(civil.year, 4) + "-" + padded(civil.month, 2) + "-" + padded(civil.day, 2) + "T"
            + padded(civil.hour, 2) + ":" + padded(civil.minute, 2) + ":" + padded(civil.second, 2)
            + (offset < 0 ? "-" : "+") + padded(magnitude / 3600, 2) + ":" + padded(magnitude % 3600 / 60, 2)
    }

    /// `value` in decimal with leading zeros to `width` digits (String(format:) is slow on Linux
    /// and this runs for every date on every page).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
