import NashraCore

/// The site's search index, decided in memory from each bulletin's `SearchTerms`: which bulletins
/// are documents, each term's postings, and how the terms are spread over shard files. A pure
/// function of its inputs, so an incremental build writes the same bytes as a clean one.
///
/// Documents are numbered oldest first (the site's order reversed), so among equals the reader
/// ranks the higher number first, and a new bulletin, which is usually the newest, takes the next
/// number: every other document keeps its own, and the build rewrites only the shards of its
/// terms and the last display shard.
///
/// Terms are interned to numbers as they are met, and pairs are two term numbers: the postings
/// of a 10,000-bulletin archive are millions of appends, which then hash an integer, not text.
public struct SearchIndex: Sendable {
    /// Bulletin indices (into `Site.bulletins`) of the documents, in document order (oldest first).
    public var documents: [Int]
    /// Every term as UTF-8, by number; `@l:slug` and `@t:slug` are the location and tag filters.
    var terms: [[UInt8]]
    /// By term number: (document, weight) by ascending document.
    var postings: [[(document: Int32, weight: UInt8)]]
    /// Neighbouring terms (`first << 32 | second`, term numbers), by pair number.
    var pairs: [UInt64]
    /// By pair number: the documents where the pair's second term follows its first, ascending.
    var pairPostings: [[Int32]]
    public var termShards: Int
    public var pairShards: Int
    /// The names the Arabic stemmer never cuts, sorted: the reader's stemmer needs them too.
    public var names: [String]

    /// Documents per display shard (`search/d/N.json`).
    public static let documentsPerShard = 20
    /// About this many postings per term or pair shard.
    static let postingsPerShard = 4_000

    /// `terms[i]` is bulletin i's terms, or nil when it is not indexed.
    static func make(_ site: Site, terms: [SearchTerms?], names: [String]) -> SearchIndex {
        let documents = documentOrder(site.bulletins.indices.filter { terms[$0] != nil })
        var index = SearchIndex(documents: documents, terms: [], postings: [], pairs: [], pairPostings: [],
                                termShards: 1, pairShards: 1, names: names)
        var termNumbers = SearchByteTable(capacity: 65_536)
        var pairNumbers = PairTable()
        var postingCount = 0
        var pairCount = 0
        func number(_ term: [UInt8]) -> Int32 {
            let count = termNumbers.count
            let number = termNumbers.number(term)
            if number == count {
                index.terms.append(term)
                index.postings.append([])
            }
            return Int32(number)
        }
        var own: [Int32] = []
        for (document, bulletin) in documents.enumerated() {
            guard let bulletinTerms = terms[bulletin] else { continue }
            let document = Int32(document)
            own = bulletinTerms.terms.map(number)
            for (term, weight) in zip(own, bulletinTerms.weights) { index.postings[Int(term)].append((document, weight)) }
            for pair in bulletinTerms.pairs {
                let key = UInt64(UInt32(own[Int(pair >> 32)])) << 32 | UInt64(UInt32(own[Int(pair & 0xFFFF_FFFF)]))
                let number = pairNumbers.number(key)
                if number < index.pairs.count {
                    index.pairPostings[number].append(document)
                } else {
                    index.pairs.append(key)
                    index.pairPostings.append([document])
                }
            }
            if let location = site.locationTerm[bulletin] {
                index.postings[Int(number(Array(("@l:" + site.locations.terms[location].slug).utf8)))].append((document, 1))
            }
            for tag in Set(site.tagTerms[bulletin]).sorted() {
                index.postings[Int(number(Array(("@t:" + site.tags.terms[tag].slug).utf8)))].append((document, 1))
            }
            postingCount += bulletinTerms.terms.count + 1 + site.tagTerms[bulletin].count
            pairCount += bulletinTerms.pairs.count
        }
        index.termShards = shardCount(postingCount)
        index.pairShards = shardCount(pairCount)
        return index
    }

    /// The indexed bulletins (indices into `Site.bulletins`, in the site's order) in document
    /// order: oldest first.
    static func documentOrder(_ indexed: [Int]) -> [Int] { indexed.reversed() }

    /// A pair's text, "first second", as UTF-8.
    func pairKey(_ pair: UInt64) -> [UInt8] {
        terms[Int(pair >> 32)] + [0x20] + terms[Int(pair & 0xFFFF_FFFF)]
    }

    /// A power of two, so the reader finds a term's shard with a mask.
    static func shardCount(_ postings: Int) -> Int {
        var count = 1
        while count * postingsPerShard < postings && count < 4_096 { count *= 2 }
        return count
    }

    /// The shard of a term or pair: FNV-1a (32 bits) of its UTF-8, masked. `search.js` repeats it.
    public static func shard(of key: String, count: Int) -> Int {
        shard(of: Array(key.utf8), count: count)
    }

    static func shard(of key: [UInt8], count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        fnv(key, into: &hash)
        return Int(hash & UInt32(count - 1))
    }

    /// The shard of the pair "first second", without making its text.
    static func shard(ofPair first: [UInt8], _ second: [UInt8], count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        fnv(first, into: &hash)
        hash = (hash ^ 0x20) &* 0x0100_0193
        fnv(second, into: &hash)
        return Int(hash & UInt32(count - 1))
    }

    private static func fnv(_ bytes: [UInt8], into hash: inout UInt32) {
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
    }

    /// Pairs numbered as they come: an open-addressing table of `UInt64`s, since the index adds
    /// every bulletin's pairs (millions at 10,000 bulletins) and `Dictionary` hashes each through `Hasher`.
    struct PairTable {
        private var keys: [UInt64] = []
        /// Number + 1, or 0 for an empty slot.
        private var slots = [Int32](repeating: 0, count: 1 << 16)

        /// The number of `key`, given the next one if new.
        mutating func number(_ key: UInt64) -> Int {
            var mask = slots.count - 1
            var slot = Self.slot(key, mask: mask)
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { break }
                if keys[entry - 1] == key { return entry - 1 }
                slot = (slot + 1) & mask
            }
            keys.append(key)
            if keys.count * 2 > slots.count {
                slots = [Int32](repeating: 0, count: slots.count * 2)
                mask = slots.count - 1
                for (number, old) in keys.enumerated() {
                    var slot = Self.slot(old, mask: mask)
                    while slots[slot] != 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(number + 1)
                }
            } else {
                slots[slot] = Int32(keys.count)
            }
            return keys.count - 1
        }

        @inline(__always)
        private static func slot(_ key: UInt64, mask: Int) -> Int {
            let mixed = (key ^ key >> 31) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> 32) & mask
        }
    }
}
