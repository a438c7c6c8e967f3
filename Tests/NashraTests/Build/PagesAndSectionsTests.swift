import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Standing pages, sections and menus, built end to end from `Tests/Fixtures/pages-sections`.
@Suite struct PagesAndSectionsTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    /// The fixture built once into a scratch folder.
    static let built: URL = {
        let scratch = Fixtures.scratch()
        let output = scratch.appendingPathComponent("site")
        var options = BuildOptions(siteFolder: Fixtures.site("pages-sections"), outputFolder: output, rules: rules,
                                   displayPrefix: "pages-sections")
        options.cacheFolder = scratch.appendingPathComponent("cache")
        _ = try! Builder.build(options)
        return output
    }()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: built.appendingPathComponent(path), encoding: .utf8)
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: built.appendingPathComponent(path).path)
    }

    // MARK: Pages

    @Test func aPageIsRenderedWithThePageTemplateAtItsSlugWithoutADate() throws {
        let about = try Self.read("about/index.html")
        #expect(about.contains("class=\"standing-page\""))
        #expect(about.contains("<bdi>عن الموقع</bdi></h1>"))
        #expect(about.contains("نحن فريق صغير يكتب أخبار الاختبار."))
        #expect(!about.contains("<time"))
        #expect(!about.contains("NewsArticle"))
        #expect(about.contains("<meta name=\"description\" content=\"من نحن وكيف نعمل.\">"))
    }

    @Test func aPagesURLGivesItsExactPath() throws {
        let site = try ScratchSite([
            "nashra.yaml": "title: نشرة\nbaseURL: https://news.example/\n",
            "content/pages/privacy.md": "---\ntitle: الخصوصية\nurl: /privacy-policy.html\n---\n\nلا نجمع شيئاً.\n",
            "content/pages/terms.md": "---\ntitle: الشروط\nurl: /old/terms\n---\n\nالشروط.\n",
        ], now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try site.text("privacy-policy.html").contains("لا نجمع شيئاً."))
        #expect(try site.text("old/terms/index.html").contains("الشروط."))
        #expect(!site.files.contains("privacy/index.html"))
    }

    @Test func aDatelessFileOutsidePagesIsAPage() throws {
        let notes = try Self.read("notes/index.html")
        #expect(notes.contains("class=\"standing-page\""))
        #expect(notes.contains("ملاحظات التحرير"))
    }

    @Test func pagesAreNotListedButAreInTheSitemap() throws {
        let listings = ["index.html", "page/2/index.html", "index.xml", "atom.xml", "feed.json", "archive/2026/11/index.html",
                        "tags/أسواق/index.html", "ninjs.json", "news-sitemap.xml"]
        for path in listings {
            let text = try Self.read(path)
            // The notes page is in no menu, so its title appears nowhere but on its own page.
            #expect(!text.contains("ملاحظات التحرير"), "\(path) lists the notes page")
            #expect(!text.contains("news.example/notes/") && !text.contains("news.example/about/"), "\(path) lists a page")
        }
        let sitemap = try Self.read("sitemap.xml")
        for path in ["about", "contact", "privacy", "notes"] {
            #expect(sitemap.contains("<loc>https://news.example/\(path)/</loc>"))
        }
        #expect(sitemap.contains("<loc>https://news.example/\(Permalink.percentEncode("رياضة"))/</loc>"))
    }

    @Test func aPageNeedsATitleAndMayNotHaveADate() {
        let reading = BulletinReading(siteLanguage: "ar", timeZone: SiteConfig().timeZone)
        func problems(_ path: String, _ text: String) -> [String] {
            let source = SourceFile(relativePath: path, displayPath: "content/" + path, absolutePath: "/x", contentHash: 0,
                                    bodyOffset: 0, bodyLine: 1)
            guard case .failure(let failure) = ContentFile.parse(text: text, source: source, reading: reading) else { return [] }
            return failure.diagnostics.map(\.description)
        }
        #expect(problems("pages/about.md", "---\ndescription: بلا عنوان\n---\nنص.\n")
            == ["content/pages/about.md:1:1: missing 'title': every page needs one (it is in content/pages/)"])
        #expect(problems("x/about.md", "---\ntype: page\ntitle: عن\ndate: 2026-11-20\n---\n").first?
            .hasPrefix("content/x/about.md:4:1: a page has no date") == true)
    }

    @Test(arguments: [
        // (path, front matter, what it is)
        ("pages/about.md", "title: عن", "page"),
        ("bulletins/about.md", "title: عن", "page"),
        ("bulletins/about.md", "title: عن\ntype: bulletin\ndate: 2026-11-20", "bulletin"),
        // A dated file name gives the date (Jekyll's posts), so this is a bulletin.
        ("bulletins/2026-11-20-rain.md", "title: مطر", "bulletin"),
        ("bulletins/rain.md", "title: مطر\ntags: [طقس]", "error"),
        ("bulletins/rain.md", "title: مطر\ndate: 2026-11-20", "bulletin"),
        ("pages/rain.md", "title: مطر\ntype: bulletin\ndate: 2026-11-20", "bulletin"),
        ("رياضة/_index.md", "title: رياضة", "section"),
        ("رياضة/2026/_index.md", "title: رياضة", "ignored"),
        ("_index.md", "title: الرئيسية", "ignored"),
    ])
    func whatAFileIs(_ path: String, _ frontMatter: String, _ expected: String) {
        let reading = BulletinReading(siteLanguage: "ar", timeZone: SiteConfig().timeZone)
        let source = SourceFile(relativePath: path, displayPath: path, absolutePath: "/x", contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let kind: String
        switch ContentFile.parse(text: "---\n\(frontMatter)\n---\nنص.\n", source: source, reading: reading) {
        case .success(.bulletin): kind = "bulletin"
        case .success(.page): kind = "page"
        case .success(.sectionIndex): kind = "section"
        case .success(.ignored): kind = "ignored"
        case .failure: kind = "error"
        }
        #expect(kind == expected, "\(path)")
    }

    // MARK: Menus

    @Test func menusKeepTheOrderGiven() throws {
        let home = try Self.read("index.html")
        func position(_ text: String) -> Int {
            home.range(of: text).map { home.distance(from: home.startIndex, to: $0.lowerBound) } ?? -1
        }
        // Header: nashra.yaml's, then sections by weight and path; a `menu: false` section is left out.
        let header = ["<bdi>عن الموقع</bdi>", "<bdi>اقتصاد</bdi>", "<bdi>رياضة</bdi>"].map(position)
        #expect(!header.contains(-1) && header == header.sorted(), "\(header)")
        #expect(!home.contains("<bdi>ثقافة</bdi>"))
        // Footer: `footer:`, then `menus.footer`, then front matter by weight.
        let footer = ["<bdi>رابط قديم</bdi>", "<bdi>الأرشيف القديم</bdi>", "<bdi>الخصوصية</bdi>", "<bdi>اتصل بنا</bdi>"].map(position)
        #expect(!footer.contains(-1) && footer == footer.sorted(), "\(footer)")
    }

    @Test func theCurrentPagesLinkIsMarked() throws {
        let about = try Self.read("about/index.html")
        #expect(about.contains("<a href=\"/about/\" aria-current=\"page\"><bdi>عن الموقع</bdi></a>"))
        #expect(about.components(separatedBy: "aria-current").count == 2)
        let sport = Permalink.percentEncode("/رياضة/")
        for path in ["رياضة/index.html", "رياضة/page/2/index.html"] {
            #expect(try Self.read(path).contains("<a href=\"\(sport)\" aria-current=\"page\"><bdi>رياضة</bdi></a>"), "\(path)")
        }
        let contact = try Self.read("contact/index.html")
        #expect(contact.contains("<a href=\"/contact/\" aria-current=\"page\"><bdi>اتصل بنا</bdi></a>"))
        #expect(try !Self.read("index.html").contains("aria-current=\"page\"><bdi>"))
    }

    // MARK: Sections

    @Test func aSectionHasAPaginatedFrontPage() throws {
        let first = try Self.read("رياضة/index.html")
        #expect(first.contains("<bdi>رياضة</bdi></h1>"))
        #expect(first.contains("نتائج المباريات وأخبار الأندية."))
        #expect(first.contains("مباراة الأسبوع رقم 3") && first.contains("مباراة الأسبوع رقم 2"))
        #expect(!first.contains("مباراة الأسبوع رقم 1") && !first.contains("خبر بلا قسم"))
        #expect(first.contains("rel=\"next\""))
        let second = try Self.read("رياضة/page/2/index.html")
        #expect(second.contains("مباراة الأسبوع رقم 1"))
        #expect(!second.contains("مباراة الأسبوع رقم 3"))
        // A hidden section still has its page; one named by `section:` alone gets one too.
        #expect(try Self.read("ثقافة/index.html").contains("معرض الكتاب يفتح أبوابه"))
        #expect(try Self.read("اقتصاد/index.html").contains("أسعار الخضار في سوق الهال"))
    }

    @Test func aSectionHasItsOwnFeeds() throws {
        for path in ["رياضة/index.xml", "رياضة/atom.xml", "رياضة/feed.json"] {
            let feed = try Self.read(path)
            #expect(feed.contains("مباراة الأسبوع رقم 1") && feed.contains("مباراة الأسبوع رقم 3"), "\(path)")
            #expect(!feed.contains("سوق الهال") && !feed.contains("معرض الكتاب"), "\(path)")
            #expect(feed.contains("نشرة الأقسام — رياضة"), "\(path)")
        }
        #expect(try Self.read("رياضة/index.html").contains("href=\"\(Permalink.percentEncode("/رياضة/"))index.xml\""))
        #expect(try Self.read("رياضة/index.xml").contains("<description>نتائج المباريات وأخبار الأندية.</description>"))
    }

    @Test func anIndexFileIsNeverABulletin() throws {
        let home = try Self.read("index.html") + Self.read("page/2/index.html") + Self.read("page/3/index.html")
        #expect(!home.contains("_index"))
        let feed = try Self.read("feed.json")
        #expect(!feed.contains("\"title\": \"رياضة\""))
        #expect(!Self.exists("_index/index.html") && !Self.exists("رياضة/_index/index.html"))
    }

    @Test func aBulletinShowsItsSectionInTheBreadcrumbAndStructuredData() throws {
        let match = try Self.read("2026/11/match-2/index.html")
        let sport = Permalink.percentEncode("/رياضة/")
        #expect(match.contains("<nav class=\"breadcrumb\" lang=\"ar\" dir=\"rtl\" aria-label=\"القسم\"><a href=\"\(sport)\"><bdi>رياضة</bdi></a></nav>"))
        #expect(match.contains("\"articleSection\": \"رياضة\""))
        let market = try Self.read("2026/11/market/index.html")
        #expect(market.contains("\"articleSection\": \"اقتصاد\""))
        // A bulletin in a plain folder has no breadcrumb, and its first tag stays its articleSection.
        let plain = try Self.read("2026/11/plain/index.html")
        #expect(!plain.contains("class=\"breadcrumb\""))
        #expect(plain.contains("\"articleSection\": \"أسواق\""))
    }

    @Test func theSectionPermalinkTokenUsesTheSection() throws {
        var config = SiteConfig()
        config.permalink = try PermalinkPattern.parse("/:section/:slug/").get()
        let reading = BulletinReading(siteLanguage: "ar", timeZone: config.timeZone)
        func bulletin(_ path: String, _ extra: String) throws -> Bulletin {
            let source = SourceFile(relativePath: path, displayPath: path, absolutePath: "/x", contentHash: 0, bodyOffset: 0, bodyLine: 1)
            return try Bulletin.parse(text: "---\ntitle: خبر\ndate: 2026-11-20\n\(extra)---\n", source: source, reading: reading).get()
        }
        let site = try SitePlanner.plan([try bulletin("bulletins/a.md", "section: اقتصاد\n"), try bulletin("bulletins/b.md", "")],
                                        config: config, rules: Self.rules).get()
        #expect(Set(site.permalinks.map(\.path)) == ["/اقتصاد/a/", "/bulletins/b/"])
    }

    // MARK: Clashes

    @Test func twoPagesAtOneURLAreAnError() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write([
            "content/pages/about.md": "---\ntitle: عن\n---\n",
            "content/pages/other.md": "---\ntitle: أخرى\nslug: about\n---\n",
        ], in: folder)
        #expect {
            try Builder.build(BuildOptions(siteFolder: folder, rules: Self.rules))
        } throws: { error in
            guard let problems = error as? Diagnostics else { return false }
            return problems.diagnostics.contains {
                $0.description.hasPrefix("content/pages/other.md:3:7: content/pages/other.md and content/pages/about.md would both be written to about/index.html")
            }
        }
    }

    @Test func aMenuNamingAMissingPageIsAnError() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write([
            "nashra.yaml": "title: x\nmenus:\n  header:\n    - page: nowhere\n",
            "content/bulletins/a.md": "---\ntitle: خبر\ndate: 2026-11-20\n---\n",
        ], in: folder)
        #expect {
            try Builder.build(BuildOptions(siteFolder: folder, rules: Self.rules))
        } throws: { error in
            (error as? Diagnostics)?.diagnostics.contains { $0.description == "nashra.yaml:4:7: menus.header: no page has the slug 'nowhere'" } == true
        }
    }

    // MARK: Head metadata

    @Test func theHeadHasIconsADescriptionAndAnOpenGraphLocale() throws {
        for file in ["favicon.ico", "icon.svg", "apple-touch-icon.png"] { #expect(Self.exists(file), "\(file)") }
        let png = try Data(contentsOf: Self.built.appendingPathComponent("apple-touch-icon.png"))
        // The PNG header's width and height (IHDR), big-endian: 180 × 180.
        #expect(Array(png[16..<24]) == [0, 0, 0, 180, 0, 0, 0, 180])
        let match = try Self.read("2026/11/match-2/index.html")
        #expect(match.contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">"))
        #expect(match.contains("<link rel=\"icon\" href=\"/icon.svg\" type=\"image/svg+xml\">"))
        #expect(match.contains("<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">"))
        #expect(match.contains("<meta name=\"description\" content=\"ملخص مباراة الأسبوع رقم 2.\">"))
        #expect(!match.contains("content=\"موقع اختبار للصفحات والأقسام والقوائم\""))
        #expect(match.contains("<meta property=\"og:locale\" content=\"ar_AR\">"))
        #expect(try Self.read("رياضة/index.html").contains("<meta name=\"description\" content=\"نتائج المباريات وأخبار الأندية.\">"))
        // Pages without a description of their own keep the site's.
        #expect(try Self.read("tags/index.html").contains("<meta name=\"description\" content=\"موقع اختبار للصفحات والأقسام والقوائم\">"))
    }

    @Test(arguments: [("ar", "ar_AR"), ("en", "en_US"), ("en-GB", "en_GB"), ("fa", "fa_IR"), ("ar-EG", "ar_EG"), ("und", nil), ("x", nil)] as [(String, String?)])
    func openGraphLocales(_ language: String, _ locale: String?) {
        #expect(OpenGraphLocale.of(language) == locale)
    }

    // MARK: Incremental

    /// Every new input (a page's title in a menu, a section's `_index.md`, a page's body) reaches
    /// the pages that show it: an incremental build equals a clean one after each edit.
    @Test(arguments: [
        ("content/pages/about.md", "title: عن الموقع", "title: من نحن"),
        ("content/pages/about.md", "نحن فريق صغير", "نحن فريق كبير"),
        ("content/pages/contact.md", "weight: 2", "weight: 0"),
        ("content/pages/privacy.md", "menu: {menu: footer, weight: 1}", "menu: header"),
        ("content/رياضة/_index.md", "title: رياضة", "title: الرياضة"),
        ("content/رياضة/_index.md", "description: نتائج المباريات وأخبار الأندية.", "menu: false"),
        ("content/ثقافة/_index.md", "menu: false", "menu: footer"),
        ("content/bulletins/plain.md", "tags: [أسواق]", "section: رياضة"),
        ("content/notes.md", "title: ملاحظات التحرير", "title: ملاحظات\ntype: bulletin\ndate: 2026-11-01"),
        ("nashra.yaml", "    - page: about", "    - section: ثقافة"),
    ])
    func editingANewInputRebuildsWhatAFreshBuildWould(_ path: String, _ old: String, _ new: String) throws {
        let newsroom = try Newsroom(copying: "pages-sections", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let before = try String(contentsOf: newsroom.site.appendingPathComponent(path), encoding: .utf8)
        try newsroom.edit(path) { $0.replacingOccurrences(of: old, with: new) }
        try #require(try String(contentsOf: newsroom.site.appendingPathComponent(path), encoding: .utf8) != before)
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("\(path): \(new)")
    }

    @Test func addingAnIndexFileMakesAFolderASection() throws {
        let newsroom = try Newsroom(copying: "pages-sections", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(!FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("bulletins/index.html").path))
        try Data("---\ntitle: منوعات\n---\n".utf8).write(to: newsroom.site.appendingPathComponent("content/bulletins/_index.md"))
        _ = try newsroom.build()
        #expect(try String(contentsOf: newsroom.output.appendingPathComponent("bulletins/index.html"), encoding: .utf8).contains("خبر بلا قسم"))
        try newsroom.expectSameAsCleanBuild("_index.md added")
    }
}
