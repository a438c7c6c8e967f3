import Foundation
import Testing
@testable import Nashra
import NashraCore

/// An incremental build must write exactly what a clean build writes, after any kind of change.
@Suite struct IncrementalBuildTests {
    let fileManager = FileManager.default
    let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func newsroom() throws -> Newsroom { try Newsroom(copying: "ar-basic", rules: rules) }
    func build(_ newsroom: Newsroom, clean: Bool = false) throws -> BuildReport { try newsroom.build(clean: clean) }
    func expectSameAsCleanBuild(_ newsroom: Newsroom, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try newsroom.expectSameAsCleanBuild(sourceLocation: sourceLocation)
    }
    func edit(_ newsroom: Newsroom, _ path: String, _ change: (String) -> String) throws { try newsroom.edit(path, change) }

    @Test func anUnchangedSiteRendersNothing() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let first = try build(newsroom)
        #expect(first.pagesRendered == first.pages && first.bulletinsReused == 0)
        let before = try fileManager.attributesOfItem(atPath: newsroom.output.appendingPathComponent("index.html").path)[.modificationDate] as? Date

        let second = try build(newsroom)
        #expect(second.pagesRendered == 0)
        #expect(second.bulletinsReused == second.bulletins + 2, "the draft and the future bulletin are parsed and cached too")
        #expect(second.filesWritten == 0 && second.filesDeleted == 0)
        let after = try fileManager.attributesOfItem(atPath: newsroom.output.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        #expect(before == after)
    }

