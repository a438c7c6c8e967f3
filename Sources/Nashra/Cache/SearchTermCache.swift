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
    /// 4: entries follow the header to the end of the file, with no count, so that a whole
    /// build can write them as it goes (`PackWriter`). 5: pairs in LEB128 (`encodePairs`).
    static let format: UInt64 = 5
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
                var terms: [UInt64: SearchTerms] = [:]
                while !reader.atEnd {
                    let hash = try reader.readUInt64()
                    terms[hash] = try read(&reader)
                }
                cache.terms.merge(terms) { old, _ in old }
            } catch {}
        }
        return cache
    }

    /// The terms of the entries whose content hash is in `hashes` only: the other entries of
    /// their packs are stepped over, not decoded (a pack holds a 64th of the archive's terms). A
    /// pack damaged at its end (an append cut short) still gives the entries before the damage.
    static func load(from folder: URL, key: UInt64, hashes: Set<UInt64>) -> SearchTermCache {
        var cache = SearchTermCache(folder: folder, key: key)
        for pack in Set(hashes.map(pack(of:))) {
            guard let bytes = RawFile.read(folder.appendingPathComponent("\(pack).terms").path) else { continue }
            var reader = ByteReader(bytes)
            do {
                guard try reader.readUInt64() == format, try reader.readUInt64() == key else { continue }
                while !reader.atEnd {
                    let hash = try reader.readUInt64()
                    if hashes.contains(hash), cache.terms[hash] == nil {
                        cache.terms[hash] = try read(&reader)
                    } else {
                        try skip(&reader)
                    }
                }
            } catch {}
        }
        return cache
    }

    /// Steps over one entry's terms and pairs (after its hash), checking only their lengths.
    private static func skip(_ reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let termCount = try reader.readCount(minimumSize: 2)
        for _ in 0..<termCount {
            try reader.skip(Int(try reader.readByte()) + 1)
        }
        let pairCount = try reader.readCount(minimumSize: 2)
        for _ in 0..<2 * pairCount { _ = try reader.readVarint() }
    }

    /// Adds the entries of `hashes` (from `terms`) at the end of their packs' files, as a patched
    /// build's new terms: the packs are not read or written whole. A pack that is missing, or was
    /// made under another key, is started anew with them. Best effort, as `save`.
    func append(_ hashes: some Sequence<UInt64>) {
        var byPack: [Int: ByteWriter] = [:]
        for hash in Set(hashes) {
            guard let entry = terms[hash] else { continue }
            Self.encode(hash, entry, into: &byPack[Self.pack(of: hash), default: ByteWriter()])
        }
        guard !byPack.isEmpty else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var header = ByteWriter()
        header.write(Self.format)
        header.write(key)
        for (pack, entries) in byPack {
            let path = folder.appendingPathComponent("\(pack).terms").path
            let descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            var start = [UInt8](repeating: 0, count: 16)
            if descriptor >= 0, Foundation.read(descriptor, &start, 16) == 16, start == header.bytes {
                _ = entries.bytes.withUnsafeBytes { RawFile.write($0, to: descriptor) }
                close(descriptor)
                continue
            }
            if descriptor >= 0 { close(descriptor) }
            Self.replace(URL(fileURLWithPath: path), with: header.bytes + entries.bytes)
        }
    }

    private static func read(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> SearchTerms {
        let termCount = try reader.readCount(minimumSize: 2)
        var own = SearchTerms()
        own.ends.reserveCapacity(termCount)
        own.weights.reserveCapacity(termCount)
        for _ in 0..<termCount {
            own.append(try reader.readShortBytes())
            own.weights.append(try reader.readByte())
        }
        own.pairs = try readPairs(&reader, termCount: termCount)
        return own
    }

    /// What `encodePairs` wrote, checked: each pair's terms exist, and the pairs ascend.
    static func readPairs(_ reader: inout ByteReader, termCount: Int) throws(ByteReader.Corrupt) -> [UInt64] {
        let pairCount = try reader.readCount(minimumSize: 2)
        var pairs: [UInt64] = []
        pairs.reserveCapacity(pairCount)
        var first: UInt64 = 0
        var second: UInt64 = 0
        for position in 0..<pairCount {
            let step = UInt64(try reader.readVarint())
            let next = UInt64(try reader.readVarint())
            first += step
            if step == 0 && position > 0 {
                guard next > 0 else { throw ByteReader.Corrupt() }
                second += next
            } else {
                second = next
            }
            guard first < UInt64(termCount), second < UInt64(termCount) else { throw ByteReader.Corrupt() }
            pairs.append(first << 32 | second)
        }
        return pairs
    }

    /// A document's pairs (sorted, each once: `SearchTerms.pairs`), their count and then two
    /// LEB128 numbers each: how far its first term is from the pair before's, and its second
    /// term, or how far that is from the one before when the first is the same. A byte or two
    /// each, where a pair's eight bytes were most of the cache's size.
    static func encodePairs(_ pairs: [UInt64], into writer: inout ByteWriter) {
        // `SearchTerms` keeps them so; anything else is put so rather than written wrong.
        let ascending = zip(pairs, pairs.dropFirst()).allSatisfy { $0 < $1 }
        let pairs = ascending ? pairs : Set(pairs).sorted()
        writer.write(pairs.count)
        var first: UInt64 = 0
        var second: UInt64 = 0
        for (position, pair) in pairs.enumerated() {
            let nextFirst = pair >> 32, nextSecond = pair & 0xFFFF_FFFF
            writer.write(varint: UInt32(nextFirst - first))
            writer.write(varint: UInt32(nextFirst == first && position > 0 ? nextSecond - second : nextSecond))
            first = nextFirst
            second = nextSecond
        }
    }

    /// The bytes of one entry, for `PackWriter.add`.
    static func entry(_ hash: UInt64, _ terms: SearchTerms) -> [UInt8] {
        var writer = ByteWriter(capacity: 24 + terms.bytes.count + terms.count * 2 + terms.pairs.count * 4)
        encode(hash, terms, into: &writer)
        return writer.bytes
    }

    /// One entry: the content hash, then the terms (each with its weight) and the pairs.
    fileprivate static func encode(_ hash: UInt64, _ entry: SearchTerms, into writer: inout ByteWriter) {
        writer.write(hash)
        writer.write(entry.count)
        entry.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for (end, weight) in zip(entry.ends, entry.weights) {
                writer.write(shortBytes: UnsafeBufferPointer(rebasing: bytes[start..<Int(end)]))
                writer.write(byte: weight)
                start = Int(end)
            }
        }
        encodePairs(entry.pairs, into: &writer)
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
            for (hash, entry) in (entriesByPack[pack] ?? []).sorted(by: { $0.0 < $1.0 }) {
                Self.encode(hash, entry, into: &writer)
            }
            Self.replace(folder.appendingPathComponent("\(pack).terms"), with: writer.bytes)
        }
    }

    /// Writes every pack anew as a whole build tokenizes: `add` each document's terms (a
    /// content hash met again is skipped), `flush` after each batch appends them to the packs'
    /// files beside the old ones, and `finish` puts those in place (or `discard` drops them).
    /// The terms of the whole archive are never held at once.
    struct PackWriter {
        let folder: URL
        let key: UInt64
        private var buffers: [ByteWriter]
        private var descriptors: [Int32]
        private var seen: Set<UInt64> = []
        private var failed = false

        init(folder: URL, key: UInt64) {
            self.folder = folder
            self.key = key
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            buffers = []
            descriptors = []
            for pack in 0..<SearchTermCache.packCount {
                var header = ByteWriter()
                header.write(SearchTermCache.format)
                header.write(key)
                buffers.append(header)
                descriptors.append(open(Self.temporary(pack, in: folder), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644))
            }
            failed = descriptors.contains { $0 < 0 }
        }

        private static func temporary(_ pack: Int, in folder: URL) -> String {
            folder.appendingPathComponent("\(pack).terms").path + ".\(getpid()).tmp"
        }

        /// Adds the entry of `hash` (as `SearchTermCache.entry` encodes it).
        mutating func add(_ hash: UInt64, entry: [UInt8]) {
            guard !failed, seen.insert(hash).inserted else { return }
            buffers[SearchTermCache.pack(of: hash)].append(entry[...])
        }

        /// Appends what was added since the last flush to the packs' files.
        mutating func flush() {
            for pack in buffers.indices where !failed {
                let bytes = buffers[pack].bytes
                guard !bytes.isEmpty else { continue }
                var done = 0
                bytes.withUnsafeBytes { raw in
                    while done < raw.count {
                        let count = write(descriptors[pack], raw.baseAddress! + done, raw.count - done)
                        if count <= 0 { break }
                        done += count
                    }
                }
                if done < bytes.count { failed = true }
                buffers[pack] = ByteWriter()
            }
        }

        /// Flushes and puts every pack in place (best effort: a pack that cannot be written
        /// only makes the next build slower).
        mutating func finish() {
            flush()
            for pack in descriptors.indices {
                if descriptors[pack] >= 0 { close(descriptors[pack]) }
                let temporary = Self.temporary(pack, in: folder)
                if failed || rename(temporary, folder.appendingPathComponent("\(pack).terms").path) != 0 { unlink(temporary) }
            }
            descriptors = []
        }

        /// Drops what was written.
        mutating func discard() {
            for pack in descriptors.indices {
                if descriptors[pack] >= 0 { close(descriptors[pack]) }
                unlink(Self.temporary(pack, in: folder))
            }
            descriptors = []
        }
    }

    /// Writes beside and renames, so a reader never sees half a file.
    static func replace(_ url: URL, with bytes: [UInt8]) {
        let temporary = url.path + ".\(getpid()).tmp"
        let complete = bytes.withUnsafeBytes { RawFile.write($0, to: temporary) } != nil
        if !complete || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}

