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
    /// place's name) is worked out once per spelling and kept in a memo of the thread's. Text is
    /// scanned as UTF-8 and a word looked up by its bytes, so the many words that begin no name
    /// cost no `String`, no lock and no `Hasher` (the render stage runs this over every body).
    public final class Finder: @unchecked Sendable {
        let gazetteer: Gazetteer
        /// The first word of every key `Gazetteer.mentionCandidates` knows.
        private let firstWords: Set<String>
        private let lock = NSLock()
        /// Memos not in use, guarded by `lock`: one per thread finding at once.
        private var free: [Memo] = []
        /// Spellings a memo keeps at most; past that it starts again before the next text.
        static let limit = 200_000

        /// What a thread has worked out, by spelling: its bytes (Strings that are equal may differ
        /// in their scalars, which keys keep apart) numbered in `table`, their `Word` in `words`.
        final class Memo {
            var table = SearchByteTable(capacity: 4_096)
            var words: [Word] = []
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
            var memo = lock.withLock { free.popLast() } ?? Memo()
            if memo.words.count > Self.limit { memo = Memo() }
            defer { lock.withLock { free.append(memo) } }
            var text = text
            return text.withUTF8 { find(in: $0, memo: memo) }
        }

        private func find(in utf8: UnsafeBufferPointer<UInt8>, memo: Memo) -> [Place] {
            let ranges = PlaceMentions.wordRanges(utf8)
            let ids = ranges.map { range -> Int in
                let spelling = UnsafeBufferPointer(rebasing: utf8[range])
                let hash = SearchByteTable.hash(spelling)
                if let known = memo.table.find(spelling, hash: hash) { return known }
                memo.words.append(make(String(decoding: spelling, as: UTF8.self)))
                return memo.table.insert(spelling, hash: hash)
            }
            func written(_ position: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: utf8[ranges[position]]), as: UTF8.self) }
            var found: [(position: Int, id: String)] = []
            var ambiguous: [(position: Int, candidates: [String], written: String, before: String?)] = []
            var index = 0
            while index < ids.count {
                var matched = 0
                let readings = memo.words[ids[index]].readings
                for length in stride(from: min(3, ids.count - index), through: 1, by: -1) where !readings.isEmpty {
                    // Keys are made scalar by scalar, and the space between two words becomes one
                    // space between their keys when both have one: a phrase's key is its words' keys joined.
                    let restKey = ids[index + 1 ..< index + length].map { memo.words[$0].key }.filter { !$0.isEmpty }.joined(separator: " ")
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
                            let rest = (index + 1 ..< index + length).map(written).joined(separator: " ")
                            let phrase = rest.isEmpty ? reading : reading + " " + rest
                            ambiguous.append((index, candidates, phrase, index > 0 ? PlaceName.withoutArticle(memo.words[ids[index - 1]].key) : nil))
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
        var text = text
        return text.withUTF8 { utf8 in
            wordRanges(utf8).map { String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self) }
        }
    }

    /// Where the words of valid UTF-8 lie, as byte ranges: runs of scalars that are letters or
    /// marks, looked up in a table below U+0800 (Latin, Arabic), where nearly every scalar of a
    /// body lies, and asked of Unicode's properties above.
    static func wordRanges(_ utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = -1
        var index = 0
        let count = utf8.count
        wordScalars.withUnsafeBufferPointer { table in
            while index < count {
                let (value, length) = UTF8Scalar.decode(utf8, at: index)
                let isWord: Bool
                if value < 0x800 {
                    isWord = table[Int(value)]
                } else if let scalar = Unicode.Scalar(value) {
                    let properties = scalar.properties
                    isWord = properties.isAlphabetic || properties.generalCategory == .nonspacingMark
                } else {
                    isWord = false
                }
                if isWord {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    ranges.append(start..<index)
                    start = -1
                }
                index += length
            }
        }
        if start >= 0 { ranges.append(start..<count) }
        return ranges
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
