import Foundation
import Testing
@testable import Nashra

/// Walks every front-matter key and every `nashra.yaml` key: changing it in one place and building
/// incrementally must give, byte for byte, what a clean build gives. A key that reaches pages but is
/// missing from the page fingerprints leaves stale pages behind, and this is where it shows.
///
/// The tables must cover every key the readers accept (`Bulletin.knownKeys`, `SiteConfig.knownKeys`),
/// so a key added there without a row here fails the first test.
@Suite struct ContractWalkTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))
    static let bulletin = "content/bulletins/aleppo-rain.md"

    /// One change per front-matter key, made to the head of `aleppo-rain.md` (its `---` line is
    /// replaced, or the named line rewritten). "params" is any key Nashra does not know, "body"
    /// the Markdown.
    static let bulletinChanges: [(key: String, change: @Sendable (String) -> String)] = [
        ("title", { $0.replacingOccurrences(of: "title: أمطار غزيرة في حلب", with: "title: أمطار غزيرة جداً في حلب") }),
        ("date", { $0.replacingOccurrences(of: "date: 2026-11-20 09:30", with: "date: 2026-10-02 07:15") }),
        ("updated", { addKey($0, "updated: 2026-11-21 10:00") }),
        ("location", { $0.replacingOccurrences(of: "location: حلب", with: "location: إدلب") }),
        ("agency", { $0.replacingOccurrences(of: "agency: وكالة الاختبار", with: "agency: وكالة أخرى") }),
        ("author", { addKey($0, "author: سلمى الحلبي") }),
        ("tags", { $0.replacingOccurrences(of: "tags: [طقس, مياه]", with: "tags: [طقس, زراعة]") }),
        ("summary", { addKey($0, "summary: موجز مكتوب للخبر") }),
        ("slug", { addKey($0, "slug: rain-in-aleppo") }),
        ("draft", { addKey($0, "draft: true") }),
        ("lang", { addKey($0, "lang: en") }),
        ("dir", { addKey($0, "dir: ltr") }),
        ("urgent", { $0.replacingOccurrences(of: "urgent: true", with: "urgent: false") }),
        ("image", { addKey($0, "image: {src: https://photos.example/rain.jpg, alt: شارع غمرته المياه, caption: أمطار حلب, credit: ريم}") }),
        ("expires", { addKey($0, "expires: 2026-12-01") }),
        ("corrections", { addKey($0, "corrections: [\"صُحّح اسم الحي\"]") }),
        ("source", { addKey($0, "source: \"0123456789abcdef wire.txt\"") }),
        ("sourceID", { addKey($0, "sourceID: \"urn:example:wire:1 2026-11-27T09:30:00+03:00 0123456789abcdef\"") }),
        ("section", { addKey($0, "section: اقتصاد") }),
        ("translationKey", { addKey($0, "translationKey: aleppo-rain") }),
        // The file becomes a standing page (its news keys then ignored, with warnings).
        ("type", { $0.replacingOccurrences(of: "date: 2026-11-20 09:30", with: "type: page") }),
        // Hugo's and Jekyll's keys.
        ("publishDate", { $0.replacingOccurrences(of: "date: 2026-11-20 09:30", with: "publishDate: 2026-10-02 07:15") }),
        ("lastmod", { addKey($0, "lastmod: 2026-11-21T10:00:00+03:00") }),
        ("expiryDate", { addKey($0, "expiryDate: 2026-12-01") }),
        ("description", { addKey($0, "description: وصف الخبر") }),
        ("published", { addKey($0, "published: false") }),
        ("weight", { addKey($0, "weight: -1") }),
        ("images", { addKey($0, "images: [https://photos.example/rain.jpg, https://photos.example/other.jpg]") }),
        ("featured_image", { addKey($0, "featured_image: https://photos.example/rain.jpg") }),
        ("authors", { addKey($0, "authors: [سلمى الحلبي, رامي]") }),
        ("categories", { addKey($0, "categories: [أخبار محلية]") }),
        ("url", { addKey($0, "url: /2016/01/old-rain/") }),
        ("aliases", { addKey($0, "aliases: [/old/rain/, /p/12.html]") }),
        ("permalink", { addKey($0, "permalink: /2015/08/24/old-rain.html") }),
        ("redirect_from", { addKey($0, "redirect_from: /old/rain.html") }),
        ("params", { addKey($0, "desk: المحليات") }),
        ("shortcodes", { $0 + "\n{{< youtube 7f1-z-WXWyw >}}\n\n{{< figure src=\"/photos/rain.jpg\" caption=\"المطر\" >}}\n{% include note.html %}\n\n[المخازن]({{< relref \"beirut-storage.md\" >}})\n" }),
        ("body", { $0 + "\nفقرة أضيفت بعد النشر.\n" }),
    ]

    /// One change per `nashra.yaml` key.
    static let configChanges: [(key: String, change: @Sendable (String) -> String)] = [
        ("title", { $0.replacingOccurrences(of: "title: نشرة الاختبار", with: "title: نشرة أخرى") }),
        ("description", { $0 + "description: أخبار الاختبار\n" }),
        ("baseURL", { $0.replacingOccurrences(of: "baseURL: https://news.example/news/", with: "baseURL: https://other.example/") }),
        ("language", { $0.replacingOccurrences(of: "language: ar", with: "language: fa") }),
        ("timezone", { $0.replacingOccurrences(of: "timezone: Asia/Damascus", with: "timezone: Africa/Cairo") }),
        ("theme", { $0 + "theme: default\n" }),
        ("paginate", { $0.replacingOccurrences(of: "paginate: 2", with: "paginate: 3") }),
        ("permalink", { $0 + "permalink: /:year/:month/:day/:slug/\n" }),
        ("dates", { $0.replacingOccurrences(of: "months: levantine", with: "months: egyptian") }),
        ("markdown", { $0 + "markdown: { unsafeHTML: true }\n" }),
        ("footer", { $0 + "footer: [{ name: عن الموقع, url: /about/ }]\n" }),
        ("menus", { $0 + "menus: { header: [{ name: الطقس, url: /news/tags/طقس/ }], footer: [{ name: عن الموقع, url: /about/ }] }\n" }),
        ("feeds", { $0 + "feeds: { limit: 1, terms: { content: full, formats: [rss] } }\n" }),
        ("publisher", { $0 + "publisher: { name: وكالة نشرة, logo: /logo.png }\n" }),
        ("deploy", { $0 + "deploy: { targets: { www: /tmp/nowhere } }\n" }),
        ("limits", { $0 + "limits: { fileSize: 4MiB }\n" }),
        ("import", { $0 + "import: { boilerplate: [\"^تابعونا\"] }\n" }),
        ("taxonomies", { $0 + "taxonomies: [tags, locations, categories]\n" }),
        ("gazetteer", { $0 + "gazetteer: true\n" }),
        ("search", { $0 + "search: { exclude: [\"bulletins/aleppo-*\"] }\n" }),
        ("images", { $0 + "images: { maxPixels: 1000000 }\n" }),
        // The fixture's English bulletin moves to the English edition, at /news/en/.
        ("languages", { $0 + "languages: [ar, en]\n" }),
    ]

    /// One change per key of a standing page (`content/pages/contact.md` of `pages-sections`, in
    /// the footer menu by its front matter).
    static let pageChanges: [(key: String, change: @Sendable (String) -> String)] = [
        ("title", { $0.replacingOccurrences(of: "title: اتصل بنا", with: "title: راسلونا") }),
        ("slug", { addKey($0, "slug: write-to-us") }),
        ("description", { addKey($0, "description: كيف تراسلوننا.") }),
        ("menu", { $0.replacingOccurrences(of: "menu: {menu: footer, weight: 2}", with: "menu: header") }),
        ("type", { addKey($0, "type: page") }),
        ("lang", { addKey($0, "lang: en") }),
        ("dir", { addKey($0, "dir: ltr") }),
        ("draft", { addKey($0, "draft: true") }),
        ("url", { addKey($0, "url: /contact-us.html") }),
        ("translationKey", { addKey($0, "translationKey: contact") }),
        ("body", { $0 + "\nفقرة جديدة.\n" }),
    ]

    /// One change per key of a section's `_index.md` (`content/رياضة/_index.md` of `pages-sections`).
    static let sectionChanges: [(key: String, change: @Sendable (String) -> String)] = [
        ("title", { $0.replacingOccurrences(of: "title: رياضة", with: "title: الرياضة") }),
        ("description", { $0.replacingOccurrences(of: "description: نتائج المباريات وأخبار الأندية.", with: "description: كل المباريات.") }),
        ("menu", { addKey($0, "menu: {menu: footer, weight: 3}") }),
    ]

    static func addKey(_ text: String, _ line: String) -> String {
        // After the opening `---`, so it stays inside the front matter.
        "---\n" + line + "\n" + text.dropFirst(4)
    }

    @Test func theTablesCoverEveryKeyTheReadersAccept() {
        #expect(Set(Self.bulletinChanges.map(\.key)) == Bulletin.knownKeys.union(["params", "body", "shortcodes"]))
        #expect(Set(Self.configChanges.map(\.key)) == Set(SiteConfig.knownKeys))
        #expect(Set(Self.pageChanges.map(\.key)) == StandingPage.knownKeys.union(["body"]))
        #expect(Set(Self.sectionChanges.map(\.key)) == SectionIndex.knownKeys)
    }

    @Test(arguments: pageChanges.map(\.key))
    func changingAPageKeyRebuildsWhatAFreshBuildWould(_ key: String) throws {
        try walk("content/pages/contact.md", key: key, change: try #require(Self.pageChanges.first { $0.key == key }?.change))
    }

    @Test(arguments: sectionChanges.map(\.key))
    func changingASectionKeyRebuildsWhatAFreshBuildWould(_ key: String) throws {
        try walk("content/رياضة/_index.md", key: key, change: try #require(Self.sectionChanges.first { $0.key == key }?.change))
    }

    private func walk(_ path: String, key: String, change: (String) -> String) throws {
        let newsroom = try Newsroom(copying: "pages-sections", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let before = try String(contentsOf: newsroom.site.appendingPathComponent(path), encoding: .utf8)
        try newsroom.edit(path, change)
        try #require(before != (try String(contentsOf: newsroom.site.appendingPathComponent(path), encoding: .utf8)), "'\(key)' changed nothing")
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("\(path) \(key)")
        try expectABodyEditAfter(newsroom, "\(path) \(key)", bulletin: "content/bulletins/market.md")
    }

    /// After any change, the next build after a body edit takes the plan the change's build
    /// saved (`StoredPlan`), and its output is still a clean build's.
    private func expectABodyEditAfter(_ newsroom: Newsroom, _ what: String, bulletin: String = "content/bulletins/damascus-wheat.md") throws {
        try newsroom.edit(bulletin) { $0 + "\nسطر بعد التغيير.\n" }
        #expect(try newsroom.build().planFromCache, "\(what)")
        try newsroom.expectSameAsCleanBuild("\(what), then a body edit")
    }

    @Test(arguments: bulletinChanges.map(\.key))
    func changingABulletinKeyRebuildsWhatAFreshBuildWould(_ key: String) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let change = try #require(Self.bulletinChanges.first { $0.key == key }?.change)
        let before = try String(contentsOf: newsroom.site.appendingPathComponent(Self.bulletin), encoding: .utf8)
        try newsroom.edit(Self.bulletin, change)
        let after = try String(contentsOf: newsroom.site.appendingPathComponent(Self.bulletin), encoding: .utf8)
        try #require(before != after, "the change for '\(key)' did not change the file")
        let report = try newsroom.build()
        if key == "body" { #expect(report.planFromCache, "a body edit takes the stored plan") }
        try newsroom.expectSameAsCleanBuild(key)
        try expectABodyEditAfter(newsroom, key)
    }

    @Test(arguments: configChanges.map(\.key))
    func changingAConfigKeyRebuildsWhatAFreshBuildWould(_ key: String) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let change = try #require(Self.configChanges.first { $0.key == key }?.change)
        let before = try String(contentsOf: newsroom.site.appendingPathComponent("nashra.yaml"), encoding: .utf8)
        try newsroom.edit("nashra.yaml", change)
        let after = try String(contentsOf: newsroom.site.appendingPathComponent("nashra.yaml"), encoding: .utf8)
        try #require(before != after, "the change for '\(key)' did not change nashra.yaml")
        #expect(!(try newsroom.build().planFromCache), "\(key)")
        try newsroom.expectSameAsCleanBuild(key)
        try expectABodyEditAfter(newsroom, key)
    }

    /// What a page shows can come from other bulletins than the ones it lists: a Latin tag on an
    /// Arabic page is marked with the language of the newest bulletin of that direction using it.
    /// Retagging that bulletin's language must re-render every page the chip appears on.
    @Test func aTermsLanguageFollowsTheBulletinsItIsTakenFrom() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        try newsroom.edit(Self.bulletin) { $0.replacingOccurrences(of: "tags: [طقس, مياه]", with: "tags: [طقس, مياه, energy]") }
        _ = try newsroom.build()
        let tagPage = newsroom.output.appendingPathComponent("tags/طقس/index.html")
        #expect(try String(contentsOf: tagPage, encoding: .utf8).contains("lang=\"en\" dir=\"ltr\">energy<"))
        try newsroom.edit("content/bulletins/beirut-storage.md") { $0.replacingOccurrences(of: "lang: en", with: "lang: en-GB") }
        _ = try newsroom.build()
        #expect(try String(contentsOf: tagPage, encoding: .utf8).contains("lang=\"en-GB\" dir=\"ltr\">energy<"))
        try newsroom.expectSameAsCleanBuild("term language")
    }
}
