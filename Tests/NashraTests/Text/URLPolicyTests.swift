import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The one URL policy, row by row, and every place front matter and nashra.yaml hand it a URL.
@Suite struct URLPolicyTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var url: String
        var use: URLPolicy.Use
        /// The URL as written, or the start of the refusal's message.
        var accepted: String?
        var refusal: String?
        var testDescription: String { "\(use) \(url.debugDescription)" }

        static func accepts(_ url: String, as use: URLPolicy.Use, giving accepted: String? = nil) -> Row {
            Row(url: url, use: use, accepted: accepted ?? url)
        }
        static func refuses(_ url: String, as use: URLPolicy.Use, _ refusal: String) -> Row {
            Row(url: url, use: use, refusal: refusal)
        }
    }

    static let rows: [Row] = [
        .accepts("https://wire.example/images/grid.jpg", as: .image),
        .accepts("http://wire.example/a.png", as: .image),
        .accepts("/images/حلب.jpg", as: .image),
        .accepts("images/a:b.jpg", as: .image),
        .accepts("  /images/rain.jpg ", as: .image, giving: "/images/rain.jpg"),
        .accepts("HTTPS://wire.example/a.png", as: .image),
        .accepts("mailto:desk@wire.example", as: .link),
        .accepts("#top", as: .link),
        .accepts("?page=2", as: .link),
        .accepts("../about/", as: .link),
        .accepts("https://news.example/ar/", as: .siteAddress),
        .refuses("javascript:alert(4)", as: .image, "is a javascript: URL, which runs code"),
        .refuses("javascript:alert(4)", as: .link, "is a javascript: URL, which runs code"),
        .refuses("JaVaScRiPt:alert(4)", as: .link, "is a javascript: URL"),
        .refuses("  javascript:alert(4)", as: .link, "is a javascript: URL"),
        .refuses("\u{01}\u{1B} javascript:alert(4)", as: .link, "is a javascript: URL"),
        .refuses("java\tscript:alert(4)", as: .link, "is a javascript: URL"),
        .refuses("java\nscr\ript:alert(4)", as: .image, "is a javascript: URL"),
        .refuses("vbscript:msgbox(1)", as: .link, "is a vbscript: URL"),
        .refuses("data:text/html;base64,PHNjcmlwdD4=", as: .link, "is a data: URL, which is not published"),
        .refuses("data:image/png;base64,iVBORw0KGgo=", as: .image, "is a data: URL, which is not published"),
        .refuses("javascript:alert(4)", as: .siteAddress, "is a javascript: URL"),
        .refuses("mailto:desk@wire.example", as: .image, "is a mailto: URL; use http:, https: or a path"),
        .refuses("file:///etc/passwd", as: .link, "is a file: URL; use http:, https:, mailto: or a path"),
        .refuses("c:/photos/a.jpg", as: .image, "is a c: URL"),
        .refuses("//cdn.example/a.jpg", as: .image, "has no scheme; write https://cdn.example/a.jpg"),
        .refuses("\\\\cdn.example/a.jpg", as: .image, "has no scheme"),
        .refuses("https://wire.example/a\tb.jpg", as: .image, "holds a tab, line break or control character"),
        .refuses("/images/a\u{01}.jpg", as: .image, "holds a tab, line break or control character"),
        .refuses("/news/", as: .siteAddress, "must be an absolute http(s) URL"),
        .refuses("ftp://x.example/", as: .siteAddress, "must be an absolute http(s) URL"),
        .refuses("https:///path", as: .siteAddress, "must be an absolute http(s) URL"),
    ]

    @Test(arguments: rows)
    func policy(_ row: Row) {
        switch URLPolicy.check(row.url, as: row.use) {
        case .success(let url):
            #expect(url == row.accepted, "accepted as \(url.debugDescription)")
        case .failure(let refusal):
            #expect(row.refusal.map(refusal.message.hasPrefix) == true, "refused: \(refusal.message)")
        }
    }

    // MARK: Where URLs are read

    private func bulletinProblems(_ frontMatter: String) -> [Diagnostic] {
        let source = SourceFile(relativePath: "bulletins/x.md", displayPath: "content/bulletins/x.md",
                                absolutePath: "/site/content/bulletins/x.md", contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "UTC")!)
        if case .failure(let failure) = Bulletin.parse(text: "---\n" + frontMatter + "---\nنص.\n", source: source, reading: reading) {
            return failure.diagnostics
        }
        return []
    }

    @Test func aBulletinImageIsRefusedAtItsPosition() throws {
        let found = bulletinProblems("title: خبر\ndate: 2026-11-20\nimage: \"javascript:alert(4)\"\n")
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.description.hasPrefix(
            "content/bulletins/x.md:4:8: 'image' is a javascript: URL, which runs code in the reader's browser; give an https:// address"))
    }

    @Test func aBulletinImageMadeOfEscapesIsRefusedToo() throws {
        // "\t" and "\x01" are YAML escapes: the text Yams gives is TAB j a v a … and a control byte.
        let found = bulletinProblems("title: خبر\ndate: 2026-11-20\nimage: \"\\x01\\tjava\\tscript:alert(4)\"\n")
        #expect(found.map(\.description) == [
            "content/bulletins/x.md:4:8: 'image' is a javascript: URL, which runs code in the reader's browser; give an https:// address or a path within the site",
        ])
    }

    @Test func anAcceptedImageReachesTheBulletin() throws {
        let source = SourceFile(relativePath: "x.md", displayPath: "x.md", absolutePath: "/x.md", contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "UTC")!)
        let bulletin = try Bulletin.parse(text: "---\ntitle: خبر\ndate: 2026-11-20\nimage: ' /images/a.jpg '\n---\n", source: source, reading: reading).get()
        #expect(bulletin.image?.src == "/images/a.jpg")
    }

    @Test(arguments: [
        ("footer:\n  - name: عن\n    url: \"javascript:alert(1)\"\n", "3:10", "'footer.url' is a javascript: URL"),
        ("footer:\n  - name: بريد\n    url: vbscript:x\n", "3:10", "'footer.url' is a vbscript: URL"),
        ("publisher:\n  logo: \"data:image/svg+xml,<svg onload=alert(1)>\"\n", "2:9", "'publisher.logo' is a data: URL"),
        ("publisher:\n  logo: mailto:x@y.example\n", "2:9", "'publisher.logo' is a mailto: URL"),
        ("baseURL: \"javascript://news.example/%0aalert(1)\"\n", "1:10", "'baseURL' is a javascript: URL"),
    ])
    func aSettingIsRefusedAtItsPosition(_ yaml: String, _ position: String, _ message: String) throws {
        guard case .failure(let failure) = SiteConfig.parse(yaml, path: "nashra.yaml") else {
            Issue.record("accepted: \(yaml)")
            return
        }
        #expect(failure.diagnostics.count == 1)
        let problem = try #require(failure.diagnostics.first)
        #expect(problem.description.hasPrefix("nashra.yaml:\(position): \(message)"), "\(problem)")
    }

    @Test func acceptedSettingsKeepTheirURLs() throws {
        let config = try SiteConfig.parse("""
            baseURL: https://wire.example/ar
            footer:
              - name: عن
                url: /about/
              - name: بريد
                url: mailto:desk@wire.example
            publisher:
              logo: /logo.png
            """, path: "nashra.yaml").get()
        #expect(config.baseURL == "https://wire.example/ar/")
        #expect(config.footer.map(\.url) == ["/about/", "mailto:desk@wire.example"])
        #expect(config.publisherLogo == "/logo.png")
    }
}
