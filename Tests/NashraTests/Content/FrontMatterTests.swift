import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Reads `text` as the bulletin at `content/<relativePath>`, as the loader would.
private func read(_ text: String, at relativePath: String = "bulletins/x.md") -> Result<Bulletin, Diagnostics> {
    let source = SourceFile(relativePath: relativePath, displayPath: "content/" + relativePath,
                            absolutePath: "/site/content/" + relativePath, contentHash: 0, bodyOffset: 0, bodyLine: 1)
    let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "Asia/Damascus")!)
    return Bulletin.parse(text: text, source: source, reading: reading)
}

/// The diagnostics of a failed parse; none when it succeeded.
private func problems(_ result: Result<Bulletin, Diagnostics>) -> [Diagnostic] {
    if case .failure(let failure) = result { return failure.diagnostics }
    return []
}

/// Seconds since 1970 of a wall-clock time in Damascus, computed by Foundation, not by Nashra.
private func damascus(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Damascus")!
    let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    return Int64(date.timeIntervalSince1970)
}

@Suite("Front matter: a valid bulletin")
struct FrontMatterValidTests {
    static let everyKey = """
        ---
        title: "أمطار غزيرة في حلب"
        date: 2026-11-20 09:30
        updated: 2026-11-20T12:00:00+03:00
        location: حلب
        agency: سانا
        author: ريم الأحمد
        tags:
          - طقس
          - حلب
        summary: أمطار غزيرة تغمر أحياء المدينة.
        slug: Aleppo Rain
        draft: true
        lang: ar
        dir: rtl
        urgent: yes
        image: /images/rain.jpg
        source_url: https://example.org/a
        ---
        الفقرة الأولى من الخبر.

        """

    @Test func readsEveryKnownKey() throws {
        let bulletin = try read(Self.everyKey).get()
        #expect(bulletin.title == "أمطار غزيرة في حلب")
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: damascus(2026, 11, 20, 9, 30), hasTime: true))
        // 12:00 at +03:00 is 09:00 UTC.
        #expect(bulletin.updated == BulletinDate(secondsSinceEpoch: 1_795_165_200, hasTime: true))
        #expect(bulletin.location == "حلب")
        #expect(bulletin.agency == "سانا")
        #expect(bulletin.author == "ريم الأحمد")
        #expect(bulletin.tags == ["طقس", "حلب"])
        #expect(bulletin.summary == "أمطار غزيرة تغمر أحياء المدينة.")
        #expect(bulletin.hasWrittenSummary)
        #expect(bulletin.slug == "aleppo-rain")
        #expect(bulletin.isDraft)
        #expect(bulletin.isUrgent)
        #expect(bulletin.language == "ar")
        #expect(bulletin.direction == .rtl)
        #expect(bulletin.image?.src == "/images/rain.jpg")
        #expect(bulletin.section == "bulletins")
    }

    @Test func unknownKeysLandInParams() throws {
        let bulletin = try read(Self.everyKey).get()
        #expect(bulletin.params == ["source_url": .text("https://example.org/a")])

        let typed = try read("""
            ---
            title: x
            date: 2026-11-20
            featured: true
            quoted: "true"
            sources: [سانا, رويترز]
            credit: {name: ريم, role: تصوير}
            ---
            """).get()
        #expect(typed.params["featured"] == .flag(true))
        #expect(typed.params["quoted"] == .text("true"))
        #expect(typed.params["sources"] == .list([.text("سانا"), .text("رويترز")]))
        #expect(typed.params["credit"] == .map(["name": .text("ريم"), "role": .text("تصوير")]))
        #expect(typed.params["title"] == nil)
    }

    @Test func bodyStartsAfterTheClosingLine() throws {
        let bulletin = try read(Self.everyKey).get()
        #expect(bulletin.source.bodyLine == 20)
        let offset = Self.everyKey.utf8.count - "الفقرة الأولى من الخبر.\n".utf8.count
        #expect(bulletin.source.bodyOffset == offset)
    }

    @Test func defaultsForOptionalKeys() throws {
        let bulletin = try read("---\ntitle: أمطار\ndate: 2026-11-20\n---\nنص.\n").get()
        #expect(bulletin.date == BulletinDate(secondsSinceEpoch: damascus(2026, 11, 20), hasTime: false))
        #expect(bulletin.updated == nil)
        #expect(bulletin.location == nil && bulletin.agency == nil && bulletin.author == nil && bulletin.image == nil)
        #expect(bulletin.tags.isEmpty)
        #expect(!bulletin.isDraft && !bulletin.isUrgent)
        #expect(bulletin.params.isEmpty)
    }

    @Test(arguments: [
        ("tags: طقس، حلب، أمطار", ["طقس", "حلب", "أمطار"]),
        ("tags: weather, Aleppo ,rain", ["weather", "Aleppo", "rain"]),
        ("tags: طقس، weather, حلب", ["طقس", "weather", "حلب"]),
        ("tags: طقس،، ,حلب,", ["طقس", "حلب"]),
        ("tags: [طقس, حلب]", ["طقس", "حلب"]),
        ("tags: طقس", ["طقس"]),
        ("tags:", []),
    ])
    func tags(line: String, expected: [String]) throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\n\(line)\n---\n").get()
        #expect(bulletin.tags == expected)
    }

    @Test(arguments: [
        ("draft: true", true), ("draft: yes", true), ("draft: On", true),
        ("draft: false", false), ("draft: no", false), ("draft: off", false), ("draft:", false),
    ])
    func draftFlag(line: String, expected: Bool) throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\n\(line)\n---\n").get()
        #expect(bulletin.isDraft == expected)
    }

    @Test func windowsLineEndingsAndDotsClosingLine() throws {
        let crlf = try read("---\r\ntitle: أمطار\r\ndate: 2026-11-20\r\n---\r\nنص.\r\n").get()
        #expect(crlf.title == "أمطار")
        #expect(crlf.summary == "نص.")

        let dots = try read("--- \ntitle: أمطار\ndate: 2026-11-20\n...\nنص.\n").get()
        #expect(dots.title == "أمطار")
        #expect(dots.source.bodyLine == 5)
    }
}

