import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The walk of an input folder: links followed only inside the boundary, each folder once,
/// special files refused. Links and FIFOs are made here, in a scratch folder, not committed.
@Suite("InputTree")
struct InputTreeTests {
    let fileManager = FileManager.default

    func link(_ path: String, to target: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func walk(_ folder: URL, boundary: URL? = nil) -> InputTree {
        InputTree.walk(folder, display: "content", boundary: InputBoundary(folder: boundary ?? folder, name: "the site folder"),
                       including: { ContentLoader.markdownStem($0) != nil })
    }

    func located(_ tree: InputTree) -> [String] {
        tree.problems.map { "\($0.location!.path): \($0.message)" }.sorted()
    }

    /// Files come in byte order of their whole paths (`PathKey`'s), whatever order the folders
    /// list them in and across levels (`a-b/` sorts before `a/`, `a/b/` after `a/a.md`), each
    /// path made once with its folder's before it; hidden names and other files are left out.
    @Test func filesComeInByteOrderOfTheirPaths() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        let names = ["a/x.md", "a-b/y.md", "a/b/z.md", "a/a.md", "Z.md", "ب/ا.md", "ب/أ.md", "ا.md", "a/b/c/d.md",
                     "a/.hidden.md", ".git/e.md", "a/photo.jpg", "b/" + String(repeating: "ط", count: 40) + ".md"]
        Fixtures.write(Dictionary(uniqueKeysWithValues: names.map { ($0, "x") }), in: root)
        for index in 0..<60 { Fixtures.write(["many/\((index * 37) % 60).md": "x"], in: root) }
        let tree = walk(root)
        let expected = (names.filter { !$0.contains("/.") && !$0.hasPrefix(".") && $0.hasSuffix(".md") } + (0..<60).map { "many/\($0).md" })
            .map { PathKey($0) }.sorted().map(\.text)
        #expect(tree.files.map(\.relativePath) == expected)
        #expect(tree.problems.isEmpty)
    }

    /// The walk only checks the order when its runs already make it (files of one depth, as a
    /// dated archive's are), and sorts when they do not: `a/b-x.md` comes before `a/b/c.md`.
    @Test func theOrderIsCheckedBeforeTheFilesAreSorted() {
        func files(_ paths: [String]) -> [InputTree.File] {
            paths.map { InputTree.File(relativePath: $0, stamp: FileStamp(size: 0, modified: 0)) }
        }
        #expect(InputTree.inOrder(files(["a/a.md", "a/b.md", "b/a.md", "ب/ا.md"])))
        #expect(!InputTree.inOrder(files(["a/b/c.md", "a/b-x.md"])))
        #expect(!InputTree.inOrder(files(["a.md", "c.md", "b.md"])))
        #expect(InputTree.inOrder(files([])) && InputTree.inOrder(files(["x.md"])))
    }

