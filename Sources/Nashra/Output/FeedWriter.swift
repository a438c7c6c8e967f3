import Foundation
import NashraCore

/// RSS 2.0, Atom and JSON Feed 1.1 for the site and for each tag and location: the newest
/// `feedLimit` bulletins, with full HTML or with their summary and link (`feeds:` decides).
struct FeedWriter: Sendable {
    let site: Site
    /// The Markdown of bulletin `index` rendered to HTML (memoized by the caller across feeds).
    let body: @Sendable (Int) -> String
    let strings: [String: String]
    /// An item's text in a format is the same in every feed that carries it (the site's, each of
    /// its tags', its location's), so it is made once.
    private let fragments = FragmentCache()

    init(site: Site, body: @escaping @Sendable (Int) -> String, strings: [String: String]) {
        self.site = site
        self.body = body
        self.strings = strings
    }

    func write(_ scope: FeedScope, _ format: FeedFormat, at permalink: Permalink) -> String {
        let items = Array(site.feedItems(scope))
        let full = site.feedPolicy(scope).content == .full
        let title: String
        let home: Permalink
        switch scope {
        case .site:
            title = site.config.title
            home = site.home
        case .term(let kind, let index):
            let term = site.taxonomy(kind).terms[index]
            title = site.config.title + " — " + term.name
            home = term.permalink
        case .section(let index):
            let section = site.sections[index]
            title = site.config.title + " — " + section.name
            home = section.permalink
        }
        switch format {
        case .rss:
            // A section's feed is described by its `_index.md`, when that says something.
            var description = site.config.description.isEmpty ? title : site.config.description
            if case .section(let index) = scope, !site.sections[index].description.isEmpty { description = site.sections[index].description }
            return rss(title: title, description: description, home: home, self: permalink, items: items, full: full)
        case .atom: return atom(title: title, home: home, self: permalink, items: items, full: full)
        case .json: return json(title: title, home: home, self: permalink, items: items, full: full)
        }
    }

    // MARK: Formats

    private func rss(title: String, description: String, home: Permalink, self permalink: Permalink, items: [Int], full: Bool) -> String {
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(XMLText.escape(XMLText.isolated(title)))</title>
        <link>\(XMLText.escape(site.absoluteURL(home)))</link>
        <description>\(XMLText.escape(XMLText.isolated(description)))</description>
        <language>\(XMLText.escape(site.config.language))</language>
        <generator>Nashra</generator>
        <atom:link href="\(XMLText.escape(site.absoluteURL(permalink)))" rel="self" type="application/rss+xml"/>

        """
        if let newest = items.first {
            xml += "<lastBuildDate>\(XMLText.rfc822(latest(newest), offset: offset(latest(newest))))</lastBuildDate>\n"
        }
        for index in items { xml += fragments.text(index, .rss, full: full) { rssItem(index, full: full) } }
        return xml + "</channel>\n</rss>\n"
    }

    private func rssItem(_ index: Int, full: Bool) -> String {
            var xml = ""
            let bulletin = site.bulletins[index]
            let url = XMLText.escape(site.absoluteURL(site.permalinks[index]))
            xml += "<item>\n<title>\(XMLText.escape(headline(index)))</title>\n<link>\(url)</link>\n"
            xml += "<guid isPermaLink=\"true\">\(url)</guid>\n"
            xml += "<pubDate>\(XMLText.rfc822(bulletin.date, offset: offset(bulletin.date)))</pubDate>\n"
            xml += "<dc:language>\(XMLText.escape(bulletin.language))</dc:language>\n"
            if let creator = bulletin.author ?? bulletin.agency { xml += "<dc:creator>\(XMLText.escape(creator))</dc:creator>\n" }
            for name in categories(index) { xml += "<category>\(XMLText.escape(name))</category>\n" }
            if !bulletin.summary.isEmpty { xml += "<description>\(XMLText.escape(XMLText.isolated(bulletin.summary)))</description>\n" }
            if full { xml += "<content:encoded>\(XMLText.escape(content(index)))</content:encoded>\n" }
            xml += "</item>\n"
            return xml
    }

    private func atom(title: String, home: Permalink, self permalink: Permalink, items: [Int], full: Bool) -> String {
        let selfURL = XMLText.escape(site.absoluteURL(permalink))
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(site.config.language))">
        <title>\(XMLText.escape(XMLText.isolated(title)))</title>
        <id>\(selfURL)</id>
        <link rel="self" type="application/atom+xml" href="\(selfURL)"/>
        <link rel="alternate" type="text/html" href="\(XMLText.escape(site.absoluteURL(home)))"/>
        <updated>\(items.first.map { iso(latest($0)) } ?? "1970-01-01T00:00:00Z")</updated>
        <author><name>\(XMLText.escape(site.config.publisherName ?? site.config.title))</name></author>
        <generator>Nashra</generator>

        """
        for index in items { xml += fragments.text(index, .atom, full: full) { atomEntry(index, full: full) } }
        return xml + "</feed>\n"
    }

