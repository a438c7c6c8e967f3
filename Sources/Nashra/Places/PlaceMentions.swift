/// Places named in running text: the gazetteer's own names (not its many transliterations) found
/// word by word, Arabic clitics taken off (بدمشق، ولحلب، والقاهرة، للقاهرة), up to three words long
/// (الدار البيضاء، New York).
///
/// Rules that keep common words out (see `PlaceMentionsTests` for the measured precision):
/// - only countries, regions, cities of at least `minimumPopulation`, and the site's own places;
/// - a Latin name only when written with a capital, an Arabic one with its article when it has one
///   (جديد is not the town الجديد);
/// - a name that is also a common Arabic word (`commonWords`), or of fewer than three letters, never
///   on its own;
/// - a name shared by several places (عمان: Amman and Oman) only when the spelling as written
///   tells them apart (عمّان، عُمان), a word before it does (سلطنة عمان), or exactly one of them
///   lies in (or is) a country the text names unambiguously; otherwise it is left out. A country
///   and its capital of one name (تونس، الجزائر) are read as the country.
public enum PlaceMentions {
    static let minimumPopulation = 100_000
    /// Keys (article set aside) of place names that are everyday words, found by running the finder
    /// over the example site and reading what it reported: المدينة (the city; Medina), الخبر (the news;
    /// Khobar), الباب (the door), البيضاء (white), الجديدة (new), المطرية (rainy), صور (pictures; Tyre),
    /// حماة (protectors; Hama), جدة (grandmother; Jeddah), العين (the eye; Al Ain), وأن (and that; Van),
    /// ربك (your Lord; Rabak), بحري (marine), عالية (high), الهندية (Indian), الحلة (the suit)…
    static let commonWords: Set<String> = [
        "مدينه", "خبر", "باب", "بيضا", "جديد", "جديده", "مطريه", "صور", "حماه", "جده", "عين", "وان", "ربك", "بحري",
        "عاليه", "هنديه", "حله", "سالم", "بركه", "زبير", "نهود", "امل", "نصر", "سلام", "وحده", "حريه", "مسيب", "رمل",
    ]
    /// Words that, just before an ambiguous name, say it is a country.
    static let countryWords: Set<String> = ["سلطنه", "دوله", "مملكه", "جمهوريه", "بلاد", "sultanate", "kingdom", "state", "republic"]

    public static func find(in text: String, gazetteer: Gazetteer) -> [Place] {
        let words = tokens(text)
        var found: [(position: Int, id: String)] = []
        var ambiguous: [(position: Int, candidates: [String], written: String, before: String?)] = []
        var index = 0
        while index < words.count {
            var matched = 0
            for length in stride(from: min(3, words.count - index), through: 1, by: -1) {
                let phrase = words[index..<index + length]
                guard let first = phrase.first else { continue }
                let rest = phrase.dropFirst().joined(separator: " ")
                let isLatin = first.unicodeScalars.first.map { $0.value < 0x0250 } ?? false
                if isLatin, !(first.first?.isUppercase ?? false) { continue }
                let readings = isLatin ? [first] : PlaceName.cliticReadings(first)
                for reading in readings {
                    let written = rest.isEmpty ? reading : reading + " " + rest
                    let key = PlaceName.keyKeepingArticle(written)
                    if length == 1, commonWords.contains(PlaceName.key(written)) || PlaceName.key(written).count < 3 { continue }
                    let candidates = gazetteer.mentionCandidates(forKey: key)
                    guard !candidates.isEmpty else { continue }
                    if candidates.count == 1 {
                        found.append((index, candidates[0]))
                    } else {
                        ambiguous.append((index, candidates, written, index > 0 ? PlaceName.key(words[index - 1]) : nil))
                    }
                    matched = length
                    break
                }
                if matched > 0 { break }
            }
            index += max(matched, 1)
        }
        // Ambiguous names, once the plain ones are known.
        let named = Set(found.map(\.id))
        let namedCountries = Set(found.compactMap { gazetteer.place($0.id)?.countryCode })
        for (position, candidates, written, before) in ambiguous {
            var chosen: String?
            let places = candidates.compactMap { gazetteer.place($0) }
            let marked = written.unicodeScalars.contains(where: Slug.isRemovedMark)
            if marked, let exact = places.filter({ $0.spellings.contains(written.nfc) }).onlyOne {
                chosen = exact.id
            } else if Set(places.map { $0.countryCode ?? $0.id }).count == 1 {
                // A country and its capital of one name (تونس، الجزائر، الكويت): the country.
                chosen = (places.first { $0.kind == .country } ?? places[0]).id
            } else if places.allSatisfy({ $0.kind == .city }), let largest = places.max(by: { $0.population < $1.population }),
                      places.allSatisfy({ $0.id == largest.id || $0.population * 10 <= largest.population }) {
                // Cities only, one ten times the size of every other (الإسكندرية: Alexandria, not the Iraqi town).
                chosen = largest.id
            } else if let before, countryWords.contains(before), let country = places.filter({ $0.kind == .country }).onlyOne {
                chosen = country.id
            } else if let inNamed = places.filter({ named.contains($0.id) || ($0.countryCode.map(namedCountries.contains) ?? false) }).onlyOne {
                chosen = inNamed.id
            }
            if let chosen { found.append((position, chosen)) }
        }
        // In the order the text names them, each once.
        var seen: Set<String> = []
        return found.sorted { $0.position < $1.position }.map(\.id).filter { seen.insert($0).inserted }.compactMap { gazetteer.place($0) }
    }

    /// Words: runs of letters and marks (Arabic or Latin), with `'` and `-` inside a Latin word.
    static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.generalCategory == .nonspacingMark {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    fileprivate var onlyOne: Element? { count == 1 ? first : nil }
}
