import Foundation
import Testing
@testable import Nashra

/// Control characters are dropped where front matter and settings are read, so no writer sees one.
@Suite struct ControlCharactersTests {
    @Test(arguments: [
        ("أمطار غزيرة على حلب", "أمطار غزيرة على حلب"),
        ("a\u{00}b\u{01}c\u{1B}", "abc"),
        ("جرس\u{07} حذف\u{7F} سطر\u{85} C1\u{9F}", "جرس حذف سطر C1"),
        ("tab\tline\ncr\r", "tab\tline\ncr\r"),
        // Neighbours that stay: no-break space (C2 A0), ¢ (C2 A2), tatweel, LRM, emoji.
        ("\u{A0}\u{A2}ـ\u{200E}🌧️", "\u{A0}\u{A2}ـ\u{200E}🌧️"),
        ("\u{00}\u{9F}", ""),
        ("", ""),
    ])
    func removingControlCharacters(_ text: String, _ expected: String) {
        #expect(text.removingControlCharacters() == expected)
    }

    @Test func everyTextOfABulletinIsReadWithoutThem() throws {
        let text = #"""
            ---
            title: "a\0b\x01c\e"
            date: 2026-11-20
            location: "حلب\x02"
            agency: "سانا\x1f"
            author: "ليلى\N"
            tags: ["طقس\x03", مياه]
            corrections: ["تصحيح\x04", {text: "ثان\x05"}]
            note: "param\x06"
            ---
            """# + "\nفقرة\u{01} أولى.\n"
        let source = SourceFile(relativePath: "x.md", displayPath: "x.md", absolutePath: "/x.md", contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "UTC")!)
        let bulletin = try Bulletin.parse(text: text, source: source, reading: reading).get()
        #expect(bulletin.title == "abc")
        #expect(bulletin.location == "حلب")
        #expect(bulletin.agency == "سانا")
        #expect(bulletin.author == "ليلى")
        #expect(bulletin.tags == ["طقس", "مياه"])
        #expect(bulletin.corrections.map(\.text) == ["تصحيح", "ثان"])
        #expect(bulletin.params["note"] == .text("param"))
        // Not from YAML, but the summary taken from the body is written in the same places.
        #expect(bulletin.summary == "فقرة أولى.")
    }

    @Test func settingsAreReadWithoutThem() throws {
        let config = try SiteConfig.parse(#"""
            title: "نشرة\x01"
            description: "وصف\0"
            publisher:
              name: "وكالة\e"
            footer:
              - name: "عن\x85"
                url: /about/
            """#, path: "nashra.yaml").get()
        #expect(config.title == "نشرة")
        #expect(config.description == "وصف")
        #expect(config.publisherName == "وكالة")
        #expect(config.footer.map(\.name) == ["عن"])
    }
}
