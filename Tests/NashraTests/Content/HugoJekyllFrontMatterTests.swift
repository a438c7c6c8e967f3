import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Reads `text` as the bulletin at `content/<relativePath>`, as the loader would.
private func read(_ text: String, at relativePath: String = "posts/x.md") -> Result<Bulletin, Diagnostics> {
    let source = SourceFile(relativePath: relativePath, displayPath: "content/" + relativePath,
                            absolutePath: "/site/content/" + relativePath, contentHash: 0, bodyOffset: 0, bodyLine: 1)
    let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "UTC")!)
    return Bulletin.parse(text: text, source: source, reading: reading)
}

/// The diagnostics of a failed parse as `line:column: message`; empty when it succeeded.
private func problems(_ result: Result<Bulletin, Diagnostics>) -> [String] {
    guard case .failure(let failure) = result else { return [] }
    return failure.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" }
}

private func utc(_ text: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    return Int64(formatter.date(from: text)!.timeIntervalSince1970)
}

@Suite("Front matter in TOML and JSON, as Hugo writes it")
struct TOMLAndJSONFrontMatterTests {
    static let yaml = """
        ---
        title: "أمطار في حلب"
        date: 2016-01-11T08:09:03+00:00
        tags: [طقس, حلب]
        draft: false
        featured: true
        quoted: "true"
        ---
        نص الخبر.

        """
    static let toml = """
        +++
        title = "أمطار في حلب"
        date = 2016-01-11T08:09:03+00:00
        tags = ["طقس", "حلب"]
        draft = false
        featured = true
        quoted = "true"
        +++
        نص الخبر.

        """
    static let json = """
        {
          "title": "أمطار في حلب",
        \t"date": "2016-01-11T08:09:03+00:00",
          "tags": ["طقس", "حلب"],
          "draft": false,
          "featured": true,
          "quoted": "true"
        }
        نص الخبر.

        """

    @Test(arguments: [toml, json])
    func theSameBulletinAsYAML(_ text: String) throws {
        let expected = try read(Self.yaml).get()
        let bulletin = try read(text).get()
        #expect(bulletin.title == expected.title)
        #expect(bulletin.date == expected.date)
        #expect(bulletin.tags == expected.tags)
        #expect(bulletin.isDraft == expected.isDraft)
        #expect(bulletin.params == expected.params)
        #expect(bulletin.params["featured"] == .flag(true))
        #expect(bulletin.params["quoted"] == .text("true"))
        #expect(bulletin.summary == "نص الخبر.")
        #expect(bulletin.source.bodyLine == 9)
        #expect(String(decoding: Array(text.utf8)[bulletin.source.bodyOffset...], as: UTF8.self) == "نص الخبر.\n")
    }

    @Test func tomlDatesTablesAndLocalDates() throws {
        let bulletin = try read("""
            +++
            title = "x"
            date = 2016-01-06
            lastmod = 2016-01-07T10:00:00+02:00
            [params]
            mood = "هادئ"
            +++
            """).get()
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc("2016-01-06T00:00:00Z"), hasTime: false))
        #expect(bulletin.updated == BulletinDate(secondsSinceEpoch: utc("2016-01-07T08:00:00Z"), hasTime: true))
        #expect(bulletin.params["params"] == .map(["mood": .text("هادئ")]))
    }

    /// Every error at its line and column in the file (front matter starts on line 2 for TOML).
    @Test(arguments: [
        // TOML syntax, at toml++'s position.
        ("+++\ntitle = \"x\"\ndate = 2016-01-06\ntags = [\"a\",\n+++\n", "4:"),
        ("+++\ntitle = \"x\"\ndate = 2016-01-06\ntitle = \"y\"\n+++\n", "4:"),
        // A value TOML reads but Nashra refuses: at its key's line, where the value starts.
        ("+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\n", "3:8: 'date' is not a date"),
        ("+++\ntitle = \"x\"\ndate = 2016-01-06\ndraft = \"maybe\"\n+++\n", "4:9: 'draft' must be true or false"),
        // JSON: syntax, duplicate keys (which JSON parsers keep silently) and values.
        ("{\n  \"title\": \"x\",\n  \"date\": \"2016-01-06\",\n  \"title\": \"y\"\n}\n", "4:3: duplicate key 'title'"),
        ("{\n  \"title\": \"x\"\n  \"date\": \"2016-01-06\"\n}\n", "invalid JSON"),
        ("{\n  \"title\": \"x\",\n  \"date\": \"soon\"\n}\n", "3:11: 'date' is not a date"),
    ])
    func errorsCarryTheirPosition(text: String, expected: String) {
        let found = problems(read(text))
        #expect(found.contains { $0.hasPrefix(expected) || $0.contains(expected) }, "\(found)")
        #expect(!found.isEmpty)
    }

    @Test func tomlSyntaxErrorsSayTOML() {
        let found = problems(read("+++\ntitle = \"x\"\ndate = 2016-01-06\ntitle = \"y\"\n+++\n"))
        #expect(found.count == 1)
        #expect(found.first?.contains("invalid TOML") == true)
    }

    @Test func anUnclosedBlockIsNotFrontMatter() {
        #expect(FrontMatter.split("+++\ntitle = \"x\"\n") == nil)
        #expect(FrontMatter.split("{\n\"title\": \"x\"\n") == nil)
        #expect(FrontMatter.split("{\"a\": \"}\"}\nbody")?.body == "body")
    }
}

