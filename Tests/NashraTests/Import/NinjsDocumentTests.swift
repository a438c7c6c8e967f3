import Foundation
import Testing
@testable import Nashra

@Suite struct NinjsDocumentTests {
    static func fixture(_ name: String) -> String { Fixtures.root.appendingPathComponent("wire-copy/\(name)").path }

    static func parse(_ name: String) throws -> NinjsDocument {
        try NinjsDocument.parse(try String(contentsOfFile: fixture(name), encoding: .utf8), path: name).get()
    }

    static func iso(_ text: String) -> Date { BulletinDate.parse(text, in: TimeZone(identifier: "UTC")!)!.foundationDate }

    @Test func version1() throws {
        let document = try Self.parse("ninjs-1.json")
        #expect(document.headline == "افتتاح جسر جديد فوق نهر العاصي في حماة")
        #expect(document.located == "حماة")
        #expect(document.subjects == ["نقل", "بنى تحتية"])
        #expect(document.firstCreated == Self.iso("2026-11-27T06:30:00Z"))
        #expect(document.versionCreated == Self.iso("2026-11-27T07:15:00Z"))
        #expect(document.urgency == 2 && document.language == "ar" && document.byline == "مراسل المثال")
        guard case .html(let html) = document.body else { Issue.record("no HTML body"); return }
        #expect(html.hasPrefix("<p>افتتحت محافظة حماة"))
    }

    @Test func version2() throws {
        let document = try Self.parse("ninjs-2.json")
        #expect(document.headline == "Latakia port opens a new grain terminal")
        #expect(document.body == .text("Latakia port opened a new grain terminal on Friday.\n\nThe terminal can store 50,000 tonnes."))
        #expect(document.agency == "SANA" && document.byline == "Desk Writer" && document.located == "Latakia")
        #expect(document.subjects == ["Ports", "Trade"])
        #expect(document.firstCreated == Self.iso("2026-11-27T05:00:00Z"))
    }

    @Test func version3() throws {
        let document = try Self.parse("ninjs-3.json")
        // The main headline, not the first; the HTML body, not the plain one.
        #expect(document.headline == "إطلاق خدمة حافلات ليلية في دمشق")
        guard case .html = document.body else { Issue.record("the HTML body was not preferred"); return }
        #expect(document.embargoedUntil == Self.iso("2026-11-28T06:00:00Z"))
        #expect(document.urgency == 1 && document.agency == "سانا" && document.pubStatus == "usable")
    }

    @Test func aSyntaxErrorHasALineAndColumn() throws {
        let text = try String(contentsOfFile: Self.fixture("ninjs-broken.json"), encoding: .utf8)
        guard case .failure(let problem) = NinjsDocument.parse(text, path: "ninjs-broken.json") else {
            Issue.record("broken JSON was accepted")
            return
        }
        #expect(problem.description.hasPrefix("ninjs-broken.json:3:22: the file is not valid JSON"))
    }

    @Test func aBadDateIsReportedAtItsKey() {
        guard case .failure(let problem) = NinjsDocument.parse("{\n  \"headline\": \"ع\",\n  \"firstcreated\": \"yesterday\"\n}", path: "d.json") else {
            Issue.record("a bad date was accepted")
            return
        }
        #expect(problem.description.hasPrefix("d.json:3:3: 'firstcreated' is not a date"))
    }
}
