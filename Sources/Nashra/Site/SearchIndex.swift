import NashraCore

/// The site's search index, decided in memory from each bulletin's `SearchTerms`: which bulletins
/// are documents (in the site's order, newest first, so a document's number is its rank among
/// equals), each term's postings, and how the terms are spread over shard files. A pure function
/// of its inputs, so an incremental build writes the same bytes as a clean one.
public struct SearchIndex: Sendable {
    /// Bulletin indices (into `Site.bulletins`) of the documents, in document order.
    public var documents: [Int]
    /// Term → (document, weight) by ascending document; `@l:slug` and `@t:slug` are the location
    /// and tag filters.
    public var postings: [String: [(document: Int, weight: UInt8)]]
    /// "a b" → documents where term b follows term a.
    public var pairs: [String: [Int]]
    public var termShards: Int
    public var pairShards: Int
    /// The names the Arabic stemmer never cuts, sorted: the reader's stemmer needs them too.
    public var names: [String]

    /// Documents per display shard (`search/d/N.json`).
    public static let documentsPerShard = 20
    /// About this many postings per term or pair shard.
    static let postingsPerShard = 4_000

    /// `terms[i]` is bulletin i's terms, or nil when it is not indexed.
    public static func make(_ site: Site, terms: [SearchTerms?], names: [String]) -> SearchIndex {
        let documents = site.bulletins.indices.filter { terms[$0] != nil }
        var postings: [String: [(document: Int, weight: UInt8)]] = [:]
        var pairs: [String: [Int]] = [:]
        var postingCount = 0
        var pairCount = 0
        for (document, bulletin) in documents.enumerated() {
            guard let own = terms[bulletin] else { continue }
            for (term, weight) in own.weights { postings[term, default: []].append((document, weight)) }
            for pair in own.pairs { pairs[pair, default: []].append(document) }
            if let location = site.locationTerm[bulletin] {
                postings["@l:" + site.locations.terms[location].slug, default: []].append((document, 1))
            }
            for tag in Set(site.tagTerms[bulletin]).sorted() {
                postings["@t:" + site.tags.terms[tag].slug, default: []].append((document, 1))
            }
            postingCount += own.weights.count + 1 + site.tagTerms[bulletin].count
            pairCount += own.pairs.count
        }
        return SearchIndex(documents: documents, postings: postings, pairs: pairs,
                           termShards: shardCount(postingCount), pairShards: shardCount(pairCount), names: names)
    }

    /// A power of two, so the reader finds a term's shard with a mask.
    static func shardCount(_ postings: Int) -> Int {
        var count = 1
        while count * postingsPerShard < postings && count < 4_096 { count *= 2 }
        return count
    }

    /// The shard of a term or pair: FNV-1a (32 bits) of its UTF-8, masked. `search.js` repeats it.
    public static func shard(of key: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash & UInt32(count - 1))
    }
}
