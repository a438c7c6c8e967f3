import Foundation
import Testing

/// `nashra check` as a newsroom or a CI job runs it: the real binary on copies of the check fixtures.
@Suite struct CheckCommandTests {
    static let environment = ["NASHRA_NOW": "2026-11-21T12:00:00+03:00"]

    /// A scratch folder holding a copy of `fixture` as `desk/`, removed by the caller.
    func copy(_ fixture: String) throws -> URL {
        let root = Fixtures.scratch()
        try FileManager.default.copyItem(at: Fixtures.site(fixture), to: root.appendingPathComponent("desk"))
        return root
    }

    func check(_ arguments: [String], in root: URL) throws -> Fixtures.ProcessRun {
        try Fixtures.run(Fixtures.binary, ["check"] + arguments, in: root, environment: Self.environment)
    }

    @Test func errorsAreListedByFileThenCountedAndTheExitIsNonZero() throws {
        let root = try copy("check-links")
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try SiteCheckTests.tree(root)
        let run = try check(["--site", "desk"], in: root)
        #expect(run.status == 1, "\(run.errors)")
        #expect(run.errors.isEmpty, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "\(run.output)")
        #expect(lines.first == "desk/content/bulletins/links.md:8:10: link to '/news/2026/11/missing/' goes nowhere: "
                + "no page of the site is at /2026/11/missing/")
        #expect(lines[2].hasPrefix("desk/content/bulletins/links.md:10:10: warning: link to 'draft.md' leads to desk/content/bulletins/draft.md"))
        #expect(lines.last == "checked 2 bulletins: 6 errors, 1 warning")
        // Read-only: not a byte changed, no output, staging or cache folder made.
        #expect(try SiteCheckTests.tree(root) == before)
    }

    @Test func warningsAloneExitZero() throws {
        let root = try copy("check-writing")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try check(["--site", "desk"], in: root)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("desk/content/careless.md:7:1: warning: this right-to-left line starts with '.'"))
        #expect(run.output.contains("desk/content/careless.md:11:4: warning: not a heading"))
        #expect(run.output.hasSuffix("checked 4 bulletins: 0 errors, 10 warnings\n"))
    }

    @Test func aCleanSitePrintsOnlyTheCount() throws {
        let root = try copy("check-clean")
        defer { try? FileManager.default.removeItem(at: root) }
        // From inside the site folder, as without --site.
        let run = try check([], in: root.appendingPathComponent("desk"))
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "checked 2 bulletins: no problems\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("desk/.nashra").path))
    }

    @Test func jsonForEditorsAndCI() throws {
        let root = try copy("check-writing")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try check(["--site", "desk", "--format", "json"], in: root)
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 0)
        #expect(object["warnings"] as? Int == 10)
        let problems = try #require(object["problems"] as? [[String: Any]])
        let heading = try #require(problems.first { $0["rule"] as? String == "heading-space" })
        #expect(heading["file"] as? String == "desk/content/careless.md")
        #expect(heading["line"] as? Int == 11)
        #expect(heading["column"] as? Int == 4)
        #expect(heading["severity"] as? String == "warning")
        #expect(Set(problems.compactMap { $0["rule"] as? String })
                == ["missing-location", "missing-tags", "visual-order", "heading-space", "missing-alt", "repeated-title"])
    }

    @Test func jsonWithErrorsExitsNonZero() throws {
        let root = try copy("invalid-front-matter")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try check(["--site", "desk", "--format", "json"], in: root)
        #expect(run.status == 1, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 4)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["file"] as? String == "desk/content/bad-date.md" && $0["line"] as? Int == 4 && $0["rule"] as? String == "build" })
    }

    @Test func theBuildsErrorsInTheBuildsWords() throws {
        let root = try copy("invalid-front-matter")
        defer { try? FileManager.default.removeItem(at: root) }
        let checked = try check(["--site", "desk"], in: root)
        let built = try Fixtures.run(Fixtures.binary, ["build", "--source", "desk"], in: root, environment: Self.environment)
        #expect(checked.status == 1 && built.status == 1)
        let builtLines = built.errors.split(separator: "\n").filter { !$0.hasPrefix("error: ") }
        #expect(!builtLines.isEmpty)
        let checkedLines = checked.output.split(separator: "\n").dropLast()
        #expect(Set(checkedLines.filter { !$0.contains(": warning: ") }) == Set(builtLines), "\(checked.output)")
        // The one good bulletin has no location and no tags.
        #expect(checked.output.hasSuffix("checked 1 bulletin: 4 errors, 2 warnings\n"), "\(checked.output)")
    }

    @Test func noContentFolderIsAnError() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try check(["--site", "desk"], in: root)
        #expect(run.status == 1)
        #expect(run.output.contains("no content folder at"))
        #expect(run.output.hasSuffix("checked 0 bulletins: 1 error, 0 warnings\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }
}
