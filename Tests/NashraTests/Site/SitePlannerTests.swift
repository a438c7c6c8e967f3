import Foundation
import Testing
@testable import Nashra
import NashraCore

@Suite struct SitePlannerTests {
    // PlanFixture.now is 2026-11-20 12:00 Damascus time.
    static let mixed = [
        PlanFixture.bulletin("bulletins/published.md", date: "2026-11-20 09:30"),
        PlanFixture.bulletin("bulletins/draft.md", date: "2026-11-19", draft: true),
        PlanFixture.bulletin("bulletins/future.md", date: "2026-11-20 12:01"),
        PlanFixture.bulletin("bulletins/future-draft.md", date: "2026-12-01", draft: true),
    ]

    @Test(arguments: [
        (false, false, ["bulletins/published.md"]),
        (true, false, ["bulletins/published.md", "bulletins/draft.md"]),
        (false, true, ["bulletins/future.md", "bulletins/published.md"]),
        (true, true, ["bulletins/future-draft.md", "bulletins/future.md", "bulletins/published.md", "bulletins/draft.md"]),
    ])
    func publishingRulesChooseTheBulletins(_ drafts: Bool, _ future: Bool, _ expected: [String]) throws {
        let rules = PublishingRules(includeDrafts: drafts, includeFuture: future, now: PlanFixture.now)
        let site = try PlanFixture.plan(Self.mixed, rules: rules).get()
        #expect(site.bulletinPaths == expected)
        #expect(site.pages(.home).first?.items == 0..<expected.count)
    }

    @Test func bulletinFiledExactlyNowIsPublished() throws {
        let site = try PlanFixture.plan([PlanFixture.bulletin("bulletins/now.md", date: "2026-11-20 12:00")]).get()
        #expect(site.bulletinPaths == ["bulletins/now.md"])
    }

    @Test func newestFirstWithTiesBrokenByPath() throws {
        // 05:00Z is 08:00 in Damascus: a, b and c are filed at the same instant.
        let site = try PlanFixture.plan([
            PlanFixture.bulletin("bulletins/c.md", date: "2026-11-19 08:00"),
            PlanFixture.bulletin("bulletins/old.md", date: "2026-11-01"),
            PlanFixture.bulletin("bulletins/a.md", date: "2026-11-19 08:00"),
            PlanFixture.bulletin("bulletins/new.md", date: "2026-11-20 09:00"),
            PlanFixture.bulletin("bulletins/b.md", date: "2026-11-19T05:00:00Z"),
        ]).get()
        #expect(site.bulletinPaths == ["bulletins/new.md", "bulletins/a.md", "bulletins/b.md", "bulletins/c.md", "bulletins/old.md"])
    }

    @Test func sameInstantWithAndWithoutATimeIsATieBrokenByPath() throws {
        // "2026-11-19" is midnight: the same instant as "2026-11-19 00:00", though only one of them
        // gave a time. Order must still not depend on the order the files were read in.
        let dateOnly = PlanFixture.bulletin("bulletins/z.md", date: "2026-11-19")
        let withTime = PlanFixture.bulletin("bulletins/a.md", date: "2026-11-19 00:00")
        #expect(dateOnly.date.secondsSinceEpoch == withTime.date.secondsSinceEpoch)
        for input in [[dateOnly, withTime], [withTime, dateOnly]] {
            let site = try PlanFixture.plan(input).get()
            #expect(site.bulletinPaths == ["bulletins/a.md", "bulletins/z.md"])
        }
    }

    @Test func permalinksUseTheSiteTimeZone() throws {
        // 23:30 UTC on 31 October is already 1 November in Damascus (UTC+3).
        let site = try PlanFixture.plan([
            PlanFixture.bulletin("bulletins/أمطار-حلب.md", date: "2026-11-01T23:30:00Z"),
            PlanFixture.bulletin("bulletins/late.md", date: "2026-10-31T23:30:00Z"),
        ]).get()
        #expect(site.permalinks == [Permalink("/2026/11/أمطار-حلب/"), Permalink("/2026/11/late/")])
        #expect(site.pages(.bulletin(0)).map(\.permalink) == [Permalink("/2026/11/أمطار-حلب/")])
    }

