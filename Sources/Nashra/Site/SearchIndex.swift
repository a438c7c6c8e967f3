import NashraCore

/// The site's search index, decided in memory from each bulletin's `SearchTerms`: which bulletins
/// are documents (in the site's order, newest first, so a document's number is its rank among
/// equals), each term's postings, and how the terms are spread over shard files. A pure function
/// of its inputs, so an incremental build writes the same bytes as a clean one.
///
/// Terms are interned to numbers as they are met, and pairs are two term numbers: the postings
/// of a 10,000-bulletin archive are millions of appends, which then hash an integer, not text.
public struct SearchIndex: Sendable {
    /// Bulletin indices (into `Site.bulletins`) of the documents, in document order.
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
        let documents = site.bulletins.indices.filter { terms[$0] != nil }
        var index = SearchIndex(documents: documents, terms: [], postings: [], pairs: [], pairPostings: [],
                                termShards: 1, pairShards: 1, names: names)
        var termNumbers: [[UInt8]: Int32] = [:]
        var pairNumbers: [UInt64: Int32] = [:]
        var postingCount = 0
        var pairCount = 0
        func number(_ term: [UInt8]) -> Int32 {
            if let number = termNumbers[term] { return number }
            let number = Int32(index.terms.count)
            termNumbers[term] = number
            index.terms.append(term)
            index.postings.append([])
            return number
        }
        var own: [Int32] = []
        for (document, bulletin) in documents.enumerated() {
            guard let bulletinTerms = terms[bulletin] else { continue }
            let document = Int32(document)
            own = bulletinTerms.terms.map(number)
            for (term, weight) in zip(own, bulletinTerms.weights) { index.postings[Int(term)].append((document, weight)) }
            for pair in bulletinTerms.pairs {
                let key = UInt64(UInt32(own[Int(pair >> 32)])) << 32 | UInt64(UInt32(own[Int(pair & 0xFFFF_FFFF)]))
                if let number = pairNumbers[key] {
                    index.pairPostings[Int(number)].append(document)
                } else {
                    pairNumbers[key] = Int32(index.pairs.count)
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
}
