import Testing
@testable import NashraServe

@Suite struct RequestPathTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var target: String
        var segments: [String]
        var trailingSlash: Bool
        var query: String? = nil
        var testDescription: String { target }
    }

    static let accepted: [Row] = [
        Row(target: "/", segments: [], trailingSlash: true),
        Row(target: "/news/tags/%D8%B3%D8%AF%D9%88%D8%AF/", segments: ["news", "tags", "سدود"], trailingSlash: true),
        Row(target: "/news/tags/%d8%b3%d8%af%d9%88%d8%af/", segments: ["news", "tags", "سدود"], trailingSlash: true),
        Row(target: "/news/tags/سدود/", segments: ["news", "tags", "سدود"], trailingSlash: true),
        // Alef with a combining hamza above (decomposed) is read as أ (NFC), encoded or raw.
        Row(target: "/tags/%D8%A7%D9%94%D9%85%D8%B7%D8%A7%D8%B1", segments: ["tags", "أمطار"], trailingSlash: false),
        Row(target: "/tags/\u{0627}\u{0654}مطار", segments: ["tags", "أمطار"], trailingSlash: false),
        Row(target: "/news/style.css?v=2", segments: ["news", "style.css"], trailingSlash: false, query: "v=2"),
        Row(target: "/news/page/2/#top", segments: ["news", "page", "2"], trailingSlash: true),
        Row(target: "/a//b", segments: ["a", "b"], trailingSlash: false),
        Row(target: "/a%20b/c+d", segments: ["a b", "c+d"], trailingSlash: false),
        Row(target: "/...hidden/..a", segments: ["...hidden", "..a"], trailingSlash: false),
        Row(target: "http://127.0.0.1:8080/news/", segments: ["news"], trailingSlash: true),
    ]

    @Test(arguments: accepted)
    func accepts(_ row: Row) throws {
        let path = try RequestPath.parse(row.target).get()
        #expect(path.segments == row.segments)
        #expect(path.hasTrailingSlash == row.trailingSlash)
        #expect(path.query == row.query)
    }

    static let refused: [(String, RequestPath.Rejection)] = [
        ("/../etc/passwd", .dotSegment),
        ("/news/../../etc/passwd", .dotSegment),
        ("/news/%2e%2e/%2e%2e/etc/passwd", .dotSegment),
        ("/news/%2E%2E/", .dotSegment),
        ("/news/.%2e/", .dotSegment),
        ("/news/./index.html", .dotSegment),
        ("/news/..%2f..%2fetc%2fpasswd", .escapedSeparator),
        ("/news/%2F..%2Fetc", .escapedSeparator),
        ("/news/%5c..%5cetc", .escapedSeparator),
        ("/news/..\\etc", .escapedSeparator),
        ("/news/index.html%00.css", .nul),
        ("/news/%00", .nul),
        ("/news/%zz", .badEscape),
        ("/news/%D", .badEscape),
        ("/news/%D8", .notUTF8),
        ("/news/%C0%AE%C0%AE/", .notUTF8),   // overlong UTF-8 for "..", an old trick
        ("news/index.html", .notAbsolute),
        ("*", .notAbsolute),
    ]

    @Test(arguments: refused)
    func refuses(_ target: String, _ rejection: RequestPath.Rejection) {
        #expect(RequestPath.parse(target) == .failure(rejection))
    }

    @Test func encodesForLocationHeaders() {
        #expect(RequestPath(segments: ["news", "tags", "سدود"], hasTrailingSlash: true).encoded == "/news/tags/%D8%B3%D8%AF%D9%88%D8%AF/")
        #expect(RequestPath(segments: [], hasTrailingSlash: true).encoded == "/")
        #expect(RequestPath(segments: ["a b?"], hasTrailingSlash: false).encoded == "/a%20b%3F")
    }
}
