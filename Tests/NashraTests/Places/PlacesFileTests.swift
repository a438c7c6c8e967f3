import NashraCore
import Testing
@testable import Nashra

@Suite struct PlacesFileTests {
    func parse(_ text: String) -> Result<Gazetteer, Diagnostics> {
        PlacesFile.parse(text, path: "content/_data/places.yaml", over: .standard)
    }

    @Test func aSitePlaceResolvesAndLiesInTheDefaultPlaceItNames() throws {
        let gazetteer = try parse("""
        old-city:
          names: {ar: حلب القديمة, en: Old City of Aleppo}
          aliases: [المدينة القديمة في حلب]
          parent: حلب
          coordinates: [36.199, 37.163]
        """).get()
        let place = try #require(gazetteer.resolve("المدينة القديمة في حلب"))
        #expect(place.id == "old-city" && place.latitude == 36.199)
        #expect(gazetteer.ancestors(of: place).map { $0.name(in: "ar") } == ["حلب", "سوريا"])
        #expect(gazetteer.resolve("Old City of Aleppo")?.id == "old-city")
    }

    @Test func aGeoNamesKeyAddsToTheDefaultPlace() throws {
        let gazetteer = try parse("""
        170063:
          aliases: [الشهباء]
          names: {fr: Alep}
        """).get()
        let aleppo = try #require(gazetteer.resolve("الشهباء"))
        #expect(aleppo.id == "170063" && aleppo.names["ar"] == "حلب" && aleppo.name(in: "fr") == "Alep")
    }

    @Test func aSitePlaceWinsOverADefaultOneOfTheSameSpelling() throws {
        let gazetteer = try parse("""
        tripoli-lb:
          names: {ar: طرابلس, en: Tripoli}
          parent: لبنان
        """).get()
        #expect(gazetteer.resolve("طرابلس")?.id == "tripoli-lb")
        #expect(gazetteer.ancestors(of: try #require(gazetteer.resolve("طرابلس"))).map(\.id) == ["272103"])
    }

    @Test func aCycleOfParentsIsAnErrorAtItsLine() throws {
        let result = parse("""
        a:
          names: {ar: المكان أ}
          parent: b
        b:
          names: {ar: المكان ب}
          parent: a
        c:
          names: {ar: المكان ج}
          parent: c
        """)
        guard case .failure(let failure) = result else { Issue.record("a cycle was accepted"); return }
        let messages = failure.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:3:11: 'parent' makes a cycle: المكان أ → المكان ب → المكان أ") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:9:11: 'parent' makes a cycle") }, "\(messages)")
        #expect(messages.count == 2)
    }

    @Test func aSpellingGivenToTwoPlacesIsAnErrorAtTheSecond() throws {
        let result = parse("""
        a:
          names: {ar: الحي الشرقي}
        b:
          names: {ar: الحيّ الغربي}
          aliases: [الشرقي, الحيّ الشرقي]
        """)
        guard case .failure(let failure) = result else { Issue.record("a duplicate alias was accepted"); return }
        #expect(failure.diagnostics.map(\.description) == [
            "content/_data/places.yaml:5:21: 'الحيّ الشرقي' already names the place 'a' (line 2); a spelling may name only one place",
        ])
    }

    @Test func badValuesAreErrorsAtTheirPositions() throws {
        let result = parse("""
        a:
          names: {ar: مكان}
          coordinates: [north, 37]
          kind: town
          colour: red
          parent: مكان لا يعرفه أحد
        """)
        guard case .failure(let failure) = result else { Issue.record("bad values were accepted"); return }
        let messages = failure.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:3:16: 'coordinates' must be [latitude, longitude]") })
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:4:9: 'kind' must be city, region or country") })
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:5:3: unknown key 'colour'") })
        #expect(messages.contains { $0.hasPrefix("content/_data/places.yaml:6:11: 'parent' مكان لا يعرفه أحد is not a place") })
    }

    @Test func tagAliasesMergeSpellingsAndRefuseASpellingGivenTwice() throws {
        let tags = try TagAliases.parse("""
        energy:
          names: {ar: طاقة, en: energy}
          aliases: [الطاقة]
        """, path: "content/_data/tags.yaml").get()
        #expect(tags.resolve("Energy")?.id == "energy")
        #expect(tags.resolve("الطاقة")?.name(in: "ar") == "طاقة")
        #expect(tags.resolve("طاقه")?.name(in: "en") == "energy")
        #expect(tags.resolve("مياه") == nil)
        guard case .failure(let failure) = TagAliases.parse("""
        energy:
          names: {ar: طاقة}
        power:
          aliases: [الطاقة]
        """, path: "content/_data/tags.yaml") else { Issue.record("a duplicate was accepted"); return }
        #expect(failure.diagnostics.map(\.description) == [
            "content/_data/tags.yaml:4:13: 'الطاقة' already names the tag 'energy' (line 2); a spelling may name only one tag",
        ])
    }
}
