import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import NashraServe

extension OneAtATime {
    /// The preview over real HTTP on a free loopback port: paths, redirects, types, validators, safety.
    /// ar-basic's `baseURL` is `https://news.example/news/`, so the site is served under `/news/`.
    @Suite struct PreviewHTTPTests {
        static let staticFiles = [
            "static/app.js": "console.log('نشرة');\n", "static/data.json": "{\"عنوان\": 1}\n",
            "static/icon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", "static/feed.xml": "<rss/>\n",
            "static/fonts/naskh.woff2": "wOF2", "static/أخبار.txt": "نص\n",
        ]

        @Test func arabicPathsResolveEncodedRawAndDecomposed() async throws {
            try await LivePreview.run(adding: Self.staticFiles, watching: false) { live in
                let encoded = try await live.get("/news/tags/%D8%B7%D9%82%D8%B3/")
                #expect(encoded.status == .ok)
                #expect(String(buffer: encoded.body).contains("طقس"))

                // Raw UTF-8 on the wire: SwiftNIO's HTTP/1 parser (llhttp, strict about request-line
                // characters) answers 400 before Nashra sees the request, and Hummingbird offers no way
                // around it. Clients percent-encode (a browser does for an address typed in Arabic: see
                // BrowserTests); RequestPath reads raw UTF-8 all the same, should the parser let it by.
                let raw = try await live.raw("/news/tags/طقس/")
                #expect(raw.status == 400 && raw.body.isEmpty || raw.body == Array(encoded.body.readableBytesView))

                let location = try await live.raw("/news/locations/%D8%AD%D9%84%D8%A8/")
                #expect(location.status == 200)
                #expect(location.text.contains("أمطار غزيرة في حلب"))

                // أخبار written with a decomposed alef + hamza: NFC makes it the file on disk.
                let decomposed = try await live.get("/news/%D8%A7%D9%94%D8%AE%D8%A8%D8%A7%D8%B1.txt")
                #expect(decomposed.status == .ok)
                #expect(String(buffer: decomposed.body) == "نص\n")
                let decomposedLower = try await live.get("/news/%d8%a7%d9%94%d8%ae%d8%a8%d8%a7%d8%b1.txt")
                #expect(decomposedLower.status == .ok)
            }
        }

        @Test func foldersRedirectToTheirSlash() async throws {
            try await LivePreview.run(watching: false) { live in
                let tags = try await live.get("/news/tags")
                #expect(tags.status == .found)
                #expect(tags.headers[.location] == "/news/tags/")

                let arabic = try await live.raw("/news/tags/%D8%B7%D9%82%D8%B3?page=1")
                #expect(arabic.status == 302)
                #expect(arabic.header("Location") == "/news/tags/%D8%B7%D9%82%D8%B3/?page=1")

                #expect(try await live.get("/news").headers[.location] == "/news/")
                // The site lives under /news/: the server's root leads there.
                let root = try await live.get("/")
                #expect(root.status == .found)
                #expect(root.headers[.location] == "/news/")

                let index = try await live.get("/news/tags/")
                #expect(index.status == .ok)
                #expect(index.headers[.contentType] == "text/html; charset=utf-8")
            }
        }

        @Test func unknownPathsGetTheThemes404Page() async throws {
            try await LivePreview.run(watching: false) { live in
                for uri in ["/news/no-such-page/", "/news/2026/11/nothing.html", "/elsewhere/", "/news/style.css/"] {
                    let response = try await live.get(uri)
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let page = String(buffer: response.body)
                    #expect(page.contains("الصفحة غير موجودة"), "\(uri)")
                    #expect(page.contains("data-nashra-live-reload"))
                }
                #expect(try await live.get("/news/.nashra-manifest").status == .notFound)
                #expect(try await live.get("/__nashra/other").status == .notFound)
            }
        }

        @Test func contentTypesSayUTF8() async throws {
            try await LivePreview.run(adding: Self.staticFiles, watching: false) { live in
                let expected = [
                    "/news/": "text/html; charset=utf-8", "/news/404.html": "text/html; charset=utf-8",
                    "/news/style.css": "text/css; charset=utf-8", "/news/app.js": "text/javascript; charset=utf-8",
                    "/news/data.json": "application/json; charset=utf-8", "/news/icon.svg": "image/svg+xml; charset=utf-8",
                    "/news/feed.xml": "application/xml; charset=utf-8", "/news/fonts/naskh.woff2": "font/woff2",
                ]
                for (uri, type) in expected {
                    let response = try await live.get(uri)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == type, "\(uri)")
                }
            }
        }

