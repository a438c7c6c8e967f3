import Foundation
import Testing
@testable import Nashra
import NashraCore

/// A rebuild after body edits patches the previous plan (with a `BuildMemory`, as `nashra serve`
/// keeps) and the previous fingerprints (from the cache) instead of making them again. Every
/// other change falls back to planning and fingerprinting everything; either way the output and
/// the fingerprints left for the next build are a clean build's.
@Suite struct PatchedRebuildTests {
    let fileManager = FileManager.default
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))
    static let bulletins = "content/bulletins/"

    /// Builds with `memory` (nil: as `nashra build` does), and waits for the cache file.
    func build(_ newsroom: Newsroom, memory: BuildMemory?, rules: PublishingRules = rules) throws -> BuildReport {
        let report = try Builder.build(BuildOptions(siteFolder: newsroom.site, rules: rules), memory: memory)
        _ = memory?.saving?.value
        return report
    }

    /// The cache file the last build of the newsroom's output left.
    func storedCache(_ newsroom: Newsroom) throws -> BuildCache {
        let folder = newsroom.site.appendingPathComponent(".nashra/cache")
        let name = try #require(try fileManager.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".cache") })
        let url = folder.appendingPathComponent(name)
        var reader = ByteReader(try #require(RawFile.read(url.path)))
        _ = try reader.readUInt64()
        return try #require(BuildCache.load(from: url, parseKey: try reader.readUInt64()))
    }

    /// The fingerprints the rebuild left are those a clean build of the same files makes.
    func expectCleanFingerprints(_ newsroom: Newsroom, rules: PublishingRules = rules, _ what: String,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let patched = try storedCache(newsroom)
        _ = try Builder.build(BuildOptions(siteFolder: newsroom.site, rules: rules, clean: true))
        let fresh = try storedCache(newsroom)
        #expect(!patched.plans.isEmpty && patched.plans == fresh.plans, "\(what)", sourceLocation: sourceLocation)
        #expect(patched.pages == fresh.pages, "\(what)", sourceLocation: sourceLocation)
    }

    /// Each change, and whether it may be patched (only bodies, of published bulletins or not).
    static let changes: [(String, Bool)] = [
        ("body", true), ("two bodies", true), ("draft body", true), ("touched", true),
        ("title", false), ("tag", false), ("date order", false), ("summary from the body", false),
        ("delete", false), ("new bulletin", false), ("draft flag", false), ("page", false), ("config", false),
    ]

    func apply(_ change: String, to newsroom: Newsroom) throws {
        let wheat = Self.bulletins + "damascus-wheat.md", rain = Self.bulletins + "aleppo-rain.md"
        switch change {
        case "body": try newsroom.edit(wheat) { $0 + "\nفقرة جديدة عن الحصاد.\n" }
        case "two bodies":
            try newsroom.edit(wheat) { $0 + "\nفقرة جديدة عن الحصاد.\n" }
            try newsroom.edit(rain) { $0 + "\nفقرة جديدة عن المطر.\n" }
        case "draft body": try newsroom.edit(Self.bulletins + "draft-fares.md") { $0 + "\nسطر.\n" }
        case "touched": try newsroom.edit(wheat) { $0 }
        case "title": try newsroom.edit(wheat) { $0.replacingOccurrences(of: "موسم القمح في ريف دمشق", with: "بدء موسم القمح") }
        case "tag": try newsroom.edit(wheat) { $0.replacingOccurrences(of: "tags: [زراعة, اقتصـاد]", with: "tags: [زراعة, طقس]") }
        case "date order": try newsroom.edit(Self.bulletins + "beirut-storage.md") { $0.replacingOccurrences(of: "2026-11-10 12:00", with: "2026-11-21 12:00") }
        case "summary from the body": try newsroom.edit(wheat) { $0.replacingOccurrences(of: "بدأ موسم حصاد القمح.", with: "انطلق موسم الحصاد.") }
        case "delete": try fileManager.removeItem(at: newsroom.site.appendingPathComponent(rain))
        case "new bulletin":
            try Data("---\ntitle: خبر جديد\ndate: 2026-11-19\n---\nنص.\n".utf8)
                .write(to: newsroom.site.appendingPathComponent(Self.bulletins + "new-one.md"))
        case "draft flag": try newsroom.edit(Self.bulletins + "draft-fares.md") { $0.replacingOccurrences(of: "draft: true", with: "draft: false") }
        case "page": Fixtures.write(["content/pages/about.md": "---\ntitle: من نحن\n---\nنص الصفحة.\n"], in: newsroom.site)
        case "config": try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "paginate: 2", with: "paginate: 3") }
        default: Issue.record("unknown change \(change)")
        }
    }

    @Test(arguments: changes, [false, true])
    func aRebuildPatchesOnlyAfterBodyEditsAndEqualsACleanBuild(change: (String, Bool), inMemory: Bool) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = inMemory ? BuildMemory() : nil
        _ = try build(newsroom, memory: memory)
        try apply(change.0, to: newsroom)
        let report = try build(newsroom, memory: memory)
        #expect(report.fingerprintsPatched == change.1, "\(change.0)")
        #expect(report.planPatched == (change.1 && inMemory), "\(change.0)")
        // The same pages and files beside them: the set of output paths is the previous one.
        #expect(report.outputPathsKnown == change.1, "\(change.0)")
        if change.0 == "body" {
            // Its page and ninjs document, and the site's three full-text feeds and ninjs stream.
            #expect(report.pagesRendered == 2 + 3 + 1)
        }
        try newsroom.expectSameAsCleanBuild(change.0)
        try expectCleanFingerprints(newsroom, change.0)
    }

    /// On a site with editions each edition's plan and fingerprints are patched on their own: a
    /// body edit in one edition fingerprints again only that edition's pages showing it (the other
    /// editions' pages link its page by URL, which a body does not change), and a retitled
    /// translation is planned again.
    static let editionChanges: [(String, Bool)] = [
        ("en body", true), ("ar body", true), ("translated body", true), ("translated title", false), ("en translation key", false),
    ]

    func applyToEditions(_ change: String, to newsroom: Newsroom) throws {
        switch change {
        case "en body": try newsroom.edit("content/en/bulletins/damascus-bread.md") { $0 + "\nA new paragraph about flour.\n" }
        case "ar body": try newsroom.edit(Self.bulletins + "aleppo-rain.md") { $0 + "\nفقرة جديدة عن المطر.\n" }
        case "translated body": try newsroom.edit(Self.bulletins + "beirut-port.md") { $0 + "\nفقرة جديدة عن المرفأ.\n" }
        case "translated title":
            try newsroom.edit(Self.bulletins + "beirut-port.md") { $0.replacingOccurrences(of: "مرفأ بيروت يستقبل", with: "مرفأ بيروت يستقبل اليوم") }
        case "en translation key":
            try newsroom.edit("content/en/bulletins/damascus-bread.md") { $0.replacingOccurrences(of: "tags: [economy]", with: "tags: [economy]\ntranslationKey: bread") }
        default: Issue.record("unknown change \(change)")
        }
    }

    @Test(arguments: editionChanges, [false, true])
    func editionsArePatchedEachOnItsOwn(change: (String, Bool), inMemory: Bool) throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = inMemory ? BuildMemory() : nil
        let first = try build(newsroom, memory: memory)
        try applyToEditions(change.0, to: newsroom)
        let report = try build(newsroom, memory: memory)
        #expect(report.fingerprintsPatched == change.1, "\(change.0)")
        #expect(report.planPatched == (change.1 && inMemory), "\(change.0)")
        // The same pages and files beside them: the set of output paths is the previous one.
        #expect(report.outputPathsKnown == change.1, "\(change.0)")
        if change.1 {
            // The bulletin's page and ninjs document, and its edition's full-text feeds and stream:
            // nothing of the other edition.
            #expect(report.pagesRendered > 0 && report.pagesRendered <= 2 + 3 + 1, "\(change.0)")
            #expect(report.pagesRendered < first.pagesRendered)
        }
        try newsroom.expectSameAsCleanBuild(change.0)
        try expectCleanFingerprints(newsroom, change.0)
    }

    @Test func aBulletinWhoseTimeComesIsPlannedNotPatchedOver() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        // Just before damascus-wheat's time (2026-11-15 08:00 in Damascus), then just after it,
        // with a body edited elsewhere in between: the later build publishes it.
        let before = PublishingRules(now: Date(timeIntervalSince1970: 1_794_718_800 - 60))
        let after = PublishingRules(now: Date(timeIntervalSince1970: 1_794_718_800 + 60))
        _ = try build(newsroom, memory: memory, rules: before)
        try newsroom.edit(Self.bulletins + "aleppo-rain.md") { $0 + "\nفقرة جديدة عن المطر.\n" }
        let report = try build(newsroom, memory: memory, rules: after)
        #expect(!report.planPatched)
        #expect(fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("2026/11/damascus-wheat/index.html").path))
        try expectCleanFingerprints(newsroom, rules: after, "time passed")
    }

    /// The memory keeps the first instant at which the plan could change by the clock alone (a
    /// date or an expiry coming, a bulletin leaving the news sitemap's 48 hours): rebuilds before
    /// it are patched, the first one after it plans again. Each row: how to set the site up, and
    /// that instant (damascus-wheat is dated 1_794_718_800, 2026-11-15 08:00 in Damascus).
    static let clockChanges: [(String, Int)] = [
        ("a bulletin's date comes", 1_794_718_800),
        ("a bulletin leaves the news sitemap", 1_794_718_800 + 48 * 3600 + 1),
        ("a bulletin expires", 1_795_000_000),
    ]

    @Test(arguments: clockChanges)
    func rebuildsArePatchedUntilTheClockChangesThePlan(change: (String, Int)) throws {
        let instant = change.1
        func at(_ seconds: Int) -> PublishingRules { PublishingRules(now: Date(timeIntervalSince1970: TimeInterval(seconds))) }
        let newsroom = try Newsroom(copying: "ar-basic", rules: at(instant + 60))
        defer { try? fileManager.removeItem(at: newsroom.root) }
        if change.0 == "a bulletin expires" {
            try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0.replacingOccurrences(of: "location:", with: "expires: 2026-11-18T14:06:40+03:00\nlocation:") }
        }
        let memory = BuildMemory()
        _ = try build(newsroom, memory: memory, rules: at(instant - 120))
        let rain = Self.bulletins + "aleppo-rain.md"
        try newsroom.edit(rain) { $0 + "\nفقرة جديدة عن المطر.\n" }
        let before = try build(newsroom, memory: memory, rules: at(instant - 1))
        #expect(before.planPatched, "\(change.0)")
        try newsroom.edit(rain) { $0 + "\nفقرة أخرى.\n" }
        let after = try build(newsroom, memory: memory, rules: at(instant))
        #expect(!after.planPatched, "\(change.0)")
        try newsroom.expectSameAsCleanBuild(change.0)
        // The plan made after the instant is patched again until the next one.
        try newsroom.edit(rain) { $0 + "\nفقرة ثالثة.\n" }
        let later = try build(newsroom, memory: memory, rules: at(instant + 60))
        #expect(later.planPatched, "\(change.0)")
        try newsroom.expectSameAsCleanBuild(change.0)
        try expectCleanFingerprints(newsroom, rules: at(instant + 60), change.0)
    }

    /// A body edit with a new static file beside it: the pages are patched, but the set of output
    /// paths is not the previous one, so it is made again and the manifest lists the new file.
    @Test(arguments: [false, true])
    func aNewStaticFileBesideABodyEditIsPublished(inMemory: Bool) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = inMemory ? BuildMemory() : nil
        _ = try build(newsroom, memory: memory)
        try apply("body", to: newsroom)
        Fixtures.write(["static/verify-site.txt": "token"], in: newsroom.site)
        let report = try build(newsroom, memory: memory)
        #expect(report.fingerprintsPatched && !report.outputPathsKnown)
        let manifest = try String(contentsOf: newsroom.output.appendingPathComponent(SiteWriter.manifestName), encoding: .utf8)
        #expect(manifest.split(separator: "\n").contains("verify-site.txt"))
        try newsroom.expectSameAsCleanBuild("static file")
        // And then removed again, with another body edit: the file goes.
        try fileManager.removeItem(at: newsroom.site.appendingPathComponent("static/verify-site.txt"))
        try apply("body", to: newsroom)
        let after = try build(newsroom, memory: memory)
        #expect(!after.outputPathsKnown)
        #expect(!fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("verify-site.txt").path))
        try newsroom.expectSameAsCleanBuild("static file removed")
    }

    @Test func aBuildThatFailsLeavesTheMemoryForTheNext() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        _ = try build(newsroom, memory: memory)
        let wheat = Self.bulletins + "damascus-wheat.md"
        let good = try String(contentsOf: newsroom.site.appendingPathComponent(wheat), encoding: .utf8)
        try newsroom.edit(wheat) { _ in "---\ntitle: [\n---\n" }
        #expect(throws: Diagnostics.self) { try build(newsroom, memory: memory) }
        try newsroom.edit(wheat) { _ in good + "\nفقرة.\n" }
        let report = try build(newsroom, memory: memory)
        #expect(report.planPatched && report.fingerprintsPatched)
        try newsroom.expectSameAsCleanBuild("after a failed build")
        try expectCleanFingerprints(newsroom, "after a failed build")
    }
}
