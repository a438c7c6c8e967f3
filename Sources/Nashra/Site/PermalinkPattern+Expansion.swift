import NashraCore

extension PermalinkPattern {
    /// The permalink of a bulletin filed on `date` under `slug`, in content section `section`.
    func expand(date: CivilDate, slug: String, section: String) -> Permalink {
        var path = "/"
        for segment in segments {
            switch segment {
            case .literal(let text): path += text
            case .year:
                let year = String(date.year)
                path += String(repeating: "0", count: max(0, 4 - year.count)) + year
            case .month: path += date.month < 10 ? "0\(date.month)" : String(date.month)
            case .day: path += date.day < 10 ? "0\(date.day)" : String(date.day)
            case .slug: path += slug
            case .section:
                // A folder name, so made a slug like any other part of a URL.
                let slug = Slug.make(section)
                guard !slug.isEmpty else { continue }
                path += slug
            }
            path += "/"
        }
        // Slugs are NFC and the literals were checked to be slugs when the pattern was parsed.
        return Permalink(normalized: path)
    }
}