        @Test func headAnswersLikeGetWithoutABody() async throws {
            try await LivePreview.run(watching: false) { live in
                let get = try await live.get("/news/2026/11/aleppo-rain/")
                let head = try await live.raw("/news/2026/11/aleppo-rain/", method: "HEAD")
                #expect(head.status == 200)
                #expect(head.body.isEmpty)
                #expect(head.header("Content-Length") == String(get.body.readableBytes))
                #expect(head.header("ETag") == get.headers[.eTag])
                #expect(head.header("Content-Type") == "text/html; charset=utf-8")
                #expect(try await live.get("/news/", method: .post).status == .methodNotAllowed)
            }
        }

        @Test func conditionalRequestsGet304() async throws {
            try await LivePreview.run(watching: false) { live in
                for uri in ["/news/style.css", "/news/2026/11/aleppo-rain/"] {
                    let first = try await live.get(uri)
                    let tag = try #require(first.headers[.eTag])
                    let modified = try #require(first.headers[.lastModified])
                    #expect(first.headers[.cacheControl] == "no-cache")

                    let byTag = try await live.get(uri, headers: [.ifNoneMatch: tag])
                    #expect(byTag.status == .notModified, "\(uri)")
                    #expect(byTag.body.readableBytes == 0)
                    #expect(byTag.headers[.eTag] == tag)

                    let byDate = try await live.get(uri, headers: [.ifModifiedSince: modified])
                    #expect(byDate.status == .notModified, "\(uri)")

                    let stale = try await live.get(uri, headers: [.ifNoneMatch: "\"stale\""])
                    #expect(stale.status == .ok)
                    let older = try await live.get(uri, headers: [.ifModifiedSince: "Thu, 01 Jan 1970 00:00:00 GMT"])
                    #expect(older.status == .ok)
                    #expect(older.body.readableBytes == first.body.readableBytes)
                }
            }
        }

        @Test func nothingOutsideTheServedFolderCanBeRead() async throws {
            try await LivePreview.run(watching: false) { live in
                // A symlink in the output that points out of it, as a careless static/ could leave.
                let output = live.preview.options.outputFolder
                try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("leak").path, withDestinationPath: "/etc")
                try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("source.md").path,
                                                           withDestinationPath: live.site.appendingPathComponent("content/bulletins/aleppo-rain.md").path)
                let attempts = [
                    "/../../../../etc/passwd", "/news/../../etc/passwd", "/news/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "/news/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/news/..%2f..%2f..%2fetc%2fpasswd", "/news/%5c..%5c..%5cetc%5cpasswd",
                    "/news/index.html%00.css", "/news/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd",
                ]
                for target in attempts {
                    let reply = try await live.raw(target)
                    #expect(reply.status == 400, "\(target)")
                    #expect(!reply.text.contains("root:"), "\(target)")
                }
                for target in ["/news/leak/passwd", "/news/leak/", "/news/source.md"] {
                    let reply = try await live.raw(target)
                    #expect(reply.status == 404, "\(target)")
                    #expect(!reply.text.contains("root:") && !reply.text.contains("هطلت"), "\(target)")
                }
                let refusals = live.log.messages.filter { $0.contains("refused GET") }
                #expect(refusals.count == attempts.count + 3, "\(live.log.messages)")
                #expect(refusals.contains { $0.contains("/news/leak/passwd") && $0.contains("outside the served folder") })
            }
        }

        @Test func theScriptGoesIntoHTMLResponsesOnly() async throws {
            try await LivePreview.run(adding: Self.staticFiles, watching: false) { live in
                let page = String(buffer: try await live.get("/news/2026/11/aleppo-rain/").body)
                #expect(page.contains("<script data-nashra-live-reload>"))
                #expect(page.contains("new EventSource(\"/__nashra/events\")"))
                #expect(page.range(of: "data-nashra-live-reload")!.lowerBound < page.range(of: "</body>")!.lowerBound)
                for uri in ["/news/style.css", "/news/app.js", "/news/data.json", "/news/icon.svg", "/news/feed.xml"] {
                    #expect(!String(buffer: try await live.get(uri).body).contains("nashra-live-reload"), "\(uri)")
                }
                // The built files stay as the build wrote them, and nothing is written to site/.
                let output = live.preview.options.outputFolder
                #expect(output.path.hasSuffix("/.nashra/serve"))
                let onDisk = try String(contentsOf: output.appendingPathComponent("2026/11/aleppo-rain/index.html"), encoding: .utf8)
                #expect(!onDisk.contains("nashra-live-reload"))
                #expect(!FileManager.default.fileExists(atPath: live.site.appendingPathComponent("site").path))
            }
        }

        @Test func draftsAndFutureBulletinsAreShown() async throws {
            try await LivePreview.run(watching: false) { live in
                let draft = try await live.get("/news/2026/11/draft-fares/")
                let future = try await live.get("/news/2099/01/future-plan/")
                #expect(draft.status == .ok)
                #expect(future.status == .ok)
            }
        }
    }
}
