import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The `gazetteer` fixture: locations written `Halab`, `حَلَب` and `Aleppo` are one place, a site
/// place lies in a default one, tags merge through `tags.yaml`, and an unknown village still works.
@Suite struct GazetteerBuildTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func build(_ fixture: String = "gazetteer") throws -> URL {
        try Fixtures.build(fixture, rules: Self.rules)
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ output: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    @Test func spellingsOfOnePlaceMakeOneLocationPageNamedInTheSiteLanguage() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let aleppo = try page(output, "locations/حلب/index.html")
        #expect(aleppo.contains(#"<h1 class="page-title"><bdi lang="ar" dir="rtl">حلب</bdi></h1>"#))
        // Its own three bulletins and the old city's, which lies in it.
        for title in ["افتتاح سوق جديد", "أمطار في المدينة", "Power restored in the old city", "ترميم باب قديم"] {
            #expect(aleppo.contains(title), "\(title)")
        }
        for path in ["locations/halab/index.html", "locations/aleppo/index.html", "locations/حَلَب/index.html"] {
            #expect(!exists(output, path), "\(path)")
        }
        // An unknown place is a location page as before.
        #expect(try page(output, "locations/تل-الورد/index.html").contains("مهرجان في القرية"))
        #expect(!(try page(output, "locations/تل-الورد/index.html")).contains("locator-map"))
    }

    @Test func locationPagesShowTheHierarchyAndCountriesGatherTheirCities() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let aleppo = try page(output, "locations/حلب/index.html")
        #expect(aleppo.contains(#"<p class="place-hierarchy"><bdi lang="ar" dir="rtl">حلب</bdi> <span class="place-in" aria-hidden="true">←</span> <a href="/locations/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/"><bdi lang="ar" dir="rtl">سوريا</bdi></a></p>"#))
        let oldCity = try page(output, "locations/حلب-القديمة/index.html")
        #expect(oldCity.contains(">حلب</bdi></a> <span class=\"place-in\" aria-hidden=\"true\">←</span> <a href=\"/locations/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/\""))
        let syria = try page(output, "locations/سوريا/index.html")
        for title in ["افتتاح سوق جديد", "أمطار في المدينة", "Power restored in the old city", "ترميم باب قديم", "طاحونة قديمة تعود إلى العمل"] {
            #expect(syria.contains(title), "\(title)")
        }
        #expect(!syria.contains("مهرجان في القرية"))
        #expect(!syria.contains("place-hierarchy"))
    }

    @Test func locationPagesHaveAnAccessibleMapAndGeoMeta() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let aleppo = try page(output, "locations/حلب/index.html")
        #expect(aleppo.contains(#"<svg class="locator-map" xmlns="http://www.w3.org/2000/svg""#))
        #expect(aleppo.contains(#"role="img" aria-labelledby="locator-map-title"><title id="locator-map-title">موقع حلب على الخريطة</title>"#))
        #expect(aleppo.contains(#"<circle class="dot""#))
        #expect(aleppo.contains(#"<meta name="geo.position" content="36.2012;37.1612">"#))
        #expect(aleppo.contains(#"<meta name="geo.placename" content="حلب">"#))
        #expect(aleppo.contains(#"<meta name="geo.region" content="SY">"#))
        // A country: its outline, no dot.
        let syria = try page(output, "locations/سوريا/index.html")
        #expect(syria.contains("locator-map") && !syria.contains(#"<circle class="dot""#))
        // No third-party request: nothing but the site's own files is referred to.
        #expect(!aleppo.contains("tile") && !aleppo.contains("https://maps"))
    }

    @Test func bulletinPagesCarryPlacesInJSONLDAndListTheBodysPlaces() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let bulletin = try page(output, "2026/11/halab-latin/index.html")
        #expect(bulletin.contains(#""locationCreated": {"@type": "Place", "name": "حلب", "geo": {"@type": "GeoCoordinates", "latitude": 36.2012, "longitude": 37.1612}, "sameAs": "https://www.geonames.org/170063/", "containedInPlace": {"@type": "Country", "name": "سوريا", "sameAs": "https://www.geonames.org/163843/"}}"#))
        #expect(bulletin.contains(#""contentLocation": [{"@type": "Place", "name": "دمشق""#))
        #expect(bulletin.contains("<h2 class=\"label\">أماكن في هذا الخبر</h2>"))
        // بدمشق with a location page of its own? No: Damascus has none here, so it is named, not linked.
        #expect(bulletin.contains(#"<li><span class="chip place"><bdi lang="ar" dir="rtl">دمشق</bdi></span></li>"#))
        #expect(bulletin.contains(#"<li><span class="chip place"><bdi lang="ar" dir="rtl">بيروت</bdi></span></li>"#))
        // عمان with الأردن beside it is Amman; the chip links to nothing (no bulletin filed there).
        let mill = try page(output, "2026/11/hama-mill/index.html")
        #expect(mill.contains(">عمّان</bdi>") && mill.contains(">الأردن</bdi>"))
        #expect(!mill.contains(">عُمان</bdi>"))
    }

    @Test func tagAliasesMergeTagsNamedInTheSiteLanguage() throws {
        let output = try build()
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let energy = try page(output, "tags/طاقة/index.html")
        for title in ["افتتاح سوق جديد", "أمطار في المدينة", "Power restored in the old city"] {
            #expect(energy.contains(title), "\(title)")
        }
        #expect(!exists(output, "tags/energy/index.html") && !exists(output, "tags/الطاقة/index.html"))
    }

    @Test func changingPlacesOrTagsRebuildsWhatAFreshBuildWould() throws {
        let newsroom = try Newsroom(copying: "gazetteer", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit("content/_data/places.yaml") { $0.replacingOccurrences(of: "parent: حلب", with: "parent: دمشق") }
        _ = try newsroom.build()
        #expect(try String(contentsOf: newsroom.output.appendingPathComponent("locations/دمشق/index.html"), encoding: .utf8).contains("ترميم باب قديم"))
        try newsroom.expectSameAsCleanBuild("places.yaml moved a place")
        try newsroom.edit("content/_data/places.yaml") { $0 + "170063:\n  names: {ar: حلب الشهباء}\n" }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("places.yaml renamed a default place")
        try newsroom.edit("content/_data/tags.yaml") { $0.replacingOccurrences(of: "ar: طاقة", with: "ar: الكهرباء") }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("tags.yaml renamed a tag")
        try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent("content/_data/places.yaml"))
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("places.yaml removed")
    }

    /// An English site names the same place in English, and its URL follows: `/locations/aleppo/`.
    @Test func anEnglishSiteNamesPlacesInEnglish() throws {
        let newsroom = try Newsroom(copying: "gazetteer", rules: Self.rules)
        defer { newsroom.remove() }
        try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "language: ar", with: "language: en") }
        _ = try newsroom.build()
        let aleppo = try String(contentsOf: newsroom.output.appendingPathComponent("locations/aleppo/index.html"), encoding: .utf8)
        #expect(aleppo.contains(#"<bdi lang="en" dir="ltr">Aleppo</bdi>"#) && aleppo.contains(">Syria</bdi></a>"))
        #expect(aleppo.contains("افتتاح سوق جديد") && aleppo.contains("Power restored in the old city"))
        #expect(FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("locations/old-city-of-aleppo/index.html").path))
    }

    @Test func badPlacesFilesFailTheBuildWithPositions() throws {
        let newsroom = try Newsroom(copying: "gazetteer", rules: Self.rules)
        defer { newsroom.remove() }
        try newsroom.edit("content/_data/places.yaml") { $0 + "loop:\n  names: {ar: حلقة}\n  parent: loop\n" }
        do {
            _ = try newsroom.build()
            Issue.record("the build accepted a cycle")
        } catch {
            #expect("\(error)".contains("content/_data/places.yaml:9:11: 'parent' makes a cycle"), "\(error)")
        }
    }

    /// A site that neither sets `gazetteer:` nor has a places.yaml is grouped by spelling as before:
    /// `Beirut` stays its own page named in English (the golden files of `ar-basic` check the rest).
    @Test func aSiteWithoutTheGazetteerKeepsItsLocations() throws {
        let output = try build("ar-basic")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        #expect(exists(output, "locations/beirut/index.html") && !exists(output, "locations/بيروت/index.html"))
        #expect(!exists(output, "locations/سوريا/index.html"))
        #expect(!(try page(output, "locations/حلب/index.html")).contains("locator-map"))
    }
}