    @Test func linksLeavingTheBoundaryAreRefusedAtTheirPath() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["site/content/a.md": "a", "outside/secret.md": "s", "outside/deep/more.md": "m"], in: root)
        let outside = root.appendingPathComponent("outside").path
        try link("site/content/secret.md", to: outside + "/secret.md", in: root)
        try link("site/content/usr", to: outside, in: root)
        try link("site/content/up", to: "../../outside/deep", in: root)
        // Not read by this walk (not Markdown), so not its business.
        try link("site/content/photo.jpg", to: outside + "/secret.md", in: root)

        let tree = walk(root.appendingPathComponent("site/content"), boundary: root.appendingPathComponent("site"))
        #expect(tree.files.map(\.relativePath) == ["a.md"])
        #expect(located(tree) == [
            "content/secret.md: a symbolic link to \(outside)/secret.md, outside the site folder; copy the file in instead",
            "content/up: a symbolic link to ../../outside/deep, outside the site folder; copy the folder in instead",
            "content/usr: a symbolic link to \(outside), outside the site folder; copy the folder in instead",
        ])
    }

    @Test func linksInsideTheBoundaryAreFollowed() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["content/a.md": "a", "old/2019/b.md": "bb", "shared/c.md": "ccc"], in: root)
        try link("content/archive", to: "../old", in: root)
        try link("content/c.md", to: "../shared/c.md", in: root)

        let tree = walk(root.appendingPathComponent("content"), boundary: root)
        #expect(tree.problems.isEmpty, "\(tree.problems)")
        #expect(tree.files.map(\.relativePath) == ["a.md", "archive/2019/b.md", "c.md"])
        // The stamp is the target's: a link's own size says nothing about the bulletin.
        #expect(tree.files.map(\.stamp.size) == [1, 2, 3])
    }

    @Test func twoLinksToTheFolderItselfAreOneMessageEachAndDoNotGrowTheWalk() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["content/a.md": "a", "content/2026/b.md": "b"], in: root)
        try link("content/x", to: ".", in: root)
        try link("content/2026/y", to: "..", in: root)

        let tree = walk(root.appendingPathComponent("content"), boundary: root)
        #expect(tree.files.map(\.relativePath) == ["2026/b.md", "a.md"])
        #expect(located(tree) == [
            "content/2026/y: a symbolic link to .., a folder that contains the link (a loop); remove the link",
            "content/x: a symbolic link to ., a folder that contains the link (a loop); remove the link",
        ])
    }

    @Test func aSecondPathToAFolderAlreadyWalkedIsReportedAtTheLink() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["content/bulletins/2026/a.md": "a", "shared/b.md": "b"], in: root)
        try link("content/latest", to: "bulletins/2026", in: root)
        // Two links to one folder outside content/ (inside the site): the second in path order is refused.
        try link("content/one", to: "../shared", in: root)
        try link("content/two", to: "../shared", in: root)

        let tree = walk(root.appendingPathComponent("content"), boundary: root)
        #expect(tree.files.map(\.relativePath) == ["bulletins/2026/a.md", "one/b.md"])
        #expect(located(tree) == [
            "content/latest: a symbolic link to bulletins/2026, a folder already read as content/bulletins/2026; keep one path to each folder",
            "content/two: a symbolic link to ../shared, which leads to a folder already read (a loop, or a second link to one folder); keep one path to each folder",
        ])
    }

    @Test func aLinkThatLeadsBackAboveTheFolderIsOneMessageAndAddsNothing() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["content/a.md": "a", "notes/n.md": "n"], in: root)
        // content/site → the site folder, which holds content/ again.
        try link("content/site", to: "..", in: root)

        let tree = walk(root.appendingPathComponent("content"), boundary: root)
        #expect(tree.files.map(\.relativePath) == ["a.md"])
        #expect(located(tree) == [
            "content/site: a symbolic link to .., which leads to a folder already read (a loop, or a second link to one folder); keep one path to each folder",
        ])
    }

    @Test func specialFilesAreRefusedWithoutBeingOpened() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["content/a.md": "a"], in: root)
        #expect(mkfifo(root.appendingPathComponent("content/y.md").path, 0o644) == 0)
        #expect(mkfifo(root.appendingPathComponent("content/pipe").path, 0o644) == 0)   // not Markdown: not read
        try link("content/z.md", to: "y.md", in: root)

        let tree = walk(root.appendingPathComponent("content"), boundary: root)
        #expect(tree.files.map(\.relativePath) == ["a.md"])
        #expect(located(tree) == [
            "content/y.md: not a regular file but a named pipe (FIFO); only regular files are read, so replace it with one or remove it",
            "content/z.md: not a regular file but a named pipe (FIFO); only regular files are read, so replace it with one or remove it",
        ])
    }

    @Test func theFolderItselfMayNotBeALinkOutOfTheBoundary() throws {
        let root = Fixtures.scratch()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["outside/x.css": "x", "site/nashra.yaml": ""], in: root)
        try link("site/static", to: root.appendingPathComponent("outside").path, in: root)
        let tree = InputTree.walk(root.appendingPathComponent("site/static"), display: "static",
                                  boundary: InputBoundary(folder: root.appendingPathComponent("site"), name: "the site folder"),
                                  including: { _ in true })
        #expect(tree.files.isEmpty)
        #expect(located(tree) == ["static: a symbolic link to \(root.appendingPathComponent("outside").path), outside the site folder; copy the folder in instead"])
    }
}
