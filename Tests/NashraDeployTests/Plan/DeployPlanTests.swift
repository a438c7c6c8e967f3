import Testing
@testable import NashraDeploy

@Suite struct DeployPlanTests {
    static func file(_ path: String, _ md5: String = "aa", size: Int64 = 10) -> SiteFile {
        SiteFile(path: path, size: size, md5: md5)
    }

    static func remote(_ path: String, _ md5: String? = "aa", size: Int64? = 10) -> RemoteFile {
        RemoteFile(path: path, size: size, fingerprint: md5)
    }

    static let site = [
        file("index.html", "new-home"),
        file("tags/اقتصاد/index.html"),
        file("style.css", "new-style"),
        file("index.xml"),
        file("js/app.3f9a8c2e51.js"),
        file("2026/11/أمطار-حلب/index.html", "b1"),
        file("fonts/naskh.woff2"),
        file("sitemap.xml", "s2"),
    ]

    static let held: [String: RemoteFile] = Dictionary(uniqueKeysWithValues: [
        remote("index.html", "old-home"),
        remote("tags/اقتصاد/index.html"),
        remote("style.css", "old-style"),
        remote("index.xml"),
        remote("fonts/naskh.woff2", size: 11),
        remote("old.css"),
        remote("tags/قديم/index.html"),
        remote("feed.xml"),
        remote("images/map.png"),
    ].map { ($0.path, $0) })

    @Test func uploadsAssetsThenPagesThenFeeds() {
        let plan = DeployPlan(site: Self.site, remote: Self.held)
        #expect(plan.uploads.map(\.path) == [
            // assets: a new script, a changed stylesheet, a font whose size changed
            "fonts/naskh.woff2", "js/app.3f9a8c2e51.js", "style.css",
            // pages (UTF-8 byte order puts ASCII first)
            "2026/11/أمطار-حلب/index.html", "index.html",
            // feeds last: they point at pages
            "sitemap.xml",
        ])
        #expect(plan.phases.map(\.role) == [.asset, .page, .feed])
        #expect(plan.unchanged == 2)
        #expect(plan.uploadBytes == 60)
        #expect(plan.remoteCount == 9)
    }

    @Test func deletesFeedsAndPagesBeforeAssets() {
        let plan = DeployPlan(site: Self.site, remote: Self.held)
        #expect(plan.deletions == ["feed.xml", "tags/قديم/index.html", "images/map.png", "old.css"])
        #expect(plan.kept == 0)
    }

    @Test func noDeleteKeepsThem() {
        let plan = DeployPlan(site: Self.site, remote: Self.held, deleting: false)
        #expect(plan.deletions.isEmpty)
        #expect(plan.kept == 4)
    }

    @Test func sameSiteChangesNothing() {
        let remote = Dictionary(uniqueKeysWithValues: Self.site.map { ($0.path, RemoteFile(path: $0.path, size: $0.size, fingerprint: $0.md5)) })
        let plan = DeployPlan(site: Self.site, remote: remote)
        #expect(plan.changesNothing)
        #expect(plan.unchanged == Self.site.count)
        #expect(plan.phases.isEmpty)
    }

    @Test func unknownFingerprintMeansChanged() {
        let plan = DeployPlan(site: [Self.file("a.html")], remote: ["a.html": Self.remote("a.html", nil, size: nil)])
        #expect(plan.uploads.map(\.path) == ["a.html"])
    }

    @Test func targetDecidesWhatIsCurrent() {
        let plan = DeployPlan(site: [Self.file("a.bin", "x")], remote: ["a.bin": Self.remote("a.bin", "y-2")]) { _, _ in true }
        #expect(plan.uploads.isEmpty && plan.unchanged == 1)
    }

    @Test(arguments: [
        ("index.html", FileRole.page), ("404.html", .page), ("a/b.HTM", .page),
        ("index.xml", .feed), ("tags/اقتصاد/index.xml", .feed), ("feed.atom", .feed), ("sitemap.xml", .feed),
        ("feed.json", .feed), ("tags/اقتصاد/feed.json", .feed), ("ninjs.json", .feed),
        ("2026/11/أمطار-حلب/ninjs.json", .feed), ("data/search.json", .asset),
        ("style.css", .asset), ("js/app.js", .asset), ("robots.txt", .asset), ("README", .asset), (".well-known/x", .asset),
    ])
    func roles(_ path: String, _ role: FileRole) {
        #expect(FileRole(path: path) == role)
    }
}
