import Foundation

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
        Finder(gazetteer: gazetteer).find(in: text)
    }

    /// `find` for many texts on one gazetteer (a build's bulletins, from any thread): what it works
    /// out about a word (its clitic readings and their keys, whether any of them can begin a
    /// place's name) is worked out once per spelling and shared. Most words begin no name, and
    /// for those nothing more is done.
    public final class Finder: @unchecked Sendable {
        let gazetteer: Gazetteer
        /// The first word of every key `Gazetteer.mentionCandidates` knows.
        private let firstWords: Set<String>
        private let lock = NSLock()
        private var known: [Spelling: Word] = [:]
        /// Spellings remembered at most (a word past that is worked out again each time).
        static let limit = 200_000

        /// A word by its bytes: Strings that are equal may differ in their scalars, which keys
        /// keep apart (and hashing bytes skips the normalization a String's hash does).
        struct Spelling: Hashable {
            let text: String

            static func == (a: Spelling, b: Spelling) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

            func hash(into hasher: inout Hasher) {
                var text = text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }

        /// What `find` needs of one spelling of a word.
        struct Word {
            /// The word's key (article kept): how it reads inside a longer name.
            let key: String
            /// The readings it may begin a name with (the word itself first) and their keys;
            /// empty when no key can begin a name, or for a Latin word without a capital.
            let readings: [(reading: String, key: String)]
        }

        public init(gazetteer: Gazetteer) {
            self.gazetteer = gazetteer
            firstWords = Set(gazetteer.mentionKeys.map { key in
                String(key.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            })
        }

        func word(_ word: String) -> Word {
            let spelling = Spelling(text: word)
            if let hit = lock.withLock({ known[spelling] }) { return hit }
            let made = make(word)
            lock.withLock { if known.count < Self.limit { known[spelling] = made } }
            return made
        }

        private func make(_ word: String) -> Word {
            let key = PlaceName.keyKeepingArticle(word)
            let isLatin = word.unicodeScalars.first.map { $0.value < 0x0250 } ?? false
            if isLatin, !(word.first?.isUppercase ?? false) { return Word(key: key, readings: []) }
            let readings = (isLatin ? [word] : PlaceName.cliticReadings(word)).map { reading in
                (reading: reading, key: reading == word ? key : PlaceName.keyKeepingArticle(reading))
            }
            // A phrase's key starts with its first reading's key and a space (or is it), so a
            // reading whose key is no name's first word finds nothing.
            let canBegin = readings.contains { $0.key.isEmpty || $0.key.contains(" ") || firstWords.contains($0.key) }
            return Word(key: key, readings: canBegin ? readings : [])
        }

        public func find(in text: String) -> [Place] {
            let words = tokens(text)
            let known = words.map(word)
            var found: [(position: Int, id: String)] = []
            var ambiguous: [(position: Int, candidates: [String], written: String, before: String?)] = []
            var index = 0
            while index < words.count {
                var matched = 0
                let readings = known[index].readings
                for length in stride(from: min(3, words.count - index), through: 1, by: -1) where !readings.isEmpty {
                    // Keys are made scalar by scalar, and the space between two words becomes one
                    // space between their keys when both have one: a phrase's key is its words' keys joined.
                    let restKey = known[index + 1 ..< index + length].map(\.key).filter { !$0.isEmpty }.joined(separator: " ")
                    for (reading, readingKey) in readings {
                        let key = readingKey.isEmpty ? restKey : restKey.isEmpty ? readingKey : readingKey + " " + restKey
                        if length == 1 {
                            let bare = PlaceName.withoutArticle(key)
                            if commonWords.contains(bare) || bare.count < 3 { continue }
                        }
                        let candidates = gazetteer.mentionCandidates(forKey: key)
                        guard !candidates.isEmpty else { continue }
                        if candidates.count == 1 {
                            found.append((index, candidates[0]))
                        } else {
                            let rest = words[index + 1 ..< index + length].joined(separator: " ")
                            let written = rest.isEmpty ? reading : reading + " " + rest
                            ambiguous.append((index, candidates, written, index > 0 ? PlaceName.withoutArticle(known[index - 1].key) : nil))
                        }
                        matched = length
                        break
                    }
                    if matched > 0 { break }
                }
                index += max(matched, 1)
            }
            return PlaceMentions.resolve(found: found, ambiguous: ambiguous, gazetteer: gazetteer)
        }
    }

    /// The ambiguous names decided once the plain ones are known; every place once, in text order.
    private static func resolve(found: [(position: Int, id: String)],
                                ambiguous: [(position: Int, candidates: [String], written: String, before: String?)],
                                gazetteer: Gazetteer) -> [Place] {
        var found = found
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
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let first = start {
                words.append(String(scalars[first..<index]))
                start = nil
            }
            scalars.formIndex(after: &index)
        }
        if let first = start { words.append(String(scalars[first...])) }
        return words
    }

    /// A letter or a mark: looked up in a table below U+0800 (Latin, Arabic), where nearly every
    /// scalar of a body lies, and asked of Unicode's properties above.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x800 { return wordScalars[Int(scalar.value)] }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .nonspacingMark
    }

    private static let wordScalars: [Bool] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    fileprivate var onlyOne: Element? { count == 1 ? first : nil }
}
