import NashraCore

/// `sitemap.xml` (an index and parts past 50,000 URLs), the Google News sitemap of the last 48
/// hours, and `robots.txt` naming both.
struct SitemapWriter: Sendable {
    let site: Site

    /// Every HTML page but the 404 and the search page, by position in plan order.
    private var listedPositions: LazyFilterSequence<Range<Int>> {
        site.pages.indices.lazy.filter { [site] position in
            let kind = site.pages[position].kind
            return kind.isHTML && kind != .notFound && kind != .search
        }
    }

    /// A page's versions in the site's editions, as `xhtml:link` alternates (none on a
    /// single-language site, or for a page with no translation).
    private func alternates(ofPage position: Int) -> String {
        let versions = site.pages[position].versions.filter(\.isTranslation)
        guard versions.count > 1 else { return "" }
        var xml = ""
        for version in versions {
            xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(XMLText.escape(version.language))\" href=\"\(XMLText.escape(version.url))\"/>"
        }
        if let first = site.pages[position].versions.first, first.isTranslation {
            xml += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(XMLText.escape(first.url))\"/>"
        }
        return xml
    }

    func sitemap(part: Int) -> String {
        let size = site.config.urlsPerSitemap
        let positions = part == 0 ? Array(listedPositions) : Array(listedPositions.dropFirst((part - 1) * size).prefix(size))
        let namespaces = site.config.edition == nil ? "" : " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\(namespaces)>\n"
        // A part of 50,000 URLs is megabytes, made while pages render on the other cores: about
        // what it needs at once (an Arabic slug percent-encoded is most of a URL), rather than
        // doubling into twice that, and no copy to close it.
        xml.reserveCapacity(positions.count * (site.config.baseURL.utf8.count + 200))
        for position in positions {
            let page = site.pages[position]
            xml += "<url><loc>\(XMLText.escape(site.absoluteURL(page.permalink)))</loc>"
            if case .bulletin(let index) = page.kind {
                xml += "<lastmod>\(iso(site.bulletins[index].updated ?? site.bulletins[index].date))</lastmod>"
            }
            xml += alternates(ofPage: position)
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    func index(parts: Int) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 1...max(1, parts) {
            xml += "<sitemap><loc>\(XMLText.escape(site.absoluteURL(Permalink.sitemapPart(part).prefixed(site.config.pathPrefix))))</loc></sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    func news() -> String {
        let publication = XMLText.escape(site.config.publisherName ?? site.config.title)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">

        """
        for index in site.newsItems {
            let bulletin = site.bulletins[index]
            let language = bulletin.language == "und" ? site.config.language : bulletin.language
            xml += "<url><loc>\(XMLText.escape(site.absoluteURL(site.permalinks[index])))</loc><news:news>"
            xml += "<news:publication><news:name>\(publication)</news:name><news:language>\(XMLText.escape(language))</news:language></news:publication>"
            xml += "<news:publication_date>\(iso(bulletin.date))</news:publication_date>"
            xml += "<news:title>\(XMLText.escape(bulletin.title))</news:title></news:news></url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    func robots() -> String {
        """
        User-agent: *
        Allow: /

        Sitemap: \(site.absoluteURL(.sitemap))
        Sitemap: \(site.absoluteURL(.newsSitemap))

        """ + site.otherSitemaps.map { "Sitemap: \($0)\n" }.joined()
    }

    private func iso(_ date: BulletinDate) -> String {
        site.config.timeZone.iso8601(at: date.secondsSinceEpoch)
    }
}
