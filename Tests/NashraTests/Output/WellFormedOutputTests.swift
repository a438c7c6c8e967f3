import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Nashra

/// What a build writes stays clean and well-formed whatever characters the newsroom's text holds.
@Suite struct WellFormedOutputTests {
    static let now = Date(timeIntervalSince1970: 1_795_165_200)  // 2026-11-20 09:00 UTC

    @Test func feedsAndSitemapsStayWellFormedWithNonCharacters() throws {
        // U+FFFE and U+FFFF are valid UTF-8 but not XML; the body holds them raw, with a lone
        // control byte, and the title through YAML escapes.
        let site = try ScratchSite([
            "nashra.yaml": "baseURL: https://wire.example/\n",
            "content/bulletins/noncharacters.md": """
                ---
                title: "عنوان\\uFFFE مع\\uFFFF رموز"
                date: 2026-11-20 08:00
                tags: [طقس]
                ---

                فقرة\u{FFFE} أولى\u{FFFF} فيها\u{01} رموز \u{FEFB} تُقرأ.

                """,
        ], now: Self.now)
        let xmlFiles = site.files.filter { $0.hasSuffix(".xml") }
        // index.xml and atom.xml for the site and the tag, sitemap.xml and news-sitemap.xml.
        #expect(xmlFiles.count == 6, "\(xmlFiles)")
        for path in xmlFiles {
            let parser = try #require(XMLParser(contentsOf: site.output.appendingPathComponent(path)))
            #expect(parser.parse(), "\(path): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
        let rss = try site.text("index.xml")
        #expect(rss.contains("<title>عنوان مع رموز</title>"))
        // U+FEFB, an Arabic presentation form (EF BB BB), starts with the same byte and is kept.
        #expect(rss.contains("فقرة أولى فيها رموز \u{FEFB} تُقرأ."))
        let news = try XMLElements(site.output.appendingPathComponent("news-sitemap.xml"))
        #expect(news.texts("news:title") == ["عنوان مع رموز"])
        for path in site.files.filter({ $0.hasSuffix(".json") }) {
            #expect((try? JSONSerialization.jsonObject(with: site.bytes(path))) != nil, "\(path) is not JSON")
        }
    }
}
