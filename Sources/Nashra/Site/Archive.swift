import NashraCore

/// Bulletins by year and month, newest first, for `/archive/`.
public struct Archive: Sendable {
    public struct Month: Sendable {
        public var month: Int
        /// Indices into `Site.bulletins`, newest first.
        public var bulletins: [Int]
    }

    public struct Year: Sendable {
        public var year: Int
        public var months: [Month]
        public var count: Int { months.reduce(0) { $0 + $1.bulletins.count } }
    }

    public var years: [Year] = []

    /// What the archive's paths start with: `""`, or an edition's prefix (`/en`).
    public var prefix = ""

    public static let permalink = Permalink(normalized: "/archive/")

    public static func permalink(year: Int) -> Permalink { Permalink(normalized: "/archive/\(year)/") }

    public static func permalink(year: Int, month: Int) -> Permalink {
        Permalink(normalized: "/archive/\(year)/" + (month < 10 ? "0" : "") + "\(month)/")
    }

    /// The same pages of this archive's edition.
    public var permalink: Permalink { Self.permalink.prefixed(prefix) }
    public func permalink(year: Int) -> Permalink { Self.permalink(year: year).prefixed(prefix) }
    public func permalink(year: Int, month: Int) -> Permalink { Self.permalink(year: year, month: month).prefixed(prefix) }

    /// Groups bulletins (given newest first) by the year and month of their dates in the site's zone.
    init(dates: [CivilDate], prefix: String = "") {
        self.prefix = prefix
        for (index, date) in dates.enumerated() {
            if years.last?.year != date.year { years.append(Year(year: date.year, months: [])) }
            if years[years.count - 1].months.last?.month != date.month {
                years[years.count - 1].months.append(Month(month: date.month, bulletins: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].bulletins.append(index)
        }
    }
}
