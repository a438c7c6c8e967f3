import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Which files changed only in their bodies, found from what the loader replaced when it took the
/// previous build's entries over.
@Suite struct IncrementalStateTests {
    let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "Asia/Damascus")!)
    /// With a summary of its own: one made from the body would change with it.
    static let bulletin = "---\ntitle: أمطار في حلب\ndate: 2026-11-20\nsummary: أمطار غزيرة.\n---\nالفقرة الأولى.\n"

    /// The edits after changing the files as `change` does, loaded over a first load's entries.
    private func edits(_ change: (URL) throws -> Void) throws -> [Bulletin]? {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(["a.md": Self.bulletin, "b.md": Self.bulletin, "c.md": Self.bulletin], in: folder)
        let first = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        try change(folder)
        let loaded = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading, previous: first.cacheEntries)
        return IncrementalState.bodyEdits(loaded.cacheEntries, previous: loaded.replaced, previousCount: loaded.previousCount,
                                          changed: Set(loaded.parsedPaths))
    }

    @Test func aBodyEditIsTheEditedBulletin() throws {
        let found = try edits { Fixtures.write(["b.md": Self.bulletin + "فقرة ثانية.\n"], in: $0) }
        #expect(found?.map(\.source.relativePath) == ["b.md"])
        let none = try edits { _ in }
        #expect(none?.isEmpty == true, "nothing changed")
    }

    @Test func anEditOfTheFrontMatterOrAFileGoneOrAddedIsNotABodyEdit() throws {
        #expect(try edits { Fixtures.write(["b.md": Self.bulletin.replacingOccurrences(of: "في حلب", with: "في ريف حمص")], in: $0) } == nil)
        #expect(try edits { try FileManager.default.removeItem(at: $0.appendingPathComponent("c.md")) } == nil)
        #expect(try edits { Fixtures.write(["d.md": Self.bulletin], in: $0) } == nil)
    }
}
