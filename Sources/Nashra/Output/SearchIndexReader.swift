import Foundation
import NashraCore

/// Answers a query from a built site's index files, as `search.js` does in the browser (the same
/// shards fetched, the same score): for `nashra search`, scripts and tests.
public struct SearchIndexReader {
    /// One result: the bulletin's URL and headline, and its score.
    public struct Result: Sendable, Equatable {
        public var url: String
        public var title: String
        public var score: Double
    }

    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case corrupt(String)

        public var description: String {
            switch self {
            case .missing(let path): "\(path) is missing: build the site with search on first"
            case .corrupt(let path): "\(path) is not a search index file Nashra wrote; build the site again"
            }
        }
    }

    let folder: URL
    let documents: Int
    let termShards: Int
    let pairShards: Int
    let perShard: Int
    public let analyzer: SearchAnalyzer

    /// Reads `<site>/search/manifest.json`.
    public init(site: URL) throws(Failure) {
        folder = site.appendingPathComponent("search")
        let manifest = try Self.object(folder.appendingPathComponent("manifest.json"))
        guard let documents = manifest["documents"] as? Int, let termShards = manifest["termShards"] as? Int,
              let pairShards = manifest["pairShards"] as? Int, let perShard = manifest["perShard"] as? Int,
              let names = manifest["names"] as? [String], termShards > 0, pairShards > 0, perShard > 0 else {
            throw .corrupt(folder.appendingPathComponent("manifest.json").path)
        }
        (self.documents, self.termShards, self.pairShards, self.perShard) = (documents, termShards, pairShards, perShard)
        analyzer = SearchAnalyzer(names: names)
    }

    /// Ranked results: for each term, ln(1 + N/df) × its weight in the document, summed; equal
    /// scores newest first. `filters` are `@l:slug` and `@t:slug` keys.
    public func search(_ text: String, filters: [String] = []) throws(Failure) -> [Result] {
        let query = SearchQuery(text, analyzer: analyzer)
        guard !query.terms.isEmpty else { return [] }
        var lists: [(postings: [Int: Int], scored: Bool)] = []
        for term in query.terms { lists.append((try postings(term, pair: false), true)) }
        for pair in query.pairs { lists.append((try postings(pair, pair: true), false)) }
        for filter in filters { lists.append((try postings(filter, pair: false), false)) }
        guard lists.allSatisfy({ !$0.postings.isEmpty }) else { return [] }
        let shortest = lists.min { $0.postings.count < $1.postings.count }!
        var scores: [Int: Double] = [:]
        for document in shortest.postings.keys { scores[document] = 0 }
        // Summed in the same order as search.js (shortest list first), so the floats agree.
        let ordered = lists.enumerated().sorted { ($0.element.postings.count, $0.offset) < ($1.element.postings.count, $1.offset) }
        for (_, list) in ordered {
            let idf = log(1 + Double(documents) / Double(list.postings.count))
            for (document, score) in scores {
                guard let weight = list.postings[document] else {
                    scores[document] = nil
                    continue
                }
                if list.scored { scores[document] = score + idf * Double(weight) }
            }
        }
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
        var shards: [Int: [Any]] = [:]
        var results: [Result] = []
        for (document, score) in ranked {
            let number = document / perShard
            let shard: [Any]
            if let known = shards[number] {
                shard = known
            } else {
                shard = try array(folder.appendingPathComponent("d/\(number).json"))
                shards[number] = shard
            }
            guard document % perShard < shard.count, let entry = shard[document % perShard] as? [String: Any],
                  let url = entry["u"] as? String, let title = entry["t"] as? String else {
                throw .corrupt(folder.appendingPathComponent("d/\(number).json").path)
            }
            results.append(Result(url: url, title: title, score: score))
        }
        return results
    }

    /// Document → weight (1 for pairs and filters).
    private func postings(_ key: String, pair: Bool) throws(Failure) -> [Int: Int] {
        let path = (pair ? "p/" : "t/") + "\(SearchIndex.shard(of: key, count: pair ? pairShards : termShards)).json"
        let shard = try Self.object(folder.appendingPathComponent(path))
        guard let raw = shard[key] else { return [:] }
        guard let values = raw as? [Int] else { throw .corrupt(folder.appendingPathComponent(path).path) }
        var result: [Int: Int] = [:]
        var document = 0
        for value in values {
            document += pair ? value : value / 3
            result[document] = pair ? 1 : value % 3 + 1
        }
        return result
    }

    private static func object(_ url: URL) throws(Failure) -> [String: Any] {
        guard let object = try json(url) as? [String: Any] else { throw .corrupt(url.path) }
        return object
    }

    private func array(_ url: URL) throws(Failure) -> [Any] {
        guard let array = try Self.json(url) as? [Any] else { throw .corrupt(url.path) }
        return array
    }

    private static func json(_ url: URL) throws(Failure) -> Any {
        guard let bytes = RawFile.read(url.path) else { throw .missing(url.path) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)) else { throw .corrupt(url.path) }
        return value
    }
}
