import Foundation
import NashraCore

/// An agency's RSS 2.0 or Atom feed, as the stories in it: one `Item` per `<item>` or `<entry>`.
struct AgencyFeed {
    enum Body {
        /// HTML, still to be converted (RSS `description`, `content:encoded`; Atom `type="html"`).
        case html(String)
        case text(String)
        /// Atom `type="xhtml"`: already elements.
        case xhtml([XMLTree.Node])
    }

    struct Item {
        /// `guid`, Atom `id`, else the link: what makes two items the same story.
        var id: String?
        var title: String?
        var date: Date?
        var updated: Date?
        var body: Body?
        var tags: [String] = []
        var language: String?
        var author: String?
        /// Where the item starts in the file, for its messages.
        var line: Int
        var column: Int
    }

    /// The items of the feed in `text`, or why it is not one.
    static func parse(_ text: String, path: String) -> Result<[Item], Diagnostic> {
        let document: XMLTree.Element
        switch XMLTree.parse(Data(text.utf8), lowercaseNames: false) {
        case .success(let parsed): document = parsed
        case .failure(let failure):
            return .failure(Diagnostic("the file is not well-formed XML: \(failure.message)", at: SourceLocation(path: path, line: failure.line, column: failure.column)))
        }
        let items: [Item]
        if let rss = document.first("rss") ?? document.first("rdf:RDF") {
            let channel = rss.first("channel")
            let language = channel?.first("language")?.text.trimmed() ?? channel?.first("dc:language")?.text.trimmed()
            // RSS 1.0 puts items beside the channel, 2.0 inside it.
            items = ((channel?.elements("item") ?? []) + rss.elements("item")).map { rssItem($0, language: language) }
        } else if let feed = document.first("feed") {
            items = feed.elements("entry").map { atomEntry($0, language: feed.attributes["xml:lang"]) }
        } else {
            return .failure(Diagnostic("not an RSS or Atom feed: expected <rss> or <feed> at the top", at: SourceLocation(path: path)))
        }
        if items.isEmpty {
            return .failure(Diagnostic("the feed has no items: nothing to import", at: SourceLocation(path: path)))
        }
        return .success(items)
    }

    private static func rssItem(_ element: XMLTree.Element, language: String?) -> Item {
        var item = Item(line: element.line, column: element.column)
        item.id = nonEmpty(element.first("guid")?.text) ?? nonEmpty(element.first("link")?.text)
        item.title = nonEmpty(element.first("title")?.text)
        item.date = (element.first("pubDate") ?? element.first("dc:date")).flatMap { date($0.text) }
        if let content = nonEmpty(element.first("content:encoded")?.text) ?? nonEmpty(element.first("description")?.text) {
            item.body = .html(content)
        }
        item.tags = element.elements("category").compactMap { nonEmpty($0.text) } + element.elements("dc:subject").compactMap { nonEmpty($0.text) }
        item.language = nonEmpty(element.first("dc:language")?.text) ?? language
        item.author = nonEmpty(element.first("dc:creator")?.text) ?? nonEmpty(element.first("author")?.text)
        return item
    }

    private static func atomEntry(_ element: XMLTree.Element, language: String?) -> Item {
        var item = Item(line: element.line, column: element.column)
        item.id = nonEmpty(element.first("id")?.text) ?? element.first("link")?.attributes["href"]
        if let title = element.first("title") {
            // An Atom title may be typed html: its tags are not part of the headline.
            let type = title.attributes["type"] ?? "text"
            item.title = nonEmpty(type == "html" ? (try? HTMLMarkdown.plainText(title.text).get()) ?? title.text : title.text)
        }
        item.date = (element.first("published") ?? element.first("updated")).flatMap { date($0.text) }
        if let updated = element.first("updated").flatMap({ date($0.text) }), let published = item.date, updated > published {
            item.updated = updated
        }
        if let content = element.first("content") ?? element.first("summary") {
            switch content.attributes["type"] ?? "text" {
            case "html", "text/html": item.body = nonEmpty(content.text).map(Body.html)
            case "xhtml":
                // The content is one XHTML <div> wrapping the story; the wrapper is not the story's.
                let nodes = content.first("div")?.children ?? content.children
                item.body = .xhtml(nodes)
            default: item.body = nonEmpty(content.text).map(Body.text)
            }
        }
        item.tags = element.elements("category").compactMap { nonEmpty($0.attributes["label"]) ?? nonEmpty($0.attributes["term"]) }
        item.language = element.attributes["xml:lang"] ?? language
        item.author = nonEmpty(element.first("author")?.first("name")?.text)
        return item
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmed(), !text.isEmpty else { return nil }
        return text
    }

    /// RFC 822 dates of RSS (`Fri, 27 Nov 2026 09:30:00 +0300`, `… GMT`), or ISO 8601 (Atom, dc:date).
    static func date(_ text: String) -> Date? {
        let text = text.trimmed()
        if let iso = BulletinDate.parse(text, in: TimeZone(identifier: "UTC")!) { return iso.foundationDate }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss Z",
                       "d MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm Z", "EEE, d MMM yyyy HH:mm zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
