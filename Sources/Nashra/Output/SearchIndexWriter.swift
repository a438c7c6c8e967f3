import NashraCore

/// The search index as the files the reader fetches, all below `search/`:
/// `manifest.json` (counts, shard sizes, the names the stemmer keeps whole), `t/N.json` (terms →
/// postings), `p/N.json` (neighbouring pairs → documents, for exact phrases) and `d/N.json`
/// (what a result shows: URL, headline, date, dateline, tags and snippet, 20 documents a file).
///
/// A posting list is a JSON array of numbers: for terms `delta × 3 + weight − 1`, for pairs the
/// delta alone, where delta is the document number minus the previous one's (the first's own).
/// Keys are written in UTF-8 order, so the same index always gives the same bytes, and an
/// incremental build can read a shard back (`parseShard`) and patch it.
struct SearchIndexWriter {
    static let folder = "search/"
    let site: Site
    let index: SearchIndex
    /// Where the files go, below the output folder: `search/`, or another folder (an edition's own index).
    var indexFolder: String = SearchIndexWriter.folder

    typealias TermEntry = (key: [UInt8], postings: [(document: Int32, weight: UInt8)])
    typealias PairEntry = (key: [UInt8], documents: [Int32])

    /// Every file of the index, path (below the output folder) and bytes, handed to `body` a
    /// few dozen at a time (so the bytes of the whole index are never held at once). Shards are
    /// made on all cores, each written by hand into one byte buffer.
    func files(_ body: ([(path: String, bytes: [UInt8])]) -> Void) {
        body([(indexFolder + "manifest.json", manifest())])
        let index = index
        let folder = indexFolder
        let group = 64
        typealias Files = [(path: String, bytes: [UInt8])]
        var groups: [@Sendable () -> Files] = []
        let termBuckets = Self.buckets(0..<index.termCount, count: index.termShards) { number in
            index.terms.withKey(number) { SearchIndex.shard(of: $0, count: index.termShards) }
        }
        for start in stride(from: 0, to: termBuckets.count, by: group) {
            groups.append {
                Array(start..<min(start + group, termBuckets.count)).parallelMap { number in
                    (Self.termShardPath(number, in: folder),
                     Self.heldShard(termBuckets[number].map { (index.term($0), index.postingList(ofTerm: $0)) }))
                }
            }
        }
        let pairBuckets = Self.buckets(index.pairs.indices, count: index.pairShards) { number in
            let pair = index.pairs[number]
            return index.terms.withKey(Int(pair >> 32)) { first in
                index.terms.withKey(Int(pair & 0xFFFF_FFFF)) { second in
                    SearchIndex.shard(ofPair: first, second, count: index.pairShards)
                }
            }
        }
        for start in stride(from: 0, to: pairBuckets.count, by: group) {
            groups.append {
                Array(start..<min(start + group, pairBuckets.count)).parallelMap { number in
                    (Self.pairShardPath(number, in: folder),
                     Self.heldShard(pairBuckets[number].map { (index.pairKey(index.pairs[$0]), index.pairList(ofPair: $0)) }))
                }
            }
        }
        let shards = (index.documents.count + SearchIndex.documentsPerShard - 1) / SearchIndex.documentsPerShard
        let writer = self
        for start in stride(from: 0, to: shards, by: group) {
            groups.append { Array(start..<min(start + group, shards)).parallelMap { writer.documentShard($0) } }
        }
        // Each group is made (on other threads) while the one before it is handed to `body`,
        // which writes files one at a time on this thread.
        var upcoming = groups.first.map { BackgroundWork($0) }
        for position in groups.indices {
            let files = upcoming!.value
            upcoming = position + 1 < groups.count ? BackgroundWork(groups[position + 1]) : nil
            body(files)
        }
    }

    /// Every file of the index at once (see `files(_:)`).
    func files() -> [(path: String, bytes: [UInt8])] {
        var all: [(path: String, bytes: [UInt8])] = []
        files { all += $0 }
        return all
    }

    static func termShardPath(_ number: Int, in folder: String = SearchIndexWriter.folder) -> String { folder + "t/\(number).json" }
    static func pairShardPath(_ number: Int, in folder: String = SearchIndexWriter.folder) -> String { folder + "p/\(number).json" }

