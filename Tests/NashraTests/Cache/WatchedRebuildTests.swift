import Foundation
import Testing
@testable import Nashra
import NashraCore

/// A rebuild told which files changed (`BuildMemory.noteChanges`, as `nashra serve`'s watcher
/// does) takes the previous build's content tree and content with those files looked at again,
/// instead of walking the content folder and checking every file; a change that may add or remove
/// a file, or a watcher that lost track, walks it again. Either way the output and the
/// fingerprints are a clean build's.
@Suite struct WatchedRebuildTests {
    let fileManager = FileManager.default
    let patched = PatchedRebuildTests()
    static let bulletins = PatchedRebuildTests.bulletins

    /// The files each of `PatchedRebuildTests.changes` touches, as a watcher reports them, and
    /// whether the content may be patched (a bulletin that stays a bulletin, nothing added or
    /// removed, the same `nashra.yaml`).
    static let reported: [String: ([String], Bool)] = [
        "body": ([bulletins + "damascus-wheat.md"], true),
        "two bodies": ([bulletins + "damascus-wheat.md", bulletins + "aleppo-rain.md"], true),
        "draft body": ([bulletins + "draft-fares.md"], true),
        "touched": ([bulletins + "damascus-wheat.md"], true),
        "title": ([bulletins + "damascus-wheat.md"], true),
        "tag": ([bulletins + "damascus-wheat.md"], true),
        "date order": ([bulletins + "beirut-storage.md"], true),
        "summary from the body": ([bulletins + "damascus-wheat.md"], true),
        "delete": ([bulletins + "aleppo-rain.md"], false),
        "new bulletin": ([bulletins + "new-one.md"], false),
        "draft flag": ([bulletins + "draft-fares.md"], true),
        "page": (["content/pages", "content/pages/about.md"], false),
        "config": (["nashra.yaml"], false),
    ]

    /// A first build, then one as the watcher's first report comes (which walks: the watcher may
    /// have started after the first build's walk), as `nashra serve` does.
    func startWatching(_ newsroom: Newsroom, _ memory: BuildMemory) throws {
        _ = try patched.build(newsroom, memory: memory)
        memory.noteChanges(nil)
        let report = try patched.build(newsroom, memory: memory)
        #expect(!report.contentPatched)
    }

    func absolute(_ newsroom: Newsroom, _ paths: [String]) -> [String] {
        paths.map { newsroom.site.appendingPathComponent($0).standardizedFileURL.path }
    }

    @Test(arguments: PatchedRebuildTests.changes)
    func aReportedChangeEqualsACleanBuild(change: (String, Bool)) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        try patched.apply(change.0, to: newsroom)
        let (paths, patchable) = try #require(Self.reported[change.0])
        memory.noteChanges(absolute(newsroom, paths))
        let report = try patched.build(newsroom, memory: memory)
        #expect(report.contentPatched == patchable, "\(change.0)")
        #expect(report.planPatched == change.1, "\(change.0)")
        try newsroom.expectSameAsCleanBuild(change.0)
        try patched.expectCleanFingerprints(newsroom, change.0)
    }

    @Test func reportedEditsOneAfterAnotherEachEqualACleanBuild() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        for (round, name) in ["damascus-wheat", "aleppo-rain", "damascus-wheat"].enumerated() {
            let path = Self.bulletins + name + ".md"
            try newsroom.edit(path) { $0 + "\nفقرة \(round).\n" }
            memory.noteChanges(absolute(newsroom, [path]))
            let report = try patched.build(newsroom, memory: memory)
            #expect(report.contentPatched && report.planPatched && report.fingerprintsPatched)
            try newsroom.expectSameAsCleanBuild("round \(round)")
        }
    }

    /// The report is trusted: an edit nobody reported is not seen (that is what saves the walk);
    /// a watcher that lost track (`nil`) or a rebuild without a reason makes the next build walk
    /// and see it.
    @Test(arguments: ["lost track", "no reason"])
    func aWatcherThatLostTrackFallsBackToTheWalk(how: String) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        let rain = Self.bulletins + "aleppo-rain.md"
        try newsroom.edit(rain) { $0 + "\nفقرة لم يبلّغ عنها أحد.\n" }
        memory.noteChanges(absolute(newsroom, ["templates/unrelated.txt"]))
        let unseen = try patched.build(newsroom, memory: memory)
        #expect(unseen.contentPatched)
        let page = newsroom.output.appendingPathComponent("2026/11/aleppo-rain/index.html")
        #expect(!(try String(contentsOf: page, encoding: .utf8)).contains("فقرة لم يبلّغ عنها أحد"))

        memory.noteChanges(how == "lost track" ? nil : [])
        let walked = try patched.build(newsroom, memory: memory)
        #expect(!walked.contentPatched)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("فقرة لم يبلّغ عنها أحد"))
        try newsroom.expectSameAsCleanBuild(how)
    }

    /// A broken save fails the build; the next reported save is built from what the failed build
    /// found, not from the last good one.
    @Test func aFailedBuildInBetweenKeepsTheTreeTrue() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        let wheat = Self.bulletins + "damascus-wheat.md"
        let good = try String(contentsOf: newsroom.site.appendingPathComponent(wheat), encoding: .utf8)
        try newsroom.edit(wheat) { _ in "---\ntitle: [\n---\n" }
        memory.noteChanges(absolute(newsroom, [wheat]))
        #expect(throws: Diagnostics.self) { try patched.build(newsroom, memory: memory) }
        try newsroom.edit(wheat) { _ in good + "\nفقرة.\n" }
        memory.noteChanges(absolute(newsroom, [wheat]))
        _ = try patched.build(newsroom, memory: memory)
        let rain = Self.bulletins + "aleppo-rain.md"
        try newsroom.edit(rain) { $0 + "\nفقرة.\n" }
        memory.noteChanges(absolute(newsroom, [rain]))
        let report = try patched.build(newsroom, memory: memory)
        #expect(report.contentPatched && report.planPatched)
        try newsroom.expectSameAsCleanBuild("after a failed build")
        try patched.expectCleanFingerprints(newsroom, "after a failed build")
    }

    /// A reported change to the theme's files (here `static/`) loads the theme again.
    @Test func aReportedStaticFileIsPublished() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        Fixtures.write(["static/notice.txt": "تنبيه\n"], in: newsroom.site)
        memory.noteChanges(absolute(newsroom, ["static", "static/notice.txt"]))
        _ = try patched.build(newsroom, memory: memory)
        #expect(fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("notice.txt").path))
        try newsroom.expectSameAsCleanBuild("static file")
    }
}
