import Foundation
import Testing
@testable import Nashra

/// ninjs out: every `ninjs.json` a build writes checked against the ninjs 3.x rules with PyPI
/// `jsonschema`, read back by the real `nashra import`, and kept current by incremental builds.
@Suite struct NinjsOutputTests {
    /// Our rules, read from IPTC's ninjs 3.0/3.1 schema (required fields, types, enums, ranges).
    static let rules = Fixtures.root.appendingPathComponent("ninjs/ninjs-3-rules.schema.json")

    @Test func everyDocumentFollowsTheNinjs3Rules() throws {
        let site = try NewsOutputsTests.Built()
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.output.path)
            .filter { $0.hasSuffix("ninjs.json") }.sorted()
        // One per published bulletin (the expired notice is not one) and the site's stream.
        #expect(files == ["2026/09/old-harvest/ninjs.json", "2026/11/grid-fire/ninjs.json", "2026/11/quotes/ninjs.json",
                          "2026/11/solartech/ninjs.json", "ninjs.json"])
        // The rules must also refuse: a document with a wrong type, urgency and an unknown key.
        let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
                print(path, "/".join(map(str, error.absolute_path)), error.message)
        broken = json.load(open(sys.argv[2], encoding="utf-8"))
        broken.update({"type": "story", "urgency": 0, "headline": "1.x name"})
        print(len(list(validator.iter_errors(broken))), "errors in the broken one")
        """
        let run = try Fixtures.python(["-c", script, Self.rules.path] + files.map { site.output.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "3 errors in the broken one\n")
    }

    @Test func aBulletinSaysWhatItsPageSays() throws {
        let site = try NewsOutputsTests.Built()
        let fire = try Self.object(site.text("2026/11/grid-fire/ninjs.json"))
        #expect(fire["uri"] as? String == "https://wire.example/2026/11/grid-fire/")
        #expect(fire["altIds"] as? [[String: String]] == [["role": "url", "value": "https://wire.example/2026/11/grid-fire/"]])
        #expect(fire["type"] as? String == "text" && fire["pubStatus"] as? String == "usable")
        #expect(fire["headlines"] as? [[String: String]] == [["value": "حريق في محطة تحويل الكهرباء شرق حمص", "role": "main"]])
        #expect(fire["bodies"] as? [[String: String]] == [["value": "<p>اندلع حريق فجر اليوم في محطة تحويل شرق المدينة.</p>\n",
                                                            "contentType": "text/html", "role": "main"]])
        #expect(fire["firstCreated"] as? String == "2026-11-21T06:00:00+03:00")
        #expect(fire["versionCreated"] as? String == "2026-11-21T10:15:00+03:00", "the updated date")
        #expect(fire["version"] as? String == "3", "two corrections")
        #expect(fire["urgency"] as? Int == 1)
        #expect(fire["located"] as? String == "حمص" && fire["language"] as? String == "ar" && fire["by"] as? String == "ليلى حداد")
        #expect((fire["subjects"] as? [[String: String]])?.map { $0["name"] } == ["طاقة", "حوادث"])
        #expect(fire["infoSources"] as? [[String: String]] == [["name": "وكالة نشرة", "role": "originatingAgency"]])

        let harvest = try Self.object(site.text("2026/09/old-harvest/ninjs.json"))
        #expect(harvest["urgency"] as? Int == 5 && harvest["version"] as? String == "1")
        #expect(harvest["versionCreated"] as? String == "2026-09-05T00:00:00+03:00", "a date without a time is midnight in the site's zone")
        #expect(harvest["infoSources"] == nil && harvest["by"] == nil)
    }

    @Test func theStreamCarriesTheSiteFeedsBulletinsAndTheHomePageLinksIt() throws {
        let site = try NewsOutputsTests.Built()
        let stream = try Self.object(site.text("ninjs.json"))
        #expect(stream["uri"] as? String == "https://wire.example/ninjs.json")
        #expect(stream["type"] as? String == "composite")
        #expect(stream["versionCreated"] as? String == "2026-11-21T10:15:00+03:00", "the newest item's last change")
        let items = try #require(stream["associations"] as? [[String: Any]])
        // feeds.limit is 3 in the fixture: the newest three, newest first, as in the site feed.
        #expect(items.map { $0["uri"] as? String } == ["https://wire.example/2026/11/grid-fire/", "https://wire.example/2026/11/solartech/",
                                                      "https://wire.example/2026/11/quotes/"])
        #expect(items.map { $0["name"] as? String } == ["item-1", "item-2", "item-3"])
        // Each item is the bulletin's own document, less the document-level `standard`.
        var own = try Self.object(site.text("2026/11/solartech/ninjs.json"))
        own["standard"] = nil
        var carried = items[1]
        carried["name"] = nil
        carried["rel"] = nil
        #expect(try Self.canonical(carried) == Self.canonical(own))

        let home = try site.text("index.html")
        #expect(home.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/ninjs.json\" title=\"نشرة الأخبار العاجلة — ninjs\">"))
        #expect(!(try site.text("2026/11/grid-fire/index.html")).contains("ninjs.json"))
    }

    /// What a wire desk does with another Nashra site's copy: `nashra import` on its ninjs.json. The
    /// bulletin built again from what was imported says the same in its own ninjs: headline, dates,
    /// location, tags, agency, urgency, language, summary and the body's HTML.
    @Test func importingOurOwnNinjsGivesBackTheSameBulletin() throws {
        let config = """
        title: نشرة المكتب
        baseURL: https://desk.example/
        language: ar
        timezone: Asia/Damascus

        """
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let original = try ScratchSite([
            "nashra.yaml": config,
            "content/bulletins/frost.md": """
            ---
            title: موجة صقيع تضرب سهل الغاب
            date: 2026-11-20 07:30
            updated: 2026-11-20T11:00:00+03:00
            location: حماة
            agency: سانا
            author: سامر الأحمد
            tags: [طقس, زراعة]
            urgent: true
            ---

            تضرب موجة **صقيع** سهل الغاب منذ الفجر، وتوقعت [الأرصاد](https://met.example/) استمرارها.

            ## الأضرار

            - محاصيل الخضار
            - أشجار *الحمضيات*

            > «الوضع صعب» قال أحد المزارعين.

            """,
            "content/bulletins/market.md": """
            ---
            title: Aleppo's old market reopens
            date: 2026-11-19
            lang: en
            location: Aleppo
            tags: [economy]
            ---

            Traders returned to the covered market on Thursday.

            """,
        ], now: now)
        let documents = ["2026/11/frost/ninjs.json", "2026/11/market/ninjs.json"]

        let desk = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: desk) }
        Fixtures.write(["nashra.yaml": config], in: desk)
        let run = try Fixtures.run(Fixtures.binary, ["import", "--source", desk.path]
                                   + documents.map { original.output.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.output.hasSuffix("imported 2, already there 0, needs a headline 0, failed 0\n"), "\(run.output)")

        var options = BuildOptions(siteFolder: desk, outputFolder: desk.appendingPathComponent("public"), rules: PublishingRules(now: now))
        options.cacheFolder = desk.appendingPathComponent("cache")
        _ = try Builder.build(options)
        let rebuilt = try FileManager.default.subpathsOfDirectory(atPath: desk.appendingPathComponent("public").path)
            .filter { $0.hasSuffix("/ninjs.json") }
        #expect(rebuilt.count == 2)
        for path in documents {
            let before = try Self.object(original.text(path))
            let headline = (before["headlines"] as? [[String: String]])?.first?["value"]
            let match = try rebuilt.map { try Self.object(String(contentsOf: desk.appendingPathComponent("public/" + $0), encoding: .utf8)) }
                .first { ($0["headlines"] as? [[String: String]])?.first?["value"] == headline }
            let after = try #require(match, "no rebuilt bulletin is headed '\(headline ?? "")'")
            // The URL is the importer's slug (from the headline, not the file name); all else is the same.
            for key in Set(before.keys).union(after.keys).subtracting(["uri", "altIds"]) {
                #expect(try Self.canonical(before[key]) == Self.canonical(after[key]), "\(path): '\(key)'")
            }
        }
    }

    /// Editing a body: its ninjs.json follows, and the site is what a clean build makes.
    @Test func editingABodyUpdatesItsDocument() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)))
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let path = newsroom.output.appendingPathComponent("2026/11/damascus-wheat/ninjs.json")
        let before = try String(contentsOf: path, encoding: .utf8)
        try newsroom.edit("content/bulletins/damascus-wheat.md") { $0 + "\nفقرة جديدة عن الحصاد.\n" }
        _ = try newsroom.build()
        let after = try String(contentsOf: path, encoding: .utf8)
        #expect(after != before && after.contains("فقرة جديدة عن الحصاد."))
        #expect(try String(contentsOf: newsroom.output.appendingPathComponent("ninjs.json"), encoding: .utf8).contains("فقرة جديدة عن الحصاد."))
        try newsroom.expectSameAsCleanBuild("after a body edit")
    }

    // MARK: Helpers

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A JSON value as text with sorted keys, to compare values of any shape.
    static func canonical(_ value: Any?) throws -> String {
        guard let value else { return "(absent)" }
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }
}