@Suite("Hugo's and Jekyll's keys, read as Nashra's")
struct HugoJekyllKeyTests {
    static func bulletin(_ lines: String, at path: String = "posts/x.md") throws -> Bulletin {
        try read("---\ntitle: x\n\(lines)\n---\nأول فقرة.\n", at: path).get()
    }

    @Test(arguments: [
        ("2016-01-11T08:09:03+00:00", "2016-01-11T08:09:03Z", true),
        ("2016-01-11 08:09:03 +0000", "2016-01-11T08:09:03Z", true),
        ("2016-01-11 08:09:03 +0300", "2016-01-11T05:09:03Z", true),
        ("2016-01-11", "2016-01-11T00:00:00Z", false),
        ("2016-01-11 08:09", "2016-01-11T08:09:00Z", true),
        ("2016-01-11T08:09:03.250Z", "2016-01-11T08:09:03Z", true),
        ("\"2016-01-11T08:09:03+00:00\"", "2016-01-11T08:09:03Z", true),
    ])
    func datesInEveryFormTheyWrite(written: String, instant: String, hasTime: Bool) throws {
        let bulletin = try Self.bulletin("date: \(written)")
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc(instant), hasTime: hasTime))
    }

    @Test func keysMapToNashras() throws {
        let bulletin = try Self.bulletin("""
            publishDate: 2016-01-11
            lastmod: 2016-01-12
            expiryDate: 2099-01-01
            description: وصف
            weight: 3
            images: [/img/a.jpg, /img/b.jpg]
            authors: [ليلى, سامر]
            categories: [طقس, مدينة]
            url: /2016/01/old-name
            aliases: [/posts/old/, "p/12.html", "/%D8%B7%D9%82%D8%B3/"]
            """)
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc("2016-01-11T00:00:00Z"), hasTime: false))
        #expect(bulletin.updated == BulletinDate(secondsSinceEpoch: utc("2016-01-12T00:00:00Z"), hasTime: false))
        #expect(bulletin.expires == BulletinDate(secondsSinceEpoch: utc("2099-01-01T00:00:00Z"), hasTime: false))
        #expect(bulletin.summary == "وصف" && bulletin.hasWrittenSummary)
        #expect(bulletin.weight == 3)
        #expect(bulletin.image?.src == "/img/a.jpg")
        #expect(bulletin.author == "ليلى، سامر")
        #expect(bulletin.categories == ["طقس", "مدينة"])
        #expect(bulletin.url == "/2016/01/old-name/")
        #expect(bulletin.aliases == ["/posts/old/", "/p/12.html", "/طقس/"])
        #expect(bulletin.aliasPositions.map(\.line) == [12, 12, 12])
        #expect(bulletin.params.isEmpty)
    }

    @Test func nashrasOwnKeyWins() throws {
        let bulletin = try Self.bulletin("""
            date: 2016-01-11
            publishDate: 2015-01-01
            summary: موجز
            description: وصف
            image: /own.jpg
            featured_image: /other.jpg
            author: ريم
            authors: [ليلى]
            draft: true
            published: true
            """)
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc("2016-01-11T00:00:00Z"), hasTime: false))
        #expect(bulletin.summary == "موجز")
        #expect(bulletin.image?.src == "/own.jpg")
        #expect(bulletin.author == "ريم")
        #expect(bulletin.isDraft)
    }

    @Test(arguments: [("published: false", true), ("published: no", true), ("published: yes", false), ("published: true", false)])
    func jekyllsPublished(line: String, isDraft: Bool) throws {
        #expect(try Self.bulletin("date: 2016-01-11\n" + line).isDraft == isDraft)
    }

    @Test(arguments: [
        ("featured_image: /img/f.jpg", "/img/f.jpg"),
        ("image: /img/i.jpg", "/img/i.jpg"),
        ("images: /img/one.jpg", "/img/one.jpg"),
    ])
    func theBulletinsImage(line: String, image: String) throws {
        #expect(try Self.bulletin("date: 2016-01-11\n" + line).image?.src == image)
    }

    /// YAML 1.1's booleans, as Jekyll reads them, in params too.
    @Test(arguments: [("header: no", false), ("header: off", false), ("header: Yes", true), ("header: on", true), ("header: \"no\"", nil)])
    func yaml11Booleans(line: String, flag: Bool?) throws {
        let params = try Self.bulletin("date: 2016-01-11\n" + line).params
        #expect(params["header"] == (flag.map(ParamValue.flag) ?? .text("no")))
    }

    @Test(arguments: [
        ("url: https://other.example/x/", "3:6: 'url' must be a path within the site"),
        ("url: /a/../b/", "3:6: 'url' must not have empty, '.' or '..' parts"),
        ("url: /a/?p=1", "3:6: 'url' must be a path without a query"),
        ("permalink: /:categories/:title/", "3:12: 'permalink' is a pattern"),
        ("aliases: [/ok/, //evil.example/x]", "3:17: alias must be a path within the site"),
        ("weight: heavy", "3:9: 'weight' must be a whole number"),
    ])
    func refusedValues(line: String, expected: String) {
        let found = problems(read("---\ntitle: x\n\(line)\ndate: 2016-01-11\n---\n"))
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }
}