/// What the previous index was made of, for patching it: by document number, each document's
/// fingerprint (what its postings and its display entry are made from), content hash, the filter
/// keys it was posted under, and how many postings and pairs it added (which decide the shard
/// counts). Kept as flat arrays and written and read as blocks: a one-edit build reads and writes
/// it whole, so it must cost well under a millisecond at 10,000 documents.
struct SearchIndexState: Equatable {
    var fingerprints: [UInt64] = []
    var contentHashes: [UInt64] = []
    var postingCounts: [Int32] = []
    var pairCounts: [Int32] = []
    /// The filter keys (`@l:slug` and `@t:slug`, as UTF-8) that documents' `filters` number.
    var keys: [[UInt8]] = []
    /// Document i's filters are `filterNumbers[filterEnds[i - 1]..<filterEnds[i]]` (from 0 for the first).
    var filterEnds: [UInt32] = []
    var filterNumbers: [UInt32] = []

    var count: Int { fingerprints.count }

    /// Document `document`'s filter keys.
    func filters(of document: Int) -> [[UInt8]] {
        let start = document == 0 ? 0 : Int(filterEnds[document - 1])
        return filterNumbers[start..<Int(filterEnds[document])].map { keys[Int($0)] }
    }

    mutating func setFilters(_ filters: [[UInt32]]) {
        filterEnds = []
        filterEnds.reserveCapacity(filters.count)
        filterNumbers = []
        for own in filters {
            filterNumbers += own
            filterEnds.append(UInt32(filterNumbers.count))
        }
    }