    @Test func editingOneBodyRendersOnlyItsPage() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        try edit(newsroom, "content/bulletins/damascus-wheat.md") { $0 + "\nفقرة جديدة عن الحصاد.\n" }
        let report = try build(newsroom)
        // Its page and its ninjs document, and the feeds that carry its full text: the site's three
        // formats and its ninjs stream. Its tags' and location's feeds carry summaries (`feeds.terms`),
        // and its entry (headline, summary from the first paragraph) did not change, so neither
        // they nor any list page is rendered.
        #expect(report.pagesRendered == 2 + 3 + 1)
        #expect(report.bulletinsReused == report.bulletins + 1)
        let page = try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/damascus-wheat/index.html"), encoding: .utf8)
        #expect(page.contains("فقرة جديدة عن الحصاد."))
        try expectSameAsCleanBuild(newsroom)
    }

    @Test func theManifestIsLeftAloneWhenNoFileComesOrGoes() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let manifest = newsroom.output.appendingPathComponent(SiteWriter.manifestName)
        let before = try #require(FileStamp(path: manifest.path))
        try edit(newsroom, "content/bulletins/damascus-wheat.md") { $0 + "\nسطر آخر.\n" }
        _ = try build(newsroom)
        #expect(FileStamp(path: manifest.path) == before)
        // A new bulletin adds files: the manifest is written again and lists them.
        try Data("---\ntitle: خبر جديد\ndate: 2026-11-19\n---\nنص.\n".utf8)
            .write(to: newsroom.site.appendingPathComponent("content/bulletins/new-one.md"))
        _ = try build(newsroom)
        #expect(try String(contentsOf: manifest, encoding: .utf8).contains("new-one/index.html"))
        try expectSameAsCleanBuild(newsroom)
    }

    @Test(arguments: ["title", "tag", "date", "delete", "rename", "spelling", "template", "config", "static"])
    func everyKindOfChangeGivesTheCleanBuildsOutput(change: String) throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let bulletins = "content/bulletins/"
        switch change {
        case "title":
            try edit(newsroom, bulletins + "aleppo-music.md") { $0.replacingOccurrences(of: "ليالي القلعة الموسيقية", with: "ليالي القلعة تعود بالموسيقى") }
        case "tag":
            try edit(newsroom, bulletins + "damascus-wheat.md") { $0.replacingOccurrences(of: "tags: [زراعة, اقتصـاد]", with: "tags: [زراعة, اقتصـاد, طقس, خبز]") }
        case "date":
            try edit(newsroom, bulletins + "beirut-storage.md") { $0.replacingOccurrences(of: "2026-11-10 12:00", with: "2026-11-21 12:00") }
        case "delete":
            try fileManager.removeItem(at: newsroom.site.appendingPathComponent(bulletins + "aleppo-rain.md"))
        case "rename":
            try fileManager.moveItem(at: newsroom.site.appendingPathComponent(bulletins + "aleppo-music.md"),
                                     to: newsroom.site.appendingPathComponent(bulletins + "موسيقى-القلعة.md"))
        case "spelling":
            // A third spelling with harakat outvotes nothing, but a second حَلَب makes it the name.
            try edit(newsroom, bulletins + "aleppo-rain.md") { $0.replacingOccurrences(of: "location: حلب", with: "location: حَلَب") }
        case "template":
            Fixtures.write(["templates/partials/pagination.mustache": "<p class=\"pages\">{{#page.pagination}}{{currentDisplay}}/{{totalDisplay}}{{/page.pagination}}</p>\n"], in: newsroom.site)
        case "config":
            try edit(newsroom, "nashra.yaml") { $0.replacingOccurrences(of: "paginate: 2", with: "paginate: 3") }
        case "static":
            Fixtures.write(["static/style.css": "body { color: black; }\n"], in: newsroom.site)
        default:
            Issue.record("unknown change \(change)")
        }
        _ = try build(newsroom)
        try expectSameAsCleanBuild(newsroom)
    }

    @Test func stalePagesAndTheirEmptyFoldersGoButForeignFilesStay() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        Fixtures.write(["site/google-verify.html": "token", "site/tags/مياه/notes.txt": "يدوي"], in: newsroom.site)
        // The rain bulletin is the only one tagged مياه.
        try fileManager.removeItem(at: newsroom.site.appendingPathComponent("content/bulletins/aleppo-rain.md"))
        let report = try build(newsroom)
        #expect(report.filesDeleted >= 2)
        #expect(!fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("2026/11/aleppo-rain").path))
        #expect(!fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("tags/مياه/index.html").path))
        #expect(fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("tags/مياه/notes.txt").path))
        #expect(fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("google-verify.html").path))
    }

    @Test func aCorruptCacheIsIgnored() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let cacheFolder = newsroom.site.appendingPathComponent(".nashra/cache")
        // The build cache, and beside it the search index's folder (its terms' packs and its
        // state): all corrupted.
        let caches = try fileManager.contentsOfDirectory(atPath: cacheFolder.path)
        #expect(caches.filter { $0.hasSuffix(".cache") }.count == 1 && caches.filter { $0.hasSuffix(".searchindex") }.count == 1)
        let files = try fileManager.subpathsOfDirectory(atPath: cacheFolder.path).filter { !fileManager.isDirectory(cacheFolder.appendingPathComponent($0)) }
        #expect(files.count > 2)
        for name in files {
            var bytes = try Data(contentsOf: cacheFolder.appendingPathComponent(name))
            let end = min(60, bytes.count)
            bytes.replaceSubrange(16..<end, with: Data(repeating: 0x7F, count: end - 16))
            try bytes.write(to: cacheFolder.appendingPathComponent(name))
        }
        try edit(newsroom, "content/bulletins/aleppo-music.md") { $0.replacingOccurrences(of: "ليالي", with: "أمسيات") }
        let report = try build(newsroom)
        #expect(report.bulletinsReused == 0 && report.pagesRendered == report.pages)
        try expectSameAsCleanBuild(newsroom)
    }

    /// A cache file cut short anywhere (a full disk, a killed writer) is not read at all: the
    /// next build is a full one, and its output is a clean build's.
    @Test(arguments: [0, 8, 17, 1_000, -9, -1])
    func aTruncatedCacheIsIgnored(cut: Int) throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        try cutCacheFile(endingIn: ".cache", of: newsroom, at: cut)
        try expectAFullBuildAfterAnEdit(newsroom)
    }

    /// Cuts the cache file whose name ends in `suffix` to `cut` bytes (counted from its end when
    /// negative; never whole), as a full disk or a killed writer leaves it.
    func cutCacheFile(endingIn suffix: String, of newsroom: Newsroom, at cut: Int) throws {
        let cacheFolder = newsroom.site.appendingPathComponent(".nashra/cache")
        let name = try #require(try fileManager.contentsOfDirectory(atPath: cacheFolder.path).first { $0.hasSuffix(suffix) })
        let url = cacheFolder.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)
        let length = cut >= 0 ? min(cut, bytes.count - 1) : bytes.count + cut
        try bytes.prefix(length).write(to: url)
    }

    /// After a cache that cannot be read, an edit's build is a full one, equal to a clean build.
    func expectAFullBuildAfterAnEdit(_ newsroom: Newsroom, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try edit(newsroom, "content/bulletins/aleppo-music.md") { $0 + "\nفقرة أخرى.\n" }
        let report = try build(newsroom)
        #expect(report.bulletinsReused == 0 && report.pagesRendered == report.pages && !report.outputPathsKnown, sourceLocation: sourceLocation)
        try expectSameAsCleanBuild(newsroom, sourceLocation: sourceLocation)
    }

    /// A body edit's build saves the cache as a delta of the index the previous build wrote,
    /// leaving the index as it was; the next builds read both, and render only what changed.
    @Test func aBodyEditSavesTheCacheAsADelta() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let cacheFolder = newsroom.site.appendingPathComponent(".nashra/cache")
        let name = try #require(try fileManager.contentsOfDirectory(atPath: cacheFolder.path).first { $0.hasSuffix(".cache") })
        let index = cacheFolder.appendingPathComponent(name)
        let before = try Data(contentsOf: index)
        #expect(!fileManager.fileExists(atPath: BuildCache.deltaURL(index).path))
        for round in 1...3 {
            try edit(newsroom, "content/bulletins/damascus-wheat.md") { $0 + "\nسطر \(round).\n" }
            let report = try build(newsroom)
            #expect(report.pagesRendered == 2 + 3 + 1, "round \(round)")
            #expect(try Data(contentsOf: index) == before, "round \(round): the index is left as it was")
            #expect(fileManager.fileExists(atPath: BuildCache.deltaURL(index).path), "round \(round)")
        }
        let unchanged = try build(newsroom)
        #expect(unchanged.pagesRendered == 0 && unchanged.filesWritten == 0)
        #expect(unchanged.bulletinsReused == unchanged.bulletins + 2)
        try expectSameAsCleanBuild(newsroom)
        // A change that is not a body's writes the index whole, and the delta goes.
        try edit(newsroom, "content/bulletins/damascus-wheat.md") { $0.replacingOccurrences(of: "موسم القمح في ريف دمشق", with: "بدء موسم القمح") }
        _ = try build(newsroom)
        #expect(try Data(contentsOf: index) != before)
        #expect(!fileManager.fileExists(atPath: BuildCache.deltaURL(index).path))
        try expectSameAsCleanBuild(newsroom)
    }

    /// A delta cut short (a full disk, a killed writer) is not read, nor the index it belongs to:
    /// the next build is a full one, and its output is a clean build's.
    @Test(arguments: [0, 8, 17, 1_000, -9, -1])
    func aTruncatedDeltaIsIgnored(cut: Int) throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        try edit(newsroom, "content/bulletins/damascus-wheat.md") { $0 + "\nسطر.\n" }
        _ = try build(newsroom)
        try cutCacheFile(endingIn: ".delta", of: newsroom, at: cut)
        try expectAFullBuildAfterAnEdit(newsroom)
    }

    @Test func cleanRendersEverythingButRewritesNothingThatIsTheSame() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let first = try build(newsroom)
        let report = try build(newsroom, clean: true)
        #expect(report.pagesRendered == report.pages && report.bulletinsReused == 0)
        #expect(report.filesWritten == 0 && report.filesUnchanged == first.filesWritten)
    }

    @Test func cleanRestoresAPageEditedByHand() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let page = newsroom.output.appendingPathComponent("index.html")
        let original = try Data(contentsOf: page)
        // Same size, other bytes: only the modification time and the contents tell.
        var edited = original
        edited[edited.count - 2] = UInt8(ascii: "X")
        try edited.write(to: page)
        let report = try build(newsroom, clean: true)
        #expect(report.filesWritten == 1)
        #expect(try Data(contentsOf: page) == original)
    }

    @Test func aSlugClashWithACachedBulletinIsReportedAtItsSlugLine() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        Fixtures.write(["content/bulletins/old.md": "---\ntitle: قديم\ndate: 2026-11-01\nlocation: حلب\nslug: مطر\n---\nنص.\n"], in: newsroom.site)
        _ = try build(newsroom)
        // The older bulletin, unchanged, is read back from the cache, and it is the second page at
        // that URL: the cache must keep where its slug was given.
        Fixtures.write(["content/bulletins/new.md": "---\ntitle: جديد\ndate: 2026-11-05\nslug: مطر\n---\nنص.\n"], in: newsroom.site)
        let failure = #expect(throws: Diagnostics.self) { _ = try build(newsroom) }
        #expect(failure?.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["5:7"])
        #expect(failure?.diagnostics.first?.location?.path.hasSuffix("content/bulletins/old.md") == true)
    }

    @Test func aFailedIncrementalBuildChangesNothing() throws {
        let newsroom = try newsroom()
        defer { try? fileManager.removeItem(at: newsroom.root) }
        _ = try build(newsroom)
        let before = try Newsroom.snapshot(newsroom.output)
        try edit(newsroom, "content/bulletins/aleppo-music.md") { $0.replacingOccurrences(of: "ليالي", with: "أمسيات") }
        Fixtures.write(["content/bulletins/broken.md": "---\ntitle: خبر\ndate: أمس\n---\n"], in: newsroom.site)
        #expect(throws: Diagnostics.self) { _ = try build(newsroom) }
        #expect(try Newsroom.snapshot(newsroom.output) == before)
    }
}
