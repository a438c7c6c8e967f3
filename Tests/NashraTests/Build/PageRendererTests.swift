import Foundation
import Testing
@testable import Nashra

@Suite struct PageRendererTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    /// An archive of `count` bulletins, a day apart, each with two of eight tags and one of four places.
    static func archive(_ count: Int) -> [String: String] {
        var files = ["nashra.yaml": "title: أرشيف\nbaseURL: https://news.example/\nlanguage: ar\npaginate: 10\n"]
        let places = ["دمشق", "حلب", "بيروت", "عمان"]
        for day in 0..<count {
            let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(day) * 86_400)
            let stamp = ISO8601DateFormatter().string(from: date)
            files["content/bulletins/b\(day).md"] = """
                ---
                title: نشرة رقم \(day)
                date: \(stamp)
                location: \(places[day % 4])
                tags: [وسم\(day % 8), وسم\((day * 3 + 1) % 8)]
                ---

                نص النشرة \(day).
                """
        }
        return files
    }

    /// The most list entries held at once when pages are rendered one after another in `order`,
    /// each entry made at the first page asking for it and dropped after the last.
    static func entriesHeld(_ order: [Int], of site: Site) -> Int {
        var last: [Int: Int] = [:]
        for (position, index) in order.enumerated() {
            for bulletin in asks(site.pages[index], of: site) { last[bulletin] = position }
        }
        var held = Set<Int>(), most = 0
        for (position, index) in order.enumerated() {
            for bulletin in asks(site.pages[index], of: site) {
                held.insert(bulletin)
                if last[bulletin] == position { held.remove(bulletin) }
            }
            most = max(most, held.count)
        }
        return most
    }

    static func asks(_ page: Page, of site: Site) -> [Int] {
        if case .bulletin(let bulletin) = page.kind { return [bulletin] }
        return site.listedBulletins(on: page)
    }

    @Test func pagesAreRenderedSoThatFewListEntriesAreHeldAtOnce() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        Fixtures.write(Self.archive(300), in: folder)
        let site = try #require(Builder.plan(BuildOptions(siteFolder: folder, rules: Self.rules)).site)
        #expect(site.bulletins.count == 300)
        let planned = Array(site.pages.indices)
        let order = PageRenderer.renderOrder(planned, of: site)
        #expect(order.sorted() == planned)
        // In the planned order most of the archive's entries wait for their last list.
        let before = Self.entriesHeld(planned, of: site), after = Self.entriesHeld(order, of: site)
        #expect(before > 250)
        #expect(after < 100, "held \(after) of 300 (planned order: \(before))")
        // A bulletin's page comes right before its ninjs document, as planned.
        for (position, index) in order.enumerated() {
            if case .ninjs(let bulletin) = site.pages[index].kind, position > 0 {
                #expect(site.pages[order[position - 1]].kind == .bulletin(bulletin))
            }
        }
    }
}
