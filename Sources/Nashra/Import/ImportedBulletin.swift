import Foundation
import NashraCore

/// A bulletin made from imported copy, before it is written: the front matter `nashra new`
/// writes (title, date, location, agency, tags, draft) plus what a source may give (updated,
/// urgent, lang, author) and `source:`, and a Markdown body.
public struct ImportedBulletin: Sendable {
    public var title: String
    public var date: Date
    public var updated: Date?
    public var location: String?
    public var agency: String?
    public var author: String?
    public var tags: [String] = []
    public var urgent = false
    public var language: String?
    public var draft = false
    /// True when the title was made from the first sentence because the copy had no headline.
    public var needsHeadline = false
    public var source: ImportSource?
    /// The story's identity at its sender, when it has one: written as `sourceID:`.
    public var identity: SourceIdentity?
    /// Markdown: paragraphs separated by blank lines.
    public var body: String

    public init(title: String, date: Date, body: String) {
        self.title = title
        self.date = date
        self.body = body
    }

    /// The slug the file is named after (and its URL made from).
    public var slug: String {
        let slug = Slug.make(title)
        return slug.isEmpty ? "bulletin" : slug
    }

    /// `YYYY/MM/` of the date in `timeZone`: where the bulletin goes below the destination folder.
    public func folder(in timeZone: TimeZone) -> String {
        let civil = Self.civil(date, in: timeZone)
        return String(format: "%04d/%02d/", civil.year, civil.month)
    }

    /// The file's text: front matter with every text double-quoted (a headline may hold `: `, `#`,
    /// quotes or start with `-`, all of which YAML would read otherwise), then the body.
    public func render(in timeZone: TimeZone) -> String {
        var lines = ["---", "title: \(Scaffold.quoted(title))", "date: \(Self.iso(date, in: timeZone))"]
        if let updated { lines.append("updated: \(Self.iso(updated, in: timeZone))") }
        if let location { lines.append("location: \(Scaffold.quoted(location))") }
        if let agency { lines.append("agency: \(Scaffold.quoted(agency))") }
        if let author { lines.append("author: \(Scaffold.quoted(author))") }
        if !tags.isEmpty { lines.append("tags: [\(tags.map(Scaffold.quoted).joined(separator: ", "))]") }
        if urgent { lines.append("urgent: true") }
        if let language { lines.append("lang: \(Scaffold.quoted(language))") }
        if draft { lines.append("draft: true") }
        if let source { lines.append("source: \(Scaffold.quoted(source.text))") }
        let end = lines.count
        lines += ["---", "", body.trimmed(), ""]
        if let identity {
            // The hash is of every other line, so it is computed before its own line goes in.
            let hash = SourceIdentity.writtenHash(of: lines.joined(separator: "\n"))
            lines.insert("sourceID: \(Scaffold.quoted(identity.value(writtenHash: hash, in: timeZone)))", at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// Paragraphs of plain text as a Markdown body that renders to the same words.
    public static func markdown(paragraphs: [String]) -> String {
        paragraphs.map(MarkdownText.escape).joined(separator: "\n\n")
    }

    static func civil(_ date: Date, in timeZone: TimeZone) -> CivilDate {
        let instant = Int64(date.timeIntervalSince1970.rounded(.down))
        return timeZone.localTime(at: instant).civil
    }

    static func iso(_ date: Date, in timeZone: TimeZone) -> String {
        let instant = Int64(date.timeIntervalSince1970.rounded(.down))
        return timeZone.iso8601(at: instant)
    }
}
