import NashraCore

/// `sitemap.xml` (an index and parts past 50,000 URLs), the Google News sitemap of the last 48
/// hours, and `robots.txt` naming both.
struct SitemapWriter: Sendable {
    let site: Site

    /// Every HTML page but the 404, in plan order.
    private var urls: [(Permalink, BulletinDate?)] {
        site.pages.compactMap { page in
            guard page.kind.isHTML, page.kind != .notFound, page.kind != .search else { return nil }
            if case .bulletin(let index) = page.kind {
                return (page.permalink, site.bulletins[index].updated ?? site.bulletins[index].date)
            }
            return (page.permalink, nil)
        }
    }

    func sitemap(part: Int) -> String {
        let all = urls
        let size = site.config.urlsPerSitemap
        let slice = part == 0 ? all[...] : all.dropFirst((part - 1) * size).prefix(size)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (permalink, modified) in slice {
            xml += "<url><loc>\(XMLText.escape(site.absoluteURL(permalink)))</loc>"
            if let modified { xml += "<lastmod>\(iso(modified))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    func index(parts: Int) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 1...max(1, parts) {
            xml += "<sitemap><loc>\(XMLText.escape(site.absoluteURL(.sitemapPart(part))))</loc></sitemap>\n"
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
        return xml + "</urlset>\n"
    }

    func robots() -> String {
        """
        User-agent: *
        Allow: /

        Sitemap: \(site.absoluteURL(.sitemap))
        Sitemap: \(site.absoluteURL(.newsSitemap))

        """
    }

    private func iso(_ date: BulletinDate) -> String {
        site.config.timeZone.iso8601(at: date.secondsSinceEpoch)
    }
}
