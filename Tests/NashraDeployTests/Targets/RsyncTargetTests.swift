import Foundation
import Testing
@testable import NashraDeploy

/// The real rsync, to a local folder: an SSH destination (`user@host:/path`) differs only in the
/// destination argument rsync is given.
@Suite struct RsyncTargetTests {
    @Test func deployTwiceSecondRunTransfersNothing() async throws {
        let target = TestSite.scratch("rsync").appendingPathComponent("news")
        defer { TestSite.remove(target.deletingLastPathComponent()) }
        let count = try BuiltSite.load(TestSite.exampleBuild).files.count

        let (first, _) = try await TestSite.deploy(TestSite.exampleBuild, to: .rsync(target.path))
        #expect(first.uploaded == count)
        #expect(TestSite.contents(of: target) == TestSite.contents(of: TestSite.exampleBuild))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(".nashra-manifest").path))

        let (second, _) = try await TestSite.deploy(TestSite.exampleBuild, to: .rsync(target.path))
        #expect(second.uploaded == 0 && second.deleted == 0)
        #expect(second.unchanged == count)
    }

    @Test func uploadsChangesAndDeletesWhatTheSiteDropped() async throws {
        let build = TestSite.copyOfBuild()
        let target = TestSite.scratch("rsync")
        defer { TestSite.remove(build.deletingLastPathComponent(), target) }
        _ = try await TestSite.deploy(build, to: .rsync(target.path))

        // Same size, different bytes: only a checksum tells.
        let style = build.appendingPathComponent("style.css")
        var bytes = try Data(contentsOf: style)
        bytes[0] = bytes[0] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: style)
        try FileManager.default.removeItem(at: build.appendingPathComponent("tags/اقتصاد"))
        try Data("new".utf8).write(to: build.appendingPathComponent("a file with spaces.txt"))

        let (report, _) = try await TestSite.deploy(build, to: .rsync(target.path))
        #expect(Set(report.plan.uploads.map(\.path)) == ["style.css", "a file with spaces.txt"])
        #expect(report.plan.deletions.contains("tags/اقتصاد/index.html"))
        #expect(TestSite.contents(of: target) == TestSite.contents(of: build))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("tags/اقتصاد").path))

        let (again, _) = try await TestSite.deploy(build, to: .rsync(target.path))
        #expect(again.plan.changesNothing)
    }

    @Test func readsItemizedChanges() {
        let output = """
            *deleting   old/gone.html
            *deleting   old/
            >f+++++++++ a b.txt
            >fc.T...... index.html
            >fcsT...... tags/اقتصاد/index.html
            >f+++++++++ new\\#012line
            cd+++++++++ css/
            created directory /srv/news
            """
        #expect(RsyncTarget.itemizedChanges(output) == [
            "old/gone.html": .deleted, "a b.txt": .new, "index.html": .changed,
            "tags/اقتصاد/index.html": .changed, "new\nline": .new,
        ])
    }
}
