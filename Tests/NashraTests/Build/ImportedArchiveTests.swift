import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Archives brought as they are from Hugo (`hugo-blog`: TOML and JSON front matter, `url:`,
/// `aliases`, `categories`, shortcodes) and Jekyll (`jekyll-site`: dated file names without
/// `date:`, Liquid, YAML 1.1 booleans, `permalink` and `redirect_from`).
@Suite struct ImportedArchiveTests {
    let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func build(_ fixture: String) throws -> (output: URL, report: BuildReport) {
        let output = Fixtures.scratch().appendingPathComponent("site")
        var options = BuildOptions(siteFolder: Fixtures.site(fixture), outputFolder: output, rules: rules, displayPrefix: fixture)
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        return (output, try Builder.build(options))
    }

    func text(_ output: URL, _ path: String) -> String? {
        try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Each old URL: the page itself (by its title), or a redirect that names the page.
    func expectResolves(_ output: URL, _ oldURL: String, to page: String, title: String) {
        let file = oldURL.hasSuffix("/") ? String(oldURL.dropFirst()) + "index.html" : String(oldURL.dropFirst())
        guard let html = text(output, file) else {
            Issue.record("\(oldURL) does not resolve")
            return
        }
        if oldURL == page {
            #expect(html.contains(title), "\(oldURL) is not the page")
        } else {
            #expect(html.contains("<link rel=\"canonical\" href=\"https://blog.example\(page)\">")
                    || html.contains("<link rel=\"canonical\" href=\"https://magazine.example\(page)\">"), "\(oldURL)")
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url="))
            #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        }
    }

    @Test func aHugoBlogBuildsAndEveryOldURLResolves() throws {
        let (output, report) = try build("hugo-blog")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        #expect(report.bulletins == 4)
        let pages: [(url: String, title: String, old: [String])] = [
            ("/2016/01/first-rain/", "أول مطر في الموسم", ["/posts/first-rain/", "/p/101.html"]),
            ("/2016/01/market-day/", "يوم السوق في المدينة القديمة", ["/posts/market-day/"]),
        ]
        for page in pages {
            for old in [page.url] + page.old { expectResolves(output, old, to: page.url, title: page.title) }
        }
        expectResolves(output, "/notes/1/", to: "/2016/01/json-note/", title: "ملاحظة قصيرة")
        expectResolves(output, "/2016/02/harbour/", to: "/2016/02/harbour-night/", title: "ليلة في الميناء")

        // Categories are a taxonomy with pages, linked from the bulletin and the menu.
        #expect(text(output, "categories/index.html")?.contains("مدينة") == true)
        let category = try #require(text(output, "categories/طقس/index.html"))
        #expect(category.contains("أول مطر في الموسم") && category.contains("يوم السوق"))
        let rain = try #require(text(output, "2016/01/first-rain/index.html"))
        #expect(rain.contains("href=\"/categories/%D8%B7%D9%82%D8%B3/\""))
        // Shortcodes became HTML; none is printed; the ref resolved.
        #expect(rain.contains("<figure><img src=\"/images/rain.jpg\" alt=\"شارع مبلل\"><figcaption>شارع الكورنيش بعد المطر</figcaption></figure>"))
        #expect(rain.contains("href=\"https://www.youtube.com/watch?v=7f1-z-WXWyw\""))
        #expect(rain.contains("<pre><code class=\"language-bash\">"))
        #expect(rain.contains("<a href=\"/2016/01/market-day/\">كتبنا عن الباعة</a>"))
        #expect(!rain.contains("{{") && !rain.contains("gallery"))
        #expect(!rain.contains("youtube.com/embed") && !rain.contains("<iframe"))
        // Links to other posts' files became their URLs, fragment kept; a missing file and a
        // web address stay as written.
        let harbour = try #require(text(output, "2016/02/harbour-night/index.html"))
        #expect(harbour.contains("<a href=\"/2016/01/first-rain/#%D8%A7%D9%84%D9%85%D8%B7%D8%B1\">نزل أول مطر</a>"), "\(harbour)")
        #expect(harbour.contains("<a href=\"/2016/01/market-day/\">يوم السوق</a>"))
        #expect(harbour.contains("<a href=\"missing.md\">ملف غائب</a>") && harbour.contains("<a href=\"https://other.example/page.md\">"))
        // `description` is the summary, `lastmod` the update.
        #expect(rain.contains("مطر خفيف على الساحل بعد صيف طويل."))
        // Redirects are in no sitemap.
        let sitemap = try #require(text(output, "sitemap.xml"))
        #expect(!sitemap.contains("/posts/first-rain/") && !sitemap.contains("/posts/market-day/") && !sitemap.contains("/p/101.html")
                && sitemap.contains("/2016/01/first-rain/"))
        // Weight orders bulletins of the same instant: json-note (weight 1) before first-rain.
        let home = try #require(text(output, "index.html"))
        let note = try #require(home.range(of: "ملاحظة قصيرة")), first = try #require(home.range(of: "أول مطر في الموسم"))
        #expect(note.lowerBound < first.lowerBound)
    }

    /// A post linking to another's file follows it when that post's URL changes: the incremental
    /// build re-renders the linking page and equals a clean build.
    @Test func aLinkToAPostsFileFollowsThePostsURL() throws {
        let newsroom = try Newsroom(copying: "hugo-blog", rules: rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit("content/posts/first-rain.md") { $0.replacingOccurrences(of: "url = \"/2016/01/first-rain/\"", with: "url = \"/rain/\"") }
        _ = try newsroom.build()
        let harbour = try String(contentsOf: newsroom.output.appendingPathComponent("2016/02/harbour-night/index.html"), encoding: .utf8)
        #expect(harbour.contains("<a href=\"/rain/#%D8%A7%D9%84%D9%85%D8%B7%D8%B1\">نزل أول مطر</a>"), "\(harbour)")
        try newsroom.expectSameAsCleanBuild()
    }

    /// The warnings name each unknown shortcode with its position in the file.
    @Test func theWarningsNameEachUnknownShortcode() throws {
        let (output, report) = try build("hugo-blog")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let warnings = report.warnings.map(\.description)
        #expect(warnings.contains("hugo-blog/content/posts/first-rain.md:30:1: warning: shortcode '{{< gallery >}}' is not known to Nashra; it was removed"), "\(warnings)")
        #expect(warnings.contains("hugo-blog/content/posts/json-note.md:9:46: warning: shortcode '{{< unknown-code >}}' is not known to Nashra; it was removed"), "\(warnings)")
        #expect(warnings.filter { $0.contains("shortcode") }.count == 2)
    }

    /// Hugo's other content files: a section's TOML `_index.md` is its metadata, never a post; a
    /// dateless page keeps its `url:`; the blog's own `search.md` gives way to Nashra's search page.
    @Test func aHugoBlogsIndexFilesAndPagesBuild() throws {
        let (output, report) = try build("hugo-blog")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        #expect(report.bulletins == 4)
        let section = try #require(text(output, "posts/index.html"))
        #expect(section.contains("التدوينات") && section.contains("ما كتبناه عن المدينة"))
        #expect(section.contains("يوم السوق في المدينة القديمة"))
        #expect(text(output, "about-us/index.html")?.contains("مدونة صغيرة كتبناها") == true)
        #expect(text(output, "search/index.html")?.contains("search.js") == true)
        let warnings = report.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("hugo-blog/content/search.md:1:1: warning: this page is not published: /search/ is Nashra's own search page") }, "\(warnings)")
    }

    @Test func aJekyllSiteBuildsFromItsFileNames() throws {
        let (output, report) = try build("jekyll-site")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        // The unpublished one is a draft.
        #expect(report.bulletins == 3)
        let wound = try #require(text(output, "2015/08/24/deep-wound/index.html"))
        #expect(wound.contains("جرح عميق في ذاكرة المدينة"))
        // Jekyll's featured_image is the lead photo, made in its widths like any other.
        #expect(wound.contains("/wound-480.webp"))
        // Liquid removed, never printed; raw kept as text.
        #expect(!wound.contains("{%") && !wound.contains("site.url") && wound.contains("{{ هكذا }}"))
        #expect(wound.contains("رابط الموقع: /about/"))
        #expect(text(output, "2015/09/01/night-shift/index.html")?.contains("المناوبة الليلية") == true)
        expectResolves(output, "/night-shift.html", to: "/2015/09/01/night-shift/", title: "المناوبة الليلية")
        #expect(text(output, "stories/bakery/index.html")?.contains("مخبز الحي") == true)
        #expect(text(output, "categories/تحقيقات/index.html") != nil)
        let warnings = report.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("jekyll-site/content/_posts/2015-08-24-deep-wound.md:13:1: warning: Liquid tag '{% include figure.html") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("jekyll-site/content/_posts/2015-08-24-deep-wound.md:15:14: warning: Liquid output '{{ site.url }}'") }, "\(warnings)")
    }

    @Test func anOldURLOnARealPageIsAnError() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write([
            "nashra.yaml": "title: x\n",
            "content/a.md": "+++\ntitle = \"أ\"\ndate = 2016-01-01\nurl = \"/same/\"\n+++\n",
            "content/b.md": "+++\ntitle = \"ب\"\ndate = 2016-01-02\naliases = [\"/same/\", \"/tags/\"]\n+++\n",
            "content/c.md": "---\ntitle: ج\ndate: 2016-01-03\nurl: /same/\n---\n",
        ], in: site)
        var options = BuildOptions(siteFolder: site, rules: rules, displayPrefix: "s")
        options.cacheFolder = site.appendingPathComponent("cache")
        let failure = #expect(throws: Diagnostics.self) { try Builder.build(options) }
        let messages = failure?.diagnostics.map(\.description) ?? []
        #expect(messages.contains { $0.hasPrefix("s/content/b.md:4:11: an old URL ('aliases:') of s/content/b.md and") && $0.contains("same/index.html") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("s/content/b.md:4:11: an old URL ('aliases:') of s/content/b.md and the tags page") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("s/content/a.md:4:7: ") && $0.contains("give one of them a different 'url:'") }, "\(messages)")
    }

    /// A `ref` that names no published bulletin links to `#` and is a warning at its position;
    /// one that does is the bulletin's URL (here a draft's, which is not published).
    @Test func anUnresolvedRefIsAWarning() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write([
            "nashra.yaml": "title: x\n",
            "content/posts/a.md": "---\ntitle: أ\ndate: 2016-01-01\n---\n\n[ب]({{< relref \"b\" >}}) و[ج]({{< ref \"/posts/c.md\" >}})\n",
            "content/posts/b.md": "---\ntitle: ب\ndate: 2016-01-02\nurl: /b-old/\n---\n",
            "content/posts/c.md": "---\ntitle: ج\ndate: 2016-01-03\ndraft: true\n---\n",
        ], in: site)
        var options = BuildOptions(siteFolder: site, rules: rules, displayPrefix: "s")
        options.cacheFolder = site.appendingPathComponent("cache")
        let report = try Builder.build(options)
        #expect(report.warnings.map(\.description) == ["s/content/posts/a.md:6:30: warning: '/posts/c.md' names no published bulletin; the link goes nowhere"])
        let page = try String(contentsOf: site.appendingPathComponent("site/2016/01/a/index.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"/b-old/\">ب</a> و<a href=\"#\">ج</a>"))
    }

    @Test func taxonomiesInNashraYAML() throws {
        #expect(try SiteConfig.parse("taxonomies: [tags, locations, categories]\n", path: "n").get().taxonomyNames == ["tags", "locations", "categories"])
        guard case .failure(let failure) = SiteConfig.parse("taxonomies: [tags, sections]\n", path: "n") else {
            Issue.record("an unknown taxonomy was accepted")
            return
        }
        #expect(failure.diagnostics.first?.description.hasPrefix("n:1:13: 'taxonomies' has 'sections'") == true)
    }
}
