import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Nashra

/// Feeds, sitemaps, structured data and archives of the news-outputs fixture, read back with the
/// parsers readers and crawlers use.
@Suite struct NewsOutputsTests {
    /// 2026-11-21 12:00 in Damascus: the grid fire (06:00), SolarTech (20th, 13:00) and the
    /// seminar (19th, 18:00) are within 48 hours; the water notice expired on the 19th.
    static let now = BulletinDate.parse("2026-11-21T12:00:00+03:00", in: TimeZone(identifier: "UTC")!)!.foundationDate

    final class Built: @unchecked Sendable {
        let output: URL
        init() throws {
            output = Fixtures.scratch().appendingPathComponent("site")
            var options = BuildOptions(siteFolder: Fixtures.site("news-outputs"), outputFolder: output,
                                       rules: PublishingRules(now: NewsOutputsTests.now))
            options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
            _ = try Builder.build(options)
        }
        deinit { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        func text(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) }
    }

    let site: Built

    init() throws { site = try Built() }

    @Test func everyFeedIsAcceptedByFeedparser() throws {
        let feeds = try FileManager.default.subpathsOfDirectory(atPath: site.output.path)
            .filter { $0.hasSuffix("index.xml") || $0.hasSuffix("atom.xml") || $0.hasSuffix("feed.json") }
        // The site, 5 tags and 3 locations, three formats each.
        #expect(feeds.count == (1 + 5 + 3) * 3)
        let script = """
        import json, sys
        import feedparser
        root = sys.argv[1]
        for path in sys.argv[2:]:
            full = root + "/" + path
            if path.endswith(".json"):
                feed = json.load(open(full, encoding="utf-8"))
                assert feed["version"] == "https://jsonfeed.org/version/1.1", path
                print(path, len(feed["items"]), feed["items"][0]["title"])
                continue
            parsed = feedparser.parse(full)
            if parsed.bozo:
                print("BOZO", path, parsed.bozo_exception)
                continue
            print(path, len(parsed.entries), parsed.entries[0].title)
        """
        let run = try python(["-c", script, site.output.path] + feeds.sorted())
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.output.contains("BOZO"), "\(run.output)")
        let lines = Set(run.output.split(separator: "\n").map(String.init))
        // Newest three (feeds.limit), urgent marked, a mixed headline isolated for plain-text readers.
        #expect(lines.contains("index.xml 3 عاجل: حريق في محطة تحويل الكهرباء شرق حمص"))
        #expect(lines.contains("atom.xml 3 عاجل: حريق في محطة تحويل الكهرباء شرق حمص"))
        #expect(lines.contains("tags/اقتصاد/feed.json 3 \u{2068}شركة SolarTech تربط 120 MW بالشبكة\u{2069}"))
        #expect(lines.contains("locations/الرقة/index.xml 1 موسم القطن في الرقة"))
    }

    @Test func rssCarriesWhatReadersNeed() throws {
        let rss = try site.text("index.xml")
        #expect(rss.contains("<language>ar</language>"))
        #expect(rss.contains("<pubDate>Sat, 21 Nov 2026 06:00:00 +0300</pubDate>"))
        #expect(rss.contains(#"<guid isPermaLink="true">https://wire.example/2026/11/grid-fire/</guid>"#))
        #expect(rss.contains("<dc:creator>ليلى حداد</dc:creator>"))
        #expect(rss.contains("<category>حوادث</category>") && rss.contains("<category>حمص</category>"))
        #expect(rss.contains("<content:encoded>&lt;div dir=&quot;rtl&quot; lang=&quot;ar&quot;&gt;\n&lt;p&gt;اندلع حريق"))
        let atom = try site.text("atom.xml")
        #expect(atom.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">"#))
        #expect(atom.contains("<updated>2026-11-21T10:15:00+03:00</updated>"))
        // Feeds are advertised on the pages they belong to.
        #expect(try site.text("index.html").contains(#"<link rel="alternate" type="application/rss+xml" href="/index.xml""#))
        #expect(try site.text("tags/طاقة/index.html").contains(#"type="application/atom+xml" href="/tags/%D8%B7%D8%A7%D9%82%D8%A9/atom.xml""#))
    }

    @Test func sitemapsParseWithTheirNamespaces() throws {
        let sitemap = try XMLElements(site.output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.root == "urlset" && sitemap.namespaces.contains("http://www.sitemaps.org/schemas/sitemap/0.9"))
        #expect(sitemap.texts("loc").contains("https://wire.example/2026/11/grid-fire/"))
        #expect(sitemap.texts("loc").contains("https://wire.example/tags/%D8%B7%D8%A7%D9%82%D8%A9/"))
        #expect(!sitemap.texts("loc").contains { $0.hasSuffix("404.html") })
        #expect(sitemap.texts("loc").allSatisfy { $0.hasPrefix("https://wire.example/") && $0.allSatisfy(\.isASCII) })

        let news = try XMLElements(site.output.appendingPathComponent("news-sitemap.xml"))
        #expect(news.namespaces.contains("http://www.google.com/schemas/sitemap-news/0.9"))
        #expect(news.texts("loc") == ["https://wire.example/2026/11/grid-fire/", "https://wire.example/2026/11/solartech/",
                                      "https://wire.example/2026/11/quotes/"])
        #expect(news.texts("news:name") == Array(repeating: "وكالة نشرة", count: 3))
        #expect(news.texts("news:language") == ["ar", "ar", "ar"])
        #expect(news.texts("news:publication_date").first == "2026-11-21T06:00:00+03:00")
        #expect(news.texts("news:title").last == #"ندوة بعنوان "</script><script>alert(1)</script>" عن أمن المواقع"#)

        let robots = try site.text("robots.txt")
        #expect(robots.contains("Sitemap: https://wire.example/sitemap.xml\nSitemap: https://wire.example/news-sitemap.xml"))
    }

    @Test func jsonLDCannotBeBrokenOutOfAndHoldsTheArticle() throws {
        let page = try site.text("2026/11/quotes/index.html")
        let scripts = page.components(separatedBy: #"<script type="application/ld+json">"#)
        #expect(scripts.count == 2)
        let json = try #require(scripts.last?.components(separatedBy: "</script>").first)
        #expect(page.components(separatedBy: "</script>").count == 2, "the headline's </script> must not close the element")
        let article = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(article["@type"] as? String == "NewsArticle")
        #expect(article["headline"] as? String == #"ندوة بعنوان "</script><script>alert(1)</script>" عن أمن المواقع"#)
        #expect(article["datePublished"] as? String == "2026-11-19T18:00:00+03:00")
        #expect(article["dateline"] as? String == "دمشق")
        #expect(article["inLanguage"] as? String == "ar")
        #expect(article["keywords"] as? [String] == ["تقنية", "اقتصاد"])
        #expect(article["articleSection"] as? String == "تقنية")
        #expect((article["publisher"] as? [String: Any])?["name"] as? String == "وكالة نشرة")
        #expect(((article["publisher"] as? [String: Any])?["logo"] as? [String: Any])?["url"] as? String == "https://wire.example/logo.png")

        let fire = try site.text("2026/11/grid-fire/index.html")
        let fireJSON = try #require(fire.components(separatedBy: #"<script type="application/ld+json">"#).last?.components(separatedBy: "</script>").first)
        let fireArticle = try #require(try JSONSerialization.jsonObject(with: Data(fireJSON.utf8)) as? [String: Any])
        #expect(fireArticle["dateModified"] as? String == "2026-11-21T10:15:00+03:00")
        #expect((fireArticle["author"] as? [String: Any])?["name"] as? String == "ليلى حداد")
        #expect((fireArticle["image"] as? [String: Any])?["url"] as? String == "https://wire.example/images/grid.jpg")
        #expect((fireArticle["image"] as? [String: Any])?["@type"] as? String == "ImageObject")
        #expect(fire.contains(#"<meta property="og:image" content="https://wire.example/images/grid.jpg">"#))
        #expect(fire.contains(#"<link rel="canonical" href="https://wire.example/2026/11/grid-fire/">"#))
        #expect(fire.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
    }

    @Test func correctionsUpdatesAndExpiry() throws {
        let fire = try site.text("2026/11/grid-fire/index.html")
        #expect(fire.contains(#"<aside class="corrections""#))
        #expect(fire.contains("عُدّل عدد المحطات المتضررة من ثلاث إلى اثنتين."))
        #expect(fire.contains("أُضيف اسم المهندس المسؤول."))
        #expect(fire.contains("حُدّث في"))
        #expect(!site.exists("2026/11/expired-notice/index.html"))
        #expect(!(try site.text("locations/دمشق/index.html")).contains("انقطاع المياه"))
    }

    @Test func archiveAndRelatedLinksResolve() throws {
        for page in ["archive/index.html", "archive/2026/index.html", "archive/2026/11/index.html", "archive/2026/11/page/2/index.html",
                     "archive/2026/09/index.html"] {
            #expect(site.exists(page), "\(page)")
        }
        #expect(try site.text("archive/2026/index.html").contains("تشرين الثاني"))
        for page in ["archive/index.html", "archive/2026/index.html", "archive/2026/11/index.html", "2026/11/solartech/index.html"] {
            for href in try hrefs(in: site.text(page)) where href.hasPrefix("/") && !href.hasPrefix("//") {
                let path = href.removingPercentEncoding!.dropFirst()
                let file = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
                #expect(site.exists(String(file)) || file == "logo.png", "\(page) links to \(href), which does not exist")
            }
        }
        // SolarTech shares طاقة and حمص with the fire, اقتصاد with the seminar and the harvest.
        let related = try site.text("2026/11/solartech/index.html").components(separatedBy: #"<section class="related""#).last ?? ""
        let order = ["grid-fire", "quotes", "old-harvest"].map { related.range(of: "/2026/" + ($0 == "old-harvest" ? "09/" : "11/") + $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order[0]! < order[1]! && order[1]! < order[2]!, "most shared terms first, then newest")
    }

    @Test func pastItsLimitTheSitemapBecomesAnIndexOfParts() throws {
        var config = SiteConfig()
        config.baseURL = "https://wire.example/"
        config.urlsPerSitemap = 3
        let reading = BulletinReading(siteLanguage: "ar", timeZone: config.timeZone)
        let bulletins = (1...4).map { day in
            let source = SourceFile(relativePath: "b\(day).md", displayPath: "b\(day).md", absolutePath: "/dev/null",
                                    contentHash: 0, bodyOffset: 0, bodyLine: 1)
            return try! Bulletin.parse(text: "---\ntitle: خبر \(day)\ndate: 2026-11-0\(day)\n---\n", source: source, reading: reading).get()
        }
        let site = try SitePlanner.plan(bulletins, config: config, rules: PublishingRules(now: NewsOutputsTests.now)).get()
        let html = site.pages.filter { $0.kind.isHTML && $0.kind != .notFound && $0.kind != .search }.count
        let parts = (html + 2) / 3
        #expect(site.pages.contains { $0.kind == .sitemapIndex(parts: parts) && $0.permalink.path == "/sitemap.xml" })
        let writer = SitemapWriter(site: site)
        var seen: [String] = []
        for part in 1...parts {
            #expect(site.pages.contains { $0.permalink.path == "/sitemap-\(part).xml" })
            let locs = writer.sitemap(part: part).components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
            #expect(locs.count == (part < parts ? 3 : html - 3 * (parts - 1)))
            seen += locs
        }
        #expect(seen.count == html && Set(seen).count == html, "every page in exactly one part")
        #expect(writer.index(parts: parts).components(separatedBy: "<sitemap>").count - 1 == parts)
    }

    // MARK: Helpers

    func hrefs(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    func python(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let run = try Fixtures.python(arguments)
        return (run.status, run.output, run.errors)
    }
}

/// The root element, namespaces and element texts of an XML file, read with XMLParser.
final class XMLElements: NSObject, XMLParserDelegate {
    private(set) var root = ""
    private(set) var namespaces: Set<String> = []
    private var elements: [(name: String, text: String)] = []
    private var stack: [(String, String)] = []

    init(_ url: URL) throws {
        super.init()
        guard let parser = XMLParser(contentsOf: url) else { throw CocoaError(.fileReadCorruptFile) }
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func texts(_ name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if root.isEmpty { root = name }
        for (key, value) in attributes where key.hasPrefix("xmlns") { namespaces.insert(value) }
        stack.append((name, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].1 += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let (element, text) = stack.popLast() else { return }
        elements.append((element, text))
    }
}
