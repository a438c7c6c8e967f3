import Foundation
import Testing
@testable import Nashra
import NashraCore

@Suite struct SiteWriterTests {
    let fileManager = FileManager.default

    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    @Test func writesIntoStagingAndSwapsOnCommit() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let writer = try SiteWriter(output: output, inputs: [], content: root.appendingPathComponent("content"))
        try writer.write(Array("<p>مرحبا</p>".utf8), to: "2026/11/خبر/index.html")
        #expect(!fileManager.fileExists(atPath: output.path), "nothing is visible before commit")
        #expect(try writer.commit(allPaths: ["2026/11/خبر/index.html"]).written == 1)
        #expect(read(output.appendingPathComponent("2026/11/خبر/index.html")) == "<p>مرحبا</p>")
        #expect(read(output.appendingPathComponent(SiteWriter.manifestName)) == "2026/11/خبر/index.html\n")
        #expect(!fileManager.fileExists(atPath: writer.staging.path))
    }

    @Test(arguments: ["../escape.html", "a/../../escape.html", "/etc/passwd", "a//b.html", "./a.html", ".nashra-manifest"])
    func refusesPathsThatLeaveTheOutputFolder(path: String) throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let writer = try SiteWriter(output: root.appendingPathComponent("site"), inputs: [], content: root.appendingPathComponent("content"))
        defer { writer.abandon() }
        #expect(throws: Diagnostics.self) { try writer.write(Array("x".utf8), to: path) }
        #expect(!fileManager.fileExists(atPath: root.appendingPathComponent("escape.html").path))
    }

    @Test func refusesAnOutputFolderItDidNotWrite() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        Fixtures.write(["site/notes.txt": "ملاحظات المحرر"], in: root)
        let error = #expect(throws: Diagnostics.self) {
            _ = try SiteWriter(output: output, inputs: [], content: root.appendingPathComponent("content"))
        }
        #expect(error?.description.contains("Nashra did not write") == true)
        #expect(read(output.appendingPathComponent("notes.txt")) == "ملاحظات المحرر")
    }

    @Test func refusesToWriteOverWhatTheBuildReads() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try fileManager.createDirectory(at: content, withIntermediateDirectories: true)
        for output in [content, root, content.appendingPathComponent("site")] {
            #expect(throws: Diagnostics.self) { _ = try SiteWriter(output: output, inputs: [root], content: content) }
        }
    }

    @Test func keepsFilesItDidNotWriteAndDropsItsOwnOldFiles() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let content = root.appendingPathComponent("content")
        let first = try SiteWriter(output: output, inputs: [], content: content)
        try first.write(Array("old".utf8), to: "old/index.html")
        try first.write(Array("gone".utf8), to: "gone/deep/index.html")
        _ = try first.commit(allPaths: ["old/index.html", "gone/deep/index.html"])
        Fixtures.write(["site/verify-google.html": "token", "site/old/extra.txt": "يدوي"], in: root)

        let second = try SiteWriter(output: output, inputs: [], content: content)
        try second.write(Array("new".utf8), to: "new/index.html")
        let changes = try second.commit(allPaths: ["new/index.html"])
        #expect(changes.written == 1 && changes.deleted == 2)
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("gone").path), "emptied folders go too")
        #expect(read(output.appendingPathComponent("new/index.html")) == "new")
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("old/index.html").path))
        #expect(read(output.appendingPathComponent("verify-google.html")) == "token")
        #expect(read(output.appendingPathComponent("old/extra.txt")) == "يدوي")
    }

    @Test func aClashWithAForeignFileLeavesTheOldSiteAsItWas() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let content = root.appendingPathComponent("content")
        let first = try SiteWriter(output: output, inputs: [], content: content)
        try first.write(Array("old".utf8), to: "index.html")
        _ = try first.commit(allPaths: ["index.html"])
        Fixtures.write(["site/about/index.html": "hand-written"], in: root)

        let second = try SiteWriter(output: output, inputs: [], content: content)
        try second.write(Array("generated".utf8), to: "about/index.html")
        try second.write(Array("new".utf8), to: "index.html")
        #expect(throws: Diagnostics.self) { _ = try second.commit(allPaths: ["index.html", "about/index.html"]) }
        #expect(read(output.appendingPathComponent("about/index.html")) == "hand-written")
        #expect(read(output.appendingPathComponent("index.html")) == "old")
        #expect(!fileManager.fileExists(atPath: second.staging.path))
    }

    @Test func identicalBytesKeepTheirFileTime() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let content = root.appendingPathComponent("content")
        let first = try SiteWriter(output: output, inputs: [], content: content)
        try first.write(Array("same".utf8), to: "a/index.html")
        try first.write(Array("before".utf8), to: "b/index.html")
        _ = try first.commit(allPaths: ["a/index.html", "b/index.html"])
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for path in ["a/index.html", "b/index.html"] {
            try fileManager.setAttributes([.modificationDate: past], ofItemAtPath: output.appendingPathComponent(path).path)
        }
        let second = try SiteWriter(output: output, inputs: [], content: content)
        try second.write(Array("same".utf8), to: "a/index.html")
        try second.write(Array("after".utf8), to: "b/index.html")
        let changes = try second.commit(allPaths: ["a/index.html", "b/index.html"])
        #expect(changes.written == 1 && changes.unchanged == 1)
        func modified(_ path: String) throws -> Date? {
            try fileManager.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.modificationDate] as? Date
        }
        #expect(try modified("a/index.html") == past)
        #expect(try modified("b/index.html") != past)
        #expect(read(output.appendingPathComponent("b/index.html")) == "after")
    }

    /// The stamps the writer hands to the cache are taken while writing (no stat after publishing):
    /// they must be what the published files show, after the first build's folder rename and after
    /// a later build's file renames, or the next build would not recognise its own files.
    @Test func outputStampsMatchThePublishedFiles() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let content = root.appendingPathComponent("content")
        func checkStamps(_ writer: SiteWriter, _ paths: [PathKey]) {
            for path in paths {
                let published = FileStamp(path: output.appendingPathComponent(path.text).path)
                #expect(published != nil)
                #expect(writer.outputs[path].map { FileStamp(size: $0.size, modified: $0.modified) } == published, "\(path.text)")
            }
        }
        let first = try SiteWriter(output: output, inputs: [], content: content)
        try first.write(Array("<p>حلب</p>".utf8), to: "2026/11/حلب/index.html")
        try first.write(Array("قديم".utf8), to: "tags/طقس/index.html")
        _ = try first.commit(allPaths: ["2026/11/حلب/index.html", "tags/طقس/index.html"])
        checkStamps(first, ["2026/11/حلب/index.html", "tags/طقس/index.html"])

        Thread.sleep(forTimeInterval: 0.01)
        let second = try SiteWriter(output: output, inputs: [], content: content)
        second.previousOutputs = first.outputs
        try second.write(Array("جديد".utf8), to: "tags/طقس/index.html")
        try second.write(Array("<p>حمص</p>".utf8), to: "2026/11/حمص/index.html")
        let changes = try second.commit(allPaths: ["2026/11/حلب/index.html", "tags/طقس/index.html", "2026/11/حمص/index.html"])
        #expect(changes.written == 2)
        checkStamps(second, ["2026/11/حلب/index.html", "tags/طقس/index.html", "2026/11/حمص/index.html"])
    }
}
