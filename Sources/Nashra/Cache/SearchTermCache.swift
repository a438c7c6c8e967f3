import Foundation
import NashraCore

/// Each indexed bulletin's `SearchTerms` by its file's content hash, beside the build cache
/// (`<cache>.search`), so that an edit re-tokenizes only the edited bulletin. `key` covers what
/// terms depend on besides the file: the Nashra binary, `nashra.yaml`, and the names the stemmer
/// keeps whole; a cache made under another key is ignored.
struct SearchTermCache {
    static let format: UInt64 = 1
    var key: UInt64
    var terms: [UInt64: SearchTerms] = [:]

    static func load(from url: URL, key: UInt64) -> SearchTermCache {
        var cache = SearchTermCache(key: key)
        guard let bytes = RawFile.read(url.path) else { return cache }
        var reader = ByteReader(bytes)
        do {
            guard try reader.readUInt64() == format, try reader.readUInt64() == key else { return cache }
            let count = try reader.readCount(minimumSize: 24)
            var terms: [UInt64: SearchTerms] = [:]
            terms.reserveCapacity(count)
            for _ in 0..<count {
                let hash = try reader.readUInt64()
                let weightCount = try reader.readCount(minimumSize: 9)
                var weights: [(term: String, weight: UInt8)] = []
                weights.reserveCapacity(weightCount)
                for _ in 0..<weightCount {
                    let term = try reader.readString()
                    weights.append((term, UInt8(clamping: try reader.readInt())))
                }
                let pairCount = try reader.readCount(minimumSize: 8)
                var pairs: [String] = []
                pairs.reserveCapacity(pairCount)
                for _ in 0..<pairCount { pairs.append(try reader.readString()) }
                terms[hash] = SearchTerms(weights: weights, pairs: pairs)
            }
            guard reader.atEnd else { return cache }
            cache.terms = terms
        } catch {}
        return cache
    }

    /// Best effort: a cache that cannot be written only makes the next build slower.
    func save(to url: URL) {
        var writer = ByteWriter()
        writer.write(Self.format)
        writer.write(key)
        writer.write(terms.count)
        for (hash, entry) in terms.sorted(by: { $0.key < $1.key }) {
            writer.write(hash)
            writer.write(entry.weights.count)
            for (term, weight) in entry.weights {
                writer.write(term)
                writer.write(Int(weight))
            }
            writer.write(entry.pairs.count)
            for pair in entry.pairs { writer.write(pair) }
        }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.path + ".\(getpid()).tmp"
        let complete = writer.bytes.withUnsafeBytes { RawFile.write($0, to: temporary) } != nil
        if !complete || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}
