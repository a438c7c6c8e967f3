import Foundation
import Testing
@testable import Nashra
import NashraCore

@Suite("ContentLoader")
struct ContentLoaderTests {
    let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "Asia/Damascus")!)

    static let good = "---\ntitle: أمطار في حلب\ndate: 2026-11-20\n---\nالفقرة الأولى.\n"

    @Test func loadsGoodFilesAndReportsEveryBadOne() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write([
            "bulletins/2026/أمطار-حلب.md": Self.good,
            "bulletins/2026/aleppo/index.md": "---\ntitle: Aleppo\ndate: 2026-11-21\n---\nBody.\n",
            "bulletins/2026/notes.markdown": "---\ntitle: ملاحظات\ndate: 2026-11-22\n---\n",
            "bulletins/2026/bad-date.md": "---\ntitle: x\ndate: tomorrow\n---\n",
            "bulletins/2026/two-problems.md": "---\ndate: 2026-11-20\ndraft: maybe\n---\n",
            "bulletins/2026/no-front-matter.md": "# عنوان فقط\n",
            // Skipped: hidden files and folders, and files that are not Markdown.
            "bulletins/.draft.md": "not a bulletin",
            ".hidden/old.md": "not a bulletin",
            "bulletins/.trash/deep/old.md": "not a bulletin",
            "bulletins/notes.txt": "not a bulletin",
            "bulletins/2026/photo.jpg": "not a bulletin",
            "bulletins/2026/md": "not a bulletin",
        ], in: folder)
        try (Data("---\ntitle: caf".utf8) + Data([0xE9]) + Data("\ndate: 2026-11-20\n---\n".utf8))
            .write(to: folder.appendingPathComponent("bulletins/2026/latin1.md"))

        let loaded = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        let (bulletins, problems) = (loaded.bulletins, loaded.problems)

        #expect(bulletins.map(\.source.relativePath) == [
            "bulletins/2026/aleppo/index.md", "bulletins/2026/notes.markdown", "bulletins/2026/أمطار-حلب.md",
        ])
        #expect(bulletins.map(\.slug) == ["aleppo", "notes", "أمطار-حلب"])
        let rain = try #require(bulletins.last)
        #expect(rain.title == "أمطار في حلب")
        #expect(rain.source.displayPath == "content/bulletins/2026/أمطار-حلب.md")
        #expect(rain.source.absolutePath == folder.standardizedFileURL.path + "/bulletins/2026/أمطار-حلب.md")

        let described = Set(problems.map { "\($0.location!.path):\($0.location!.line):\($0.location!.column)" })
        #expect(described == [
            "content/bulletins/2026/bad-date.md:3:7",
            "content/bulletins/2026/two-problems.md:1:1",
            "content/bulletins/2026/two-problems.md:3:8",
            "content/bulletins/2026/no-front-matter.md:1:1",
            "content/bulletins/2026/latin1.md:2:11",
        ])
        #expect(problems.count == 5)
        #expect(!problems.contains { $0.location!.path.contains(".draft") || $0.location!.path.contains("hidden") || $0.location!.path.contains("trash") })
    }

    @Test func markdownFilesAreSortedAndSkipHiddenOnes() {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(["b.md": "", "a/z.md": "", "a/.y.md": "", ".git/x.md": "", "c.txt": "", "a/b.markdown": "", "حلب.md": "خبر"], in: folder)
        let found = ContentLoader.markdownFiles(in: folder).files
        #expect(found.map(\.relativePath) == ["a/b.markdown", "a/z.md", "b.md", "حلب.md"])
        // Each file's stamp comes from the walk; the cache compares it with the previous build's.
        #expect(found.map { $0.stamp.size } == [0, 0, 0, "خبر".utf8.count])
        #expect(found[3].stamp == FileStamp(path: folder.appendingPathComponent("حلب.md").path))
    }

    @Test func anEmptyOrMissingFolderHasNoBulletins() {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        #expect(empty.bulletins.isEmpty && empty.problems.isEmpty)
        #expect(ContentLoader.markdownFiles(in: folder.appendingPathComponent("missing")).files.isEmpty)
    }

    @Test func bodyIsReadAgainAfterTheFrontMatter() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(["bulletins/rain.md": "---\ntitle: أمطار\ndate: 2026-11-20\n---\nالفقرة الأولى.\n\n## تفاصيل\n"], in: folder)
        try (Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: ثلوج\ndate: 2026-11-20\n---\nبعد العلامة.\n".utf8))
            .write(to: folder.appendingPathComponent("bulletins/snow.md"))

        let loaded = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        let (bulletins, problems) = (loaded.bulletins, loaded.problems)
        #expect(problems.isEmpty)
        #expect(bulletins.count == 2)
        for bulletin in bulletins {
            let body = String(decoding: try ContentLoader.body(of: bulletin.source).get(), as: UTF8.self)
            switch bulletin.slug {
            case "rain": #expect(body == "الفقرة الأولى.\n\n## تفاصيل\n")
            case "snow": #expect(body == "بعد العلامة.\n")
            default: Issue.record("unexpected bulletin \(bulletin.slug)")
            }
            #expect(bulletin.source.bodyLine == 5)
        }
    }

    /// A name written decomposed on disk (as macOS's older file systems did): its relative path
    /// is NFC, but its body is read again under the name it has on disk, parsed or from the cache.
    @Test func aFileNamedInNFDIsFoundAgainUnderItsNameOnDisk() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let composed = "bulletins/أمطار.md", decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(!composed.utf8.elementsEqual(decomposed.utf8))
        Fixtures.write([decomposed: "---\ntitle: أمطار\ndate: 2026-11-20\n---\nنص.\n", "bulletins/rain.md": Self.good], in: folder)
        let fresh = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        let cached = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading, previous: fresh.cacheEntries)
        #expect(cached.reused == 2)
        for loaded in [fresh, cached] {
            #expect(loaded.problems.isEmpty)
            let rain = try #require(loaded.bulletins.first { $0.title == "أمطار" })
            #expect(rain.source.relativePath == composed)
            #expect(rain.source.displayPath == "content/" + decomposed)
            #expect(String(decoding: try ContentLoader.body(of: rain.source).get(), as: UTF8.self) == "نص.\n")
            let other = try #require(loaded.bulletins.first { $0.title != "أمطار" })
            #expect(other.source.absolutePath == folder.standardizedFileURL.path + "/bulletins/rain.md")
        }
    }

    /// Loading with the cache's entries: an unchanged file keeps the cache's entry, a changed or
    /// new one has its new parse (and is listed as read), and a file gone, one that is no longer
    /// a bulletin, or one that no longer parses has none.
    @Test func theCacheEntriesFollowTheFolder() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(["bulletins/a.md": Self.good, "bulletins/b.md": Self.good, "bulletins/c.md": Self.good,
                        "bulletins/d.md": Self.good, "bulletins/e.md": Self.good], in: folder)
        let first = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading)
        #expect(first.cacheEntries.count == 5 && first.parsedPaths.count == 5)
        let edited = Self.good + "فقرة أخرى.\n"
        Fixtures.write(["bulletins/b.md": edited, "bulletins/c.md": "---\ntitle: صفحة\ntype: page\n---\nنص.\n",
                        "bulletins/e.md": "---\ntitle: [\n---\n", "bulletins/f.md": Self.good], in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("bulletins/d.md"))
        let again = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading, previous: first.cacheEntries)
        #expect(Set(again.cacheEntries.keys) == [PathKey("bulletins/a.md"), PathKey("bulletins/b.md"), PathKey("bulletins/f.md")])
        #expect(Set(again.parsedPaths) == [PathKey("bulletins/b.md"), PathKey("bulletins/f.md")])
        #expect(again.reused == 1 && again.pages.count == 1 && !again.problems.isEmpty)
        #expect(again.cacheEntries[PathKey("bulletins/b.md")]?.size == edited.utf8.count)
        #expect(again.bulletins.count == again.cacheEntries.count)
        // What the files read replaced or dropped comes back as it was, with how many entries
        // there were: the previous entries themselves are taken over, not kept.
        #expect(again.previousCount == 5)
        #expect(Set(again.replaced.keys) == [PathKey("bulletins/b.md"), PathKey("bulletins/c.md"), PathKey("bulletins/e.md")])
        #expect(again.replaced[PathKey("bulletins/b.md")]?.size == Self.good.utf8.count)
    }

    @Test func bodyFailsWhenTheFileChangedAfterLoading() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(["bulletins/rain.md": Self.good], in: folder)
        let bulletins = ContentLoader.load(folder: folder, displayPrefix: "content", reading: reading).bulletins
        let source = try #require(bulletins.first?.source)
        #expect(String(decoding: try ContentLoader.body(of: source).get(), as: UTF8.self) == "الفقرة الأولى.\n")

        Fixtures.write(["bulletins/rain.md": Self.good + "فقرة أضيفت أثناء البناء.\n"], in: folder)
        guard case .failure(let problem) = ContentLoader.body(of: source) else {
            Issue.record("a changed file was read as if it had not changed")
            return
        }
        #expect(problem.message.contains("changed during the build"))
        #expect(problem.location?.path == "content/bulletins/rain.md")

        try FileManager.default.removeItem(at: folder.appendingPathComponent("bulletins/rain.md"))
        guard case .failure(let gone) = ContentLoader.body(of: source) else {
            Issue.record("a deleted file was read")
            return
        }
        #expect(gone.message.contains("changed during the build"))
    }
}
