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
            #expect(report.contentPatched && report.planPatched && report.fingerprintsPatched && report.searchFromMemory)
            try newsroom.expectSameAsCleanBuild("round \(round)")
        }
    }

    /// Body edits that bring words into the index, change one, and take them out again: the
    /// index patched from the memory (only the edited document looked at) is a clean build's.
    @Test func searchTermsComeAndGoFromTheMemory() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        let wheat = Self.bulletins + "damascus-wheat.md"
        let original = try String(contentsOf: newsroom.site.appendingPathComponent(wheat), encoding: .utf8)
        let edits: [(String, (String) -> String)] = [
            ("a word comes", { $0 + "\nالطحين في المطاحن الكبرى.\n" }),
            ("a word changes", { $0.replacingOccurrences(of: "الطحين", with: "الدقيق") }),
            ("the words go", { _ in original }),
        ]
        for (what, change) in edits {
            try newsroom.edit(wheat, change)
            memory.noteChanges(absolute(newsroom, [wheat]))
            let report = try patched.build(newsroom, memory: memory)
            #expect(report.planPatched && report.searchFromMemory, "\(what)")
            try newsroom.expectSameAsCleanBuild(what)
        }
    }

    /// A build that fails (a lead photo missing) after one file's body was edited, then a fix to
    /// another file: the rebuild compares both with what the last good build read, not only the
    /// one just reported.
    @Test func editsOfAFailedBuildAreStillCompared() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        let wheat = Self.bulletins + "damascus-wheat.md", rain = Self.bulletins + "aleppo-rain.md"
        let good = try String(contentsOf: newsroom.site.appendingPathComponent(rain), encoding: .utf8)
        try newsroom.edit(wheat) { $0 + "\nفقرة عن البيادر.\n" }
        try newsroom.edit(rain) { $0.replacingOccurrences(of: "---\n\n", with: "image: missing.png\n---\n\n") }
        memory.noteChanges(absolute(newsroom, [wheat, rain]))
        #expect(throws: Diagnostics.self) { try patched.build(newsroom, memory: memory) }
        try newsroom.edit(rain) { _ in good + "\nفقرة.\n" }
        memory.noteChanges(absolute(newsroom, [rain]))
        let report = try patched.build(newsroom, memory: memory)
        #expect(report.contentPatched && report.planPatched)
        #expect(try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/damascus-wheat/index.html"), encoding: .utf8).contains("البيادر"))
        try newsroom.expectSameAsCleanBuild("a failed build's edit")
        try patched.expectCleanFingerprints(newsroom, "a failed build's edit")
    }

    /// After edits of Markdown files only, the photos are the previous build's; a reported photo
    /// file, even in a build that failed, has them developed again.
    @Test(arguments: ["body", "photo", "photo in a failed build"])
    func photosAreKeptOnlyWhileNothingButMarkdownChanged(change: String) throws {
        let newsroom = try Newsroom(copying: "photos", rules: PatchedRebuildTests.rules)
        defer { try? fileManager.removeItem(at: newsroom.root) }
        let memory = BuildMemory()
        try startWatching(newsroom, memory)
        let market = Self.bulletins + "market.md", plain = Self.bulletins + "plain.md", photo = "static/images/market.png"
        if change != "body" {
            // Another PNG in its place: the page shows other files.
            try fileManager.removeItem(at: newsroom.site.appendingPathComponent(photo))
            try fileManager.copyItem(at: newsroom.site.appendingPathComponent(Self.bulletins + "rain/map.png"),
                                     to: newsroom.site.appendingPathComponent(photo))
        }
        var reported = [market]
        if change == "photo" { reported.append(photo) }
        if change == "photo in a failed build" {
            let good = try String(contentsOf: newsroom.site.appendingPathComponent(plain), encoding: .utf8)
            try newsroom.edit(plain) { _ in "---\ntitle: [\n---\n" }
            memory.noteChanges(absolute(newsroom, [photo, plain]))
            #expect(throws: Diagnostics.self) { try patched.build(newsroom, memory: memory) }
            try newsroom.edit(plain) { _ in good }
            reported.append(plain)
        }
        try newsroom.edit(market) { $0 + "\nفقرة عن الباعة.\n" }
        memory.noteChanges(absolute(newsroom, reported))
        let report = try patched.build(newsroom, memory: memory)
        #expect(report.planPatched, "\(change)")
        #expect(report.photosKept == (change == "body"), "\(change)")
        try newsroom.expectSameAsCleanBuild(change)
        try patched.expectCleanFingerprints(newsroom, change)
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
