import Foundation
import Testing
@testable import Nashra

/// Each part of a page is marked with the language it is written in (WCAG "language of parts"):
/// term names by their own script, an English bulletin's byline words in English, list entries with
/// their bulletin's language. Checked line by line on pages built from `language-of-parts`.
@Suite struct LanguageOfPartsTests {
    let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func build() throws -> URL {
        let output = Fixtures.scratch().appendingPathComponent("site")
        var options = BuildOptions(siteFolder: Fixtures.site("language-of-parts"), outputFolder: output, rules: rules,
                                   displayPrefix: "language-of-parts")
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        _ = try Builder.build(options)
        return output
    }

    /// The lines of a built page, each without its indentation.
    func lines(_ output: URL, _ path: String) throws -> [String] {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func anEnglishBulletinMarksEachPartWithItsOwnLanguage() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let page = try lines(output, "2026/10/beirut-battery/index.html")
        let expected = [
            #"<html lang="en" dir="ltr">"#,
            #"<p class="urgent-line"><span class="badge urgent" lang="en" dir="ltr">Urgent</span></p>"#,
            #"<p class="dateline"><bdi lang="en" dir="ltr">Beirut</bdi></p>"#,
            #"<span class="updated"><span lang="en" dir="ltr">Updated</span> <bdi><time datetime="2026-10-11T09:00:00+03:00">11 October 2026, 09:00</time></bdi></span>"#,
            #"<span class="author"><span lang="en" dir="ltr">By</span> <bdi>Karim Haddad</bdi></span>"#,
            #"<li lang="en" dir="ltr"><time datetime="2026-10-11T00:00:00+03:00">11 October 2026</time>: <bdi>An earlier version gave the wrong capacity.</bdi></li>"#,
            #"<li><a class="chip location" href="/locations/beirut/"><bdi lang="en" dir="ltr">Beirut</bdi></a></li>"#,
            #"<li><a class="chip" href="/tags/energy/" rel="tag"><bdi lang="en" dir="ltr">energy</bdi></a></li>"#,
            #"<li><a class="chip" href="/tags/%D8%B7%D8%A7%D9%82%D8%A9/" rel="tag"><bdi lang="ar" dir="rtl">طاقة</bdi></a></li>"#,
            #"<li><a href="/2026/10/homs-solar/" lang="ar" dir="rtl">محطة شمسية جديدة في حمص</a> <bdi class="date" lang="ar" dir="rtl"><time datetime="2026-10-08T00:00:00+03:00">٨ تشرين الأول ٢٠٢٦</time></bdi></li>"#,
            #"<li><a href="/2026/11/amman-fund/" lang="en" dir="ltr">Amman Launches a Fund for Farm Technology</a> <bdi class="date" lang="en" dir="ltr"><time datetime="2026-11-04T00:00:00+03:00">4 November 2026</time></bdi></li>"#,
        ]
        for line in expected { #expect(page.contains(line), "missing: \(line)") }
        // The site's own words around them stay Arabic, and say so.
        #expect(page.contains(#"<aside class="corrections" lang="ar" dir="rtl">"#))
        #expect(page.contains(#"<section class="related" lang="ar" dir="rtl">"#))
        #expect(!page.joined().contains("بقلم"))
    }

    @Test func anArabicBulletinKeepsArabicWordsAndMarksLatinTerms() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let page = try lines(output, "2026/10/homs-solar/index.html")
        let expected = [
            #"<span class="author"><span lang="ar" dir="rtl">بقلم</span> <bdi>سلمى الأحمد</bdi></span>"#,
            #"<li><a class="chip" href="/tags/energy/" rel="tag"><bdi lang="en" dir="ltr">energy</bdi></a></li>"#,
            // Latin letters that no bulletin in a left-to-right language uses: the language is unknown.
            #"<li><a class="chip" href="/tags/solartech/" rel="tag"><bdi lang="" dir="ltr">SolarTech</bdi></a></li>"#,
        ]
        for line in expected { #expect(page.contains(line), "missing: \(line)") }
    }

    @Test func termPagesAndListsMarkTermNames() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        #expect(try lines(output, "tags/energy/index.html").contains(#"<h1 class="page-title"><bdi lang="en" dir="ltr">energy</bdi></h1>"#))
        #expect(try lines(output, "locations/حمص/index.html").contains(#"<h1 class="page-title"><bdi lang="ar" dir="rtl">حمص</bdi></h1>"#))
        let tags = try lines(output, "tags/index.html")
        #expect(tags.contains { $0.hasPrefix(#"<li><a href="/tags/energy/"><bdi lang="en" dir="ltr">energy</bdi></a>"#) })
        #expect(tags.contains { $0.hasPrefix(#"<li><a href="/tags/%D8%B7%D8%A7%D9%82%D8%A9/"><bdi lang="ar" dir="rtl">طاقة</bdi></a>"#) })
        // A list entry of an English bulletin on an Arabic page: the entry carries its language.
        let home = try lines(output, "index.html")
        #expect(home.contains(#"<article class="bulletin-item is-urgent" lang="en" dir="ltr">"#))
        #expect(home.contains { $0.hasPrefix(#"<p class="item-meta"><a class="location" href="/locations/beirut/"><bdi lang="en" dir="ltr">Beirut</bdi></a>"#) })
    }
}

@Suite struct PartLanguageTests {
    @Test(arguments: [
        // name, languages of the bulletins using it (newest first), site language → lang, dir
        ("طاقة", ["en", "ar"], "ar", "ar", TextDirection.rtl),
        ("energy", ["ar", "en"], "ar", "en", .ltr),
        ("energy", ["en-GB"], "ar", "en-GB", .ltr),
        ("SolarTech", ["ar"], "ar", "", .ltr),
        ("SolarTech", ["und"], "ar", "", .ltr),
        ("2026", ["ar"], "ar", "ar", .rtl),
        ("حلب", ["en"], "en", "", .rtl),
        ("حلب", ["en", "fa"], "en", "fa", .rtl),
        ("Aleppo", ["ar"], "en", "en", .ltr),
    ])
    func termNames(name: String, languages: [String], site: String, language: String, direction: TextDirection) {
        #expect(PartLanguage.of(name: name, usedBy: languages, siteLanguage: site) == PartLanguage(language: language, direction: direction))
    }
}
