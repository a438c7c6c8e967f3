import Foundation
import Testing
@testable import Nashra

@Suite struct ImporterTests {
    /// 2026-11-27 10:00 in Damascus.
    static let now = Date(timeIntervalSince1970: 1_795_762_800)

    struct Desk {
        let root = Fixtures.scratch()
        var content: URL { root.appendingPathComponent("content") }
        var bulletins: URL { content.appendingPathComponent("bulletins") }

        func importer(_ configure: (inout Importer.Options) -> Void = { _ in }, config: SiteConfig = SiteConfig()) -> Importer {
            var options = Importer.Options()
            configure(&options)
            return Importer(destination: bulletins, contentFolders: [content], config: config, options: options, now: ImporterTests.now)
        }

        func fixture(_ name: String) -> String { Fixtures.root.appendingPathComponent("wire-copy/\(name)").path }

        func write(_ name: String, _ text: String) -> String {
            let url = root.appendingPathComponent("inbox/\(name)")
            Fixtures.write(["inbox/\(name)": text], in: root)
            return url.path
        }

        func read(_ relative: String) throws -> String {
            try String(contentsOf: bulletins.appendingPathComponent(relative), encoding: .utf8)
        }

        func files() -> [String] {
            let walker = FileManager.default.enumerator(atPath: bulletins.path)
            return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") || $0.contains(".tmp") }.sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func writesTheBulletinWhereNashraNewWould() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer { $0.tags = ["زراعة", "أسواق"] }
        let reports = importer.importFile(at: desk.fixture("ar-headline-footer.txt"), display: "ar-headline-footer.txt")
        let path = "2026/11/افتتاح-سوق-شتوية-للمنتجات-الريفية-في-حلب.md"
        #expect(reports.map(\.outcome) == [.imported(path)])
        let text = try desk.read(path)
        #expect(text.hasPrefix("""
        ---
        title: "افتتاح سوق شتوية للمنتجات الريفية في حلب"
        date: 2026-11-27T10:00:00+03:00
        location: "حلب"
        agency: "سانا"
        tags: ["زراعة", "أسواق"]
        source: "
        """))
        #expect(text.contains("\n---\n\nافتتحت مديرية الزراعة في حلب اليوم سوقاً شتوية"))
        #expect(!text.contains("تلغرام") && !text.contains("t.me"))
        #expect(reports[0].droppedLines.count == 3)
        // It reads back as a bulletin, `source:` included.
        let source = SourceFile(relativePath: path, displayPath: path, absolutePath: "", contentHash: 0, bodyOffset: 0, bodyLine: 0)
        let bulletin = try Bulletin.parse(text: text, source: source, reading: BulletinReading(siteLanguage: "ar", timeZone: SiteConfig().timeZone)).get()
        #expect(bulletin.title == "افتتاح سوق شتوية للمنتجات الريفية في حلب")
        #expect(bulletin.location == "حلب" && bulletin.agency == "سانا")
        #expect(bulletin.params["source"] == .text(ImportSource(text: try String(contentsOfFile: desk.fixture("ar-headline-footer.txt"), encoding: .utf8), fileName: "ar-headline-footer.txt").text))
    }

    @Test func importingAgainIsAlreadyThere() throws {
        let desk = Desk()
        defer { desk.remove() }
        var first = desk.importer()
        _ = first.importFile(at: desk.fixture("ar-cairo.txt"), display: "ar-cairo.txt")
        // A later run, and the same copy under another name, with other line endings and spaces.
        var second = desk.importer()
        let again = second.importFile(at: desk.fixture("ar-cairo.txt"), display: "ar-cairo.txt")
        let copy = try String(contentsOfFile: desk.fixture("ar-cairo.txt"), encoding: .utf8)
        let relayed = "\n  " + copy.replacingOccurrences(of: "\n", with: " \r\n") + "\n\n"
        let renamed = second.importFile(at: desk.write("cairo-resent.txt", relayed), display: "cairo-resent.txt")
        let existing = "2026/11/معرض-للكتاب-المستعمل-في-وسط-القاهرة.md"
        #expect(again.map(\.outcome) == [.alreadyThere(existing)])
        #expect(renamed.map(\.outcome) == [.alreadyThere(existing)])
        #expect(desk.files().count == 1)
    }

    @Test func aTakenSlugGetsANumberAndIsReported() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let one = importer.importFile(at: desk.write("a.txt", "عنوان واحد\n\nدمشق-سانا\nالنص الأول."), display: "a.txt")
        let two = importer.importFile(at: desk.write("b.txt", "عنوان واحد\n\nحلب-سانا\nنص آخر تماماً."), display: "b.txt")
        #expect(one.map(\.outcome) == [.imported("2026/11/عنوان-واحد.md")])
        #expect(two.map(\.outcome) == [.imported("2026/11/عنوان-واحد-2.md")])
        #expect(two[0].diagnostics.map(\.description) == ["b.txt:1:1: warning: a bulletin named عنوان-واحد.md is already in 2026/11/; written as عنوان-واحد-2.md"])
        #expect(try desk.read("2026/11/عنوان-واحد.md").contains("النص الأول."))
        #expect(desk.files() == ["2026/11/عنوان-واحد-2.md", "2026/11/عنوان-واحد.md"])
    }

    @Test func copyWithoutAHeadlineIsADraftWithAProvisionalTitle() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let reports = importer.importFile(at: desk.fixture("ar-no-headline.txt"), display: "ar-no-headline.txt")
        #expect(reports[0].needsHeadline)
        guard case .imported(let path) = reports[0].outcome else { Issue.record("not imported"); return }
        let text = try desk.read(path)
        #expect(text.contains("title: \"أعلنت مؤسسة المياه في حمص اليوم عن انقطاع المياه عن أحياء الوعر والإنشاءات يوم\"\n"))
        #expect(text.contains("\ndraft: true\n"))
        #expect(text.contains("location: \"حمص\"\nagency: \"سانا\"\n"))
    }

    @Test func theCommandLineWins() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer {
            $0.title = "عنوان: من المحرر"
            $0.location = "اللاذقية"
            $0.agency = "نشرة"
            $0.language = "ar"
            $0.draft = true
            $0.date = Date(timeIntervalSince1970: 1_795_590_000)
        }
        let reports = importer.importFile(at: desk.fixture("ar-no-headline.txt"), display: "ar-no-headline.txt")
        #expect(!reports[0].needsHeadline)
        #expect(reports[0].outcome == .imported("2026/11/عنوان-من-المحرر.md"))
        let text = try desk.read("2026/11/عنوان-من-المحرر.md")
        #expect(text.hasPrefix("---\ntitle: \"عنوان: من المحرر\"\ndate: 2026-11-25T10:00:00+03:00\nlocation: \"اللاذقية\"\nagency: \"نشرة\"\nlang: \"ar\"\ndraft: true\n"))
    }

    @Test func badInputIsReportedAndNothingIsWritten() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let notUTF8 = importer.importFile(at: desk.fixture("not-utf8.txt"), display: "not-utf8.txt")
        let empty = importer.importFile(at: desk.fixture("empty.txt"), display: "empty.txt")
        let missing = importer.importFile(at: desk.root.appendingPathComponent("nowhere.txt").path, display: "nowhere.txt")
        let good = importer.importFile(at: desk.fixture("en-damascus.txt"), display: "en-damascus.txt")
        #expect(notUTF8[0].outcome == .failed && empty[0].outcome == .failed && missing[0].outcome == .failed)
        #expect(notUTF8[0].diagnostics.map(\.description) == ["not-utf8.txt:1:7: file is not UTF-8 text (invalid byte here); save it as UTF-8"])
        #expect(empty[0].diagnostics.map(\.description) == ["empty.txt:1:1: the file is empty: there is nothing to import"])
        #expect(missing[0].diagnostics.first?.description.hasPrefix("nowhere.txt:1:1: cannot read the file") == true)
        #expect(good[0].outcome == .imported("2026/11/damascus-book-fair-opens-with-200-publishers.md"))
        // Only the good one, and no temporary file left beside it.
        #expect(desk.files() == ["2026/11/damascus-book-fair-opens-with-200-publishers.md"])
        #expect(FileManager.default.fileExists(atPath: desk.fixture("not-utf8.txt")))
    }

    @Test func aDryRunWritesNothing() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer { $0.dryRun = true }
        let reports = importer.importFile(at: desk.fixture("en-damascus.txt"), display: "en-damascus.txt")
        #expect(reports[0].outcome == .imported("2026/11/damascus-book-fair-opens-with-200-publishers.md"))
        #expect(reports[0].text?.contains("title: \"Damascus Book Fair opens with 200 publishers\"") == true)
        #expect(!FileManager.default.fileExists(atPath: desk.bulletins.path))
    }

    @Test func yamlSpecialCharactersInTheHeadlineAreQuoted() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let reports = importer.importFile(at: desk.write("q.txt", "- \"عاجل\": #سوريا & 'حلب' {1}\n\nحلب-سانا\nالنص."), display: "q.txt")
        guard case .imported(let path) = reports[0].outcome else { Issue.record("not imported: \(reports[0].diagnostics)"); return }
        let text = try desk.read(path)
        let source = SourceFile(relativePath: path, displayPath: path, absolutePath: "", contentHash: 0, bodyOffset: 0, bodyLine: 0)
        let bulletin = try Bulletin.parse(text: text, source: source, reading: BulletinReading(siteLanguage: "ar", timeZone: SiteConfig().timeZone)).get()
        #expect(bulletin.title == "- \"عاجل\": #سوريا & 'حلب' {1}")
    }
}

@Suite struct NinjsImportTests {
    typealias Desk = ImporterTests.Desk

    func imported(_ name: String, in desk: Desk) throws -> (Importer.Report, String) {
        var importer = desk.importer()
        let report = importer.importFile(at: desk.fixture(name), display: name)[0]
        guard case .imported(let path) = report.outcome else {
            Issue.record("\(name) was not imported: \(report.diagnostics)")
            return (report, "")
        }
        return (report, try desk.read(path))
    }

    @Test func version1MapsEveryField() throws {
        let desk = Desk()
        defer { desk.remove() }
        let (report, text) = try imported("ninjs-1.json", in: desk)
        #expect(text.hasPrefix("""
        ---
        title: "افتتاح جسر جديد فوق نهر العاصي في حماة"
        date: 2026-11-27T09:30:00+03:00
        updated: 2026-11-27T10:15:00+03:00
        location: "حماة"
        author: "مراسل المثال"
        tags: ["نقل", "بنى تحتية"]
        urgent: true
        lang: "ar"
        source: "
        """))
        #expect(text.contains("\n## تفاصيل\u{A0}المشروع\n"))
        #expect(text.contains("بلغ طول الجسر **١٢٠ متراً** وعرضه *١٤ متراً*، بحسب [بيان المحافظة](https://example.org/hama).\\\nوسيُفتح للمشاة أولاً."))
        #expect(text.contains("\n- مساران للسيارات\n- ممر للدراجات\n"))
        #expect(text.contains("\n> «هذا الجسر ينتظره الأهالي منذ سنوات»\n"))
        #expect(!text.contains("alert") && !text.contains("<"))
        let warnings = report.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains("left out of the HTML body, which becomes Markdown: <script> and what it holds"))
        #expect(warnings.contains("left out of the HTML body, which becomes Markdown: a javascript: link (its text kept)"))
    }

    @Test func version2MapsEveryField() throws {
        let desk = Desk()
        defer { desk.remove() }
        let (_, text) = try imported("ninjs-2.json", in: desk)
        #expect(text == """
        ---
        title: "Latakia port opens a new grain terminal"
        date: 2026-11-27T08:00:00+03:00
        location: "Latakia"
        agency: "SANA"
        author: "Desk Writer"
        tags: ["Ports", "Trade"]
        lang: "en"
        source: "\(ImportSource(text: try String(contentsOfFile: desk.fixture("ninjs-2.json"), encoding: .utf8), fileName: "ninjs-2.json").text)"
        sourceID: "urn:example:wire:2026:2002 2026-11-27T08:00:00+03:00 \(SourceIdentity.writtenHash(of: text))"
        ---

        Latakia port opened a new grain terminal on Friday.

        The terminal can store 50,000 tonnes.

        """)
    }

    @Test func version3EmbargoIsAFutureDate() throws {
        let desk = Desk()
        defer { desk.remove() }
        let (_, text) = try imported("ninjs-3.json", in: desk)
        #expect(text.hasPrefix("---\ntitle: \"إطلاق خدمة حافلات ليلية في دمشق\"\ndate: 2026-11-28T09:00:00+03:00\nlocation: \"دمشق\"\nagency: \"سانا\"\ntags: [\"نقل\"]\nurgent: true\nlang: \"ar\"\n"))
        #expect(text.hasSuffix("---\n\nتبدأ غداً خدمة حافلات ليلية بين ساحة المرجة وجرمانا.\n\nوتعمل الحافلات من الساعة 10 مساءً حتى 2 صباحاً.\n"))
    }

    @Test func aCanceledStoryIsRefused() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let report = importer.importFile(at: desk.fixture("ninjs-canceled.json"), display: "ninjs-canceled.json")[0]
        #expect(report.outcome == .failed)
        #expect(report.diagnostics.map(\.description) == ["ninjs-canceled.json:4:3: the sender withdrew this story (pubStatus: canceled); it is not imported, and a bulletin already made from it must be taken down by hand"])
        #expect(desk.files().isEmpty)
    }

    @Test func reimportingNinjsIsAlreadyThere() throws {
        let desk = Desk()
        defer { desk.remove() }
        _ = try imported("ninjs-3.json", in: desk)
        var importer = desk.importer()
        #expect(importer.importFile(at: desk.fixture("ninjs-3.json"), display: "ninjs-3.json").map(\.outcome)
                == [.alreadyThere("2026/11/إطلاق-خدمة-حافلات-ليلية-في-دمشق.md")])
    }

    @Test func noHeadlineOrNoBodyIsRefused() {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let noHeadline = importer.importFile(at: desk.write("a.json", "{\"bodies\": [{\"value\": \"نص\"}]}"), display: "a.json")[0]
        let noBody = importer.importFile(at: desk.write("b.json", "{\"headlines\": [{\"value\": \"عنوان\"}]}"), display: "b.json")[0]
        let picture = importer.importFile(at: desk.write("c.json", "{\"type\": \"picture\", \"headline\": \"صورة\"}"), display: "c.json")[0]
        #expect(noHeadline.diagnostics.first?.message.hasPrefix("the ninjs document has no headline") == true)
        #expect(noBody.diagnostics.first?.message.hasPrefix("the ninjs document has no body text") == true)
        #expect(picture.diagnostics.first?.message == "this ninjs item is of type 'picture'; only text stories are imported")
        #expect(desk.files().isEmpty)
    }
}

/// A newer version of a story already imported (same ninjs `uri`, feed `guid`/`id`).
@Suite struct StoryUpdateTests {
    typealias Desk = ImporterTests.Desk
    static let path = "2026/11/latakia-port-opens-a-new-grain-terminal.md"

    /// ninjs-2.json with its version and last sentence changed.
    func version(_ desk: Desk, _ versionCreated: String, tonnes: String, name: String) throws -> String {
        let original = try String(contentsOfFile: desk.fixture("ninjs-2.json"), encoding: .utf8)
        let changed = original
            .replacingOccurrences(of: "\"versionCreated\": \"2026-11-27T08:00:00+03:00\"", with: "\"versionCreated\": \"\(versionCreated)\"")
            .replacingOccurrences(of: "50,000 tonnes", with: "\(tonnes) tonnes")
        #expect(changed != original)
        return desk.write(name, changed)
    }

    @Test func aNewerVersionReplacesTheBulletinInPlace() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        #expect(importer.importFile(at: desk.fixture("ninjs-2.json"), display: "ninjs-2.json").map(\.outcome) == [.imported(Self.path)])
        // A fresh importer, as a later run would be: it finds the story by its sourceID.
        var later = desk.importer()
        let report = later.importFile(at: try version(desk, "2026-11-27T09:45:00+03:00", tonnes: "60,000", name: "v2.json"), display: "v2.json")[0]
        #expect(report.outcome == .updated(Self.path), "\(report.diagnostics)")
        #expect(desk.files() == [Self.path], "no second bulletin, no numbered slug")
        let text = try desk.read(Self.path)
        #expect(text.contains("date: 2026-11-27T08:00:00+03:00\nupdated: 2026-11-27T09:45:00+03:00\n"))
        #expect(text.contains("The terminal can store 60,000 tonnes."))
        #expect(text.contains("sourceID: \"urn:example:wire:2026:2002 2026-11-27T09:45:00+03:00 \(SourceIdentity.writtenHash(of: text))\""))
        // The same version again is already there.
        #expect(later.importFile(at: desk.root.appendingPathComponent("inbox/v2.json").path, display: "v2.json").map(\.outcome) == [.alreadyThere(Self.path)])
    }

    @Test func anOlderOrSameVersionChangesNothing() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        _ = importer.importFile(at: desk.fixture("ninjs-2.json"), display: "ninjs-2.json")
        let before = try desk.read(Self.path)
        let older = importer.importFile(at: try version(desk, "2026-11-27T07:00:00+03:00", tonnes: "40,000", name: "old.json"), display: "old.json")[0]
        #expect(older.outcome == .alreadyThere(Self.path))
        #expect(try desk.read(Self.path) == before)
        #expect(desk.files() == [Self.path])
    }

    @Test func aHandEditedBulletinIsLeftAloneAndReported() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        _ = importer.importFile(at: desk.fixture("ninjs-2.json"), display: "ninjs-2.json")
        let file = desk.bulletins.appendingPathComponent(Self.path)
        let edited = try desk.read(Self.path).replacingOccurrences(of: "on Friday.", with: "on Friday morning.")
        try Data(edited.utf8).write(to: file)
        let report = importer.importFile(at: try version(desk, "2026-11-27T09:45:00+03:00", tonnes: "60,000", name: "v2.json"), display: "v2.json")[0]
        #expect(report.outcome == .failed)
        #expect(report.diagnostics.map(\.description) == ["v2.json:1:1: a newer version of this story arrived, but \(Self.path) was edited since it was imported, so it is left as it is: bring the changes over by hand, or delete it and import again"])
        #expect(try desk.read(Self.path) == edited)
        #expect(desk.files() == [Self.path])
    }

    @Test func aBulletinDeletedSinceImportsAfresh() throws {
        let desk = Desk()
        defer { desk.remove() }
        // One importer throughout, as a --watch has.
        var importer = desk.importer()
        for name in ["ninjs-2.json", "ar-beirut.txt"] {
            guard case .imported(let path) = importer.importFile(at: desk.fixture(name), display: name)[0].outcome else {
                Issue.record("\(name) not imported"); continue
            }
            try FileManager.default.removeItem(at: desk.bulletins.appendingPathComponent(path))
            #expect(importer.importFile(at: desk.fixture(name), display: name).map(\.outcome) == [.imported(path)])
        }
    }

    @Test func aFeedItemWithANewerUpdatedDateReplacesItsBulletin() throws {
        let desk = Desk()
        defer { desk.remove() }
        func feed(updated: String, text: String) -> String {
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
              <title>وكالة</title>
              <entry>
                <id>tag:agency.example,2026:77</id>
                <title>أمطار غزيرة في اللاذقية</title>
                <published>2026-11-27T06:00:00Z</published>
                <updated>\(updated)</updated>
                <content type="text">\(text)</content>
              </entry>
            </feed>
            """
        }
        var importer = desk.importer()
        guard case .imported(let path) = importer.importFile(at: desk.write("f1.xml", feed(updated: "2026-11-27T06:30:00Z", text: "هطلت أمطار غزيرة.")), display: "f1.xml")[0].outcome else {
            Issue.record("not imported"); return
        }
        var later = desk.importer()
        let report = later.importFile(at: desk.write("f2.xml", feed(updated: "2026-11-27T08:00:00Z", text: "هطلت أمطار غزيرة وفاضت السواقي.")), display: "f2.xml")[0]
        #expect(report.outcome == .updated(path), "\(report.diagnostics)")
        #expect(try desk.read(path).contains("هطلت أمطار غزيرة وفاضت السواقي."))
        #expect(desk.files() == [path])
    }
}
