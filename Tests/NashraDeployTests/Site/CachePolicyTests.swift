import Testing
@testable import NashraDeploy

@Suite struct CachePolicyTests {
    @Test(arguments: [
        ("index.html", "public, max-age=300"),
        ("tags/اقتصاد/index.html", "public, max-age=300"),
        ("index.xml", "public, max-age=300"),
        ("style.css", "public, max-age=300"),
        ("js/app.3f9a8c2e51.js", "public, max-age=31536000, immutable"),
        ("css/main-5d41402abc4b2a76.css", "public, max-age=31536000, immutable"),
        ("fonts/naskh.woff2", "public, max-age=86400"),
        ("images/map.png", "public, max-age=86400"),
        ("downloads/data.bin", "public, max-age=300"),
    ])
    func defaults(_ path: String, _ expected: String) {
        #expect(CachePolicy().cacheControl(for: path) == expected)
    }

    @Test func siteRulesComeFirst() {
        let policy = CachePolicy(rules: [
            .init(.pattern(PathPattern("*.html")), "no-cache"),
            .init(.pattern(PathPattern("tags/**")), "public, max-age=60"),
        ])
        #expect(policy.cacheControl(for: "tags/اقتصاد/index.html") == "no-cache")
        #expect(policy.cacheControl(for: "tags/اقتصاد/index.xml") == "public, max-age=60")
        #expect(policy.cacheControl(for: "app.3f9a8c2e51.js") == CachePolicy.immutable)
    }

    @Test(arguments: [
        ("app.3f9a8c2e.css", true), ("main-5d41402abc4b2a76.js", true), ("a/b/font.9f86d081884c.woff2", true),
        ("style.css", false), ("deadbeef.css", false), ("app.deadbeef.css", false), ("3f9a8c2e.css", false),
        ("report-2026.pdf", false), ("app.1234567.js", false),
    ])
    func fingerprints(_ path: String, _ expected: Bool) {
        #expect(CachePolicy.isFingerprinted(path) == expected)
    }
}
