import Foundation
import Testing
@testable import Nashra

/// `feeds:` in nashra.yaml: the site's feeds carry full text and the terms' feeds the summary and a
/// link unless told otherwise; formats can be left out per scope; and a summary feed does not
/// change when a body does.
@Suite struct FeedContentTests {
    static let now = Date(timeIntervalSince1970: 1_795_165_200)
    static let bulletin = """
        ---
        title: موسم القطن في الرقة
        date: 2026-11-18 08:00
        location: الرقة
        tags: [زراعة]
        summary: بدأ جني القطن
        ---

        جملة من المتن لا تظهر إلا في الخبر كاملاً.

        """

    static func site(_ feeds: String = "") throws -> ScratchSite {
        try ScratchSite([
            "nashra.yaml": "title: نشرة\nbaseURL: https://wire.example/\n" + feeds,
            "content/bulletins/cotton.md": bulletin,
        ], now: now)
    }

    static let body = "جملة من المتن"

    @Test func siteFeedsCarryTheBodyAndTermFeedsTheSummaryByDefault() throws {
        let site = try Self.site()
        for file in ["index.xml", "atom.xml", "feed.json"] {
            #expect(try site.text(file).contains(Self.body), "\(file)")
            let tagFeed = try site.text("tags/زراعة/" + file)
            #expect(!tagFeed.contains(Self.body), "tags/زراعة/\(file)")
            #expect(tagFeed.contains("بدأ جني القطن"), "tags/زراعة/\(file)")
        }
        // JSON Feed needs a content field: a summary item's is content_text.
        #expect(try site.text("tags/زراعة/feed.json").contains("\"content_text\""))
        #expect(try !site.text("locations/الرقة/index.xml").contains("content:encoded"))
        #expect(try !site.text("locations/الرقة/atom.xml").contains("<content "))
    }

    @Test func termFeedsCanCarryFullTextAndSiteFeedsOnlySummaries() throws {
        let site = try Self.site("feeds:\n  site: { content: summary }\n  terms: { content: full }\n")
        #expect(try !site.text("index.xml").contains(Self.body))
        #expect(try site.text("tags/زراعة/index.xml").contains(Self.body))
        #expect(try site.text("locations/الرقة/feed.json").contains("content_html"))
    }

    @Test func formatsLeftOutAreNotWrittenNorLinked() throws {
        let site = try Self.site("feeds:\n  site: { formats: [atom] }\n  terms: { formats: [] }\n")
        let files = Set(site.files)
        #expect(files.contains("atom.xml"))
        #expect(!files.contains("index.xml") && !files.contains("feed.json"))
        #expect(!files.contains { $0.hasPrefix("tags/") && ($0.hasSuffix(".xml") || $0.hasSuffix(".json")) })
        let home = try site.text("index.html")
        #expect(home.contains("atom.xml"))
        #expect(!home.contains("index.xml"))
        #expect(try !site.text("tags/زراعة/index.html").contains("application/rss+xml"))
    }

    @Test(arguments: [
        ("feeds: { site: { formats: [rss, html] } }", "nashra.yaml:1:33: 'feeds.site.formats' has 'html'; formats are rss, atom, json"),
        ("feeds: { terms: { content: everything } }", "nashra.yaml:1:28: 'feeds.terms.content' must be one of full, summary"),
        ("feeds: { tags: { content: full } }", "nashra.yaml:1:10: unknown key 'feeds.tags'; known keys: limit, site, terms"),
        ("feeds: { site: { length: 3 } }", "nashra.yaml:1:18: unknown key 'feeds.site.length'; known keys: formats, content"),
        ("feeds: { limit: 0 }", "nashra.yaml:1:17: 'feeds.limit' must be a whole number of at least 1"),
    ])
    func badFeedSettingsAreReportedAtTheirPlace(_ text: String, _ message: String) {
        guard case .failure(let problems) = SiteConfig.parse(text + "\n", path: "nashra.yaml") else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(problems.diagnostics.map(\.description) == [message])
    }

    @Test func editingABodyRerendersTheSiteFeedsButNotTheTermFeeds() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)))
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let tagFeed = newsroom.output.appendingPathComponent("tags/طقس/index.xml")
        let siteFeed = newsroom.output.appendingPathComponent("index.xml")
        let tagBefore = try Data(contentsOf: tagFeed)
        let siteBefore = try Data(contentsOf: siteFeed)
        try newsroom.edit("content/bulletins/aleppo-rain.md") { $0 + "\nفقرة أضيفت بعد النشر.\n" }
        _ = try newsroom.build()
        #expect(try Data(contentsOf: tagFeed) == tagBefore)
        #expect(try Data(contentsOf: siteFeed) != siteBefore)
        try newsroom.expectSameAsCleanBuild("a body edited")
    }
}
