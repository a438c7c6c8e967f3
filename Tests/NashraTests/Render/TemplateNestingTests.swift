import Foundation
import Testing
@testable import Nashra

@Suite("Template nesting: refused before a recursive parser sees it")
struct TemplateNestingTests {
    static func sections(_ depth: Int, open: String = "{{#site}}", close: String = "{{/site}}") -> String {
        String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
    }

    @Test(arguments: [
        ("<p>\n" + sections(64), nil as String?),
        ("<p>\n" + sections(65), "{{#site}}"),
        ("<p>\n  " + sections(20_000, open: "{{^site}}", close: "{{/site}}"), "{{^site}}"),
        // Sections closed as they go never add up.
        (String(repeating: "{{#site}}x{{/site}}\n", count: 500), nil),
        // A set-delimiter tag does not hide the sections after it.
        ("{{=<% %>=}}\n" + sections(100, open: "<%#site%>", close: "<%/site%>"), "<%#site%>"),
    ])
    func deepSectionsAreFoundAtTheFirstTooDeepTag(template: String, opening: String?) {
        let found = TemplateNesting.firstTooDeepTag(in: template)
        guard let opening else {
            #expect(found == nil)
            return
        }
        let expected = position(of: opening, occurrence: TemplateNesting.maximumDepth + 1, in: template)
        #expect(found?.line == expected.line && found?.column == expected.column)
    }

    @Test func aThemeWithDeepSectionsIsAnErrorNotACrash() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let template = "<h1>{{site.title}}</h1>\n" + Self.sections(20_000)
        Fixtures.write(["templates/404.mustache": template], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "") else {
            Issue.record("deeply nested sections must fail")
            return
        }
        let at = position(of: "{{#site}}", occurrence: 65, in: template)
        #expect(failure.diagnostics.map(\.description) == [
            "templates/404.mustache:\(at.line):\(at.column): template sections nested more than 64 deep; close the sections above before opening more",
        ])
    }
}
