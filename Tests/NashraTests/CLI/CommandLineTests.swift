import Foundation
import Testing

/// Runs the real `nashra` binary, as a newsroom would.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    func nashra(_ arguments: [String], in folder: URL? = nil) throws -> Run {
        let run = try Fixtures.run(Fixtures.binary, arguments, in: folder)
        return Run(status: run.status, output: run.output, errors: run.errors)
    }

    @Test func buildPrintsASummary() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: root.appendingPathComponent("desk"))
        let run = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        #expect(run.status == 0, "\(run.errors)")
        // 55 pages and files before ninjs out, then 4 bulletins' ninjs.json and the site's, then the
        // search page; besides the pages: the stylesheet, three icons, search.js and the search
        // index's manifest and three shards.
        #expect(run.output.hasPrefix("built 4 bulletins into 61 pages (6 tags, 3 locations)"))
        #expect(run.output.contains("61 pages rendered, 70 files written, 0 unchanged, 0 deleted; 0 of 6 bulletin files from the cache"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/index.html").path))
        let again = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        // Nothing changed: nothing rendered, nothing read; the static files are compared and left
        // alone, and the search index, the same bytes as before, is not even staged.
        #expect(again.output.contains("0 pages rendered, 0 files written, 5 unchanged, 0 deleted; 6 of 6 bulletin files from the cache"))
    }

    @Test func aFailedBuildExitsNonZeroWithLocatedErrors() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("invalid-front-matter"), to: root.appendingPathComponent("desk"))
        let run = try nashra(["build", "--source", "desk"], in: root)
        #expect(run.status == 1)
        #expect(run.errors.contains("desk/content/bad-date.md:4:7: 'date' is not a date"))
        #expect(run.errors.contains("desk/content/no-title.md:1:1: missing 'title'"))
        #expect(run.errors.contains("error: the build failed with 4 errors"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("desk/site").path))
    }

    @Test func yamlTooDeepOrTooAliasedIsAnErrorNotACrash() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("yaml-limits"), to: root.appendingPathComponent("desk"))
        let run = try nashra(["build", "--source", "desk"], in: root)
        // Before the limits: SIGSEGV (status 11 as a signal) for the nesting, gigabytes for the aliases.
        #expect(run.status == 1, "\(run.errors)")
        let lines = run.errors.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("desk/content/deep.md:4:") && $0.contains("nested more than 64 levels deep") }, "\(run.errors)")
        #expect(lines.contains { $0.hasPrefix("desk/content/laughs.md:") && $0.contains("aliases here expand to more than 10000 values") }, "\(run.errors)")
        #expect(lines.last == "error: the build failed with 2 errors; the previous site was left as it was")
    }

    @Test(arguments: [["build", "--source", "desk"], ["deploy", "--source", "desk", "--dry-run", "--to", "out"]])
    func aTooDeepNashraYAMLIsAnError(arguments: [String]) throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "title: نشرة\nfooter: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        Fixtures.write(["desk/nashra.yaml": text, "desk/content/a.md": "---\ntitle: خبر\ndate: 2026-11-20\n---\nنص.\n"], in: root)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("desk/site"), withIntermediateDirectories: true)
        let run = try nashra(arguments, in: root)
        #expect(run.status == 1, "\(run.errors)")
        // The top mapping is level 1: the 64th `[` opens level 65.
        let at = position(of: "[", occurrence: 64, in: text)
        #expect(run.errors.contains("nashra.yaml:\(at.line):\(at.column): YAML nested more than 64 levels deep"), "\(run.errors)")
    }

    @Test func buildsABareContentFolder() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try nashra(["build", "--content", Fixtures.site("mixed-bidi").path, "--output", "out"], in: root)
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/2026/11/solartech/index.html").path))
    }

    @Test func newSiteAndNewBulletinMakeABuildableSite() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try nashra(["new", "site", "desk"], in: root).status == 0)
        let created = try nashra(["new", "bulletin", "انقطاع الكهرباء في \"حمص\"", "--location", "حمص", "--tags", "طاقة، خدمات",
                                  "--source", "desk"], in: root)
        #expect(created.status == 0, "\(created.errors)")
        let path = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"title: "انقطاع الكهرباء في \"حمص\"""#))
        #expect(text.contains("draft: true"))
        #expect(text.contains(#"tags: ["طاقة", "خدمات"]"#))

        let drafts = try nashra(["build", "--source", "desk", "--drafts"], in: root)
        #expect(drafts.status == 0, "\(drafts.errors)")
        #expect(drafts.output.hasPrefix("built 2 bulletins"))
        let tags = try String(contentsOf: root.appendingPathComponent("desk/site/tags/index.html"), encoding: .utf8)
        #expect(tags.contains("خدمات"))

        let published = try nashra(["build", "--source", "desk"], in: root)
        #expect(published.output.hasPrefix("built 1 bulletins"))
        // A second `new site` into a folder that has files is refused.
        #expect(try nashra(["new", "site", "desk"], in: root).status != 0)
    }
}