@Suite("Front matter: errors point at the line and column")
struct FrontMatterErrorTests {
    typealias Case = PositionedErrorCase

    static let cases: [Case] = [
        Case(name: "unclosed quote on line 4", text: """
            ---
            title: أمطار
            date: 2026-11-20
            location: "حلب
            agency: سانا
            ---
            """, line: 4, column: 11, message: "invalid YAML: "),
        Case(name: "bad indentation on line 4", text: """
            ---
            tags:
              - طقس
             - حلب
            title: أمطار
            date: 2026-11-20
            ---
            """, line: 4, column: 2, message: "invalid YAML: "),
        Case(name: "key indented under a scalar on line 4", text: """
            ---
            title: أمطار
            date: 2026-11-20
              location: حلب
            ---
            """, line: 4, column: 11, message: "invalid YAML: mapping values are not allowed"),
        Case(name: "key without a colon on line 3", text: "---\ntitle: x\ndate 2026-11-20\ntags: a\n---\n",
             line: 3, column: 1, message: "invalid YAML: could not find expected ':'"),
        Case(name: "date that is not a date", text: "---\ntitle: x\ndate: yesterday\n---\n",
             line: 3, column: 7, message: "'date' is not a date: expected 2017-10-14"),
        Case(name: "expires that is not a date", text: "---\ntitle: x\ndate: 2026-11-20\nexpires: next week\n---\n",
             line: 4, column: 10, message: "'expires' is not a date"),
        Case(name: "corrections that are not a list", text: "---\ntitle: x\ndate: 2026-11-20\ncorrections: fixed\n---\n",
             line: 4, column: 14, message: "'corrections' must be a list of notes"),
        Case(name: "a correction without text", text: "---\ntitle: x\ndate: 2026-11-20\ncorrections:\n  - date: 2026-11-21\n---\n",
             line: 5, column: 5, message: "each correction is a text, or a mapping with 'text' (and 'date')"),
        Case(name: "a correction with a bad date", text: "---\ntitle: x\ndate: 2026-11-20\ncorrections:\n  - date: later\n    text: عُدّل\n---\n",
             line: 5, column: 11, message: "'corrections.date' is not a date"),
        Case(name: "date that does not exist", text: "---\ntitle: x\ndate: 2026-02-30\n---\n",
             line: 3, column: 7, message: "'date' is not a date"),
        Case(name: "updated that is not a date", text: "---\ntitle: x\ndate: 2026-11-20\nupdated: soon\n---\n",
             line: 4, column: 10, message: "'updated' is not a date"),
        Case(name: "title missing", text: "---\ndate: 2026-11-20\n---\n",
             line: 1, column: 1, message: "missing 'title'"),
        Case(name: "date missing", text: "---\ntitle: x\n---\n",
             line: 1, column: 1, message: "missing 'date'"),
        Case(name: "empty title", text: "---\ntitle: \"  \"\ndate: 2026-11-20\n---\n",
             line: 2, column: 8, message: "'title' is empty"),
        Case(name: "list where text is expected", text: "---\ntitle: x\ndate: 2026-11-20\nlocation: [حلب, دمشق]\n---\n",
             line: 4, column: 11, message: "'location' must be text, not a list or mapping"),
        Case(name: "mapping where tags are expected", text: "---\ntitle: x\ndate: 2026-11-20\ntags: {a: b}\n---\n",
             line: 4, column: 7, message: "'tags' must be a list or a comma-separated text"),
        Case(name: "a tag that is a list", text: "---\ntitle: x\ndate: 2026-11-20\ntags:\n  - طقس\n  - [a, b]\n---\n",
             line: 6, column: 5, message: "each item of 'tags' must be text"),
        Case(name: "duplicate key", text: "---\ntitle: أمطار\ndate: 2026-11-20\ntitle: ثلوج\n---\n",
             line: 4, column: 1, message: "duplicate key 'title' (first given on line 2)"),
        Case(name: "draft: maybe", text: "---\ntitle: x\ndate: 2026-11-20\ndraft: maybe\n---\n",
             line: 4, column: 8, message: "'draft' must be true or false"),
        Case(name: "urgent: 2", text: "---\ntitle: x\ndate: 2026-11-20\nurgent: 2\n---\n",
             line: 4, column: 9, message: "'urgent' must be true or false"),
        Case(name: "dir: up", text: "---\ntitle: x\ndate: 2026-11-20\ndir: up\n---\n",
             line: 4, column: 6, message: "'dir' must be rtl, ltr or auto"),
        Case(name: "lang that is not a code", text: "---\ntitle: x\ndate: 2026-11-20\nlang: عربي\n---\n",
             line: 4, column: 7, message: "'lang' must be a language code"),
        Case(name: "slug without letters", text: "---\ntitle: x\ndate: 2026-11-20\nslug: \"!!!\"\n---\n",
             line: 4, column: 7, message: "'slug' has no letters or digits"),
        Case(name: "front matter that is a list", text: "---\n- title\n- date\n---\n",
             line: 2, column: 1, message: "front matter must be a mapping"),
        Case(name: "no front matter at all", text: "# أمطار في حلب\n\nنص.\n",
             line: 1, column: 1, message: "a bulletin starts with front matter"),
        Case(name: "front matter never closed", text: "---\ntitle: x\ndate: 2026-11-20\n\nنص.\n",
             line: 1, column: 1, message: "a bulletin starts with front matter"),
        Case(name: "dashes not alone on the first line", text: "---title: x\ndate: 2026-11-20\n---\n",
             line: 1, column: 1, message: "a bulletin starts with front matter"),
        // The parser notices a missing `]` only at the next key; the mistake is the bracket.
        Case(name: "unclosed [ on line 5", text: "---\ntitle: x\ndate: 2026-11-20\nlocation: حلب\ntags: [طقس, حلب\nauthor: ريم\n---\n",
             line: 5, column: 7, message: "invalid YAML: this '[' is not closed: add ']'"),
        Case(name: "unclosed [ on the last line", text: "---\ntitle: x\ndate: 2026-11-20\ntags: [طقس, حلب\n---\n",
             line: 4, column: 7, message: "invalid YAML: this '[' is not closed: add ']'"),
        Case(name: "unclosed { on line 4", text: "---\ntitle: x\ndate: 2026-11-20\ncredit: {name: ريم\nagency: سانا\n---\n",
             line: 4, column: 9, message: "invalid YAML: this '{' is not closed: add '}'"),
        // libyaml's reader refuses control characters; columns count Unicode scalars, like its marks.
        Case(name: "NUL byte on line 4", text: "---\ntitle: x\ndate: 2026-11-20\nagency: ab\u{0}c\n---\n",
             line: 4, column: 11, message: "invalid YAML: control characters are not allowed (U+0000 here)"),
        Case(name: "ESC after Arabic text on line 5", text: "---\ntitle: x\ndate: 2026-11-20\nagency: سانا\nlocation: حلب\u{1B}\n---\n",
             line: 5, column: 14, message: "(U+001B here); remove it"),
        Case(name: "control byte after CRLF lines", text: "---\r\ntitle: x\r\ndate: 2026-11-20\r\nauthor: \u{7}ريم\r\n---\r\n",
             line: 4, column: 9, message: "(U+0007 here)"),
        Case(name: "U+FFFE in a title", text: "---\ntitle: أمطار \u{FFFE}\ndate: 2026-11-20\n---\n",
             line: 2, column: 14, message: "(U+FFFE here)"),
    ]