    @Test func permalinksFollowTheConfiguredPattern() throws {
        let config = PlanFixture.config(permalink: "/:section/:year/:month/:day/:slug/")
        let site = try PlanFixture.plan([
            PlanFixture.bulletin("bulletins/x.md", date: "2026-11-05 09:00", slug: "عاجل: انفجار"),
            PlanFixture.bulletin("top.md", date: "2026-11-04 09:00"),
        ], config: config).get()
        #expect(site.permalinks == [Permalink("/bulletins/2026/11/05/عاجل-انفجار/"), Permalink("/2026/11/04/top/")])
    }

    @Test func samePermalinkNamesBothFiles() throws {
        let result = PlanFixture.plan([
            PlanFixture.bulletin("bulletins/aleppo/حلب.md", date: "2026-11-02"),
            PlanFixture.bulletin("bulletins/syria/حلب.md", date: "2026-11-03"),
            PlanFixture.bulletin("bulletins/other.md", date: "2026-11-03"),
        ])
        guard case .failure(let failure) = result else {
            Issue.record("two bulletins at one URL must fail the plan")
            return
        }
        let problem = try #require(failure.diagnostics.first)
        #expect(failure.diagnostics.count == 1)
        #expect(problem.message.contains("content/bulletins/aleppo/حلب.md"))
        #expect(problem.message.contains("content/bulletins/syria/حلب.md"))
        #expect(problem.message.contains("2026/11/حلب/index.html"))
        #expect(problem.message.contains("'slug:'"))
        #expect(!problem.message.contains("other.md"))
        #expect(problem.location?.path == "content/bulletins/aleppo/حلب.md")
    }

    @Test func aDuplicateSlugIsReportedAtTheSlugLine() throws {
        var first = PlanFixture.bulletin("bulletins/one.md", date: "2026-11-03", slug: "حلب")
        first.slugPosition = TextPosition(line: 4, column: 7)
        var second = PlanFixture.bulletin("bulletins/two.md", date: "2026-11-02", slug: "حلب")
        second.slugPosition = TextPosition(line: 6, column: 9)
        guard case .failure(let failure) = PlanFixture.plan([first, second]) else {
            Issue.record("two bulletins with one slug must fail the plan")
            return
        }
        // The plan lists the newer bulletin first: the older one is the second at that URL.
        #expect(failure.diagnostics.map(\.location) == [SourceLocation(path: "content/bulletins/two.md", line: 6, column: 9)])
    }

    @Test func aSlugFromTheFileNameIsReportedAtTheFile() throws {
        var first = PlanFixture.bulletin("bulletins/one.md", date: "2026-11-03", slug: "حلب")
        first.slugPosition = TextPosition(line: 4, column: 7)
        let second = PlanFixture.bulletin("bulletins/حلب.md", date: "2026-11-02")
        guard case .failure(let failure) = PlanFixture.plan([first, second]) else {
            Issue.record("two bulletins with one slug must fail the plan")
            return
        }
        #expect(failure.diagnostics.map(\.location) == [SourceLocation(path: "content/bulletins/حلب.md")])
    }

    static let listPageClashes: [(pattern: String, file: String, tags: [String], message: String)] = [
        ("/:slug/", "bulletins/tags.md", [],
         "the tags page and content/bulletins/tags.md would both be written to tags/index.html; give one of them a different 'slug:'"),
        ("/:slug/", "bulletins/locations.md", [],
         "the locations page and content/bulletins/locations.md would both be written to locations/index.html; give one of them a different 'slug:'"),
        ("/tags/:slug/", "bulletins/حلب.md", ["حَلَب"],
         "the tags page of 'حَلَب' and content/bulletins/حلب.md would both be written to tags/حلب/index.html; give one of them a different 'slug:'"),
        ("/page/:slug/", "bulletins/2.md", [],
         "the home page and content/bulletins/2.md would both be written to page/2/index.html; give one of them a different 'slug:'"),
    ]

