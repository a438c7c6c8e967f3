import Foundation
import NashraCore
import Testing
@testable import Nashra

/// `SiteCheck` on the `check-*` fixtures: each rule where it should fire and nowhere else.
@Suite("nashra check")
struct SiteCheckTests {
    /// The fixtures' "now": after every bulletin in them.
    static let now = Date(timeIntervalSince1970: 1_795_251_600)  // 2026-11-21T09:00:00Z

    static func check(_ fixture: String, rules: PublishingRules = PublishingRules(now: now)) -> CheckReport {
        SiteCheck.run(BuildOptions(siteFolder: Fixtures.site(fixture), rules: rules))
    }

    /// Each finding as `rule severity path:line:column`, to compare whole reports at once.
    static func placed(_ report: CheckReport) -> [String] {
        report.findings.map { finding in
            let at = finding.diagnostic.location.map { "\($0.path):\($0.line):\($0.column)" } ?? "-"
            return "\(finding.rule) \(finding.diagnostic.severity.rawValue) \(at)"
        }
    }

    @Test func aCleanSiteReportsNothing() {
        let report = Self.check("check-clean")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.diagnostic))")
        #expect(report.bulletins == 2)
        #expect(report.summary == "checked 2 bulletins: no problems")
    }

    @Test func linksAndImagesThatGoNowhere() {
        let report = Self.check("check-links")
        let file = "content/bulletins/links.md"
        #expect(Self.placed(report) == [
            "broken-link error \(file):8:10",
            "broken-link error \(file):9:10",
            "broken-link warning \(file):10:10",
            "broken-link error \(file):11:6",
            "broken-link error \(file):12:6",
            "missing-image error \(file):14:6",
            "missing-image error \(file):14:38",
        ], "\(report.findings.map(\.diagnostic))")
        let messages = report.findings.map(\.diagnostic.message)
        #expect(messages == [
            "link to '/news/2026/11/missing/' goes nowhere: no page of the site is at /2026/11/missing/",
            "link to 'missing.md' goes nowhere: there is no bulletin content/bulletins/missing.md",
            "link to 'draft.md' leads to content/bulletins/draft.md, which this build does not publish (a draft, or dated in the future, or expired)",
            "link to 'https://news.example/news/2026/10/old/' goes nowhere: no page of the site is at /2026/10/old/",
            "link to '/2026/11/links/' goes nowhere: the site's pages are all below /news/ (its baseURL), and /2026/11/links/ is not",
            "image 'photo.jpg' is missing: there is no file content/bulletins/photo.jpg, and no static file at /2026/11/links/photo.jpg",
            "image '/news/images/missing.png' is missing: no static file of the site is at /images/missing.png",
        ])
        #expect(report.errors == 6 && report.warnings == 1)
    }

    @Test func aLinkToADraftIsFineWhenDraftsArePublished() {
        let report = Self.check("check-links", rules: PublishingRules(includeDrafts: true, now: Self.now))
        #expect(!report.findings.contains { $0.diagnostic.location?.line == 10 }, "\(report.findings.map(\.diagnostic))")
    }

    @Test func carelessWritingIsWarnedAbout() {
        let report = Self.check("check-writing")
        let careless = "content/careless.md"
        #expect(Self.placed(report) == [
            "missing-location warning \(careless):1:1",
            "missing-tags warning \(careless):1:1",
            "visual-order warning \(careless):7:1",
            "visual-order warning \(careless):8:1",
            "visual-order warning \(careless):9:3",
            "heading-space warning \(careless):11:4",
            "heading-space warning \(careless):12:3",
            "missing-alt warning \(careless):14:1",
            "repeated-title warning content/evening.md:2:1",
            "repeated-title warning content/morning.md:2:1",
        ], "\(report.findings.map(\.diagnostic))")
        #expect(report.errors == 0)
        let messages = Dictionary(report.findings.map { ("\($0.rule) \($0.diagnostic.location!.line)", $0.diagnostic.message) }) { a, _ in a }
        #expect(messages["heading-space 11"] == "not a heading: Markdown needs a space after '###'; write '### 3% نسبة الزيادة'")
        #expect(messages["visual-order 8"] == "this right-to-left line starts with '،', which belongs at the end of its sentence: "
                + "the text was pasted in visual order; move the '،' to the end")
        #expect(messages["repeated-title 2"]?.hasPrefix("the title 'انقطاع الكهرباء في حمص' is also the title of content/") == true)
        #expect(messages["repeated-title 2"]?.contains("(2026-11-20)") == true)
    }

    @Test func aKeyThatIsThereButEmptyIsPointedAt() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        Fixtures.write(["content/a.md": "---\ntitle: خبر\ndate: 2026-11-20\nlocation: حلب\n  # a comment\ntags: []\n---\n\nنص.\n"], in: root)
        let report = SiteCheck.run(BuildOptions(siteFolder: root, rules: PublishingRules(now: Self.now)))
        #expect(Self.placed(report) == ["missing-tags warning content/a.md:6:1"], "\(report.findings.map(\.diagnostic))")
    }

    /// With a gazetteer, a `location:` it does not know is a warning that offers the closest names;
    /// known spellings (Arabic, Latin, without shadda) say nothing, and without a gazetteer the rule is silent.
    @Test func anUnknownPlaceOffersTheClosestNames() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        func bulletin(_ location: String) -> String { "---\ntitle: خبر من \(location)\ndate: 2026-11-20\nlocation: \(location)\ntags: [طقس]\n---\n\nنص.\n" }
        Fixtures.write([
            "nashra.yaml": "title: نشرة\nbaseURL: https://news.example/\ngazetteer: true\n",
            "content/a.md": bulletin("حلب"), "content/b.md": bulletin("Aleppo"), "content/c.md": bulletin("عمان"),
            "content/d.md": bulletin("دمشقق"), "content/e.md": bulletin("Damascuss"), "content/f.md": bulletin("قرية الزيتون الصغيرة"),
        ], in: root)
        let report = SiteCheck.run(BuildOptions(siteFolder: root, rules: PublishingRules(now: Self.now)))
        let unknown = report.findings.filter { $0.rule == "unknown-place" }
        #expect(Self.placed(report).filter { $0.hasPrefix("unknown-place") }
                == ["unknown-place warning content/d.md:4:1", "unknown-place warning content/e.md:4:1", "unknown-place warning content/f.md:4:1"],
                "\(report.findings.map(\.diagnostic))")
        #expect(unknown[0].diagnostic.message.contains("did you mean 'دمشق'"), "\(unknown[0].diagnostic.message)")
        #expect(unknown[1].diagnostic.message.contains("did you mean 'Damascus'"), "\(unknown[1].diagnostic.message)")
        #expect(!unknown[2].diagnostic.message.contains("did you mean"), "\(unknown[2].diagnostic.message)")

        Fixtures.write(["nashra.yaml": "title: نشرة\nbaseURL: https://news.example/\n"], in: root)
        let plain = SiteCheck.run(BuildOptions(siteFolder: root, rules: PublishingRules(now: Self.now)))
        #expect(!plain.findings.contains { $0.rule == "unknown-place" })
    }

    /// Each way of writing a link to this site, one per line: (link, whether it goes nowhere).
    @Test func theFormsOfALink() throws {
        let links: [(String, Bool)] = [
            ("//news.example/2026/11/b/", false),
            ("//news.example/2026/11/missing/", true),
            ("HTTPS://NEWS.EXAMPLE/2026/11/b/", false),
            ("http://news.example/2026/11/b", false),
            ("/2026/11/b/index.html", false),
            ("/2026/11/b/ninjs.json", false),
            ("b.md#تفاصيل", false),
            ("./b.md", false),
            ("../b.md", true),
            ("/tags/%D8%B7%D9%82%D8%B3/", false),
            ("/tags/طقس/", false),
            ("/tags/غير-موجود/", true),
            ("b/", true),
            ("../b/", false),
            ("tel:+963110000", false),
            ("https://news.example.org/2026/11/missing/", false),
        ]
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let front = "title: خبر\ndate: 2026-11-20\nlocation: حلب\ntags: [طقس]\n"
        let body = links.enumerated().map { "رابط [\($0.offset)](\($0.element.0))" }.joined(separator: "\n")
        Fixtures.write(["nashra.yaml": "title: نشرة\nbaseURL: https://news.example/\n",
                        "content/a.md": "---\n" + front + "---\n" + body + "\n",
                        "content/b.md": "---\n" + front.replacingOccurrences(of: "خبر", with: "خبر آخر") + "---\nنص.\n"], in: root)
        let report = SiteCheck.run(BuildOptions(siteFolder: root, rules: PublishingRules(now: Self.now)))
        let broken = Set(report.findings.filter { $0.rule == "broken-link" }.map { $0.diagnostic.location!.line - 7 })
        #expect(broken == Set(links.indices.filter { links[$0].1 }), "\(report.findings.map(\.diagnostic))")
        #expect(report.findings.allSatisfy { $0.rule == "broken-link" }, "\(report.findings.map(\.diagnostic))")
    }

    /// What a build rejects, `nashra check` reports as errors in the same words: it runs the same stages.
    @Test(arguments: ["invalid-front-matter", "invalid-config", "invalid-template", "yaml-limits", "check-duplicate-urls"])
    func errorsAreTheBuildsErrors(fixture: String) throws {
        let scratch = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var options = BuildOptions(siteFolder: Fixtures.site(fixture), outputFolder: scratch.appendingPathComponent("site"),
                                   rules: PublishingRules(now: Self.now))
        options.cacheFolder = scratch.appendingPathComponent("cache")
        var built: [Diagnostic] = []
        do throws(Diagnostics) {
            _ = try Builder.build(options)
            Issue.record("\(fixture) built")
        } catch {
            built = error.diagnostics.filter { $0.severity == .error }
        }
        let report = SiteCheck.run(options)
        let checked = report.findings.filter { $0.diagnostic.severity == .error }
        #expect(!built.isEmpty)
        #expect(Set(checked.map(\.diagnostic)) == Set(built))
        #expect(checked.allSatisfy { $0.rule == "build" })
    }

    /// A lead photo whose file is missing fails a build; the check reports the same error without
    /// making any photo or touching the photo cache.
    @Test func aMissingLeadPhotoIsTheBuildsError() throws {
        let scratch = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let site = scratch.appendingPathComponent("desk")
        Fixtures.write([
            "nashra.yaml": "title: نشرة\nbaseURL: https://news.example/\n",
            "content/bulletins/rain.md": "---\ntitle: مطر\ndate: 2026-11-20\nlocation: حلب\ntags: [طقس]\nimage: {src: /images/rain.jpg, alt: شارع مبلل}\n---\n\nنص.\n",
        ], in: site)
        var options = BuildOptions(siteFolder: site, outputFolder: scratch.appendingPathComponent("site"), rules: PublishingRules(now: Self.now))
        options.cacheFolder = scratch.appendingPathComponent("cache")
        let report = SiteCheck.run(options)
        let errors = report.findings.filter { $0.diagnostic.severity == .error }.map(\.diagnostic)
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(path: "content/bulletins/rain.md", line: 6, column: 14), "\(errors)")
        #expect(errors.first?.message.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: options.cacheFolder.path))
    }

    @Test func twoBulletinsAtOneURLAreAnError() {
        let report = Self.check("check-duplicate-urls")
        let clash = report.findings.first { $0.diagnostic.message.contains("would both be written to 2026/11/rain/index.html") }
        #expect(clash?.diagnostic.severity == .error, "\(report.findings.map(\.diagnostic))")
        #expect(report.findings.contains { $0.diagnostic.location == SourceLocation(path: "content/archive/bad-date.md", line: 3, column: 7) })
    }

    @Test func checkingWritesNothing() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("desk")
        try FileManager.default.copyItem(at: Fixtures.site("check-links"), to: site)
        let before = try Self.tree(root)
        let report = SiteCheck.run(BuildOptions(siteFolder: site, rules: PublishingRules(now: Self.now)))
        #expect(report.errors > 0)
        #expect(try Self.tree(root) == before)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".nashra").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("site").path))
    }

    /// Every file and folder below `folder`, hidden ones too, with the bytes of each file.
    static func tree(_ folder: URL) throws -> [String: Data?] {
        var entries: [String: Data?] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            entries[path] = FileManager.default.isDirectory(url) ? .some(nil) : try Data(contentsOf: url)
        }
        return entries
    }

    @Test func jsonHasEveryFieldOfEveryProblem() throws {
        let report = Self.check("check-links")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 6)
        #expect(object["warnings"] as? Int == 1)
        #expect(object["bulletins"] as? Int == 2)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.count == 7)
        let first = try #require(problems.first)
        #expect(first["file"] as? String == "content/bulletins/links.md")
        #expect(first["line"] as? Int == 8)
        #expect(first["column"] as? Int == 10)
        #expect(first["severity"] as? String == "error")
        #expect(first["rule"] as? String == "broken-link")
        #expect((first["message"] as? String)?.hasPrefix("link to '/news/2026/11/missing/'") == true)
    }
}

