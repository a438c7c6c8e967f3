import Testing
@testable import NashraDeploy

@Suite struct ContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("tags/اقتصاد/index.html", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("index.xml", "application/xml; charset=utf-8"),
        ("feed.atom", "application/atom+xml; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("photo.JPG", "image/jpeg"),
        ("naskh.woff2", "font/woff2"),
        ("report.pdf", "application/pdf"),
        ("CNAME", "application/octet-stream"),
        (".hidden", "application/octet-stream"),
    ])
    func types(_ path: String, _ expected: String) {
        #expect(ContentType.of(path) == expected)
    }
}
