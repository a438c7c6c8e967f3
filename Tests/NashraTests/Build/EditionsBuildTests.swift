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
        try Fixtures.build("editions", rules: Self.rules)
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

    /// The URLs a query finds in an edition's index (`en`), or the default edition's (nil).
    func found(_ query: String, in output: URL, edition: String? = nil) throws -> [String] {
        let reader = try SearchIndexReader(site: edition.map { output.appendingPathComponent($0) } ?? output)
        return try reader.search(query).map { $0.url.removingPercentEncoding ?? $0.url }
    }

    /// Each edition has its own search page and index, of its own bulletins: an English query
    /// finds the English story only, an Arabic one the Arabic story only.
    @Test func eachEditionSearchesItsOwnBulletins() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        #expect(try found("Damascus bakeries", in: output, edition: "en") == ["/en/2026/11/damascus-bread/"])
        // English stemming: "extending" finds "extend".
        #expect(try found("extending", in: output, edition: "en") == ["/en/2026/11/damascus-bread/"])
        #expect(try found("دمشق", in: output, edition: "en").isEmpty)
        #expect(try found("أفران دمشق", in: output) == ["/2026/11/damascus-bread/"])
        #expect(try found("Damascus bakeries", in: output).isEmpty && found("port", in: output).isEmpty)
        #expect(exists(output, "en/search/manifest.json") && exists(output, "search/manifest.json"))
        // The English search page reads the English index, in the English theme strings; every
        // English page's search box submits to it; the two search pages are versions of each other.
        let search = try page(output, "en/search/index.html")
        #expect(search.contains(#"<html lang="en" dir="ltr">"#) && search.contains(#"data-index="/en/search/""#))
        #expect(search.contains(#"data-no-results="No results.""#))
        #expect(try page(output, "en/index.html").contains(#"<form class="site-search" role="search" action="/en/search/""#))
        #expect(try page(output, "index.html").contains(#"<form class="site-search" role="search" action="/search/""#))
        #expect(try page(output, "search/index.html").contains(#"data-index="/search/""#))
        #expect(search.contains(#"<link rel="alternate" hreflang="ar" href="\#(Self.origin)/search/">"#))
    }

    /// `nashra search --edition en` asks the English index; without it, the default edition's.
    @Test func theSearchCommandAsksAnEditionsIndex() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let english = try Fixtures.run(Fixtures.binary, ["search", "port", "--site", output.path, "--edition", "en"])
        #expect(english.status == 0 && english.output.hasSuffix("\t/en/2026/11/port-of-beirut/\n"), "\(english.output)\(english.errors)")
        #expect(english.output.split(separator: "\n").count == 1)
        let arabic = try Fixtures.run(Fixtures.binary, ["search", "مرفأ", "--site", output.path])
        #expect(arabic.status == 0 && arabic.output.split(separator: "\n").count == 1 && arabic.output.contains("beirut-port"), "\(arabic.output)")
        #expect(try Fixtures.run(Fixtures.binary, ["search", "مرفأ", "--site", output.path, "--edition", "/en/"]).output == "no results\n")
        let missing = try Fixtures.run(Fixtures.binary, ["search", "port", "--site", output.path, "--edition", "fr"])
        #expect(missing.status != 0 && missing.errors.contains("fr/search/manifest.json is missing"))
    }

    /// `search: false` turns every edition's search off: no page, no index, no search box.
    @Test func searchOffTurnsEveryEditionsSearchOff() throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        try newsroom.edit("nashra.yaml") { $0 + "search: false\n" }
        _ = try newsroom.build()
        for path in ["search/index.html", "search/manifest.json", "en/search/index.html", "en/search/manifest.json"] {
            #expect(!exists(newsroom.output, path), "\(path)")
        }
        #expect(!(try page(newsroom.output, "en/index.html")).contains("site-search"))
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
    @Test(arguments: ["title", "body", "translationKey", "lang", "delete", "add", "languages"])
    func changingATranslationRebuildsWhatAFreshBuildWould(_ change: String) throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let english = "content/en/bulletins/port-of-beirut.md"
        switch change {
        case "title": try newsroom.edit(english) { $0.replacingOccurrences(of: "its first large", with: "a first large") }
        // A word only the English index has, patched into it.
        case "body": try newsroom.edit(english) { $0 + "Cranes unloaded grain for three days.\n" }
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
        if change == "body" {
            #expect(try found("grain", in: newsroom.output, edition: "en") == ["/en/2026/11/port-of-beirut/"])
            #expect(try found("grain", in: newsroom.output).isEmpty)
        }
        try newsroom.expectSameAsCleanBuild(change)
    }
}
