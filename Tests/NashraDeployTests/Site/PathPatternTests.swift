import Testing
@testable import NashraDeploy

@Suite struct PathPatternTests {
    @Test(arguments: [
        ("*.html", "index.html", true),
        ("*.html", "tags/اقتصاد/index.html", true),
        ("*.html", "style.css", false),
        ("*.{css,js}", "js/app.js", true),
        ("*.{css,js}", "style.css", true),
        ("*.{css,js}", "a.json", false),
        ("tags/*/index.html", "tags/اقتصاد/index.html", true),
        ("tags/*/index.html", "tags/a/b/index.html", false),
        ("tags/**/index.html", "tags/a/b/index.html", true),
        ("tags/**/index.html", "tags/index.html", true),
        ("**/index.xml", "index.xml", true),
        ("**/index.xml", "locations/حلب/index.xml", true),
        ("/static/**", "static/fonts/naskh.woff2", true),
        ("static/**", "media/static/x", false),
        ("?.txt", "a.txt", true),
        ("?.txt", "ab.txt", false),
        ("اقتصاد/*", "اقتصاد/index.html", true),
        ("2026/*/*/index.html", "2026/11/أمطار-حلب/index.html", true),
    ])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(PathPattern(pattern).matches(path) == expected)
    }

    @Test func bracesExpand() {
        #expect(PathPattern.expandBraces("a{b,c}d{e,f}") == ["abde", "abdf", "acde", "acdf"])
        #expect(PathPattern.expandBraces("a{b") == ["a{b"])
    }
}
