import Foundation
import Testing
@testable import Nashra
import NashraCore

/// `languages:` in nashra.yaml: the editions, the default first, and what is wrong with them.
@Suite struct EditionConfigTests {
    @Test func editionsTakeTheirDefaultsFromTheirCodes() throws {
        let config = try SiteConfig.parse("""
        title: نشرة
        languages:
          - ar
          - code: en
            title: Nashra
            dates: {digits: latin}
          - code: fa
        """, path: "nashra.yaml").get()
        #expect(config.editions.map(\.code) == ["ar", "en", "fa"])
        #expect(config.editions.map(\.prefix) == ["/", "/en/", "/fa/"])
        #expect(config.editions.map(\.direction) == [.rtl, .ltr, .rtl])
        #expect(config.editions.map(\.isDefault) == [true, false, false])
        let english = config.forEdition(config.editions[1])
        #expect(english.title == "Nashra")
        #expect(english.language == "en")
        #expect(english.direction == .ltr)
        #expect(english.pathPrefix == "/en")
        #expect(english.dateStyle.digits == .latin)
        // The default edition keeps the site's title and lives at the root.
        #expect(config.forEdition(config.editions[0]).title == "نشرة")
        #expect(config.forEdition(config.editions[0]).pathPrefix == "")
    }

    @Test func defaultTrueMakesAnEditionTheDefault() throws {
        let config = try SiteConfig.parse("""
        languages:
          - code: en
          - code: ar
            default: true
        """, path: "nashra.yaml").get()
        #expect(config.editions.map(\.code) == ["ar", "en"])
        #expect(config.language == "ar")
        #expect(config.editions.map(\.prefix) == ["/", "/en/"])
    }

    @Test func withoutLanguagesTheSiteHasNoEditions() throws {
        let config = try SiteConfig.parse("title: نشرة\n", path: "nashra.yaml").get()
        #expect(config.editions.isEmpty)
        #expect(config.edition == nil)
        #expect(config.pathPrefix == "")
    }

    typealias Case = PositionedErrorCase

    static let cases: [Case] = [
        Case(name: "unknown code", text: "languages:\n  - ar\n  - code: xx\n", line: 3, column: 11,
             message: "'xx' is not a language code"),
        Case(name: "unknown bare code", text: "languages:\n  - ar\n  - english\n", line: 3, column: 5,
             message: "'english' is not a language code"),
        Case(name: "listed twice", text: "languages:\n  - ar\n  - ar\n", line: 3, column: 5,
             message: "the edition 'ar' is listed twice"),
        Case(name: "unknown key", text: "languages:\n  - ar\n  - code: en\n    colour: blue\n", line: 4, column: 5,
             message: "unknown key 'colour' in an edition"),
        Case(name: "bad direction", text: "languages:\n  - ar\n  - code: en\n    direction: up\n", line: 4, column: 16,
             message: "'direction' must be rtl or ltr"),
        Case(name: "bad prefix", text: "languages:\n  - ar\n  - code: en\n    prefix: en\n", line: 4, column: 13,
             message: "'prefix' must be a path"),
        Case(name: "not a list", text: "languages: ar\n", line: 1, column: 12,
             message: "'languages' must be a list"),
    ]

    @Test(arguments: cases)
    func reportsOneProblemAtItsPlace(_ example: Case) throws {
        var found: [Diagnostic] = []
        if case .failure(let failure) = SiteConfig.parse(example.text, path: "site/nashra.yaml") { found = failure.diagnostics }
        #expect(found.count == 1, "\(found)")
        let problem = try #require(found.first)
        #expect(problem.message.hasPrefix(example.message), "\(problem.message)")
        #expect(problem.description.hasPrefix("site/nashra.yaml:\(example.line):\(example.column): "), "\(problem)")
    }
}
