import NashraCore

extension PermalinkPattern {
    /// The permalink of a bulletin filed on `date` under `slug`, in content section `section`.
    ///
    /// Made for every published bulletin on every build, so put together as bytes in one buffer
    /// and made a string once, at its exact size (`Permalink(exactNormalized:)`).
    func expand(date: CivilDate, slug: String, section: String) -> Permalink {
        var path: [UInt8] = []
        path.reserveCapacity(slug.utf8.count + 24)
        path.append(UInt8(ascii: "/"))
        for segment in segments {
            switch segment {
            case .literal(let text): path.append(contentsOf: text.utf8)
            case .year:
                if (1000...9999).contains(date.year) {
                    Self.appendDigits(date.year, count: 4, to: &path)
                } else {
                    let year = String(date.year)
                    path.append(contentsOf: (String(repeating: "0", count: max(0, 4 - year.count)) + year).utf8)
                }
            case .month: Self.appendTwoDigits(date.month, to: &path)
            case .day: Self.appendTwoDigits(date.day, to: &path)
            case .slug: path.append(contentsOf: slug.utf8)
            case .section:
                // A folder name, so made a slug like any other part of a URL.
                let slug = Slug.make(section)
                guard !slug.isEmpty else { continue }
                path.append(contentsOf: slug.utf8)
            }
            path.append(UInt8(ascii: "/"))
        }
        // Slugs are NFC and the literals were checked to be slugs when the pattern was parsed.
        return Permalink(exactNormalized: String(decoding: path, as: UTF8.self))
    }

    /// `value` as two digits when below 10 (`03`), else as written (`11`).
    private static func appendTwoDigits(_ value: Int, to path: inout [UInt8]) {
        if (0...99).contains(value) {
            appendDigits(value, count: 2, to: &path)
        } else {
            path.append(contentsOf: (value < 10 ? "0\(value)" : String(value)).utf8)
        }
    }

    /// The `count` last decimal digits of a non-negative `value`, zeros first.
    private static func appendDigits(_ value: Int, count: Int, to path: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            path.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
