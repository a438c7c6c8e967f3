import Foundation
import Testing
@testable import Nashra

@Suite struct AgencyFeedTests {
    typealias Desk = ImporterTests.Desk

    static func iso(_ text: String) -> Date { BulletinDate.parse(text, in: TimeZone(identifier: "UTC")!)!.foundationDate }

    @Test func rssItems() throws {
        let text = try String(contentsOfFile: Fixtures.root.appendingPathComponent("wire-copy/feed-rss.xml").path, encoding: .utf8)
        let items = try AgencyFeed.parse(text, path: "feed-rss.xml").get()
        #expect(items.count == 3)
        #expect(items[0].id == "urn:example:rss:1" && items[0].title == "افتتاح مكتبة عامة في طرطوس")
        #expect(items[0].date == Self.iso("2026-11-27T06:30:00Z"))
        #expect(items[0].tags == ["ثقافة", "مكتبات"] && items[0].language == "ar" && items[0].author == "مراسل طرطوس")
        #expect(items[1].date == Self.iso("2026-11-27T07:00:00Z") && items[1].language == "en")
        #expect(items[0].line == 8)
    }

    @Test func atomEntries() throws {
        let text = try String(contentsOfFile: Fixtures.root.appendingPathComponent("wire-copy/feed-atom.xml").path, encoding: .utf8)
        let items = try AgencyFeed.parse(text, path: "feed-atom.xml").get()
        #expect(items.map(\.title) == ["قطار سياحي بين دمشق والزبداني", "Tourist train returns"])
        #expect(items[0].date == Self.iso("2026-11-27T06:00:00Z") && items[0].updated == Self.iso("2026-11-27T07:00:00Z"))
        #expect(items[0].tags == ["سياحة"] && items.map(\.language) == ["ar", "en"])
    }

    @Test func importsEachItemOnceByGuid() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let reports = importer.importFile(at: desk.fixture("feed-rss.xml"), display: "feed-rss.xml")
        #expect(reports.map(\.outcome) == [.imported("2026/11/افتتاح-مكتبة-عامة-في-طرطوس.md"),
                                           .imported("2026/11/tartus-library-opens-its-doors.md"),
                                           .alreadyThere("2026/11/افتتاح-مكتبة-عامة-في-طرطوس.md")])
        let text = try desk.read("2026/11/افتتاح-مكتبة-عامة-في-طرطوس.md")
        #expect(text.contains("date: 2026-11-27T09:30:00+03:00\nauthor: \"مراسل طرطوس\"\ntags: [\"ثقافة\", \"مكتبات\"]\nlang: \"ar\"\n"))
        #expect(text.hasSuffix("\n\nافتتحت في طرطوس اليوم مكتبة عامة تضم **٥٠٠٠ كتاب**.\n"))
        // The next fetch of the same feed brings nothing new.
        var later = desk.importer()
        #expect(later.importFile(at: desk.fixture("feed-rss.xml"), display: "feed-rss.xml").allSatisfy {
            if case .alreadyThere = $0.outcome { true } else { false }
        })
    }

    @Test func importsAtomWithHTMLAndXHTMLContent() throws {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let reports = importer.importFile(at: desk.fixture("feed-atom.xml"), display: "feed-atom.xml")
        #expect(reports.map(\.outcome) == [.imported("2026/11/قطار-سياحي-بين-دمشق-والزبداني.md"), .imported("2026/11/tourist-train-returns.md")])
        #expect(reports.allSatisfy { $0.diagnostics.isEmpty })
        #expect(try desk.read("2026/11/tourist-train-returns.md").hasSuffix("---\n\nThe tourist train *returns* on Friday.\n"))
        #expect(try desk.read("2026/11/قطار-سياحي-بين-دمشق-والزبداني.md").contains("updated: 2026-11-27T10:00:00+03:00\n"))
    }

    @Test func badFeedsAreReportedWithPositions() {
        let desk = Desk()
        defer { desk.remove() }
        var importer = desk.importer()
        let broken = importer.importFile(at: desk.write("broken.xml", "<rss><channel>\n<item><title>ع</title></channel></rss>"), display: "broken.xml")
        let empty = importer.importFile(at: desk.write("empty.xml", "<rss><channel><title>ع</title></channel></rss>"), display: "empty.xml")
        let untitled = importer.importFile(at: desk.write("untitled.xml", "<rss><channel>\n  <item><description>نص</description></item>\n</channel></rss>"), display: "untitled.xml")
        #expect(broken[0].diagnostics.first?.description.hasPrefix("broken.xml:2:") == true)
        #expect(broken[0].diagnostics.first?.message.hasPrefix("the file is not well-formed XML") == true)
        #expect(empty[0].diagnostics.map(\.description) == ["empty.xml:1:1: the feed has no items: nothing to import"])
        #expect(untitled[0].diagnostics.first?.description.hasPrefix("untitled.xml:2:") == true)
        #expect(desk.files().isEmpty)
    }
}
