import Foundation
import Testing
@testable import Nashra

/// What `nashra new` writes must be a site that builds, and bulletins that read back as given.
@Suite struct ScaffoldTests {
    @Test func aNewSiteBuildsWithoutErrors() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site")
        let files = Scaffold.site(title: "نشرة \"الصباح\"")
        Fixtures.write(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.text) }), in: site)
        #expect(files.map(\.path).sorted() == ["content/bulletins/welcome.md", "nashra.yaml"])

        var options = BuildOptions(siteFolder: site, outputFolder: folder.appendingPathComponent("public"),
                                   rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)))
        options.cacheFolder = folder.appendingPathComponent("cache")
        let report = try Builder.build(options)
        #expect(report.bulletins == 1)
        #expect(report.tags == 1 && report.locations == 1)
        let home = try String(contentsOf: folder.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(home.contains("أهلاً بكم في نشرتنا الأولى"))
        #expect(home.contains("نشرة &quot;الصباح&quot;") || home.contains("نشرة \"الصباح\""))
    }

    @Test func aNewBulletinsFrontMatterReadsBackAsGiven() throws {
        var config = SiteConfig()
        config.timeZone = TimeZone(identifier: "Asia/Damascus")!
        // 22:30 UTC on 30 November is already 1 December in Damascus: the folder follows the site's day.
        let date = Date(timeIntervalSince1970: 1_796_077_800)
        let title = "أمطار \"غزيرة\" في حلب: \\ الطرق مغلقة"
        let file = Scaffold.bulletin(title: title, location: "حلب", tags: ["طقس", "أمطار: غزيرة"], agency: "سانا",
                                     date: date, config: config)
        #expect(file.relativePath == "bulletins/2026/12/\(Slug.make(title)).md")

        let source = SourceFile(relativePath: file.relativePath, displayPath: "content/" + file.relativePath,
                                absolutePath: "/site/content/" + file.relativePath, contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: config.timeZone)
        let bulletin = try Bulletin.parse(text: file.text, source: source, reading: reading).get()
        #expect(bulletin.title == title)
        #expect(bulletin.location == "حلب")
        #expect(bulletin.tags == ["طقس", "أمطار: غزيرة"])
        #expect(bulletin.agency == "سانا")
        #expect(bulletin.isDraft, "a new bulletin is a draft until its writer says otherwise")
        #expect(bulletin.date.secondsSinceEpoch == Int64(date.timeIntervalSince1970))
        #expect(bulletin.date.hasTime)
    }

    @Test func aBulletinWithoutLocationOrTagsLeavesThemOut() throws {
        let file = Scaffold.bulletin(title: "!!!", location: nil, tags: [], agency: nil,
                                     date: Date(timeIntervalSince1970: 1_800_000_000), config: SiteConfig())
        #expect(file.relativePath.hasSuffix("/bulletin.md"), "a title with no letters still gets a file name")
        #expect(!file.text.contains("location:") && !file.text.contains("tags:") && !file.text.contains("agency:"))
    }
}