    @Test(arguments: listPageClashes)
    func bulletinAtAListPageURLIsAClash(_ pattern: String, _ file: String, _ tags: [String], _ message: String) throws {
        // paginate: 1 and a second bulletin give the home page a page 2.
        let config = PlanFixture.config(paginate: 1, permalink: pattern)
        let result = PlanFixture.plan([
            PlanFixture.bulletin(file, date: "2026-11-02", tags: tags),
            PlanFixture.bulletin("bulletins/other.md", date: "2026-11-01"),
        ], config: config)
        guard case .failure(let failure) = result else {
            Issue.record("a bulletin at a list page's URL must fail the plan")
            return
        }
        #expect(failure.diagnostics.map(\.message) == [message])
        #expect(failure.diagnostics.first?.location?.path == "content/" + file)
    }

    @Test func tagsAndLocationsAreMergedBySlugAndLinkedFromBulletins() throws {
        let site = try PlanFixture.plan([
            PlanFixture.bulletin("bulletins/one.md", date: "2026-11-01", tags: ["حلب", "اقتصاد", "حَلَب"], location: "حلب"),
            PlanFixture.bulletin("bulletins/two.md", date: "2026-11-02", tags: ["حَلَب"], location: "حَلَب"),
            PlanFixture.bulletin("bulletins/three.md", date: "2026-11-03", tags: ["حَلَب", "طقس"]),
        ]).get()
        // Newest first: three (0), two (1), one (2).
        #expect(site.bulletinPaths == ["bulletins/three.md", "bulletins/two.md", "bulletins/one.md"])
        #expect(site.tags.terms.map(\.slug) == ["حلب", "اقتصاد", "طقس"])
        let aleppo = site.tags.terms[0]
        #expect(aleppo.name == "حَلَب")
        #expect(aleppo.bulletins == [0, 1, 2])
        #expect(aleppo.spellings == ["حَلَب": 2, "حلب": 1])
        #expect(site.tagTerms.map { $0.map { site.tags.terms[$0].slug } } == [["حلب", "طقس"], ["حلب"], ["حلب", "اقتصاد"]])
        #expect(site.locations.terms.map(\.slug) == ["حلب"])
        #expect(site.locations.terms[0].bulletins == [1, 2])
        #expect(site.locationTerm == [nil, 0, 0])
    }

    @Test func listPagesPaginate() throws {
        // Five bulletins tagged حلب (in two spellings), two a page: three pages for the term and
        // three for the home page; one bulletin tagged طقس: one page.
        let bulletins = (1...5).map { day in
            PlanFixture.bulletin("bulletins/b\(day).md", date: "2026-11-0\(day)", tags: day.isMultiple(of: 2) ? ["حَلَب"] : ["حلب"])
        } + [PlanFixture.bulletin("bulletins/weather.md", date: "2026-10-01", tags: ["طقس"])]
        let site = try PlanFixture.plan(bulletins, config: PlanFixture.config(paginate: 2)).get()

        let home = site.pages(.home)
        #expect(home.map(\.permalink.path) == ["/", "/page/2/", "/page/3/"])
        #expect(home.map(\.items) == [0..<2, 2..<4, 4..<6])
        #expect(home.map(\.pageNumber) == [1, 2, 3])
        #expect(home.allSatisfy { $0.pageCount == 3 })

        let aleppo = try #require(site.tags.terms.firstIndex { $0.slug == "حلب" })
        let termPages = site.pages(.term(.tags, aleppo))
        #expect(termPages.map(\.permalink.path) == ["/tags/حلب/", "/tags/حلب/page/2/", "/tags/حلب/page/3/"])
        #expect(termPages.map(\.items) == [0..<2, 2..<4, 4..<5])
        #expect(termPages.allSatisfy { $0.pageCount == 3 })

        let weather = try #require(site.tags.terms.firstIndex { $0.slug == "طقس" })
        #expect(site.pages(.term(.tags, weather)).map(\.permalink.path) == ["/tags/طقس/"])
    }

