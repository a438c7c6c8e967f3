import Testing
@testable import Nashra

@Suite struct GazetteerTests {
    let gazetteer = Gazetteer.standard

    @Test func theDefaultGazetteerHasTheArabWorldAndTheWorldsMainCities() throws {
        #expect(gazetteer.places.count > 2500)
        let aleppo = try #require(gazetteer.place("170063"))
        #expect(aleppo.names["ar"] == "حلب" && aleppo.names["en"] == "Aleppo")
        #expect(aleppo.latitude != nil && aleppo.countryCode == "SY")
        #expect(gazetteer.place("2643743")?.names["ar"] == "لندن")
        #expect(gazetteer.country(code: "SY")?.names["ar"] == "سوريا")
    }

    /// Every spelling of a row names the same place (by GeoNames id).
    static let spellings: [(spellings: [String], id: String)] = [
        (["حلب", "حَلَب", "Halab", "Aleppo", "Alep", "Ḩalab", "ALEPPO"], "170063"),
        (["دمشق", "Damascus", "Dimashq", "Damas"], "170654"),
        (["بيروت", "Beirut", "Beyrouth", "بَيْرُوت"], "276781"),
        (["عمّان", "Amman", "عمان"], "250441"),
        (["عُمان", "Oman"], "286963"),
        (["القاهرة", "القاهره", "Cairo"], "360630"),
        (["اللاذقية", "لاذقية", "Latakia"], "173576"),
        (["سوريا", "سورية", "Syria"], "163843"),
        (["الإسكندرية", "الاسكندرية", "Alexandria"], "361058"),
    ]

    @Test(arguments: spellings.indices)
    func everySpellingResolvesToOnePlace(_ row: Int) {
        let (spellings, id) = Self.spellings[row]
        for spelling in spellings {
            #expect(gazetteer.resolve(spelling)?.id == id, "\(spelling) → \(gazetteer.resolve(spelling)?.names["en"] ?? "nothing")")
        }
    }

    /// Every row of the table the generator wrote, as counted by a plain reading of it.
    @Test func everyRowOfTheDefaultTableIsAPlace() throws {
        let text = try String(contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/gazetteer/places.tsv"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let places = Gazetteer.defaultPlaces
        #expect(places.count == rows.count)
        #expect(places.map(\.id) == rows.map { String($0[0]) })
        #expect(places.reduce(0) { $0 + $1.aliases.count } == rows.reduce(0) { $0 + $1[9].split(separator: "|").count })
        #expect(places.reduce(0) { $0 + $1.names.count } == rows.reduce(0) { $0 + ($1[7].isEmpty ? 0 : 1) + ($1[8].isEmpty ? 0 : 1) })
    }

    @Test func theDefaultTableIsReadRowByRow() throws {
        let table = "# a comment\tthat\thas\ttabs\tenough\tto\tlook\tlike\ta\trow\n\n"
            + "170063\tcity\tSY\t09\t36.2021\t37.1343\t1602264\tAleppo\tحلب\tHalab||Alep|\n"
            + "163843\tcountry\tSY\t\t\t\t22933531\tSyria\tسوريا\t\n"
            + "1\tvillage\tSY\t\t\t\t0\tNowhere\t\t\n"
            + "2\tcity\tSY\ttoo few fields\n"
            + "3\tcity\t\t\t\t\t\t\tبلدة\t"
        var bytes = Array(table.utf8)
        let places = bytes.withUnsafeMutableBufferPointer { Gazetteer.places(tsv: UnsafeBufferPointer($0)) }
        #expect(places.map(\.id) == ["170063", "163843", "3"])
        let aleppo = try #require(places.first)
        #expect(aleppo.kind == .city && aleppo.countryCode == "SY" && aleppo.population == 1_602_264 && aleppo.geonamesID == 170063)
        #expect(aleppo.latitude == 36.2021 && aleppo.longitude == 37.1343)
        #expect(aleppo.names == ["en": "Aleppo", "ar": "حلب"] && aleppo.aliases == ["Halab", "Alep"])
        #expect(places[1].kind == .country && places[1].latitude == nil && places[1].aliases.isEmpty)
        #expect(places[2].names == ["ar": "بلدة"] && places[2].countryCode == nil && places[2].population == 0)
    }

    /// Rendering finds mentions in running text without the tables of every spelling, which a
    /// build that plans from the cache never needs; the first lookup by spelling makes them.
    @Test func mentionsAreFoundWithoutMakingTheSpellingTables() {
        let fresh = Gazetteer(places: Gazetteer.defaultPlaces)
        #expect(PlaceMentions.find(in: "وصل الوفد إلى دمشق قادمًا من بيروت", gazetteer: fresh).map(\.id) == ["170654", "276781"])
        #expect(!fresh.madeSpellingTables)
        #expect(fresh.resolve("دمشق")?.id == "170654")
        #expect(fresh.madeSpellingTables)
    }

    @Test func anUnknownNameResolvesToNothing() {
        #expect(gazetteer.resolve("تل الورد") == nil)
        #expect(gazetteer.resolve("") == nil)
    }

    @Test func aCityLiesInItsCountry() throws {
        let aleppo = try #require(gazetteer.resolve("حلب"))
        #expect(gazetteer.ancestors(of: aleppo).map { $0.name(in: "ar") } == ["سوريا"])
        #expect(gazetteer.ancestors(of: try #require(gazetteer.resolve("سوريا"))).isEmpty)
    }

    @Test func aNameIsGivenInTheAskedLanguageElseEnglish() throws {
        let aleppo = try #require(gazetteer.resolve("Halab"))
        #expect(aleppo.name(in: "ar") == "حلب")
        #expect(aleppo.name(in: "ar-SY") == "حلب")
        #expect(aleppo.name(in: "en") == "Aleppo")
        #expect(aleppo.name(in: "fr") == "Aleppo")
    }

    @Test func closestNamesOfferKnownSpellingsInTheSameScript() {
        #expect(gazetteer.closestNames(to: "حلبب", limit: 3).contains("حلب"))
        #expect(gazetteer.closestNames(to: "دمشك", limit: 3).first == "دمشق")
        #expect(gazetteer.closestNames(to: "Damascos", limit: 3).first == "Damascus")
        #expect(gazetteer.closestNames(to: "Beiruth", limit: 2).contains("Beirut"))
        #expect(gazetteer.closestNames(to: "حلبب", limit: 1).count == 1)
        #expect(gazetteer.closestNames(to: "xqzwvk", limit: 3).isEmpty)
        #expect(gazetteer.closestNames(to: "حلب", limit: 0).isEmpty)
    }
}
