import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Nashra

/// What a build writes stays clean and well-formed whatever characters the newsroom's text holds.
@Suite struct WellFormedOutputTests {
    static let now = Date(timeIntervalSince1970: 1_795_165_200)  // 2026-11-20 09:00 UTC

    /// C0 controls but tab, line feed and carriage return; DEL; C1 controls (C2 80 … C2 9F).
    static func controlBytes(in data: Data) -> [Int] {
        let bytes = [UInt8](data)
        return bytes.indices.filter { index in
            let byte = bytes[index]
            if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
            if byte == 0x7F { return true }
            return byte == 0xC2 && index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1])
        }
    }

    @Test func controlCharactersFromYAMLEscapesAreWrittenNowhere() throws {
        // Every escape is YAML's, so this Swift text holds backslashes, not the characters.
        let site = try ScratchSite([
            "nashra.yaml": #"""
                title: "نشرة\x01 الأخبار"
                description: "وصف\0 الموقع"
                baseURL: https://wire.example/
                publisher:
                  name: "وكالة\e نشرة"
                footer:
                  - name: "عن\x85 النشرة"
                    url: /about/

                """#,
            "content/bulletins/controls.md": #"""
                ---
                title: "a\0b\x01c\e"
                date: 2026-11-20 10:00
                summary: "ملخص\a فيه\x7f جرس\N و\u009f"
                location: "حلب\x02"
                author: "ليلى\x1f حداد"
                tags: ["طقس\x03", "مياه"]
                corrections: ["تصحيح\x04 أول"]
                note: "param\x05"
                ---

                نص الخبر.

                """#,
        ], now: Self.now)
        let files = site.files
        #expect(files.contains("2026/11/controls/index.html") && files.contains("index.xml") && files.contains("feed.json"))
        for path in files where !Self.isImage(path) {
            #expect(Self.controlBytes(in: try site.bytes(path)).isEmpty, "\(path) holds a control character")
        }
        // The text around them is kept: the page, every feed and the JSON-LD carry the title as "abc".
        let page = try site.text("2026/11/controls/index.html")
        #expect(page.contains("<title>abc"))
        #expect(page.contains("\"headline\": \"abc\""))
        #expect(page.contains("ملخص فيه جرس و"))
        #expect(try site.text("index.xml").contains("<title>abc</title>"))
        #expect(try site.text("atom.xml").contains("<title>abc</title>"))
        #expect(try site.text("feed.json").contains("\"title\": \"abc\""))
        #expect(try site.text("index.html").contains("نشرة الأخبار"))
    }

    /// Raw control bytes typed into a body or a template (not YAML escapes) are dropped too: the
    /// fuzzer found a NUL from a template in every page it rendered.
    /// The theme's icons are binary: their bytes are not text.
    static func isImage(_ path: String) -> Bool {
        [".png", ".ico", ".jpg", ".webp"].contains { path.hasSuffix($0) }
    }

    @Test func rawControlBytesInBodiesAndTemplatesAreWrittenNowhere() throws {
        let site = try ScratchSite([
            "content/bulletins/raw.md": "---\ntitle: خبر\ndate: 2026-11-20 10:00\n---\n\nنص\u{01} الخبر\u{1B} مع\u{7F} محارف.\n",
            "templates/404.mustache": "<p>\u{00}{{site.title}}\u{02}</p>\n",
        ], now: Self.now)
        for path in site.files where !Self.isImage(path) {
            #expect(Self.controlBytes(in: try site.bytes(path)).isEmpty, "\(path) holds a control character")
        }
        #expect(try site.text("2026/11/raw/index.html").contains("نص الخبر مع محارف."))
        #expect(try site.text("404.html").contains("<p>نشرة</p>"))
    }

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