    @Test func emptySiteStillHasItsListPages() throws {
        let site = try PlanFixture.plan([]).get()
        #expect(site.bulletins.isEmpty)
        #expect(site.pages.map(\.permalink.outputPath) == ["index.html", "tags/index.html", "locations/index.html", "archive/index.html", "404.html",
                                                         "search/index.html", "index.xml", "atom.xml", "feed.json", "ninjs.json", "sitemap.xml", "news-sitemap.xml", "robots.txt"])
        #expect(site.pages(.home).first?.items == 0..<0)
    }

    @Test func everyPageHasItsOwnOutputPath() throws {
        let bulletins = (1...7).map { PlanFixture.bulletin("bulletins/n\($0).md", date: "2026-11-0\($0)", tags: ["page", "حلب"], location: "دمشق") }
        let site = try PlanFixture.plan(bulletins, config: PlanFixture.config(paginate: 3)).get()
        let outputs = site.pages.map(\.permalink.outputPath)
        #expect(Set(outputs).count == outputs.count)
        #expect(outputs.contains("tags/page/page/3/index.html"))
    }

    @Test func relatedBulletinsAreReusedOnlyWhileEveryBulletinKeepsItsTerms() throws {
        let bulletins = [
            PlanFixture.bulletin("a.md", date: "2026-11-01", tags: ["قمح", "حصاد"], location: "حلب"),
            PlanFixture.bulletin("b.md", date: "2026-11-02", tags: ["قمح"], location: "حلب"),
            PlanFixture.bulletin("c.md", date: "2026-11-03", tags: ["مطر"]),
        ]
        let first = try PlanFixture.plan(bulletins).get()
        #expect(first.related[first.bulletins.firstIndex { $0.source.relativePath == "a.md" }!].count == 1)
        // A marker list no search would give: seeing it back proves the known lists were used.
        let marker = SitePlanner.KnownRelated(key: first.relatedKey, related: [[2], [0], [1]])
        let same = try SitePlanner.plan(bulletins, config: PlanFixture.config(), rules: PublishingRules(now: PlanFixture.now),
                                        knownRelated: marker).get()
        #expect(same.related == [[2], [0], [1]])
        var retagged = bulletins
        retagged[2].tags = ["قمح"]
        let changed = try SitePlanner.plan(retagged, config: PlanFixture.config(), rules: PublishingRules(now: PlanFixture.now),
                                           knownRelated: marker).get()
        #expect(changed.relatedKey != first.relatedKey)
        #expect(changed.related == RelatedBulletins.find(tagTerms: changed.tagTerms, locationTerm: changed.locationTerm,
                                                         tags: changed.tags, locations: changed.locations))
    }

    /// The page list is reserved at its size, counted from what makes its pages, so that it never
    /// grows (and is not copied afterwards to give back what growing left spare).
    @Test(arguments: ["ar-basic", "gazetteer", "pages-sections", "hugo-blog", "jekyll-site", "news-outputs", "editions"])
    func thePageListIsReservedAtItsSize(fixture: String) throws {
        let planned = Builder.plan(BuildOptions(siteFolder: Fixtures.site(fixture), rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))))
        let site = try #require(planned.site)
        let expected = SitePlanner.expectedPageCount(bulletins: site.bulletins, sections: site.sections, taxonomies: site.taxonomyKinds.map(site.taxonomy),
                                                     archive: site.archive, standingPages: site.standingPages.count, config: site.config)
        #expect(site.pages.count <= expected && expected <= site.pages.count + 24, "\(site.pages.count) pages, \(expected) expected")
    }
}