    @Test(arguments: cases)
    func reportsOneProblemAtItsPlace(_ example: Case) throws {
        let found = problems(read(example.text))
        #expect(found.count == 1, "\(found)")
        let problem = try #require(found.first)
        #expect(problem.location?.path == "content/bulletins/x.md")
        #expect(problem.location?.line == example.line)
        #expect(problem.location?.column == example.column)
        #expect(problem.message.hasPrefix(example.message) || problem.message.contains(example.message), "\(problem.message)")
        #expect(problem.description.hasPrefix("content/bulletins/x.md:\(example.line):\(example.column): "), "\(problem)")
        #expect(problem.severity == .error)
    }

    @Test func reportsEveryProblemOfAFile() {
        let found = problems(read("""
            ---
            date: next week
            draft: maybe
            dir: up
            location: [حلب]
            ---
            نص.
            """))
        #expect(found.map { "\($0.location!.line):\($0.location!.column)" } == ["1:1", "2:7", "3:8", "4:6", "5:11"])
        #expect(found[0].message.hasPrefix("missing 'title'"))
        #expect(found[1].message.hasPrefix("'date' is not a date"))
        #expect(found[2].message.hasPrefix("'draft' must be true or false"))
        #expect(found[3].message.hasPrefix("'dir' must be"))
        #expect(found[4].message.hasPrefix("'location' must be text"))
    }

