import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The diagnostics of a failed parse; none when it succeeded.
private func problems(_ result: Result<SiteConfig, Diagnostics>) -> [Diagnostic] {
    if case .failure(let failure) = result { return failure.diagnostics }
    return []
}

private let anyDay = CivilDate(year: 2026, month: 11, day: 20)

@Suite("SiteConfig")
struct SiteConfigTests {
    @Test(arguments: ["", "# only a comment\n"])
    func defaults(text: String) throws {
        let config = try SiteConfig.parse(text, path: "nashra.yaml").get()
        #expect(config.title == "نشرة")
        #expect(config.language == "ar")
        #expect(config.direction == .rtl)
        #expect(config.timeZone.identifier == "Asia/Damascus")
        #expect(config.baseURL == "http://localhost/")
        #expect(config.rootPath == "/")
        #expect(config.theme == "default")
        #expect(config.paginate == 20)
        #expect(config.permalink == .default)
        #expect(config.permalink.expand(date: anyDay, slug: "أمطار", section: "bulletins").path == "/2026/11/أمطار/")
        #expect(config.dateStyle.months == .levantine)
        #expect(config.dateStyle.digits == .arabicIndic)
        #expect(!config.unsafeHTML)
        #expect(config.footer.isEmpty)
    }

    @Test func fullConfig() throws {
        let config = try SiteConfig.parse("""
            title: Levant Wire
            description: أخبار المشرق
            baseURL: https://x.example/news
            language: en
            timezone: Asia/Beirut
            theme: wire
            paginate: 8
            permalink: /:section/:year/:month/:day/:slug/
            dates:
              months: both
              digits: latin
            markdown:
              unsafeHTML: true
            footer:
              - name: عن نشرة
                url: https://x.example/news/about/
              - name: RSS
                url: https://x.example/news/index.xml
            """, path: "nashra.yaml").get()
        #expect(config.title == "Levant Wire")
        #expect(config.description == "أخبار المشرق")
        #expect(config.baseURL == "https://x.example/news/")
        #expect(config.rootPath == "/news/")
        #expect(config.language == "en")
        #expect(config.direction == .ltr)
        #expect(config.timeZone.identifier == "Asia/Beirut")
        #expect(config.theme == "wire")
        #expect(config.paginate == 8)
        #expect(config.permalink.expand(date: anyDay, slug: "rain", section: "bulletins").path == "/bulletins/2026/11/20/rain/")
        #expect(config.dateStyle == DateStyle(months: .both, digits: .latin))
        #expect(config.unsafeHTML)
        #expect(config.footer == [
            SiteConfig.Link(name: "عن نشرة", url: "https://x.example/news/about/"),
            SiteConfig.Link(name: "RSS", url: "https://x.example/news/index.xml"),
        ])
    }

    @Test(arguments: [
        ("https://x.example", "https://x.example/", "https://x.example", "/"),
        ("https://x.example/", "https://x.example/", "https://x.example", "/"),
        ("https://x.example/news", "https://x.example/news/", "https://x.example", "/news/"),
        ("http://localhost:8080/a/b/", "http://localhost:8080/a/b/", "http://localhost:8080", "/a/b/"),
    ])
    func baseURLEndsWithASlash(value: String, baseURL: String, origin: String, rootPath: String) throws {
        let config = try SiteConfig.parse("baseURL: \(value)\n", path: "nashra.yaml").get()
        #expect(config.baseURL == baseURL)
        #expect(config.origin == origin)
        #expect(config.rootPath == rootPath)
    }

    @Test func originAndRootPathFollowEveryChangeOfBaseURL() {
        var config = SiteConfig()
        #expect((config.origin, config.rootPath) == ("http://localhost", "/"))
        config.baseURL = "https://wire.example:8443/ar/"
        #expect((config.origin, config.rootPath) == ("https://wire.example:8443", "/ar/"))
    }

    @Test(arguments: [("fa", TextDirection.rtl), ("ar-SY", .rtl), ("en-GB", .ltr), ("fr", .ltr)])
    func directionFollowsTheLanguage(language: String, direction: TextDirection) throws {
        #expect(try SiteConfig.parse("language: \(language)\n", path: "nashra.yaml").get().direction == direction)
    }

    typealias Case = PositionedErrorCase

    static let cases: [Case] = [
        Case(name: "unknown key", text: "title: نشرة\ntitel: x\n", line: 2, column: 1,
             message: "unknown key 'titel'; known keys: title, description, baseURL, language, timezone, theme, paginate, permalink, dates, markdown, footer, menus, feeds, publisher, limits, deploy"),
        Case(name: "feeds.limit 0", text: "feeds:\n  limit: 0\n", line: 2, column: 10,
             message: "'feeds.limit' must be a whole number of at least 1"),
        Case(name: "feeds unknown key", text: "feeds:\n  formats: rss\n", line: 2, column: 3,
             message: "unknown key 'feeds.formats'; known keys: limit"),
        Case(name: "feeds not a mapping", text: "feeds: 20\n", line: 1, column: 8, message: "'feeds' must be a mapping"),
        Case(name: "publisher unknown key", text: "publisher:\n  name: وكالة\n  url: https://x.example/\n", line: 3, column: 3,
             message: "unknown key 'publisher.url'; known keys: name, logo"),
        Case(name: "publisher.name a list", text: "publisher:\n  name: [a, b]\n", line: 2, column: 9,
             message: "'publisher.name' must be text"),
        Case(name: "limits.fileSize without a number", text: "limits:\n  fileSize: large\n", line: 2, column: 13,
             message: "'limits.fileSize' must be a size above zero such as 512KiB, 5MiB, 10MB or a number of bytes"),
        Case(name: "limits.fileSize zero", text: "limits: { fileSize: 0 }\n", line: 1, column: 21,
             message: "'limits.fileSize' must be a size above zero"),
        Case(name: "limits.fileSize unknown unit", text: "limits:\n  fileSize: 5 MiBs\n", line: 2, column: 13,
             message: "'limits.fileSize' must be a size above zero"),
        Case(name: "limits unknown key", text: "limits:\n  files: 10\n", line: 2, column: 3,
             message: "unknown key 'limits.files'; known keys: fileSize"),
        Case(name: "limits not a mapping", text: "limits: 5MiB\n", line: 1, column: 9, message: "'limits' must be a mapping"),
        Case(name: "bad timezone", text: "timezone: Mars/Olympus\n", line: 1, column: 11,
             message: "'timezone' Mars/Olympus is not a time zone"),
        Case(name: "paginate 0", text: "title: x\npaginate: 0\n", line: 2, column: 11,
             message: "'paginate' must be a whole number of at least 1"),
        Case(name: "paginate ten", text: "paginate: ten\n", line: 1, column: 11,
             message: "'paginate' must be a whole number of at least 1"),
        Case(name: "paginate -3", text: "paginate: -3\n", line: 1, column: 11,
             message: "'paginate' must be a whole number"),
        Case(name: "permalink without :slug", text: "permalink: /:year/:month/\n", line: 1, column: 12,
             message: "'permalink' must contain :slug"),
        Case(name: "permalink with an unknown token", text: "permalink: /:yr/:slug/\n", line: 1, column: 12,
             message: "unknown permalink token ':yr'"),
        Case(name: "dates.months unknown", text: "dates:\n  months: roman\n", line: 2, column: 11,
             message: "'dates.months' must be one of levantine, egyptian, maghrebi, both"),
        Case(name: "dates.digits unknown", text: "dates:\n  months: egyptian\n  digits: hindi\n", line: 3, column: 11,
             message: "'dates.digits' must be one of arabic-indic, persian, latin"),
        Case(name: "dates unknown key", text: "dates:\n  format: long\n", line: 2, column: 3,
             message: "unknown key 'dates.format'"),
        Case(name: "dates not a mapping", text: "dates: levantine\n", line: 1, column: 8,
             message: "'dates' must be a mapping"),
        Case(name: "markdown.unsafeHTML not a boolean", text: "markdown:\n  unsafeHTML: sometimes\n", line: 2, column: 15,
             message: "'markdown.unsafeHTML' must be true or false"),
        Case(name: "markdown unknown key", text: "markdown:\n  smart: false\n", line: 2, column: 3,
             message: "unknown key 'markdown.smart'; known keys: unsafeHTML"),
        Case(name: "footer item without url", text: "footer:\n  - name: عن\n    url: https://x.example/\n  - name: RSS\n", line: 4, column: 5,
             message: "each footer link needs 'name' and 'url'"),
        Case(name: "footer not a list", text: "footer: https://x.example/\n", line: 1, column: 9,
             message: "'footer' must be a list of links"),
        Case(name: "duplicate key", text: "title: نشرة\npaginate: 10\ntitle: Nashra\n", line: 3, column: 1,
             message: "duplicate key 'title' (first given on line 1)"),
        Case(name: "duplicate key in dates", text: "dates:\n  months: egyptian\n  months: maghrebi\n", line: 3, column: 3,
             message: "duplicate key 'months' (first given on line 2)"),
        Case(name: "baseURL not absolute", text: "baseURL: /news/\n", line: 1, column: 10,
             message: "'baseURL' must be an absolute http(s) URL"),
        Case(name: "baseURL not http", text: "baseURL: ftp://x.example/\n", line: 1, column: 10,
             message: "'baseURL' must be an absolute http(s) URL"),
        Case(name: "language not a code", text: "language: العربية\n", line: 1, column: 11,
             message: "'language' must be a language code"),
        Case(name: "title a list", text: "title:\n  - a\n", line: 2, column: 3,
             message: "'title' must be text"),
        Case(name: "not a mapping", text: "- title\n- paginate\n", line: 1, column: 1,
             message: "nashra.yaml must be a mapping"),
        Case(name: "broken YAML", text: "title: نشرة\npaginate: 10\n  theme: x\n", line: 3, column: 8,
             message: "invalid YAML: mapping values are not allowed"),
    ]

    @Test(arguments: cases)
    func reportsOneProblemAtItsPlace(_ example: Case) throws {
        let found = problems(SiteConfig.parse(example.text, path: "site/nashra.yaml"))
        #expect(found.count == 1, "\(found)")
        let problem = try #require(found.first)
        #expect(problem.location?.line == example.line)
        #expect(problem.location?.column == example.column)
        #expect(problem.message.hasPrefix(example.message), "\(problem.message)")
        #expect(problem.description.hasPrefix("site/nashra.yaml:\(example.line):\(example.column): "), "\(problem)")
    }

    @Test func reportsEveryProblemTogether() {
        let found = problems(SiteConfig.parse("""
            title: نشرة
            paginate: 0
            timezone: Nowhere/City
            colour: red
            dates:
              months: roman
              digits: hindi
            markdown:
              unsafeHTML: maybe
            footer:
              - url: https://x.example/
            """, path: "nashra.yaml"))
        #expect(found.map { "\($0.location!.line):\($0.location!.column)" } == ["2:11", "3:11", "4:1", "6:11", "7:11", "9:15", "11:5"])
        #expect(found.map { $0.message.prefix(12) } == [
            "'paginate' m", "'timezone' N", "unknown key ", "'dates.month", "'dates.digit", "'markdown.un", "each footer ",
        ])
    }
}

@Suite("SiteConfig: nesting and aliases are bounded")
struct SiteConfigLimitTests {
    @Test func deepNestingIsAnErrorAtTheTooDeepValue() throws {
        let text = "title: نشرة\nfeeds:\n  limit: 5\nfooter: " + nestedLists(5_000) + "\n"
        let problem = try #require(problems(SiteConfig.parse(text, path: "nashra.yaml")).first)
        let expected = position(of: "[", occurrence: 64, in: text)
        #expect(problem.location == SourceLocation(path: "nashra.yaml", line: expected.line, column: expected.column))
        #expect(problem.message.contains("nested more than 64 levels deep"))
    }

    @Test func aliasesThatExpandPastTheLimitAreAnError() throws {
        let text = "title: نشرة\n" + YAMLLimitsTests.laughs(levels: 6).replacingOccurrences(of: "lol", with: "x-lol")
        let problem = try #require(problems(SiteConfig.parse(text, path: "nashra.yaml")).first)
        #expect(problem.message.contains("aliases here expand to more than 10000 values"))
        #expect(problem.location?.path == "nashra.yaml")
    }
}
