import Testing
@testable import Nashra

@Suite struct TaxonomyTests {
    /// Collects `tagsByBulletin[i]` for bulletin i.
    static func collect(_ tagsByBulletin: [[String]], kind: Taxonomy.Kind = .tags) -> Taxonomy {
        var collector = TermCollector()
        for (index, tags) in tagsByBulletin.enumerated() {
            _ = collector.add(tags, bulletin: index)
        }
        return collector.taxonomy(kind)
    }

    @Test func spellingsWithOneSlugAreOneTermNamedByTheMostUsed() throws {
        // The tatweel spelling is longer but used more: use wins over length.
        let taxonomy = Self.collect([["الاقتصـاد"], ["الاقتصاد"], ["الاقتصـاد"]])
        let term = try #require(taxonomy.terms.first)
        #expect(taxonomy.terms.count == 1)
        #expect(term.slug == "الاقتصاد")
        #expect(term.name == "الاقتصـاد")
        #expect(term.spellings == ["الاقتصـاد": 2, "الاقتصاد": 1])
        #expect(term.bulletins == [0, 1, 2])
        #expect(term.permalink == Permalink("/tags/الاقتصاد/"))
    }

    @Test(arguments: [
        // Most used wins, even when it is not first in Unicode order.
        ([["aleppo"], ["Aleppo"], ["aleppo"]], "aleppo"),
        ([["حَلَب"], ["حلب"], ["حَلَب"]], "حَلَب"),
        // Equal use: the shortest.
        ([["اقتصـاد"], ["اقتصاد"]], "اقتصاد"),
        ([["اقتصاد"], ["اقتصـاد"]], "اقتصاد"),
        // Equal use and length: the first in Unicode order.
        ([["aleppo"], ["Aleppo"]], "Aleppo"),
        ([["Aleppo"], ["aleppo"]], "Aleppo"),
    ])
    func termName(_ tagsByBulletin: [[String]], _ name: String) throws {
        let taxonomy = Self.collect(tagsByBulletin)
        #expect(taxonomy.terms.count == 1)
        #expect(try #require(taxonomy.terms.first).name == name)
    }

    @Test func oneBulletinWithTwoSpellingsOfATagCountsOnce() throws {
        var collector = TermCollector()
        let slugs = collector.add(["حلب", "سوريا", "حَلَب", "حلب"], bulletin: 0)
        #expect(slugs == ["حلب", "سوريا"])
        let taxonomy = collector.taxonomy(.tags)
        let aleppo = try #require(taxonomy.terms.first { $0.slug == "حلب" })
        #expect(aleppo.bulletins == [0])
        #expect(aleppo.spellings == ["حلب": 1])
    }

    @Test func namesWithoutASlugAreSkipped() {
        var collector = TermCollector()
        #expect(collector.add(["؟", "", "حلب", "!!"], bulletin: 0) == ["حلب"])
        #expect(collector.taxonomy(.tags).terms.map(\.slug) == ["حلب"])
    }

    @Test func termsAreSortedByCountThenName() {
        let taxonomy = Self.collect([
            ["دمشق", "حمص"],
            ["حلب", "دمشق", "إدلب"],
            ["حلب", "دمشق"],
            ["حمص", "Aleppo"],
        ])
        #expect(taxonomy.terms.map(\.name) == ["دمشق", "حلب", "حمص", "Aleppo", "إدلب"])
        #expect(taxonomy.terms.map(\.bulletins.count) == [3, 2, 2, 1, 1])
        #expect(taxonomy.terms.first?.bulletins == [0, 1, 2])
    }

    @Test(arguments: Taxonomy.Kind.allCases)
    func permalinksHangBelowTheTaxonomy(_ kind: Taxonomy.Kind) throws {
        let taxonomy = Self.collect([["دير الزور"]], kind: kind)
        #expect(taxonomy.kind == kind)
        #expect(taxonomy.permalink == Permalink("/\(kind.rawValue)/"))
        #expect(try #require(taxonomy.terms.first).permalink == Permalink("/\(kind.rawValue)/دير-الزور/"))
    }

    @Test func emptyCollectorHasNoTerms() {
        #expect(TermCollector().taxonomy(.locations).terms.isEmpty)
    }

    /// The planner takes each bulletin's terms by number and turns them into positions in the
    /// sorted taxonomy; that must name the same terms as finding each returned slug in it.
    @Test func termNumbersTurnIntoTheSortedPositionsOfTheirSlugs() throws {
        let tagsByBulletin = [
            ["دمشق", "حمص", "دمشق"], ["حلب", "دمشق", "إدلب"], ["حَلَب", "Aleppo", "aleppo"], [], ["؟", "حمص"],
            ["اقتصاد", "اقتصـاد", "رياضة"], ["رياضة"], ["Aleppo"], ["z", "a", "m"], ["a"],
        ]
        var collector = TermCollector()
        var reference = TermCollector()
        var numbers: [[Int]] = []
        var slugs: [[String]] = []
        for (index, tags) in tagsByBulletin.enumerated() {
            numbers.append(collector.addTerms(tags, bulletin: index))
            slugs.append(reference.add(tags, bulletin: index))
        }
        let (taxonomy, position) = collector.sorted(.tags)
        let referenceTaxonomy = reference.taxonomy(.tags)
        #expect(taxonomy.terms.map(\.slug) == referenceTaxonomy.terms.map(\.slug))
        #expect(taxonomy.terms.map(\.name) == referenceTaxonomy.terms.map(\.name))
        #expect(taxonomy.terms.map(\.spellings) == referenceTaxonomy.terms.map(\.spellings))
        #expect(taxonomy.terms.map(\.bulletins) == referenceTaxonomy.terms.map(\.bulletins))
        let bySlug = Dictionary(uniqueKeysWithValues: taxonomy.terms.enumerated().map { ($1.slug, $0) })
        for (bulletin, terms) in numbers.enumerated() {
            #expect(terms.map { position[$0] } == slugs[bulletin].map { bySlug[$0]! })
        }
        // Not the identity: the terms were collected in another order than they are sorted in.
        #expect(position != Array(position.indices))
    }
}