    @Test func aDuplicateKeyDoesNotHideOtherProblems() {
        let found = problems(read("""
            ---
            title: أمطار
            date: yesterday
            title: ثلوج
            ---
            """))
        #expect(found.map { "\($0.location!.line):\($0.location!.column)" } == ["3:7", "4:1"])
        #expect(found.first?.message.hasPrefix("'date' is not a date") == true)
        #expect(found.last?.message.hasPrefix("duplicate key 'title'") == true)
    }

    @Test func aTitleOfTheWrongTypeIsNotAlsoCalledMissing() {
        let found = problems(read("---\ntitle: [أمطار, حلب]\ndate: 2026-11-20\n---\n"))
        #expect(found.map(\.message) == ["'title' must be text, not a list or mapping"])
        #expect(found.first?.location?.line == 2)
        #expect(found.first?.location?.column == 8)
    }

    @Test func aDateOfTheWrongTypeIsNotAlsoCalledMissing() {
        let found = problems(read("---\ntitle: x\ndate: [2026-11-20]\n---\n"))
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("'date' is not a date") == true)
    }
}

@Suite("Front matter: slug")
struct FrontMatterSlugTests {
    @Test(arguments: [
        ("bulletins/2026/أمطار-حلب.md", "", "أمطار-حلب"),
        ("bulletins/2026/aleppo-rain/index.md", "", "aleppo-rain"),
        ("bulletins/2026/Aleppo Rain.md", "", "aleppo-rain"),
        ("bulletins/2026/file-name.md", "slug: من الواجهة\n", "من-الواجهة"),
        ("bulletins/2026/file-name.md", "slug: \"  \"\n", "file-name"),
        ("bulletins/2026/---.md", "", "أمطار-غزيرة-في-حلب"),
    ])
    func slug(relativePath: String, frontMatterLine: String, expected: String) throws {
        let text = "---\ntitle: أمطارٌ غزيرة في حلب\ndate: 2026-11-20\n\(frontMatterLine)---\n"
        let bulletin = try read(text, at: relativePath).get()
        #expect(bulletin.slug == expected)
    }