    private func atomEntry(_ index: Int, full: Bool) -> String {
            var xml = ""
            let bulletin = site.bulletins[index]
            let url = XMLText.escape(site.absoluteURL(site.permalinks[index]))
            xml += "<entry xml:lang=\"\(XMLText.escape(bulletin.language))\">\n<title>\(XMLText.escape(headline(index)))</title>\n"
            xml += "<id>\(url)</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "<published>\(iso(bulletin.date))</published>\n<updated>\(iso(latest(index)))</updated>\n"
            if let creator = bulletin.author ?? bulletin.agency { xml += "<author><name>\(XMLText.escape(creator))</name></author>\n" }
            for name in categories(index) { xml += "<category term=\"\(XMLText.escape(name))\"/>\n" }
            if !bulletin.summary.isEmpty { xml += "<summary>\(XMLText.escape(XMLText.isolated(bulletin.summary)))</summary>\n" }
            if full { xml += "<content type=\"html\">\(XMLText.escape(content(index)))</content>\n" }
            xml += "</entry>\n"
            return xml
    }

    private func json(title: String, home: Permalink, self permalink: Permalink, items: [Int], full: Bool) -> String {
        let entries = items.map { index in fragments.text(index, .json, full: full) { jsonItem(index, full: full) } }
        return """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": \(XMLText.json(XMLText.isolated(title))),
          "home_page_url": \(XMLText.json(site.absoluteURL(home))),
          "feed_url": \(XMLText.json(site.absoluteURL(permalink))),
          "language": \(XMLText.json(site.config.language)),
          "items": [
        \(entries.joined(separator: ",\n"))
          ]
        }

        """
    }

    private func jsonItem(_ index: Int, full: Bool) -> String {
            let bulletin = site.bulletins[index]
            // JSON Feed needs content_html or content_text: a summary feed's text is the summary.
            let content = full ? "\"content_html\": \(XMLText.json(content(index)))"
                : "\"content_text\": \(XMLText.json(XMLText.isolated(bulletin.summary.isEmpty ? bulletin.title : bulletin.summary)))"
            var fields = [
                "\"id\": \(XMLText.json(site.absoluteURL(site.permalinks[index])))",
                "\"url\": \(XMLText.json(site.absoluteURL(site.permalinks[index])))",
                "\"title\": \(XMLText.json(headline(index)))",
                content,
                "\"date_published\": \(XMLText.json(iso(bulletin.date)))",
                "\"date_modified\": \(XMLText.json(iso(latest(index))))",
                "\"language\": \(XMLText.json(bulletin.language))",
                "\"tags\": [\(categories(index).map(XMLText.json).joined(separator: ", "))]",
            ]
            if !bulletin.summary.isEmpty { fields.append("\"summary\": \(XMLText.json(XMLText.isolated(bulletin.summary)))") }
            if let creator = bulletin.author ?? bulletin.agency { fields.append("\"authors\": [{\"name\": \(XMLText.json(creator))}]") }
            return "    {\n      " + fields.joined(separator: ",\n      ") + "\n    }"
    }

    // MARK: Parts

    /// The headline as feeds carry it: isolated if it mixes directions, and marked when urgent.
    private func headline(_ index: Int) -> String {
        let bulletin = site.bulletins[index]
        let title = XMLText.isolated(bulletin.title)
        return bulletin.isUrgent ? (strings["urgent"] ?? "عاجل") + ": " + title : title
    }

    /// The body in an element that carries the bulletin's direction and language: a feed reader
    /// shows it in its own page, where nothing else says that the text is right-to-left Arabic.
    private func content(_ index: Int) -> String {
        let bulletin = site.bulletins[index]
        return "<div dir=\"\(bulletin.direction.rawValue)\" lang=\"\(HTMLEscaping.escape(bulletin.language))\">\n"
            + body(index) + "</div>"
    }

    private func categories(_ index: Int) -> [String] {
        var names = site.tagTerms[index].map { site.tags.terms[$0].name }
        if let term = site.locationTerm[index] { names.append(site.locations.terms[term].name) }
        if site.taxonomyKinds.contains(.categories) { names += site.categoryTerms[index].map { site.categories.terms[$0].name } }
        if site.bulletins[index].isUrgent { names.append(strings["urgent"] ?? "عاجل") }
        return names
    }

    private func latest(_ index: Int) -> BulletinDate { site.bulletins[index].updated ?? site.bulletins[index].date }

    private func offset(_ date: BulletinDate) -> Int { site.config.timeZone.offset(at: date.secondsSinceEpoch) }

    private func iso(_ date: BulletinDate) -> String { site.iso(date) }
}

/// Feed items already written, by bulletin, format and content.
private final class FragmentCache: @unchecked Sendable {
    private struct Kind: Hashable {
        var format: FeedFormat
        var full: Bool
    }

    private let lock = NSLock()
    private var texts: [Kind: [Int: String]] = [:]

    func text(_ index: Int, _ format: FeedFormat, full: Bool, make: () -> String) -> String {
        let kind = Kind(format: format, full: full)
        if let text = lock.withLock({ texts[kind]?[index] }) { return text }
        let text = make()
        lock.withLock { texts[kind, default: [:]][index] = text }
        return text
    }
}