@Suite("Jekyll's dated file names")
struct DatedFileNameTests {
    @Test(arguments: [
        ("_posts/2015-08-24-deep-wound.md", "deep-wound", "2015-08-24T00:00:00Z"),
        ("_posts/2015-08-24-جرح-عميق.markdown", "جرح-عميق", "2015-08-24T00:00:00Z"),
        ("posts/2015-08-24-x/index.md", "x", "2015-08-24T00:00:00Z"),
    ])
    func theNameGivesDateAndSlug(path: String, slug: String, instant: String) throws {
        let bulletin = try read("---\ntitle: جرح عميق\n---\nنص.\n", at: path).get()
        #expect(bulletin.slug == slug)
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc(instant), hasTime: false))
    }

    @Test func frontMatterDateWinsButTheSlugStillDropsTheDate() throws {
        let bulletin = try read("---\ntitle: x\ndate: 2015-09-01 08:09\n---\n", at: "_posts/2015-08-24-deep-wound.md").get()
        #expect(bulletin.slug == "deep-wound")
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: utc("2015-09-01T08:09:00Z"), hasTime: true))
    }

    @Test(arguments: ["2015-13-24-x", "2015-08-24", "2015-08-24x-y", "15-08-24-x", "notes-2015-08-24-x"])
    func notADatedName(_ stem: String) {
        #expect(Bulletin.datedFileName(stem) == nil)
    }

    @Test func withoutADateAnywhereItIsAnError() {
        let found = problems(read("---\ntitle: x\n---\n", at: "_posts/deep-wound.md"))
        #expect(found.contains { $0.contains("missing 'date'") })
    }
}