    @Test(arguments: [
        ("bulletins/2026/أمطار-حلب.md", "أمطار-حلب"),
        ("bulletins/2026/aleppo/index.md", "aleppo"),
        ("bulletins/2026/aleppo/_index.md", "aleppo"),
        ("bulletins/2026/أمطار-حلب.markdown", "أمطار-حلب"),
        ("bulletins/2026/aleppo/index.markdown", "aleppo"),
        ("index.md", "index"),
        ("x.md", "x"),
        ("a/.md", ""),
        ("a/notes.txt", "notes.txt"),
        ("bulletins//حلب/index.md", "حلب"),
    ])
    func fileStem(relativePath: String, expected: String) {
        #expect(Bulletin.fileStem(of: relativePath) == expected)
    }

    @Test func aGivenSlugKeepsItsPositionForLaterErrors() throws {
        let text = "---\ntitle: أمطار\ndate: 2026-11-20\nlocation: حلب\nslug:   مطر\n---\n"
        let given = try read(text).get()
        let at = position(of: "مطر", in: text)
        #expect(given.slugPosition == TextPosition(line: at.line, column: at.column))
        #expect(try read("---\ntitle: أمطار\ndate: 2026-11-20\n---\n").get().slugPosition == nil)
        // A blank slug falls back to the file name: there is no slug line to point at.
        #expect(try read("---\ntitle: أمطار\ndate: 2026-11-20\nslug: \" \"\n---\n").get().slugPosition == nil)
    }

    @Test func noSlugFromAnything() {
        let found = problems(read("---\ntitle: \"؟!\"\ndate: 2026-11-20\n---\n", at: "bulletins/---.md"))
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("cannot make a URL") == true)
        #expect(found.first?.location?.path == "content/bulletins/---.md")
    }
}

@Suite("Front matter: summary")
struct FrontMatterSummaryTests {
    @Test(arguments: [
        ("أمطار *غزيرة* في [حلب](https://x.example/) و**دمشق**.\n\nفقرة ثانية.\n", "أمطار غزيرة في حلب ودمشق."),
        ("## العنوان\n\nالفقرة الأولى بعد العنوان.\n\nالثانية.\n", "الفقرة الأولى بعد العنوان."),
        ("سطر أول\nسطر ثان.\n", "سطر أول سطر ثان."),
        ("رمز `code` هنا.\n", "رمز code هنا."),
        ("", ""),
    ])
    func fromTheFirstParagraph(body: String, expected: String) throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\n---\n" + body).get()
        #expect(bulletin.summary == expected)
        #expect(!bulletin.hasWrittenSummary)
    }

    @Test func writtenSummaryWins() throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\nsummary: \"  ملخص مكتوب.  \"\n---\nالفقرة الأولى.\n").get()
        #expect(bulletin.summary == "ملخص مكتوب.")
        #expect(bulletin.hasWrittenSummary)
    }

    @Test func blankWrittenSummaryFallsBackToTheBody() throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\nsummary: \"\"\n---\nالفقرة الأولى.\n").get()
        #expect(bulletin.summary == "الفقرة الأولى.")
        #expect(!bulletin.hasWrittenSummary)
    }
}

