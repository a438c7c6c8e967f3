import Foundation
import Testing
@testable import Nashra

/// Each feed item says its language and direction, read back as feedparser (RSS, Atom) and a JSON
/// parser (JSON Feed) see them: an English bulletin in an Arabic feed, and mixed text isolated.
@Suite struct FeedWriterTests {
    /// One item as a reader sees it.
    struct Item: Decodable, Equatable {
        var title: String
        var language: String?
        var content: String
        var summary: String?
    }

    final class Built: @unchecked Sendable {
        let site: ScratchSite
        init() throws {
            site = try ScratchSite([
                "nashra.yaml": "title: نشرة\nbaseURL: https://wire.example/\nlanguage: ar\n",
                "content/bulletins/solar.md": """
                    ---
                    title: شركة SolarTech تربط 120 MW بالشبكة
                    date: 2026-11-20 08:00
                    summary: قالت SolarTech إن المحطة تعمل
                    ---

                    تعمل المحطة منذ أمس.

                    """,
                "content/bulletins/beirut.md": """
                    ---
                    title: Beirut tests battery storage
                    date: 2026-11-19 08:00
                    lang: en
                    summary: A pilot in Beirut
                    ---

                    A pilot battery system went live.

                    """,
                "content/bulletins/harvest.md": """
                    ---
                    title: موسم القطن في الرقة
                    date: 2026-11-18 08:00
                    ---

                    بدأ موسم القطن.

                    """,
            ], now: Date(timeIntervalSince1970: 1_795_165_200))
        }
    }

    let built: Built
    init() throws { built = try Built() }

    /// What a reader should show, newest first: the body wrapped in the bulletin's direction and
    /// language, a mixed headline and summary in first-strong isolates (U+2068 … U+2069).
    static let expected = [
        Item(title: "\u{2068}شركة SolarTech تربط 120 MW بالشبكة\u{2069}", language: "ar",
             content: "<div dir=\"rtl\" lang=\"ar\">\n<p>تعمل المحطة منذ أمس.</p>\n</div>",
             summary: "\u{2068}قالت SolarTech إن المحطة تعمل\u{2069}"),
        Item(title: "Beirut tests battery storage", language: "en",
             content: "<div dir=\"ltr\" lang=\"en\">\n<p>A pilot battery system went live.</p>\n</div>",
             summary: "A pilot in Beirut"),
        Item(title: "موسم القطن في الرقة", language: "ar",
             content: "<div dir=\"rtl\" lang=\"ar\">\n<p>بدأ موسم القطن.</p>\n</div>",
             summary: "بدأ موسم القطن."),
    ]

    /// Prints one JSON line per item: RSS `dc:language` is feedparser's entry `language`; Atom's
    /// `xml:lang` on the entry is the language of its title and content.
    static let script = """
        import json, sys
        import feedparser
        path = sys.argv[1]
        if path.endswith(".json"):
            for item in json.load(open(path, encoding="utf-8"))["items"]:
                print(json.dumps({"title": item["title"], "language": item.get("language"),
                                  "content": item["content_html"], "summary": item.get("summary")}))
            sys.exit(0)
        parsed = feedparser.parse(path)
        if parsed.bozo:
            sys.exit("not well-formed: %s" % parsed.bozo_exception)
        for entry in parsed.entries:
            if path.endswith("atom.xml"):
                language = entry.content[0].language
                assert entry.title_detail.language == language, entry.title_detail
            else:
                language = entry.get("language")
            print(json.dumps({"title": entry.title, "language": language,
                              "content": entry.content[0].value, "summary": entry.get("summary")}))
        """

    func items(_ path: String) throws -> [Item] {
        let run = try built.site.python(Self.script, [built.site.output.appendingPathComponent(path).path])
        #expect(run.status == 0, "\(run.errors)")
        return try run.output.split(separator: "\n").map { try JSONDecoder().decode(Item.self, from: Data($0.utf8)) }
    }

    @Test(arguments: ["index.xml", "atom.xml", "feed.json"])
    func eachItemCarriesItsLanguageAndDirection(_ path: String) throws {
        #expect(try items(path) == Self.expected)
    }

    @Test func rssItemsDeclareTheirLanguageInDublinCore() throws {
        let rss = try built.site.text("index.xml")
        #expect(rss.contains(#"xmlns:dc="http://purl.org/dc/elements/1.1/""#))
        #expect(rss.contains("<dc:language>en</dc:language>"))
        #expect(rss.contains(#"<content:encoded>&lt;div dir=&quot;ltr&quot; lang=&quot;en&quot;&gt;"#))
        let atom = try built.site.text("atom.xml")
        #expect(atom.contains(#"<entry xml:lang="en">"#))
        #expect(atom.contains(#"<content type="html">&lt;div dir=&quot;rtl&quot; lang=&quot;ar&quot;&gt;"#))
    }
}
