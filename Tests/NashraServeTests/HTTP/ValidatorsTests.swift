import Foundation
import Testing
@testable import NashraServe

@Suite struct ValidatorsTests {
    let modified = Date(timeIntervalSince1970: 784_111_777.6)   // Sun, 06 Nov 1994 08:49:37.6 GMT

    @Test func httpDatesRoundTrip() {
        #expect(HTTPDate.format(modified) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_803_465_000)) == "Wed, 24 Feb 2027 10:30:00 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse("Sat, 29 Feb 2028 23:59:59 GMT") == Date(timeIntervalSince1970: 1_835_481_599))
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("yesterday") == nil)
    }

    @Test func entityTagsFollowTheBytes() {
        let a = Validators(body: Array("صباح الخير".utf8), lastModified: modified)
        let b = Validators(body: Array("صباح الخير".utf8), lastModified: modified)
        let c = Validators(body: Array("مساء الخير".utf8), lastModified: modified)
        #expect(a.entityTag == b.entityTag)
        #expect(a.entityTag != c.entityTag)
        #expect(a.entityTag.hasPrefix("\"") && a.entityTag.hasSuffix("\""))
    }

    @Test func conditionalRequests() {
        let validators = Validators(body: Array("x".utf8), lastModified: modified)
        let tag = validators.entityTag
        #expect(validators.isNotModified(ifNoneMatch: tag, ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "W/\(tag)", ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "\"other\", \(tag)", ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "*", ifModifiedSince: nil))
        #expect(!validators.isNotModified(ifNoneMatch: "\"other\"", ifModifiedSince: nil))
        // If-None-Match wins over If-Modified-Since.
        #expect(!validators.isNotModified(ifNoneMatch: "\"other\"", ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Mon, 07 Nov 1994 00:00:00 GMT"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Sun, 06 Nov 1994 08:49:36 GMT"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "not a date"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: nil))
    }

    static let types: [(String, String)] = [
        ("index.html", "text/html; charset=utf-8"), ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"), ("feed.xml", "application/xml; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"), ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("naskh.woff2", "font/woff2"), ("naskh.woff", "font/woff"), ("naskh.ttf", "font/ttf"), ("naskh.otf", "font/otf"),
        ("PHOTO.JPG", "image/jpeg"), ("خريطة.png", "image/png"), ("README", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ]

    @Test(arguments: types)
    func contentTypes(_ name: String, _ type: String) {
        #expect(ContentType.of(fileName: name) == type)
    }
}
