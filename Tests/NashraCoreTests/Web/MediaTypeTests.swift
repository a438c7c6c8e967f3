import Testing
import NashraCore

/// The one table the preview server and every deploy target use.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("tags/اقتصاد/index.html", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("index.xml", "application/xml; charset=utf-8"),
        ("feed.atom", "application/atom+xml; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("events.ics", "text/calendar; charset=utf-8"),
        ("captions.vtt", "text/vtt; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("photo.JPG", "image/jpeg"),
        ("خريطة.png", "image/png"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("naskh.woff2", "font/woff2"), ("naskh.woff", "font/woff"), ("naskh.ttf", "font/ttf"), ("naskh.otf", "font/otf"),
        ("report.pdf", "application/pdf"),
        ("archive.zip", "application/zip"),
        ("bulletin.wav", "audio/wav"),
        ("CNAME", "application/octet-stream"),
        (".hidden", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ])
    func types(_ path: String, _ expected: String) {
        #expect(MediaType.of(path) == expected)
    }

    @Test func htmlIsRecognisedWithItsParameters() {
        #expect(MediaType.isHTML(MediaType.of("a/index.html")))
        #expect(!MediaType.isHTML(MediaType.of("a/feed.xml")))
    }
}