    static func load(from folder: URL, key: UInt64) -> SearchIndexState? {
        guard let bytes = RawFile.read(folder.appendingPathComponent("index.state").path) else { return nil }
        return bytes.withUnsafeBytes { raw -> SearchIndexState? in
            var position = 0
            func number() -> UInt64? {
                guard position + 8 <= raw.count else { return nil }
                defer { position += 8 }
                return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            }
            func block<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T]? {
                let size = count * MemoryLayout<T>.size
                guard count >= 0, position + size <= raw.count else { return nil }
                defer { position += size }
                return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<position + size]))
                    initialized = count
                }.map { T(littleEndian: $0) }
            }
            func readCount() -> Int? {
                number().flatMap { $0 <= UInt64(raw.count) ? Int($0) : nil }
            }
            guard number() == SearchTermCache.format, number() == key, let count = readCount(), let keyCount = readCount() else { return nil }
            var state = SearchIndexState()
            for _ in 0..<keyCount {
                guard let length = readCount(), length <= raw.count - position else { return nil }
                state.keys.append(Array(raw[position..<position + length]))
                position += length
            }
            guard let fingerprints = block(count, UInt64.self), let hashes = block(count, UInt64.self),
                  let postings = block(count, Int32.self), let pairs = block(count, Int32.self),
                  let ends = block(count, UInt32.self), let numbers = block(Int(ends.last ?? 0), UInt32.self), position == raw.count,
                  zip(ends, ends.dropFirst()).allSatisfy({ $0 <= $1 }), numbers.allSatisfy({ Int($0) < keyCount }) else { return nil }
            (state.fingerprints, state.contentHashes, state.postingCounts, state.pairCounts) = (fingerprints, hashes, postings, pairs)
            (state.filterEnds, state.filterNumbers) = (ends, numbers)
            return state
        }
    }

    func save(to folder: URL, key: UInt64) {
        var writer = ByteWriter(capacity: 64 + keys.reduce(0) { $0 + $1.count + 8 } + count * 32 + filterNumbers.count * 4)
        writer.write(SearchTermCache.format)
        writer.write(key)
        writer.write(count)
        writer.write(keys.count)
        for key in keys { writer.write(bytes: key) }
        var bytes = writer.bytes
        func block<T: FixedWidthInteger>(_ values: [T]) {
            values.map(\.littleEndian).withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        block(fingerprints)
        block(contentHashes)
        block(postingCounts)
        block(pairCounts)
        block(filterEnds)
        block(filterNumbers)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        SearchTermCache.replace(folder.appendingPathComponent("index.state"), with: bytes)
    }
}
