import Foundation
import Testing
@testable import NashraServe

@Suite struct ServedFolderTests {
    /// An output folder with pages, a manifest, and symlinks pointing in and out.
    struct Layout {
        let base: URL
        var root: URL { base.appendingPathComponent("out") }
        var outside: URL { base.appendingPathComponent("private") }

        init() throws {
            base = ServeFixtures.scratch()
            try ServeFixtures.write([
                "out/index.html": "home", "out/a/b.html": "b", "out/tags/سدود/index.html": "dams",
                "out/.nashra-manifest": "index.html\n", "private/secret.txt": "secret",
            ], in: base)
            let fileManager = FileManager.default
            try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("leak").path, withDestinationPath: outside.path)
            try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("secret.txt").path,
                                               withDestinationPath: "../private/secret.txt")
            try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("alias.html").path, withDestinationPath: "a/b.html")
        }
    }

    @Test func resolvesFilesFoldersAndArabicNames() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.base) }
        let folder = ServedFolder(root: layout.root)
        let real = ServedFolder.realPath(layout.root.path)!
        #expect(folder.resolve(["a", "b.html"]) == .file(URL(fileURLWithPath: real + "/a/b.html")))
        #expect(folder.resolve(["tags", "سدود"]) == .folder(URL(fileURLWithPath: real + "/tags/سدود", isDirectory: true)))
        #expect(folder.resolve([]) == .folder(URL(fileURLWithPath: real, isDirectory: true)))
        #expect(folder.resolve(["a", "missing.html"]) == .missing)
        // A link that stays inside is followed.
        #expect(folder.resolve(["alias.html"]) == .file(URL(fileURLWithPath: real + "/a/b.html")))
    }

    @Test func refusesSymlinksThatLeadOut() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.base) }
        let folder = ServedFolder(root: layout.root)
        let outside = ServedFolder.realPath(layout.outside.path)!
        #expect(folder.resolve(["leak", "secret.txt"]) == .outside(outside + "/secret.txt"))
        #expect(folder.resolve(["leak"]) == .outside(outside))
        #expect(folder.resolve(["secret.txt"]) == .outside(outside + "/secret.txt"))
    }

    @Test func hidesTheManifestAndRefusesSegmentsThatClimb() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(at: layout.base) }
        let folder = ServedFolder(root: layout.root)
        #expect(folder.resolve([".nashra-manifest"]) == .missing)
        #expect(folder.resolve(["..", "private", "secret.txt"]) == .missing)
        #expect(folder.resolve(["a/../../private", "secret.txt"]) == .missing)
        #expect(folder.resolve(["index.html\0.css"]) == .missing)
    }
}
