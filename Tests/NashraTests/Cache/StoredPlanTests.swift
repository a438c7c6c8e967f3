import Foundation
import Testing
@testable import Nashra
import NashraCore

/// A rebuild without a memory (`nashra build`) after edits of bodies only takes the plan's
/// decisions from the build cache (`StoredPlan`) instead of planning again, and its output is a
/// clean build's; any other change, a date reached since, or a damaged stored plan plans again.
@Suite struct StoredPlanTests {
    let fileManager = FileManager.default
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))
    static let bulletins = "content/bulletins/"

    @Test func aBodyEditTakesThePlanFromTheCache() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        let first = try newsroom.build()
        #expect(!first.planFromCache)
        // Again and again: each body edit's cache is a delta that keeps the stored plan.
        for round in 1...3 {
            try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر \(round).\n" }
            let report = try newsroom.build()
            #expect(report.planFromCache && !report.planPatched && report.fingerprintsPatched, "round \(round)")
            // The search index too: only the edited document is fingerprinted again.
            #expect(report.searchFromKeptPlan && !report.searchFromMemory, "round \(round)")
            #expect(report.pagesRendered == 2 + 3 + 1, "round \(round)")
            try newsroom.expectSameAsCleanBuild("round \(round)")
        }
        let unchanged = try newsroom.build()
        #expect(unchanged.planFromCache && unchanged.pagesRendered == 0)
        // `--clean` plans everything again.
        #expect(!(try newsroom.build(clean: true)).planFromCache)
    }

    /// A body edit beside each other kind of change: the stored plan is not taken, and the plan
    /// saved instead is this one, which the next body edit takes.
    @Test(arguments: ["title", "tag", "date", "delete", "add", "rename", "config", "template", "page"])
    func anyOtherChangePlansAgain(change: String) throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر.\n" }
        switch change {
        case "title":
            try newsroom.edit(Self.bulletins + "aleppo-music.md") { $0.replacingOccurrences(of: "ليالي القلعة الموسيقية", with: "ليالي القلعة تعود") }
        case "tag":
            try newsroom.edit(Self.bulletins + "aleppo-music.md") { $0.replacingOccurrences(of: "tags: طقس، ثقافة", with: "tags: طقس، ثقافة، جديد") }
        case "date":
            try newsroom.edit(Self.bulletins + "beirut-storage.md") { $0.replacingOccurrences(of: "2026-11-10 12:00", with: "2026-11-21 12:00") }
        case "delete":
            try fileManager.removeItem(at: newsroom.site.appendingPathComponent(Self.bulletins + "aleppo-rain.md"))
        case "add":
            Fixtures.write([Self.bulletins + "new-one.md": "---\ntitle: خبر جديد\ndate: 2026-11-19\ntags: [زراعة]\n---\nنص.\n"], in: newsroom.site)
        case "rename":
            try fileManager.moveItem(at: newsroom.site.appendingPathComponent(Self.bulletins + "aleppo-music.md"),
                                     to: newsroom.site.appendingPathComponent(Self.bulletins + "موسيقى-القلعة.md"))
        case "config":
            try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "paginate: 2", with: "paginate: 3") }
        case "template":
            Fixtures.write(["templates/partials/pagination.mustache": "<p class=\"pages\">{{#page.pagination}}{{currentDisplay}}{{/page.pagination}}</p>\n"],
                           in: newsroom.site)
        case "page":
            Fixtures.write(["content/pages/about.md": "---\ntitle: من نحن\n---\nفريق النشرة.\n"], in: newsroom.site)
        default:
            Issue.record("unknown change \(change)")
        }
        let report = try newsroom.build()
        #expect(!report.planFromCache && !report.searchFromKeptPlan, "\(change)")
        try newsroom.expectSameAsCleanBuild(change)
        try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر آخر.\n" }
        let next = try newsroom.build()
        #expect(next.planFromCache && next.searchFromKeptPlan, "\(change): the plan saved after it")
        try newsroom.expectSameAsCleanBuild(change + ", then a body edit")
    }

    /// `content/_data/` (tag aliases, places) names terms: a change to it plans again.
    @Test func aDataChangePlansAgain() throws {
        let newsroom = try Newsroom(copying: "gazetteer", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit(Self.bulletins + "hama-mill.md") { $0 + "\nسطر.\n" }
        #expect(try newsroom.build().planFromCache)
        try newsroom.edit("content/_data/tags.yaml") { $0.replacingOccurrences(of: "ar: طاقة", with: "ar: طاقة متجددة") }
        try newsroom.edit(Self.bulletins + "hama-mill.md") { $0 + "\nسطر آخر.\n" }
        #expect(!(try newsroom.build().planFromCache))
        try newsroom.expectSameAsCleanBuild("tags.yaml")
    }

    /// A bulletin whose date comes between two builds is published by the second: its plan is
    /// not the stored one.
    @Test func aDateReachedSincePlansAgain() throws {
        // future-plan.md is dated 2099-01-01 (at midnight in Damascus, 4,070,898,000 s).
        var newsroom = try Newsroom(copying: "ar-basic", rules: PublishingRules(now: Date(timeIntervalSince1970: 4_070_800_000)))
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر.\n" }
        newsroom.rules = PublishingRules(now: Date(timeIntervalSince1970: 4_070_850_000))
        #expect(try newsroom.build().planFromCache, "no date reached yet")
        try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر آخر.\n" }
        newsroom.rules = PublishingRules(now: Date(timeIntervalSince1970: 4_071_000_000))
        let report = try newsroom.build()
        #expect(!report.planFromCache)
        #expect(fileManager.fileExists(atPath: newsroom.output.appendingPathComponent("2099/01/future-plan/index.html").path))
        try newsroom.expectSameAsCleanBuild("date reached")
    }

    @Test func editionsTakeTheirPlansFromTheCache() throws {
        let newsroom = try Newsroom(copying: "editions", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let english = try #require(try fileManager.subpathsOfDirectory(atPath: newsroom.site.appendingPathComponent("content/en").path)
            .sorted().first { $0.hasSuffix(".md") && !$0.hasSuffix("_index.md") })
        try newsroom.edit("content/en/" + english) { $0 + "\nOne more line.\n" }
        #expect(try newsroom.build().planFromCache)
        try newsroom.expectSameAsCleanBuild("editions")
    }

    /// A stored plan whose bytes were damaged is not taken (the rest of the cache still is).
    @Test func aDamagedStoredPlanPlansAgain() throws {
        let newsroom = try Newsroom(copying: "ar-basic", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let cacheFolder = newsroom.site.appendingPathComponent(".nashra/cache")
        let name = try #require(try fileManager.contentsOfDirectory(atPath: cacheFolder.path).first { $0.hasSuffix(".cache") })
        // A whole index ends with the stored plan's bytes (the last: the categories' term count).
        var bytes = try Data(contentsOf: cacheFolder.appendingPathComponent(name))
        bytes[bytes.count - 1] ^= 0x5A
        try bytes.write(to: cacheFolder.appendingPathComponent(name))
        try newsroom.edit(Self.bulletins + "damascus-wheat.md") { $0 + "\nسطر.\n" }
        let report = try newsroom.build()
        #expect(!report.planFromCache && report.bulletinsReused > 0)
        try newsroom.expectSameAsCleanBuild("damaged plan")
    }

    // MARK: The planner and the stored bytes

    func planned(_ fixture: String) throws -> PlannedSite {
        Builder.plan(BuildOptions(siteFolder: Fixtures.site(fixture), rules: Self.rules))
    }

    @Test(arguments: ["ar-basic", "gazetteer", "pages-sections", "hugo-blog"])
    func keptDecisionsMakeThePlanPlanningMakes(fixture: String) throws {
        let planned = try planned(fixture)
        let site = try #require(planned.site)
        let content = planned.content
        let record = StoredPlan(sites: [site], inputs: 7)
        let decisions = try #require(record.decisions()?.first)
        let kept = try SitePlanner.plan(content.bulletins, pages: content.pages, sectionIndexes: content.sectionIndexes, config: site.config,
                                        rules: Self.rules, data: planned.data, knownRelated: nil, known: decisions).get()
        #expect(kept.decisionsKept && !site.decisionsKept)
        #expect(kept.pages.map(\.permalink.path) == site.pages.map(\.permalink.path))
        #expect(kept.pages.map(\.kind) == site.pages.map(\.kind))
        #expect(kept.bulletins.map(\.source.relativePath) == site.bulletins.map(\.source.relativePath))
        #expect(kept.tagTerms == site.tagTerms && kept.locationTerm == site.locationTerm && kept.related == site.related)
        #expect(kept.categoryTerms == site.categoryTerms && kept.taxonomyKinds == site.taxonomyKinds)
        #expect(kept.permalinks.map { $0.href(root: "/") } == site.permalinks.map { $0.href(root: "/") })
        #expect(kept.permalinks.map(\.outputPath) == site.permalinks.map(\.outputPath))
        #expect(kept.archive.years.map { $0.months.map { [$0.month] + $0.bulletins } } == site.archive.years.map { $0.months.map { [$0.month] + $0.bulletins } })
        #expect(kept.archive.years.map(\.year) == site.archive.years.map(\.year))
        #expect(kept.tags.terms.count == site.tags.terms.count && kept.locations.terms.count == site.locations.terms.count)
        for (a, b) in zip(kept.tags.terms + kept.locations.terms + kept.categories.terms, site.tags.terms + site.locations.terms + site.categories.terms) {
            #expect(a.identity == b.identity && a.ancestors == b.ancestors)
            #expect(a.name == b.name && a.slug == b.slug && a.permalink == b.permalink && a.bulletins == b.bulletins
                    && a.spellings == b.spellings && a.language == b.language)
        }
        // The same decisions are the same bytes.
        #expect(StoredPlan(sites: [kept], inputs: 7).bytes == record.bytes)
    }

    @Test func decisionsThatDoNotFitArePlannedAgain() throws {
        let planned = try planned("ar-basic")
        let site = try #require(planned.site)
        let content = planned.content
        func plan(_ change: (inout PlanDecisions) -> Void) throws -> Site {
            var decisions = PlanDecisions(site)
            change(&decisions)
            return try SitePlanner.plan(content.bulletins, pages: content.pages, sectionIndexes: content.sectionIndexes, config: site.config,
                                        rules: Self.rules, data: planned.data, knownRelated: nil, known: decisions).get()
        }
        #expect(try plan { _ in }.decisionsKept)
        let changes: [(String, (inout PlanDecisions) -> Void)] = [
            ("other bulletins", { $0.inputs &+= 1 }),
            ("a bulletin out of range", { $0.order[0] = content.bulletins.count }),
            ("a draft published", { $0.order.append(content.bulletins.firstIndex { $0.isDraft }!) }),
            ("one missing", { $0.order.removeLast() }),
            ("one twice", { $0.order[1] = $0.order[0] }),
            ("a term out of range", { $0.tagTerms[0] = [$0.tags.count] }),
            ("a term's bulletin out of range", { $0.tags[0].bulletins.append(site.bulletins.count) }),
            ("lists too short", { $0.locationTerm.removeLast() }),
            ("a path that is not one", { $0.paths[0] = "2026/x/" }),
            ("no months", { $0.months = [] }),
        ]
        for (what, change) in changes {
            let again = try plan(change)
            #expect(!again.decisionsKept, "\(what)")
            #expect(again.pages.map(\.permalink.path) == site.pages.map(\.permalink.path), "\(what)")
        }
    }

    @Test func damagedBytesGiveNoDecisions() throws {
        let site = try #require(try planned("ar-basic").site)
        let record = StoredPlan(sites: [site], inputs: 7)
        #expect(record.decisions()?.count == 1)
        for position in [0, 8, record.bytes.count / 2, record.bytes.count - 1] {
            var damaged = record
            damaged.bytes[position] ^= 0x21
            #expect(damaged.decisions() == nil, "byte \(position)")
        }
        var cut = record
        cut.bytes.removeLast(5)
        #expect(cut.decisions() == nil)
    }
}