@Suite("Front matter: language and direction")
struct FrontMatterDirectionTests {
    @Test(arguments: [
        ("Rain in Aleppo", "lang: en\n", TextDirection.ltr, "en"),
        ("Rain in Aleppo", "", .ltr, "und"),
        ("أمطار في حلب", "", .rtl, "ar"),
        ("٢٠٢٦: أمطار في حلب", "", .rtl, "ar"),
        ("2026: Rain", "", .ltr, "und"),
        ("2026", "", .rtl, "ar"),
        ("باران در حلب", "lang: fa\n", .rtl, "fa"),
        ("أمطار", "lang: en\n", .ltr, "en"),
        ("Rain", "lang: en\ndir: rtl\n", .rtl, "en"),
        ("أمطار", "lang: ar\ndir: LTR\n", .ltr, "ar"),
        ("أمطار في حلب", "dir: ltr\n", .ltr, "und"),
        ("Rain in Aleppo", "dir: auto\n", .ltr, "und"),
        ("أمطار", "lang: ar\ndir: auto\n", .rtl, "ar"),
    ])
    func direction(title: String, lines: String, direction: TextDirection, language: String) throws {
        let bulletin = try read("---\ntitle: \"\(title)\"\ndate: 2026-11-20\n\(lines)---\n").get()
        #expect(bulletin.direction == direction)
        #expect(bulletin.language == language)
    }
}

@Suite("Front matter: nesting and aliases are bounded")
struct FrontMatterLimitTests {
    @Test(arguments: ["source_url", "tags", "location", "corrections"])
    func deepNestingUnderAnyKeyIsAnErrorAtTheTooDeepValue(key: String) throws {
        // Deep enough to overflow Yams' recursive composer: about 4,700 levels killed the process.
        let text = "---\ntitle: x\ndate: 2026-11-20\n\(key): " + nestedLists(20_000) + "\n---\nنص.\n"
        let found = problems(read(text))
        let problem = try #require(found.first)
        #expect(found.count == 1)
        // The top mapping is level 1: the 64th `[` opens level 65.
        let expected = position(of: "[", occurrence: 64, in: text)
        #expect(problem.location?.line == expected.line && problem.location?.column == expected.column, "\(problem)")
        #expect(problem.message.contains("nested more than 64 levels deep"))
    }

    @Test func deepBlockNestingIsAnError() throws {
        let text = "---\ntitle: x\ndate: 2026-11-20\nextra:\n" + nestedMappings(5_000).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n---\n"
        let problem = try #require(problems(read(text)).first)
        // `extra:` is in the top mapping (1), its value starts at level 2 with `k0:`, so `k63:` opens 65.
        let expected = position(of: "k63:", in: text)
        #expect(problem.location?.line == expected.line && problem.location?.column == expected.column, "\(problem)")
    }

    @Test func aliasesThatExpandPastTheLimitAreAnErrorAtAnAlias() throws {
        // Five levels of ten aliases expand to about 100,000 values: converting them into `params`
        // used to copy every one (nine levels, a 680-byte file, grew past 6 GB).
        let text = "---\ntitle: x\ndate: 2026-11-20\n" + YAMLLimitsTests.laughs(levels: 5) + "---\n"
        let found = problems(read(text))
        let problem = try #require(found.first)
        #expect(found.count == 1)
        let line = try #require(problem.location?.line)
        let column = try #require(problem.location?.column)
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(lineText.unicodeScalars.dropFirst(column - 1).first == "*", "\(problem)")
        #expect(problem.message.contains("aliases here expand to more than 10000 values"))
    }

    @Test func afewAliasesStillWork() throws {
        let bulletin = try read("---\ntitle: x\ndate: 2026-11-20\nsources: &s [سانا, رويترز]\nalso: *s\n---\n").get()
        #expect(bulletin.params["also"] == .list([.text("سانا"), .text("رويترز")]))
    }
}