    /// Only the paths, for the site's manifest of files.
    static func paths(documents: Int, termShards: Int, pairShards: Int, in folder: String = SearchIndexWriter.folder) -> [String] {
        var paths = [folder + "manifest.json"]
        paths += (0..<termShards).map { termShardPath($0, in: folder) }
        paths += (0..<pairShards).map { pairShardPath($0, in: folder) }
        let perShard = SearchIndex.documentsPerShard
        paths += (0..<(documents + perShard - 1) / perShard).map { folder + "d/\($0).json" }
        return paths
    }

    func manifest() -> [UInt8] {
        let text = "{\"version\":1,\"documents\":\(index.documents.count),\"termShards\":\(index.termShards),"
            + "\"pairShards\":\(index.pairShards),\"perShard\":\(SearchIndex.documentsPerShard),\n\"names\":["
            + index.names.map(XMLText.json).joined(separator: ",") + "]}\n"
        return Array(text.utf8)
    }

    /// Display shard `number`: what a result shows of its 20 documents.
    func documentShard(_ number: Int) -> (path: String, bytes: [UInt8]) {
        let perShard = SearchIndex.documentsPerShard
        let slice = index.documents[number * perShard..<min((number + 1) * perShard, index.documents.count)]
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(slice.count * 640)
        let config = site.config
        for (position, bulletin) in slice.enumerated() {
            if position > 0 { bytes += ",\n".utf8 }
            document(bulletin, config: config, into: &bytes)
        }
        bytes += "]\n".utf8
        return (indexFolder + "d/\(number).json", bytes)
    }

    /// The numbers in `numbers` by the shard of their key. Every shard is written, empty ones as
    /// `{}`, so the reader never asks for a missing file.
    private static func buckets(_ numbers: Range<Int>, count: Int, shard: (Int) -> Int) -> [[Int]] {
        var buckets = [[Int]](repeating: [], count: count)
        for number in numbers { buckets[shard(number)].append(number) }
        return buckets
    }

