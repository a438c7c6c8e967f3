import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Builds fixture sites through the library and reads what was written.
@Suite struct BuilderTests {
    let fileManager = FileManager.default
    /// A fixed "now" (2027-01-15), so that the fixture's 2099 bulletin is in the future and the rest are not.
    let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    /// Builds a fixture in place into a scratch folder, with the cache there too (fixtures stay clean).
    func build(_ fixture: String, rules: PublishingRules? = nil) throws -> (output: URL, report: BuildReport) {
        let output = Fixtures.scratch().appendingPathComponent("site")
        var options = BuildOptions(siteFolder: Fixtures.site(fixture), outputFolder: output,
                                   rules: rules ?? self.rules, displayPrefix: fixture)
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        return (output, try Builder.build(options))
    }

    func options(_ fixture: String, output: URL) -> BuildOptions {
        var options = BuildOptions(siteFolder: Fixtures.site(fixture), outputFolder: output, displayPrefix: fixture)
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        return options
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func buildsEveryKindOfPage() throws {
        let (output, report) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        #expect(report.bulletins == 4)
        for path in ["index.html", "page/2/index.html", "tags/index.html", "locations/index.html", "404.html", "style.css",
                     "tags/طقس/index.html", "tags/اقتصاد/index.html", "locations/حلب/index.html",
                     "2026/11/aleppo-rain/index.html", "2026/11/beirut-storage/index.html"] {
            #expect(fileManager.fileExists(atPath: output.appendingPathComponent(path).path), "missing \(path)")
        }
        // 4 bulletins, 2 per page.
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("page/3/index.html").path))
    }

    @Test func draftsAndFutureBulletinsAreLeftOutUnlessAsked() throws {
        let (output, _) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("2026/11/draft-fares/index.html").path))
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("2099/01/future-plan/index.html").path))
        #expect(try !page(output, "locations/دمشق/index.html").contains("مسودة"))

        var everything = rules
        everything.includeDrafts = true
        everything.includeFuture = true
        let (all, report) = try build("ar-basic", rules: everything)
        defer { try? fileManager.removeItem(at: all.deletingLastPathComponent()) }
        #expect(report.bulletins == 6)
        #expect(fileManager.fileExists(atPath: all.appendingPathComponent("2026/11/draft-fares/index.html").path))
        #expect(fileManager.fileExists(atPath: all.appendingPathComponent("2099/01/future-plan/index.html").path))
    }

    @Test func pagesCarryLanguageDirectionAndArabicDates() throws {
        let (output, _) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let arabic = try page(output, "2026/11/aleppo-rain/index.html")
        #expect(arabic.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(arabic.contains(#"<time datetime="2026-11-20T09:30:00+03:00">٢٠ تشرين الثاني ٢٠٢٦، ٠٩:٣٠</time>"#))
        #expect(arabic.contains(#"<h2 id="الأضرار-في-الأحياء">"#))
        #expect(arabic.contains("عاجل"))

        let english = try page(output, "2026/11/beirut-storage/index.html")
        #expect(english.contains(#"<html lang="en" dir="ltr">"#))
        #expect(english.contains("10 November 2026, 12:00"))
        // The site's own chrome stays Arabic around an English bulletin.
        #expect(english.contains(#"<header class="site-header" lang="ar" dir="rtl">"#))

        // In an Arabic list, the English bulletin's entry is marked as English and isolated.
        let home = try page(output, "page/2/index.html")
        #expect(home.contains(#"lang="en" dir="ltr""#))
        #expect(home.contains("<bdi>Beirut tests battery storage on the grid</bdi>"))
    }

    @Test func linksArePercentEncodedUnderTheSiteRoot() throws {
        let (output, _) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let html = try page(output, "2026/11/aleppo-rain/index.html")
        #expect(html.contains(#"href="/news/locations/%D8%AD%D9%84%D8%A8/""#))
        #expect(html.contains(#"href="/news/style.css""#))
        #expect(!html.contains(#"href="/news/locations/حلب/""#))
    }

    @Test func spellingsOfOneTermMerge() throws {
        let (output, report) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        // حلب and حَلَب are one location; اقتصاد and اقتصـاد one tag.
        #expect(report.locations == 3)
        let aleppo = try page(output, "locations/حلب/index.html")
        #expect(aleppo.contains("أمطار غزيرة في حلب") && aleppo.contains("ليالي القلعة الموسيقية"))
        let economy = try page(output, "tags/اقتصاد/index.html")
        #expect(economy.contains("موسم القمح في ريف دمشق") && economy.contains("Beirut tests battery storage"))
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("locations/حَلَب").path))
    }

    @Test func countsAgreeWithTheirNumberInArabic() throws {
        let (output, _) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let tags = try page(output, "tags/index.html")
        // طقس has two bulletins, اقتصاد two, مياه one; the archive month has four.
        #expect(tags.contains("<bdi>خبران</bdi>") && tags.contains("<bdi>خبر واحد</bdi>"))
        #expect(!tags.contains("٢ خبر"))
        #expect(try page(output, "archive/2026/index.html").contains("<bdi>٤ أخبار</bdi>"))
    }

    @Test func paginationLinksFollowEachOther() throws {
        let (output, _) = try build("ar-basic")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let first = try page(output, "index.html")
        #expect(first.contains(#"href="/news/page/2/" rel="next""#))
        #expect(!first.contains(#"rel="prev""#))
        let second = try page(output, "page/2/index.html")
        #expect(second.contains(#"href="/news/" rel="prev""#))
        #expect(second.contains("الصفحة <bdi>٢</bdi> من <bdi>٢</bdi>"))
    }

    @Test func everyErrorOfABuildIsReported() throws {
        let output = Fixtures.scratch().appendingPathComponent("site")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let error = #expect(throws: Diagnostics.self) {
            var options = options("invalid-front-matter", output: output)
            options.displayPrefix = "invalid-front-matter"
            _ = try Builder.build(options)
        }
        let lines = error?.diagnostics.map(\.description) ?? []
        #expect(lines.count == 4)
        #expect(lines.contains("invalid-front-matter/content/bad-date.md:4:7: 'date' is not a date: expected 2017-10-14, 2017-10-14 09:30 or 2017-10-14T09:30:00+03:00"))
        #expect(lines.contains { $0.hasPrefix("invalid-front-matter/content/not-utf8.md:6:4: file is not UTF-8") })
        #expect(lines.contains { $0.hasPrefix("invalid-front-matter/content/no-title.md:1:1: missing 'title'") })
        #expect(lines.contains { $0.hasPrefix("invalid-front-matter/content/broken-yaml.md:") && $0.contains("invalid YAML") })
        #expect(!fileManager.fileExists(atPath: output.path))
    }

    @Test func templateAndConfigErrorsHaveLocations() throws {
        let output = Fixtures.scratch().appendingPathComponent("site")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let templates = #expect(throws: Diagnostics.self) {
            var options = options("invalid-template", output: output)
            options.displayPrefix = "t"
            _ = try Builder.build(options)
        }
        #expect(templates?.diagnostics.map(\.description) == [
            "t/templates/home.mustache:5:4: unknown template variable 'titel'",
            "t/templates/term.mustache:5:4: template syntax error: this closing tag does not match the open section",
        ])
        let config = #expect(throws: Diagnostics.self) {
            var options = options("invalid-config", output: output)
            options.displayPrefix = "c"
            _ = try Builder.build(options)
        }
        #expect(config?.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["2:1", "3:11", "4:12", "6:11"])
    }

    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let site = root.appendingPathComponent("newsroom")
        try fileManager.copyItem(at: Fixtures.site("ar-basic"), to: site)
        let output = site.appendingPathComponent("site")
        let options = BuildOptions(siteFolder: site, rules: rules)
        _ = try Builder.build(options)
        let before = try snapshot(output)

        Fixtures.write(["content/bulletins/broken.md": "---\ntitle: [\n---\n"], in: site)
        #expect(throws: Diagnostics.self) { _ = try Builder.build(options) }
        #expect(try snapshot(output) == before)
        let leftovers = try fileManager.contentsOfDirectory(atPath: site.path).filter { $0.contains("nashra-") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    /// A build that fails while its pages are written (here a bulletin rewritten meanwhile)
    /// drops every staged file, and the previous site, search index included, stays as it was.
    @Test func aBuildThatFailsWhileRenderingLeavesThePreviousSite() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let site = root.appendingPathComponent("newsroom")
        var files = ["nashra.yaml": "title: نشرة\nlanguage: ar\n"]
        for number in 1...150 {
            let day = String(format: "%02d", number % 28 + 1), month = String(format: "%02d", number % 12 + 1)
            files["content/bulletins/b\(number).md"] = "---\ntitle: خبر رقم \(number)\ndate: 2026-\(month)-\(day)T\(String(format: "%02d", number % 24)):00:00+03:00\n"
                + "location: حلب\ntags: [طقس]\n---\nنص الخبر \(number) عن الأمطار في حلب.\n"
        }
        Fixtures.write(files, in: site)
        let output = site.appendingPathComponent("site")
        _ = try Builder.build(BuildOptions(siteFolder: site, rules: rules))
        let before = try snapshot(output)
        #expect(before.keys.contains("search/manifest.json"))

        // A clean build renders every page, newest bulletin first: the oldest one's page comes
        // after the first progress report (at 250 pages), when its file is rewritten.
        let oldest = site.appendingPathComponent("content/bulletins/b84.md")
        var options = BuildOptions(siteFolder: site, rules: rules, clean: true)
        options.progress = { progress in
            guard progress.stage == "rendering", progress.done == 250 else { return }
            try? "---\ntitle: تغيّر أثناء البناء\n---\nنص آخر\n".write(to: oldest, atomically: true, encoding: .utf8)
        }
        #expect {
            _ = try Builder.build(options)
        } throws: { error in
            (error as? Diagnostics)?.diagnostics.contains { $0.message.contains("changed during the build") } == true
        }
        #expect(try snapshot(output) == before)
        let leftovers = try fileManager.contentsOfDirectory(atPath: site.path).filter { $0.contains("nashra-") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    @Test func aBulletinWhoseURLClashesIsAnError() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write([
            "content/a/same.md": "---\ntitle: أ\ndate: 2026-11-01\n---\n",
            "content/b/same.md": "---\ntitle: ب\ndate: 2026-11-02\n---\n",
        ], in: root)
        let error = #expect(throws: Diagnostics.self) { _ = try Builder.build(BuildOptions(siteFolder: root, rules: rules)) }
        #expect(error?.description.contains("content/a/same.md and content/b/same.md would both be written to 2026/11/same/index.html") == true)
    }

    @Test func aBareContentFolderBuildsWithTheBuiltInTheme() throws {
        let output = Fixtures.scratch().appendingPathComponent("out")
        defer { try? fileManager.removeItem(at: output.deletingLastPathComponent()) }
        let report = try Builder.build(BuildOptions(siteFolder: nil, contentFolder: Fixtures.site("mixed-bidi"),
                                                    outputFolder: output, rules: rules))
        #expect(report.bulletins == 2)
        let html = try page(output, "2026/11/solartech/index.html")
        #expect(html.contains(#"<html lang="ar" dir="rtl">"#))
        // A title that starts with a Latin word but has no lang: its first strong letter decides.
        let iphone = try page(output, "2026/11/iphone/index.html")
        #expect(iphone.contains(#"<html lang="und" dir="ltr">"#))
        // "120 MW" is kept together, left to right, in the headline as lists show it and in the
        // body; the document's <title> keeps the headline as written.
        #expect(try page(output, "index.html").contains("<bdi>شركة SolarTech تنتج \u{2066}120\u{00A0}MW\u{2069} في حمص</bdi>"))
        #expect(html.contains("<title>شركة SolarTech تنتج 120 MW في حمص — "))
        #expect(html.contains("تنتج <span dir=\"ltr\">120\u{00A0}MW</span> منذ"))
        #expect(try page(output, "2026/11/iphone/index.html").contains("<p>وصل iPhone 15 إلى المتاجر.</p>"))
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try fileManager.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            if !fileManager.isDirectory(url) { files[path] = try Data(contentsOf: url) }
        }
        return files
    }
}
