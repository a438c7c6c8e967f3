import Foundation
import Testing
@testable import Nashra

/// The search index in the build: incremental like the rest, and off when the site says so.
@Suite struct SearchIndexBuildTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func results(_ newsroom: Newsroom, _ query: String) throws -> [String] {
        try SearchIndexReader(site: newsroom.output).search(query).map(\.url)
    }

    @Test func anEditedBulletinIsFoundByItsNewWordsOnly() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(try results(newsroom, "القمح").count == 1)
        #expect(try results(newsroom, "الشعير").isEmpty)
        try newsroom.edit("content/bulletins/syria-wheat.md") { $0.replacingOccurrences(of: "القمح", with: "الشعير") }
        let report = try newsroom.build()
        #expect(report.bulletinsReused == report.sourceFiles - 1)
        #expect(try results(newsroom, "القمح").isEmpty)
        #expect(try results(newsroom, "الشعير").count == 1)
        try newsroom.expectSameAsCleanBuild("search index after an edit")
    }

    /// An edit that changes the headline (a display shard), a tag (filter keys), weights and
    /// pairs is patched into the previous index's shards; the result is a clean build's.
    @Test func aRetitledAndRetaggedBulletinIsPatchedAsACleanBuildWouldWriteIt() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit("content/bulletins/syria-wheat.md") {
            $0.replacingOccurrences(of: "title: موسم القمح في سورية يبدأ مبكرًا", with: "title: موسم الشعير في سورية")
                .replacingOccurrences(of: "tags: [زراعة, اقتصاد]", with: "tags: [زراعة, طقس]")
                .replacingOccurrences(of: "بأسبوعين.", with: "بأسبوعين، وزراعة الشعير كذلك.")
        }
        _ = try newsroom.build()
        #expect(try results(newsroom, "الشعير").count == 1)
        try newsroom.expectSameAsCleanBuild("search index after a retitle and a new tag")
        try newsroom.edit("content/bulletins/syria-wheat.md") { $0 + "\nفقرة أخيرة عن القمح.\n" }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("search index after a second edit")
    }

    @Test func aNewBulletinAndADeletedOneMatchACleanBuild() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent("content/bulletins/aleppo-rain.md"))
        Fixtures.write(["content/bulletins/homs-snow.md": "---\ntitle: ثلوج في حمص\ndate: 2026-11-21T08:00:00+03:00\nlocation: حمص\n---\n\nتساقطت الثلوج.\n"],
                       in: newsroom.site)
        _ = try newsroom.build()
        #expect(try results(newsroom, "ثلوج").count == 1)
        #expect(try results(newsroom, "أمطار").isEmpty)
        try newsroom.expectSameAsCleanBuild("search index after adding and deleting")
    }

    @Test func searchFalseWritesNoIndexNorSearchPage() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("search/manifest.json").path))
        try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "search:\n  exclude: [\"opinion/*\"]\n", with: "search: false\n") }
        _ = try newsroom.build()
        #expect(!FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("search").path))
        let home = try String(contentsOf: newsroom.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("role=\"search\""))
        try newsroom.expectSameAsCleanBuild("search: false")
    }

    @Test func draftsAreNotIndexedEvenWhenPublished() throws {
        let newsroom = try Newsroom(copying: "search", rules: PublishingRules(includeDrafts: true, now: Date(timeIntervalSince1970: 1_800_000_000)))
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(try results(newsroom, "الموازنة").isEmpty)
        #expect(try results(newsroom, "حلب").count >= 2)
    }
}
