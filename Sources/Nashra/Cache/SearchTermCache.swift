import Foundation
import NashraCore

/// What the search stage keeps for the next build, in a folder beside the build cache
/// (`<cache>.searchindex/`): each indexed bulletin's `SearchTerms` by its file's content hash, and the
/// index's `SearchIndexState`. `key` covers what terms depend on besides the file: the Nashra
/// binary, `nashra.yaml`, the names the stemmer keeps whole and `content/_data/`; anything made
/// under another key is ignored.
///
/// The terms are spread over `packCount` files by content hash, so that an edit reads and writes
/// the pack of the old and of the new version, not the whole archive's terms.
struct SearchTermCache {
    static let format: UInt64 = 2
    static let packCount = 64
    let folder: URL
    let key: UInt64
    var terms: [UInt64: SearchTerms] = [:]

    init(folder: URL, key: UInt64) {
        self.folder = folder
        self.key = key
    }

    static func pack(of hash: UInt64) -> Int { Int(hash % UInt64(packCount)) }

    /// The terms of the packs `packs`; a pack that is missing or unreadable adds nothing.
    static func load(from folder: URL, key: UInt64, packs: some Sequence<Int>) -> SearchTermCache {
        var cache = SearchTermCache(folder: folder, key: key)
        for pack in Set(packs) {
            guard let bytes = RawFile.read(folder.appendingPathComponent("\(pack).terms").path) else { continue }
            var reader = ByteReader(bytes)
            do {
                guard try reader.readUInt64() == format, try reader.readUInt64() == key else { continue }
                let count = try reader.readCount(minimumSize: 24)
                var terms: [UInt64: SearchTerms] = [:]
                terms.reserveCapacity(count)
                for _ in 0..<count {
                    let hash = try reader.readUInt64()
                    terms[hash] = try read(&reader)
                }
                guard reader.atEnd else { continue }
                cache.terms.merge(terms) { old, _ in old }
            } catch {}
        }
        return cache
    }

    private static func read(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> SearchTerms {
        let termCount = try reader.readCount(minimumSize: 2)
        var own = SearchTerms(terms: [], weights: [], pairs: [])
        own.terms.reserveCapacity(termCount)
        own.weights.reserveCapacity(termCount)
        for _ in 0..<termCount {
            own.terms.append(try reader.readShortBytes())
            own.weights.append(try reader.readByte())
        }
        let pairCount = try reader.readCount(minimumSize: 8)
        own.pairs.reserveCapacity(pairCount)
        for _ in 0..<pairCount {
            let pair = try reader.readUInt64()
            guard pair >> 32 < UInt64(termCount), pair & 0xFFFF_FFFF < UInt64(termCount) else { throw ByteReader.Corrupt() }
            own.pairs.append(pair)
        }
        return own
    }

    /// Writes the packs `packs` from `terms` (all packs when nil, which also drops what no
    /// bulletin has any more). Best effort: a cache that cannot be written only makes the next
    /// build slower.
    func save(packs: Set<Int>? = nil) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var byPack: [Int: [(UInt64, SearchTerms)]] = [:]
        for (hash, entry) in terms where packs?.contains(Self.pack(of: hash)) ?? true {
            byPack[Self.pack(of: hash), default: []].append((hash, entry))
        }
        let written = packs.map { Array($0) } ?? Array(0..<Self.packCount)
        let entriesByPack = byPack
        _ = written.parallelMap { pack in
            var writer = ByteWriter()
            writer.write(Self.format)
            writer.write(key)
            let entries = (entriesByPack[pack] ?? []).sorted { $0.0 < $1.0 }
            writer.write(entries.count)
            for (hash, entry) in entries {
                writer.write(hash)
                writer.write(entry.terms.count)
                for (term, weight) in zip(entry.terms, entry.weights) {
                    writer.write(shortBytes: term)
                    writer.write(byte: weight)
                }
                writer.write(entry.pairs.count)
                for pair in entry.pairs { writer.write(pair) }
            }
            Self.replace(folder.appendingPathComponent("\(pack).terms"), with: writer.bytes)
        }
    }

    /// Writes beside and renames, so a reader never sees half a file.
    static func replace(_ url: URL, with bytes: [UInt8]) {
        let temporary = url.path + ".\(getpid()).tmp"
        let complete = bytes.withUnsafeBytes { RawFile.write($0, to: temporary) } != nil
        if !complete || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}

/// What the previous index was made of, for patching it: each document's fingerprint (what its
/// postings and its display entry are made from) and content hash, the filter keys it was
/// posted under, and how many postings and pairs it added (which decide the shard counts).
struct SearchIndexState: Equatable {
    struct Document: Equatable {
        var fingerprint: UInt64
        var contentHash: UInt64
        /// `@l:slug` and `@t:slug`, as UTF-8.
        var filters: [[UInt8]]
        var postingCount: Int
        var pairCount: Int
    }
    var documents: [Document] = []

    static func load(from folder: URL, key: UInt64) -> SearchIndexState? {
        guard let bytes = RawFile.read(folder.appendingPathComponent("index.state").path) else { return nil }
        var reader = ByteReader(bytes)
        do {
            guard try reader.readUInt64() == SearchTermCache.format, try reader.readUInt64() == key else { return nil }
            var state = SearchIndexState()
            let count = try reader.readCount(minimumSize: 40)
            state.documents.reserveCapacity(count)
            for _ in 0..<count {
                let fingerprint = try reader.readUInt64()
                let contentHash = try reader.readUInt64()
                let filterCount = try reader.readCount(minimumSize: 8)
                var filters: [[UInt8]] = []
                for _ in 0..<filterCount { filters.append(try reader.readBytes()) }
                state.documents.append(Document(fingerprint: fingerprint, contentHash: contentHash, filters: filters,
                                                postingCount: try reader.readInt(), pairCount: try reader.readInt()))
            }
            return reader.atEnd ? state : nil
        } catch {
            return nil
        }
    }

    func save(to folder: URL, key: UInt64) {
        var writer = ByteWriter()
        writer.write(SearchTermCache.format)
        writer.write(key)
        writer.write(documents.count)
        for document in documents {
            writer.write(document.fingerprint)
            writer.write(document.contentHash)
            writer.write(document.filters.count)
            for filter in document.filters { writer.write(bytes: filter) }
            writer.write(document.postingCount)
            writer.write(document.pairCount)
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        SearchTermCache.replace(folder.appendingPathComponent("index.state"), with: writer.bytes)
    }
}
