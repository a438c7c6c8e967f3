import Testing
@testable import Nashra

@Suite struct PlaceNameTests {
    /// Spellings that must reduce to one key, and the key.
    static let sameKey: [(spellings: [String], key: String)] = [
        (["حلب", "حَلَب", "حلَب"], "حلب"),
        (["عمّان", "عمان", "عَمّان", "عُمان"], "عمان"),
        (["الإسكندرية", "الاسكندرية", "اسكندريه", "الأسكندرية"], "اسكندريه"),
        (["القاهرة", "القاهره", "قاهرة"], "قاهره"),
        (["صنعاء", "صنعا"], "صنعا"),
        (["مستشفى", "مستشفي"], "مستشفي"),
        (["اللاذقية", "لاذقية", "اللاذقيّة"], "لاذقيه"),
        (["Halab", "HALAB", "Ḩalab", "Ḥalab"], "halab"),
        (["Ar Raqqah", "ar-Raqqah", "Raqqah"], "raqqah"),
        (["al-Ladhiqiyah", "Al Ladhiqiyah", "Ladhiqiyah"], "ladhiqiyah"),
        (["ʿAmmān", "'Amman", "Amman"], "amman"),
        (["New  York", "new-york"], "new york"),
        (["حمـص", "حمص"], "حمص"),
    ]

    @Test(arguments: sameKey.indices)
    func spellingsOfOneNameShareAKey(_ row: Int) {
        let (spellings, key) = Self.sameKey[row]
        for spelling in spellings {
            #expect(PlaceName.key(spelling) == key, "\(spelling)")
        }
    }

    /// The article goes only when three letters are left: الخبر is خبر, but الري stays whole.
    @Test func articleIsKeptWhenTooLittleWouldBeLeft() {
        #expect(PlaceName.key("الخبر") == "خبر")
        #expect(PlaceName.key("الري") == "الري")
        #expect(PlaceName.key("Al Ain") == "ain")
        #expect(PlaceName.key("Al Ba") == "al ba")
    }

    static let clitics: [(word: String, reading: String)] = [
        ("بدمشق", "دمشق"), ("ولحلب", "حلب"), ("والقاهرة", "القاهرة"), ("للقاهرة", "القاهرة"),
        ("وبغداد", "بغداد"), ("فبيروت", "بيروت"), ("وللاذقية", "اللاذقية"), ("كعمّان", "عمّان"),
    ]

    @Test(arguments: clitics.indices)
    func cliticsComeOffRunningText(_ row: Int) {
        let (word, reading) = Self.clitics[row]
        let readings = PlaceName.cliticReadings(word).map(PlaceName.key)
        #expect(readings.contains(PlaceName.key(reading)), "\(word) → \(readings)")
    }
}