    /// A term shard: its postings lists, `delta × 3 + weight − 1` each.
    static func termShard(_ entries: [TermEntry]) -> [UInt8] {
        shard(entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }) { entry, out in
            key(entry.key, into: &out)
            out.append(UInt8(ascii: "["))
            var previous: Int32 = 0
            for (position, posting) in entry.postings.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                number(Int(posting.document - previous) * 3 + Int(posting.weight) - 1, into: &out)
                previous = posting.document
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A pair shard: its documents lists, the deltas. ("a b" in UTF-8 order is (a, b) in UTF-8
    /// order: the space sorts before every byte of a term.)
    static func pairShard(_ entries: [PairEntry]) -> [UInt8] {
        shard(entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }) { entry, out in
            key(entry.key, into: &out)
            out.append(UInt8(ascii: "["))
            var previous: Int32 = 0
            for (position, document) in entry.documents.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                number(Int(document - previous), into: &out)
                previous = document
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A shard written from the index's own lists (`SearchIndex.postingList` and `pairList`:
    /// LEB128 numbers, already `delta × 3 + weight − 1` for a term and the delta for a pair),
    /// each number as it is held: the bytes `termShard` and `pairShard` write from the postings.
    static func heldShard(_ entries: [(key: [UInt8], list: ArraySlice<UInt8>)]) -> [UInt8] {
        var size = 4
        for entry in entries { size += entry.key.count + entry.list.count * 3 + 8 }
        return shard(entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }, capacity: size) { entry, out in
            key(entry.key, into: &out)
            out.append(UInt8(ascii: "["))
            var value = 0
            var shift = 0
            var first = true
            for byte in entry.list {
                value |= Int(byte & 0x7F) << shift
                guard byte & 0x80 == 0 else {
                    shift += 7
                    continue
                }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                number(value, into: &out)
                value = 0
                shift = 0
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// `{entry,\nentry}\n`, each entry written by `entry`.
    private static func shard<Entry>(_ entries: [Entry], capacity: Int = 0, entry: (Entry, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        out.append(UInt8(ascii: "{"))
        for (position, item) in entries.enumerated() {
            if position > 0 { out += [UInt8(ascii: ","), UInt8(ascii: "\n")] }
            entry(item, &out)
        }
        out += [UInt8(ascii: "}"), UInt8(ascii: "\n")]
        return out
    }

    /// `"key":`. Terms are letters, digits and marks, slugs and the space of a pair: nothing
    /// JSON or `XMLText.json` escapes, but a key that has such a byte still goes through it.
    private static func key(_ key: [UInt8], into out: inout [UInt8]) {
        if key.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
            out += XMLText.json(String(decoding: key, as: UTF8.self)).utf8
        } else {
            out.append(UInt8(ascii: "\""))
            out += key
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ":"))
    }

    /// A non-negative number in decimal.
    @inline(__always)
    private static func number(_ value: Int, into out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var divisor = 10
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// A shard as `termShard` or `pairShard` wrote it: each key and the numbers of its list as
    /// written. Nil for anything else, escaped keys included (the caller then builds anew).
    static func parseShard(_ bytes: [UInt8]) -> [(key: [UInt8], numbers: [Int])]? {
        var entries: [(key: [UInt8], numbers: [Int])] = []
        var position = 0
        func expect(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard expect(UInt8(ascii: "{")) else { return nil }
        if expect(UInt8(ascii: "}")) { return expect(UInt8(ascii: "\n")) && position == bytes.count ? [] : nil }
        while true {
            guard expect(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") { position += 1 }
            let key = Array(bytes[start..<min(position, bytes.count)])
            guard expect(UInt8(ascii: "\"")), expect(UInt8(ascii: ":")), expect(UInt8(ascii: "[")) else { return nil }
            var numbers: [Int] = []
            while true {
                var value = 0
                let digits = position
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                    value = value * 10 + Int(bytes[position] - 0x30)
                    position += 1
                }
                guard position > digits, position - digits < 12 else { return nil }
                numbers.append(value)
                if expect(UInt8(ascii: "]")) { break }
                guard expect(UInt8(ascii: ",")) else { return nil }
            }
            entries.append((key, numbers))
            if expect(UInt8(ascii: "}")) { break }
            guard expect(UInt8(ascii: ",")), expect(UInt8(ascii: "\n")) else { return nil }
        }
        return expect(UInt8(ascii: "\n")) && position == bytes.count ? entries : nil
    }

    /// A document's display entry, `{"u":…,"t":…,…}`, appended to `out` (a string per field
    /// and per document was most of a display shard's making).
    private func document(_ bulletinIndex: Int, config: SiteConfig, into out: inout [UInt8]) {
        let bulletin = site.bulletins[bulletinIndex]
        let (civil, offset) = config.timeZone.localTime(at: bulletin.date.secondsSinceEpoch)
        out += "{\"u\":".utf8
        XMLText.json(site.permalinks[bulletinIndex].href(root: config.rootPath), into: &out)
        out += ",\"t\":".utf8
        XMLText.json(bulletin.title, into: &out)
        out += ",\"d\":".utf8
        XMLText.json(DateStyle.iso(civil, offset: offset), into: &out)
        out += ",\"dd\":".utf8
        XMLText.json(config.dateStyle.display(civil, hasTime: bulletin.date.hasTime, language: bulletin.language), into: &out)
        out += ",\"lang\":".utf8
        XMLText.json(bulletin.language, into: &out)
        out += ",\"dir\":".utf8
        XMLText.json(bulletin.direction.rawValue, into: &out)
        out += ",\"s\":".utf8
        XMLText.json(bulletin.summary.nfc, into: &out)
        // Terms are read in place: a `Term` is big, and a copy retains each of its fields.
        if let location = site.locationTerm[bulletinIndex] {
            out += ",\"l\":[".utf8
            XMLText.json(bulletin.location ?? site.locations.terms[location].name, into: &out)
            out.append(UInt8(ascii: ","))
            XMLText.json(site.locations.terms[location].slug, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        let tags = site.tagTerms[bulletinIndex]
        if !tags.isEmpty {
            out += ",\"g\":[".utf8
            for (position, tag) in tags.enumerated() {
                out += (position > 0 ? ",[" : "[").utf8
                XMLText.json(site.tags.terms[tag].name, into: &out)
                out.append(UInt8(ascii: ","))
                XMLText.json(site.tags.terms[tag].slug, into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }
}
