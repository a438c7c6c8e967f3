import Foundation
import Testing
@testable import Nashra

@Suite struct PageContextsTests {
    /// The byte-level version must treat every ending as the Character-level one did.
    @Test(arguments: ["", "\n", "<p>خبر</p>\n", "<p>خبر</p>", "<p>خبر</p>\r\n", "\r\n", "a\n\n", "عاجل\u{0651}\n", "\n\u{0301}", "x\r"])
    func droppingFinalLineFeedMatchesCharacters(_ html: String) {
        let characters = html.hasSuffix("\n") ? String(html.dropLast()) : html
        #expect(PageContexts.droppingFinalLineFeed(html) == characters)
    }
}

/// Lists keep only the entry keys their templates name; a bulletin's own page still gets its
/// whole entry, and a list naming other keys still shows them.
@Suite struct ListedEntryTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    @Test func aListNamingEntryKeysShowsThemAndBulletinPagesStayWhole() throws {
        let plain = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { plain.remove() }
        _ = try plain.build()
        let listing = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { listing.remove() }
        Fixtures.write(["templates/home.mustache": """
            <!DOCTYPE html><html lang="{{page.lang}}" dir="{{page.dir}}"><title>{{site.title}}</title>
            {{#bulletins}}<h2>{{title}}</h2><p>{{agency}}</p>{{/bulletins}}
            """], in: listing.site)
        _ = try listing.build()
        let home = try String(contentsOf: listing.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<h2>أمطار غزيرة في حلب</h2><p>وكالة الاختبار</p>"))
        // Every other file, bulletin pages included, is what the default home's build wrote.
        let before = try Newsroom.snapshot(plain.output), after = try Newsroom.snapshot(listing.output)
        let pages = before.keys.filter { $0.hasSuffix(".html") && $0 != "index.html" && !$0.hasPrefix("page/") }
        #expect(pages.count > 5)
        for path in pages { #expect(after[path] == before[path], "\(path)") }
    }

    /// With the default theme, lists name only `item`: that is all a build keeps of each bulletin
    /// until its lists are written, while its page still gets every key.
    @Test func theDefaultThemesListsKeepOnlyTheItem() throws {
        let planned = Builder.plan(BuildOptions(siteFolder: Fixtures.site("ar-basic"), rules: Self.rules))
        let site = try #require(planned.site), theme = try #require(planned.theme)
        #expect(theme.listEntryKeys == ["item"])
        // Each bulletin counted twice: one list, and its own page below.
        let contexts = PageContexts(site: site, theme: theme, uses: site.bulletins.map { _ in 2 })
        let kept = site.bulletins.indices.map { contexts.entries.take($0) }
        #expect(kept.count == site.bulletins.count)
        #expect(kept.allSatisfy { Set($0.keys) == ["item"] })
        let page = try #require(site.pages.first { if case .bulletin = $0.kind { true } else { false } })
        guard case .bulletin(let index) = page.kind, case .object(let root) = contexts.context(for: page, content: "<p>نص</p>"),
              case .object(let bulletin)? = root["bulletin"] else {
            Issue.record("no bulletin in the page's context")
            return
        }
        // (A summary the bulletin did not write is left to the page's description.)
        #expect(Set(ListEntry.values(for: index, in: site).keys).subtracting(["summary"]).isSubset(of: Set(bulletin.keys)))
        #expect(bulletin["title"] != nil && bulletin["item"] != nil && bulletin["url"] != nil)
    }
}
