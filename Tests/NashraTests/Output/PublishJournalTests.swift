import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The journal a publish leaves while it moves files, and how the next writer finishes it. The
/// real binary is killed at every step in `InterruptedPublishTests`; these tests set up the
/// states a kill leaves by hand and check that opening the next `SiteWriter` (what `build` and
/// `serve` do first) or `PublishJournal.rollForward` (what `deploy` does) completes them.
@Suite struct PublishJournalTests {
    let fileManager = FileManager.default

    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    /// A site published once in `root/site` with `pages` (path, text), from `root/content`.
    func publishedSite(in root: URL, _ pages: [(String, String)]) throws -> (output: URL, content: URL) {
        let output = root.appendingPathComponent("site")
        let content = root.appendingPathComponent("content")
        let first = try SiteWriter(output: output, inputs: [], content: content)
        for (path, text) in pages { try first.write(Array(text.utf8), to: path) }
        _ = try first.commit(allPaths: Set(pages.map { PathKey($0.0) }))
        return (output, content)
    }

    @Test func readsBackWhatItWrites() {
        let journal = PublishJournal(replacesFolder: false, moves: ["index.html", "tags/طقس/index.html"],
                                     deletions: ["tags/energy/index.html"], manifest: ["index.html", "tags/طقس/index.html"])
        #expect(PublishJournal(text: journal.text) == journal)
        let unchangedManifest = PublishJournal(replacesFolder: false, moves: ["a b/index.html"], deletions: [], manifest: nil)
        #expect(PublishJournal(text: unchangedManifest.text) == unchangedManifest)
        // A journal cut short is not a journal: it is never acted on.
        #expect(PublishJournal(text: String(journal.text.dropLast("end\n".count))) == nil)
    }

    /// The state of a kill after the journal and one move: the old site with one new page in it.
    @Test func theNextWriterFinishesAnInterruptedUpdate() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let (output, content) = try publishedSite(in: root, [("index.html", "قديم"), ("tags/energy/index.html", "energy")])

        let second = try SiteWriter(output: output, inputs: [], content: content)
        try second.write(Array("جديد".utf8), to: "index.html")
        try second.write(Array("طقس".utf8), to: "tags/طقس/index.html")
        let journal = PublishJournal(replacesFolder: false, moves: ["tags/طقس/index.html", "index.html"],
                                     deletions: ["tags/energy/index.html"], manifest: ["index.html", "tags/طقس/index.html"])
        try Data(journal.text.utf8).write(to: second.staging.appendingPathComponent(PublishJournal.fileName))
        try fileManager.createDirectory(at: output.appendingPathComponent("tags/طقس"), withIntermediateDirectories: true)
        try fileManager.moveItem(at: second.staging.appendingPathComponent("tags/طقس/index.html"),
                                 to: output.appendingPathComponent("tags/طقس/index.html"))

        // Opening the next writer rolls the journal forward before anything else.
        let third = try SiteWriter(output: output, inputs: [], content: content)
        defer { third.abandon() }
        #expect(read(output.appendingPathComponent("index.html")) == "جديد")
        #expect(read(output.appendingPathComponent("tags/طقس/index.html")) == "طقس")
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("tags/energy").path))
        #expect(read(output.appendingPathComponent(SiteWriter.manifestName)) == "index.html\ntags/طقس/index.html\n")
        #expect(!fileManager.fileExists(atPath: third.staging.appendingPathComponent(PublishJournal.fileName).path))
    }

    /// Unflushed (the preview's), the journal is written whole all the same, under its name and
    /// with no partial file left, so that a writer opened after a killed publish finishes it.
    @Test func anUnflushedJournalIsWrittenWholeAndRolledForward() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let (output, content) = try publishedSite(in: root, [("index.html", "قديم")])

        let second = try SiteWriter(output: output, inputs: [], content: content)
        try second.write(Array("جديد".utf8), to: "index.html")
        let journal = PublishJournal(replacesFolder: false, moves: ["index.html"], deletions: [], manifest: nil)
        try journal.write(into: second.staging, flushed: false)
        #expect(try fileManager.contentsOfDirectory(atPath: second.staging.path).filter { $0.hasPrefix(PublishJournal.fileName) }
                    == [PublishJournal.fileName])
        #expect(read(second.staging.appendingPathComponent(PublishJournal.fileName)).flatMap { PublishJournal(text: $0) } == journal)

        let third = try SiteWriter(output: output, inputs: [], content: content)
        defer { third.abandon() }
        #expect(read(output.appendingPathComponent("index.html")) == "جديد")
    }

    /// A first build killed before its folder rename: deploy finishes it instead of finding no site.
    @Test func rollForwardFinishesAFirstBuildsRename() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let writer = try SiteWriter(output: output, inputs: [], content: root.appendingPathComponent("content"))
        try writer.write(Array("<p>حلب</p>".utf8), to: "index.html")
        try PublishJournal.writeManifest(["index.html"], in: writer.staging)
        let journal = PublishJournal(replacesFolder: true, moves: [], deletions: [], manifest: nil)
        try Data(journal.text.utf8).write(to: writer.staging.appendingPathComponent(PublishJournal.fileName))
        try fileManager.removeItem(at: writer.staging.appendingPathComponent(SiteWriter.stagingMarker))

        #expect(try PublishJournal.rollForward(output: output))
        #expect(read(output.appendingPathComponent("index.html")) == "<p>حلب</p>")
        #expect(read(output.appendingPathComponent(SiteWriter.manifestName)) == "index.html\n")
        #expect(try fileManager.contentsOfDirectory(atPath: output.path).sorted() == [SiteWriter.manifestName, "index.html"])
        #expect(!fileManager.fileExists(atPath: writer.staging.path))
        #expect(try !PublishJournal.rollForward(output: output), "nothing is left to finish")
    }

    /// Killed right after the rename: the journal came along into the output and must not stay
    /// there (deploy would publish it).
    @Test func rollForwardRemovesAJournalCarriedIntoTheOutput() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        Fixtures.write(["site/index.html": "x", "site/\(SiteWriter.manifestName)": "index.html\n",
                        "site/\(PublishJournal.fileName)": PublishJournal(replacesFolder: true, moves: [], deletions: [], manifest: nil).text],
                       in: root)
        #expect(try PublishJournal.rollForward(output: output))
        #expect(try fileManager.contentsOfDirectory(atPath: output.path).sorted() == [SiteWriter.manifestName, "index.html"])
    }
}
