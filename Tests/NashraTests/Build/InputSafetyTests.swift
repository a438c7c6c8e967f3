import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Whole builds of a site holding what a careless or hostile commit could put in it: links out of
/// the site, loops, oversized files. Links are made here, in a scratch folder, not committed.
@Suite struct InputSafetyTests {
    let fileManager = FileManager.default
    static let bulletin = "---\ntitle: أمطار في حلب\ndate: 2026-11-20\n---\nنص الخبر.\n"

    /// A scratch folder holding `site/` (a good site) and `outside/secret.txt`.
    func makeSite() -> URL {
        let root = Fixtures.scratch()
        Fixtures.write(["site/nashra.yaml": "title: نشرة\n", "site/content/rain.md": Self.bulletin,
                        "site/static/logo.svg": "<svg/>", "outside/secret.txt": "root:x:0:0",
                        "outside/folder/secret.md": Self.bulletin, "outside/theme/templates/home.mustache": "{{site.title}}"], in: root)
        return root
    }

    func options(_ root: URL) -> BuildOptions {
        var options = BuildOptions(siteFolder: root.appendingPathComponent("site"), outputFolder: root.appendingPathComponent("out"),
                                   rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)), displayPrefix: "site")
        options.cacheFolder = root.appendingPathComponent("cache")
        return options
    }

    func link(_ path: String, to target: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Every file of the output and its bytes, to show a failed build left it alone.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = fileManager.enumerator(atPath: folder.path) else { return files }
        for case let path as String in enumerator {
            files[path] = fileManager.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    func failure(_ options: BuildOptions) -> [String] {
        do {
            _ = try Builder.build(options)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    struct Escape: Sendable, CustomTestStringConvertible {
        var link: String
        var target: String   // below the scratch folder
        var message: String
        var testDescription: String { link }
    }

    static let escapes: [Escape] = [
        Escape(link: "site/static/passwd.txt", target: "outside/secret.txt",
               message: "site/static/passwd.txt:1:1: a symbolic link to {outside}/secret.txt, outside the site folder; copy the file in instead"),
        Escape(link: "site/static/usr", target: "outside",
               message: "site/static/usr:1:1: a symbolic link to {outside}, outside the site folder; copy the folder in instead"),
        Escape(link: "site/content/leak.md", target: "outside/folder/secret.md",
               message: "site/content/leak.md:1:1: a symbolic link to {outside}/folder/secret.md, outside the site folder; copy the file in instead"),
        Escape(link: "site/content/more", target: "outside/folder",
               message: "site/content/more:1:1: a symbolic link to {outside}/folder, outside the site folder; copy the folder in instead"),
        Escape(link: "site/templates/home.mustache", target: "outside/theme/templates/home.mustache",
               message: "site/templates/home.mustache:1:1: a symbolic link to {outside}/theme/templates/home.mustache, outside the site folder; copy the file in instead"),
        Escape(link: "site/themes/default", target: "outside/theme",
               message: "site/themes/default:1:1: a symbolic link to {outside}/theme, outside the site folder; copy the folder in instead"),
        Escape(link: "site/content", target: "outside/folder",
               message: "site/content:1:1: a symbolic link to {outside}/folder, outside the site folder; copy the folder in instead"),
        Escape(link: "site/static", target: "outside",
               message: "site/static:1:1: a symbolic link to {outside}, outside the site folder; copy the folder in instead"),
    ]

    @Test(arguments: escapes)
    func aLinkOutOfTheSiteFailsTheBuildAndPublishesNothing(_ escape: Escape) throws {
        let root = makeSite()
        defer { try? fileManager.removeItem(at: root) }
        _ = try Builder.build(options(root))
        let before = snapshot(root.appendingPathComponent("out"))

        try? fileManager.removeItem(at: root.appendingPathComponent(escape.link))
        let outside = root.appendingPathComponent("outside").path
        try link(escape.link, to: root.appendingPathComponent(escape.target).path, in: root)
        let problems = failure(options(root))
        #expect(problems == [escape.message.replacingOccurrences(of: "{outside}", with: outside)])
        #expect(snapshot(root.appendingPathComponent("out")) == before)
    }

    @Test func linksThatStayInTheSiteKeepWorking() throws {
        let root = makeSite()
        defer { try? fileManager.removeItem(at: root) }
        Fixtures.write(["site/assets/photo.svg": "<svg id='p'/>", "site/archive/2019/old.md": Self.bulletin.replacingOccurrences(of: "أمطار", with: "ثلوج")], in: root)
        try link("site/static/photo.svg", to: "../assets/photo.svg", in: root)
        try link("site/content/archive", to: "../archive", in: root)
        let report = try Builder.build(options(root))
        #expect(report.bulletins == 2)
        let out = root.appendingPathComponent("out")
        #expect(fileManager.contents(atPath: out.appendingPathComponent("photo.svg").path) == Data("<svg id='p'/>".utf8))
        // Copied as a file, not as a link into the site folder.
        #expect((try? fileManager.destinationOfSymbolicLink(atPath: out.appendingPathComponent("photo.svg").path)) == nil)
    }

    @Test func aBareContentFolderIsItsOwnBoundary() throws {
        let root = makeSite()
        defer { try? fileManager.removeItem(at: root) }
        // Inside the site folder, but a bare build has no site folder: only content/ counts.
        try link("site/content/static", to: "../static", in: root)
        try link("site/content/up.md", to: "../../outside/folder/secret.md", in: root)
        var options = BuildOptions(siteFolder: nil, contentFolder: root.appendingPathComponent("site/content"),
                                   outputFolder: root.appendingPathComponent("out"))
        options.cacheFolder = root.appendingPathComponent("cache")
        let content = root.appendingPathComponent("site/content").path
        #expect(failure(options) == [
            "\(content)/static:1:1: a symbolic link to ../static, outside the content folder; copy the folder in instead",
            "\(content)/up.md:1:1: a symbolic link to ../../outside/folder/secret.md, outside the content folder; copy the file in instead",
        ])
    }

    @Test func loopsUnderContentGiveOneMessageEach() throws {
        let root = makeSite()
        defer { try? fileManager.removeItem(at: root) }
        try link("site/content/a", to: ".", in: root)
        try link("site/content/b", to: ".", in: root)
        let problems = failure(options(root))
        #expect(problems == [
            "site/content/a:1:1: a symbolic link to ., a folder that contains the link (a loop); remove the link",
            "site/content/b:1:1: a symbolic link to ., a folder that contains the link (a loop); remove the link",
        ])
    }

    @Test func filesOverTheLimitAreRefusedWithTheirSizeAndTheKey() throws {
        let root = makeSite()
        defer { try? fileManager.removeItem(at: root) }
        let padding = String(repeating: "نص طويل ", count: 200)   // over 2 KiB
        Fixtures.write(["site/nashra.yaml": "title: نشرة\nlimits: { fileSize: 2KiB }\n",
                        "site/content/long.md": Self.bulletin + padding,
                        "site/templates/home.mustache": "{{site.title}}" + padding,
                        "site/static/big.svg": "<svg>" + padding + "</svg>"], in: root)
        let problems = failure(options(root))
        func size(_ path: String) -> FileSize { FileSize(bytes: FileStamp(path: root.appendingPathComponent(path).path)!.size) }
        #expect(problems == [
            "site/content/long.md:1:1: the file is \(size("site/content/long.md")), over the limit of 2 KiB per file; split it, or raise limits.fileSize in nashra.yaml",
            "site/templates/home.mustache:1:1: the file is \(size("site/templates/home.mustache")), over the limit of 2 KiB per file; split it, or raise limits.fileSize in nashra.yaml",
        ])
        // Static files (images, fonts) are not limited.
        Fixtures.write(["site/nashra.yaml": "title: نشرة\nlimits: { fileSize: 10KiB }\n"], in: root)
        #expect(try Builder.build(options(root)).bulletins == 2)
    }
}
