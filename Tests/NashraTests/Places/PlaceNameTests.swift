import Foundation
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

    /// The keys as they were made before the fast paths for ASCII and Arabic letters (Unicode
    /// properties for every scalar, `String.count` for the article's rule): the fast paths must
    /// give the same key for every spelling of the default gazetteer and for these odd ones.
    static func referenceKey(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            guard let mapped = referenceReduced(scalar) else { continue }
            if mapped.properties.isAlphabetic || mapped.properties.numericType != nil {
                if pendingSpace && !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                if mapped.value < 0x80 {
                    scalars.append(mapped.value >= 0x41 && mapped.value <= 0x5A ? Unicode.Scalar(mapped.value + 0x20)! : mapped)
                } else if mapped.properties.changesWhenLowercased {
                    scalars.append(contentsOf: mapped.properties.lowercaseMapping.unicodeScalars)
                } else {
                    scalars.append(mapped)
                }
            } else {
                pendingSpace = true
            }
        }
        let key = String(scalars)
        if key.hasPrefix("ال"), key.count > 4 { return String(key.dropFirst(2)) }
        for article in PlaceName.latinArticles where key.hasPrefix(article) && key.count > article.count + 2 {
            return String(key.dropFirst(article.count))
        }
        return key
    }

    static func referenceReduced(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x0300...0x036F, 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640: return nil
        case 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x0027, 0x2018, 0x2019, 0x0060, 0x00B4, 0x0621: return nil
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"
        case 0x0624: return "\u{0648}"
        case 0x0626, 0x0649, 0x06CC: return "\u{064A}"
        case 0x0629: return "\u{0647}"
        case 0x06A9: return "\u{0643}"
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            guard let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first, base != scalar else { return scalar }
            return base
        default: return scalar
        }
    }

    static let oddSpellings = [
        "İstanbul", "ÇANKIRI", "Ångström-Øresund", "Σπάρτη", "Москва", "東京", "٣ حلب ٤", "Al  ‏حلب", "ال", "الـــري",
        "café\u{301}", "a\r\nb", "ﻻﺫﻗﻴﺔ", "گیلان", "ٱلقدس", "Ḩalab-ʿAmmān", "Ⅻ Roman", "²3", "",
    ]

    @Test func fastPathsGiveTheReferenceKeys() {
        let spellings = Gazetteer.defaultPlaces.flatMap(\.spellings) + Self.oddSpellings
        #expect(spellings.count > 10_000)
        let differing = spellings.filter { PlaceName.key($0) != Self.referenceKey($0) }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
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