/// The text rules, case by case.
@Suite("nashra check: text rules")
struct CheckTextRuleTests {
    @Test(arguments: [
        (".انتهى الاجتماع", 1),
        ("،وقال المتحدث", 1),
        ("  . انتهى", 3),
        ("> .اقتباس", 3),
        (".שלום", 1),
        ("۔ختم", 1),
        (",وكذلك", 1),
        ("انتهى الاجتماع.", nil),
        ("...وتابع", nil),
        (".…وتابع", nil),
        (".NET framework", nil),
        (".5 بالمئة", nil),
        ("", nil),
        (".", nil),
    ] as [(String, Int?)])
    func visualOrder(line: String, column: Int?) {
        #expect(VisualOrderRule.misplacedStop(in: line) == column)
    }

    @Test(arguments: [
        ("###3%", 3, 4),
        ("##عنوان", 2, 3),
        ("#هاشتاغ", 1, 2),
        ("   ###x", 3, 7),
        ("######7", 6, 7),
    ])
    func headingWithoutSpace(line: String, hashes: Int, column: Int) {
        let found = HeadingSpaceRule.missingSpace(in: line)
        #expect(found?.hashes == hashes && found?.column == column)
    }

    @Test(arguments: ["### 3%", "## عنوان", "#######7", "    ###3%", "#", "##", "نص ##3", "#\tعنوان"])
    func headingsThatAreFine(line: String) {
        #expect(HeadingSpaceRule.missingSpace(in: line) == nil)
    }

    @Test(arguments: [
        ("/2026/11/a/", "../b/", "/2026/11/b/"),
        ("/2026/11/a/", "x.png", "/2026/11/a/x.png"),
        ("/bulletins/a.md", "other.md", "/bulletins/other.md"),
        ("/bulletins/a.md", "../archive/./b.md", "/archive/b.md"),
        ("/a.md", "b.md", "/b.md"),
        ("/2026/11/a/", "..", "/2026/11/"),
    ] as [(String, String, String?)])
    func relativePaths(base: String, relative: String, joined: String?) {
        #expect(LinkResolver.join(base, relative) == joined)
    }

    @Test func aPathAboveTheRootIsNowhere() {
        #expect(LinkResolver.join("/a.md", "../../b.md") == nil)
    }
}
