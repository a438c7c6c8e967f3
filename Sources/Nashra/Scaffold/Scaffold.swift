import Foundation
import NashraCore

/// Files `nashra new` writes: a starter site, and a new bulletin with its front matter filled in.
public enum Scaffold {
    /// A bulletin file for `title`, dated `date` in the site's time zone, placed at
    /// `bulletins/YYYY/MM/<slug>.md` below the content folder.
    public static func bulletin(title: String, location: String?, tags: [String], agency: String?,
                                date: Date, config: SiteConfig) -> (relativePath: String, text: String) {
        let instant = Int64(date.timeIntervalSince1970)
        let (civil, offset) = config.timeZone.localTime(at: instant)
        var slug = Slug.make(title)
        if slug.isEmpty { slug = "bulletin" }
        var lines = ["---", "title: \(quoted(title))", "date: \(DateStyle.iso(civil, offset: offset))"]
        if let location { lines.append("location: \(quoted(location))") }
        if let agency { lines.append("agency: \(quoted(agency))") }
        if !tags.isEmpty { lines.append("tags: [\(tags.map(quoted).joined(separator: ", "))]") }
        lines += ["draft: true", "---", "", "اكتب نص الخبر هنا.", ""]
        let path = String(format: "bulletins/%04d/%02d/", civil.year, civil.month) + slug + ".md"
        return (path, lines.joined(separator: "\n"))
    }

    /// The files of a new site, by path.
    public static func site(title: String) -> [(path: String, text: String)] {
        let config = """
        # Nashra site settings; every key is optional.
        title: \(quoted(title))
        baseURL: https://news.example/
        language: ar
        timezone: Asia/Damascus
        paginate: 20
        permalink: /:year/:month/:slug/
        dates:
          months: levantine     # levantine | egyptian | maghrebi | both
          digits: arabic-indic  # arabic-indic | persian | latin
        markdown:
          unsafeHTML: false

        """
        let welcome = """
        ---
        title: أهلاً بكم في نشرتنا الأولى
        date: 2026-01-01 09:00
        location: دمشق
        agency: نشرة
        tags: [إعلان]
        ---

        هذا أول خبر في الموقع. عدّل هذا الملف أو أضف أخباراً جديدة بالأمر `nashra new bulletin`.

        """
        return [("nashra.yaml", config), ("content/bulletins/welcome.md", welcome)]
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\x%02X", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
