import Foundation
import Testing
@testable import Nashra
import NashraCore

@Suite struct PermalinkTests {
    @Test(arguments: [
        ("/", "index.html"),
        ("/tags/", "tags/index.html"),
        ("/page/2/", "page/2/index.html"),
        ("/2026/11/أمطار-حلب/", "2026/11/أمطار-حلب/index.html"),
        ("/404.html", "404.html"),
        ("/feed.xml", "feed.xml"),
    ])
    func outputPath(_ path: String, _ expected: String) {
        #expect(Permalink(path).outputPath == expected)
    }

    @Test func pathIsNFC() {
        // ا + hamza above is stored as أ, so one name never gives two folders on disk.
        let permalink = Permalink("/tags/\u{0627}\u{0654}\u{0645}\u{0644}/")
        #expect(Array(permalink.path.unicodeScalars) == Array("/tags/\u{0623}\u{0645}\u{0644}/".unicodeScalars))
    }

    @Test(arguments: [
        ("/", "/", "/"),
        ("/", "/news/", "/news/"),
        ("/tags/", "/news/", "/news/tags/"),
        ("/2026/11/حلب/", "/", "/2026/11/%D8%AD%D9%84%D8%A8/"),
        ("/tags/أمطار-حلب/", "/news/", "/news/tags/%D8%A3%D9%85%D8%B7%D8%A7%D8%B1-%D8%AD%D9%84%D8%A8/"),
        ("/404.html", "/news/", "/news/404.html"),
        ("/a-b_c.d~e/", "/", "/a-b_c.d~e/"),
        ("/a b/", "/", "/a%20b/"),
        ("/أخبار-😀-2026/", "/", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1-%F0%9F%98%80-2026/"),
        ("/?#%&\"<>/", "/", "/%3F%23%25%26%22%3C%3E/"),
        // The root is encoded like the rest.
        ("/tags/", "/أخبار/", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/tags/"),
    ])
    func href(_ path: String, _ root: String, _ expected: String) {
        #expect(Permalink(path).href(root: root) == expected)
        // One that encodes only when linked links the same.
        #expect(Permalink.encodingWhenLinked(Permalink(path).path).href(root: root) == expected)
    }

    @Test func aNinjsDocumentLinksAsItsPathEncoded() {
        let page = Permalink("/2026/11/أمطار-حلب/"), file = Permalink("/2016/old.html")
        #expect(page.ninjs == Permalink("/2026/11/أمطار-حلب/ninjs.json"))
        #expect(page.ninjs.href(root: "/news/") == "/news/2026/11/%D8%A3%D9%85%D8%B7%D8%A7%D8%B1-%D8%AD%D9%84%D8%A8/ninjs.json")
        #expect(page.ninjs.outputPath == "2026/11/أمطار-حلب/ninjs.json")
        #expect(file.ninjs.href(root: "/") == "/2016/old.html.ninjs.json")
    }

    @Test func paginated() {
        let term = Permalink("/tags/حلب/")
        #expect(term.paginated(1) == term)
        #expect(term.paginated(0) == term)
        #expect(term.paginated(2).path == "/tags/حلب/page/2/")
        #expect(term.paginated(12).outputPath == "tags/حلب/page/12/index.html")
        #expect(Permalink("/").paginated(3).path == "/page/3/")
        #expect(Permalink("/").paginated(3).href(root: "/news/") == "/news/page/3/")
    }

    @Test(arguments: [
        ("/:year/:month/:slug/", [PermalinkPattern.Segment.year, .month, .slug]),
        (":year/:month/:slug", [.year, .month, .slug]),
        ("/:year/:month/:day/:slug/", [.year, .month, .day, .slug]),
        ("/news/:year/:slug/", [.literal("news"), .year, .slug]),
        ("/أخبار/:slug/", [.literal("أخبار"), .slug]),
        ("/:section/:slug/", [.section, .slug]),
        ("/old_archive/:slug/", [.literal("old_archive"), .slug]),
        ("/:slug/", [.slug]),
    ])
    func parseAccepts(_ text: String, _ segments: [PermalinkPattern.Segment]) throws {
        let pattern = try PermalinkPattern.parse(text).get()
        #expect(pattern.segments == segments)
    }

    @Test func defaultIsYearMonthSlug() throws {
        #expect(try PermalinkPattern.parse("/:year/:month/:slug/").get() == PermalinkPattern.default)
    }

    @Test(arguments: [
        ("/:year/:category/:slug/", "unknown permalink token ':category'; tokens are :year, :month, :day, :slug, :section"),
        ("/:title/", "unknown permalink token ':title'; tokens are :year, :month, :day, :slug, :section"),
        ("/:year/:month/", "'permalink' must contain :slug, or bulletins would share one URL"),
        ("/news/", "'permalink' must contain :slug, or bulletins would share one URL"),
        ("", "'permalink' must contain :slug, or bulletins would share one URL"),
        ("/../:slug/", "permalink part '..' may hold only letters, digits, '-' and '_'"),
        ("/a b/:slug/", "permalink part 'a b' may hold only letters, digits, '-' and '_'"),
        ("/news?x/:slug/", "permalink part 'news?x' may hold only letters, digits, '-' and '_'"),
    ])
    func parseRejects(_ text: String, _ message: String) {
        guard case .failure(let invalid) = PermalinkPattern.parse(text) else {
            Issue.record("'\(text)' must be rejected")
            return
        }
        #expect(invalid.message == message)
    }

    @Test(arguments: [
        ("/:year/:month/:slug/", "bulletins", "/2026/03/أمطار-حلب/"),
        ("/:year/:month/:day/:slug/", "bulletins", "/2026/03/05/أمطار-حلب/"),
        ("/news/:year/:slug/", "bulletins", "/news/2026/أمطار-حلب/"),
        ("/:section/:slug/", "bulletins", "/bulletins/أمطار-حلب/"),
        // A bulletin straight under content/ has no section: the part is left out, not left empty.
        ("/:section/:slug/", "", "/أمطار-حلب/"),
        ("/:slug/", "bulletins", "/أمطار-حلب/"),
    ])
    func expand(_ pattern: String, _ section: String, _ expected: String) throws {
        let pattern = try PermalinkPattern.parse(pattern).get()
        let date = CivilDate(year: 2026, month: 3, day: 5, hour: 23, minute: 59)
        #expect(pattern.expand(date: date, slug: "أمطار-حلب", section: section) == Permalink(expected))
    }

    /// The expansion as it was written with strings, before it was made from bytes: the fast
    /// path must give the same path, byte for byte, for every date, slug and section.
    static func referenceExpansion(_ pattern: PermalinkPattern, date: CivilDate, slug: String, section: String) -> String {
        var path = "/"
        for segment in pattern.segments {
            switch segment {
            case .literal(let text): path += text
            case .year:
                let year = String(date.year)
                path += String(repeating: "0", count: max(0, 4 - year.count)) + year
            case .month: path += date.month < 10 ? "0\(date.month)" : String(date.month)
            case .day: path += date.day < 10 ? "0\(date.day)" : String(date.day)
            case .slug: path += slug
            case .section:
                let slug = Slug.make(section)
                guard !slug.isEmpty else { continue }
                path += slug
            }
            path += "/"
        }
        return path
    }

    @Test func expansionFromBytesIsTheReferenceExpansion() throws {
        let patterns = try ["/:year/:month/:slug/", "/:year/:month/:day/:slug/", "/news/:year/:slug/", "/:section/:slug/",
                            "/أخبار/:section/:day/:slug/", "/:slug/"].map { try PermalinkPattern.parse($0).get() }
        let dates = [(2026, 3, 5), (2026, 11, 30), (1999, 10, 1), (1000, 1, 9), (9999, 12, 31), (999, 2, 10), (5, 9, 9),
                     (0, 1, 1), (12345, 6, 15), (-3, 1, 1), (2026, 0, 0), (2026, 100, 123), (2026, -1, -12)]
        let slugs = ["أمطار-حلب", "rain", "", "a", "😀-خبر-طويل-جدا-يتجاوز-الحد", "2026"]
        let sections = ["bulletins", "", "أخبار محلية", "Sport News"]
        for pattern in patterns {
            for (year, month, day) in dates {
                let date = CivilDate(year: year, month: month, day: day)
                for slug in slugs {
                    for section in sections {
                        let expanded = pattern.expand(date: date, slug: slug, section: section)
                        let reference = Self.referenceExpansion(pattern, date: date, slug: slug, section: section)
                        #expect(Array(expanded.path.utf8) == Array(reference.utf8))
                        #expect(expanded.outputPath == Permalink(normalized: reference).outputPath)
                        #expect(expanded.href(root: "/") == Permalink(normalized: reference).href(root: "/"))
                    }
                }
            }
        }
    }

    /// Every ASCII character, and Arabic, encoded as Foundation encodes a path with only the
    /// unreserved characters and `/` allowed.
    @Test func everyCharacterButUnreservedAndSlashIsPercentEncoded() {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        for value in UInt8(1)..<128 {
            let path = "/a" + String(UnicodeScalar(value)) + "z/"
            #expect(Permalink.percentEncode(path) == path.addingPercentEncoding(withAllowedCharacters: allowed), "byte \(value)")
        }
        for path in ["/2026/11/أمطار-حلب/", "/tags/طقس/page/2/", "/ninjs.json", "/ÿ€𝄞/"] {
            #expect(Permalink.percentEncode(path) == path.addingPercentEncoding(withAllowedCharacters: allowed))
        }
    }
}
