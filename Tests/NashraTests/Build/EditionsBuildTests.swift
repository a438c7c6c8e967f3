import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The `editions` fixture: an Arabic site with an English edition under `/en/`. Each edition has
/// its own home, term pages, feeds and sitemap; every page names its versions (`hreflang`) and the
/// switcher never leads to a missing page.
@Suite struct EditionsBuildTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))
    static let origin = "https://editions.example"

    func build() throws -> URL {
        let output = Fixtures.scratch().appendingPathComponent("site")
        var options = BuildOptions(siteFolder: Fixtures.site("editions"), outputFolder: output, rules: Self.rules, displayPrefix: "editions")
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        _ = try Builder.build(options)
        return output
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ output: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    @Test func eachEditionHasItsOwnHomeFeedsAndSitemap() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let home = try page(output, "index.html")
        let english = try page(output, "en/index.html")
        #expect(home.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(english.contains(#"<html lang="en" dir="ltr">"#))
        #expect(english.contains("Editions Daily"))
        #expect(english.contains("Damascus bakeries extend their hours") && !english.contains("أفران دمشق"))
        #expect(home.contains("أفران دمشق") && !home.contains("Damascus bakeries"))
        // The theme's fixed strings in the edition's language.
        #expect(english.contains(">Home<") && english.contains(">Archive<"))
        // Feeds: each edition's own bulletins, under its prefix.
        let feed = try page(output, "en/index.xml")
        #expect(feed.contains("Port of Beirut receives") && !feed.contains("مرفأ بيروت"))
        #expect(feed.contains("\(Self.origin)/en/"))
        #expect(!(try page(output, "index.xml")).contains("Port of Beirut"))
        // Sitemaps: each edition's pages, with their alternates; robots.txt names both.
        let sitemap = try page(output, "sitemap.xml")
        let englishSitemap = try page(output, "en/sitemap.xml")
        #expect(!sitemap.contains("\(Self.origin)/en/2026/") || sitemap.contains("<xhtml:link"))
        #expect(englishSitemap.contains("<loc>\(Self.origin)/en/</loc>"))
        #expect(!englishSitemap.contains("<loc>\(Self.origin)/</loc>"))
        #expect(sitemap.contains(#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#))
        #expect(sitemap.contains(#"<xhtml:link rel="alternate" hreflang="en" href="\#(Self.origin)/en/"/>"#))
        #expect(englishSitemap.contains(#"<xhtml:link rel="alternate" hreflang="ar" href="\#(Self.origin)/"/>"#))
        let robots = try page(output, "robots.txt")
        #expect(robots.contains("Sitemap: \(Self.origin)/en/sitemap.xml"))
        // One 404 and one robots.txt, at the root.
        #expect(!exists(output, "en/404.html") && !exists(output, "en/robots.txt"))
        // Archives and the about page in each edition.
        #expect(exists(output, "en/archive/index.html") && exists(output, "en/about/index.html") && exists(output, "about/index.html"))
    }

    @Test func placesAndTagsAreNamedInTheEditionsLanguage() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let damascus = try page(output, "en/locations/damascus/index.html")
        #expect(damascus.contains("Damascus bakeries extend their hours"))
        #expect(damascus.contains(#"<link rel="alternate" hreflang="ar" href="\#(Self.origin)/locations/\#(Permalink.percentEncode("دمشق"))/">"#))
        let arabic = try page(output, "locations/دمشق/index.html")
        #expect(arabic.contains(#"<link rel="alternate" hreflang="en" href="\#(Self.origin)/en/locations/damascus/">"#))
        #expect(exists(output, "en/tags/economy/index.html") && exists(output, "tags/اقتصاد/index.html"))
        #expect(!exists(output, "en/locations/دمشق/index.html"))
    }

    /// Reads every page's `hreflang` links: each target exists and links back to the page.
    @Test func everyAlternateExistsAndLinksBack() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let pattern = try Regex(#"<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">"#)
        func alternates(_ html: String) -> [(String, String)] {
            html.matches(of: pattern).map { (String($0.output[1].substring ?? ""), String($0.output[2].substring ?? "")) }
        }
        func file(of url: String) -> String? {
            guard url.hasPrefix(Self.origin) else { return nil }
            var path = String(url.dropFirst(Self.origin.count + 1)).removingPercentEncoding ?? ""
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            return path
        }
        var checked = 0
        for path in try FileManager.default.subpathsOfDirectory(atPath: output.path) where path.hasSuffix(".html") {
            let html = try page(output, path)
            let links = alternates(html)
            guard !links.isEmpty else { continue }
            let own = try #require(links.first { file(of: $0.1) == path }, "\(path) does not list itself")
            #expect(links.contains { $0.0 == "x-default" }, "\(path) has no x-default")
            for (language, url) in links where language != "x-default" {
                let target = try #require(file(of: url), "\(path): \(url) is not on the site")
                #expect(exists(output, target), "\(path): \(url) does not exist")
                guard exists(output, target) else { continue }
                let back = alternates(try page(output, target))
                #expect(back.contains { $0.0 == own.0 && $0.1 == own.1 }, "\(target) does not link back to \(path)")
                checked += 1
            }
        }
        // The homes, archives, both stories, the about page, places and tags at least.
        #expect(checked > 20)
    }

    @Test func aPageWithoutATranslationSwitchesToTheOtherHome() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let html = try page(output, "2026/11/aleppo-rain/index.html")
        #expect(!html.contains("hreflang=\"en\" href"), "no English version to announce")
        #expect(html.contains(#"<a href="\#(Self.origin)/en/" lang="en" dir="ltr" hreflang="en">English</a>"#))
        // A translated story's switcher leads to its translation.
        let port = try page(output, "2026/11/beirut-port/index.html")
        #expect(port.contains(#"<a href="\#(Self.origin)/en/2026/11/port-of-beirut/" lang="en" dir="ltr" hreflang="en">English</a>"#))
        #expect(port.contains(#"<link rel="alternate" hreflang="en" href="\#(Self.origin)/en/2026/11/port-of-beirut/">"#))
    }

    @Test func twoBulletinsOfOneLanguageWithOneTranslationKeyAreAnErrorAtBoth() throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        try Data("""
        ---
        title: Beirut port again
        date: 2026-11-19 12:00
        translationKey: beirut-port
        ---

        Another version.
        """.utf8).write(to: newsroom.site.appendingPathComponent("content/en/bulletins/port-again.md"))
        var messages: [String] = []
        do {
            _ = try newsroom.build()
        } catch {
            messages = ((error as? Diagnostics)?.diagnostics ?? []).map(\.description)
        }
        #expect(messages.contains { $0.hasPrefix("content/en/bulletins/port-again.md:4:17: 'translationKey: beirut-port' is also given by") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/en/bulletins/port-of-beirut.md:6:17: 'translationKey: beirut-port' is also given by") }, "\(messages)")
    }

    @Test func checkReportsATranslationWhoseOriginalWasDeleted() throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent("content/bulletins/beirut-port.md"))
        let report = SiteCheck.run(BuildOptions(siteFolder: newsroom.site, rules: Self.rules))
        let finding = try #require(report.findings.first { $0.diagnostic.message.contains("translationKey: beirut-port") })
        #expect(finding.diagnostic.severity == .warning)
        #expect(finding.diagnostic.description.hasPrefix("content/en/bulletins/port-of-beirut.md:6:17: "), "\(finding.diagnostic)")
    }

    /// A translation's change re-renders its partner's alternates: incremental equals clean.
    @Test(arguments: ["title", "translationKey", "lang", "delete", "add", "languages"])
    func changingATranslationRebuildsWhatAFreshBuildWould(_ change: String) throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let english = "content/en/bulletins/port-of-beirut.md"
        switch change {
        case "title": try newsroom.edit(english) { $0.replacingOccurrences(of: "its first large", with: "a first large") }
        case "translationKey": try newsroom.edit(english) { $0.replacingOccurrences(of: "translationKey: beirut-port", with: "translationKey: port") }
        // The Arabic bulletin in English: it moves to the English edition, and its page to /en/.
        case "lang": try newsroom.edit("content/bulletins/aleppo-rain.md") { "---\nlang: en\n" + $0.dropFirst(4) }
        case "delete": try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent(english))
        case "add":
            try Data("---\ntitle: Heavy rain in Aleppo\ndate: 2026-11-15 08:00\nlocation: Aleppo\n---\n\nRain.\n".utf8)
                .write(to: newsroom.site.appendingPathComponent("content/en/bulletins/aleppo-rain.md"))
        default: try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "title: Editions Daily", with: "title: Editions Weekly\n    name: EN") }
        }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild(change)
    }
}
