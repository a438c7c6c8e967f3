import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Where a build may write, and what may stand at a generated page's path.
@Suite struct OutputFolderTests {
    let fileManager = FileManager.default
    let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    /// A copy of a fixture in a scratch folder, as `root/desk`.
    func copy(_ fixture: String, adding files: [String: String] = [:]) throws -> URL {
        let root = Fixtures.scratch()
        let desk = root.appendingPathComponent("desk")
        try fileManager.copyItem(at: Fixtures.site(fixture), to: desk)
        try? fileManager.removeItem(at: desk.appendingPathComponent(".nashra"))
        try? fileManager.removeItem(at: desk.appendingPathComponent("site"))
        Fixtures.write(files, in: desk)
        return desk
    }

    func build(_ desk: URL, output: URL) -> Result<BuildReport, Diagnostics> {
        var options = BuildOptions(siteFolder: desk, outputFolder: output, rules: rules, displayPrefix: "desk")
        options.cacheFolder = desk.deletingLastPathComponent().appendingPathComponent("cache")
        do throws(Diagnostics) {
            return .success(try Builder.build(options))
        } catch {
            return .failure(error)
        }
    }

    /// An output inside static/ would be copied back as static files on the next build, and those
    /// override nothing now but would have replaced every page before; templates/ and themes/ are
    /// read the same way. Each is refused before anything is written.
    @Test(arguments: ["static", "static/site", "templates/out", "themes/default/static/out", "content/out"])
    func refusesAnOutputInsideAFolderTheBuildReads(_ relative: String) throws {
        let desk = try copy("ar-basic", adding: ["static/logo.svg": "<svg/>", "templates/.keep": "", "themes/default/static/.keep": ""])
        defer { try? fileManager.removeItem(at: desk.deletingLastPathComponent()) }
        let output = desk.appendingPathComponent(relative)
        guard case .failure(let failure) = build(desk, output: output) else {
            Issue.record("an output at \(relative) was accepted")
            return
        }
        #expect(failure.description.contains("refusing to write the site to"))
        #expect(failure.description.contains("which the build reads"))
        #expect(!fileManager.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }

    /// The same folder reached through a symbolic link is the same folder.
    @Test func refusesAnOutputThatReachesStaticThroughALink() throws {
        let desk = try copy("ar-basic", adding: ["static/logo.svg": "<svg/>"])
        defer { try? fileManager.removeItem(at: desk.deletingLastPathComponent()) }
        let link = desk.deletingLastPathComponent().appendingPathComponent("public")
        try fileManager.createSymbolicLink(at: link, withDestinationURL: desk.appendingPathComponent("static"))
        guard case .failure(let failure) = build(desk, output: link.appendingPathComponent("news")) else {
            Issue.record("an output inside static/ through a link was accepted")
            return
        }
        #expect(failure.description.contains("which the build reads"))
    }

    /// A refused output folder is one error among the others of the run, not the only one reported.
    @Test func aRefusedOutputStillReportsTheOtherErrors() throws {
        let desk = try copy("invalid-front-matter")
        defer { try? fileManager.removeItem(at: desk.deletingLastPathComponent()) }
        guard case .failure(let failure) = build(desk, output: desk.appendingPathComponent("content/site")) else {
            Issue.record("the build succeeded")
            return
        }
        #expect(failure.description.contains("refusing to write the site to"))
        #expect(failure.description.contains("desk/content/bad-date.md:4:7: 'date' is not a date"))
        #expect(failure.description.contains("desk/content/no-title.md:1:1: missing 'title'"))
    }

    /// A static file may add to the site but not replace a page Nashra generates: the error
    /// stands at the static file and names the page.
    @Test func aStaticFileAtAGeneratedPagesPathIsAnError() throws {
        let desk = try copy("ar-basic", adding: ["static/index.html": "<p>يدوي</p>", "static/tags/طقس/index.html": "<p>يدوي</p>",
                                                  "static/robots.txt": "User-agent: *\n", "static/about.txt": "عن الموقع"])
        defer { try? fileManager.removeItem(at: desk.deletingLastPathComponent()) }
        let output = desk.appendingPathComponent("site")
        guard case .failure(let failure) = build(desk, output: output) else {
            Issue.record("static files replaced generated pages")
            return
        }
        let messages = failure.diagnostics.map(\.description)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("desk/static/index.html:1:1: ") && $0.contains("would replace index.html")
            && $0.contains("templates/home.mustache") })
        #expect(messages.contains { $0.hasPrefix("desk/static/tags/طقس/index.html:1:1: ") && $0.contains("templates/term.mustache") })
        #expect(messages.contains { $0.hasPrefix("desk/static/robots.txt:1:1: ") && $0.contains("Nashra writes that file itself") })
        #expect(!fileManager.fileExists(atPath: output.path), "a failed build writes nothing")

        // Without the clashing files the same site builds, its own static file included.
        for path in ["static/index.html", "static/tags", "static/robots.txt"] {
            try fileManager.removeItem(at: desk.appendingPathComponent(path))
        }
        guard case .success = build(desk, output: output) else {
            Issue.record("the site without clashes did not build")
            return
        }
        #expect(fileManager.fileExists(atPath: output.appendingPathComponent("about.txt").path))
    }
}
