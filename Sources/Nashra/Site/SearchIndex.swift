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
/// Terms are interned to numbers as they are met (their UTF-8 kept once, in one table), pairs are
/// two term numbers, and postings are flat byte arrays by term number (`postingStarts`), made by
/// `Assembler` from a few numbers per posting: a 10,000-bulletin archive has millions of postings,
/// and an array or a byte-array key per term, pair or document was most of a build's memory.
/// A posting is kept as the shard file writes it, `delta × 3 + weight − 1` (for a pair, the
/// delta), in LEB128: a byte or two where a document number and a weight took five.
public struct SearchIndex: Sendable {
    /// Bulletin indices (into `Site.bulletins`) of the documents, in document order (oldest first).
    public var documents: [Int]
    /// Every term as UTF-8, by number; `@l:slug` and `@t:slug` are the location and tag filters.
    var terms: SearchByteTable
    /// Term t's postings are `postingBytes[postingStarts[t]..<postingStarts[t + 1]]`, by
    /// ascending document.
    var postingStarts: [Int]
    var postingBytes: [UInt8]
    /// Neighbouring terms (`first << 32 | second`, term numbers), by pair number.
    var pairs: [UInt64]
    /// Pair p's documents (where its second term follows its first) are
    /// `pairBytes[pairStarts[p]..<pairStarts[p + 1]]`, ascending.
    var pairStarts: [Int]
    var pairBytes: [UInt8]
    public var termShards: Int
    public var pairShards: Int
    /// The names the Arabic stemmer never cuts, sorted: the reader's stemmer needs them too.
    public var names: [String]

    /// Documents per display shard (`search/d/N.json`).
    public static let documentsPerShard = 20
    /// About this many postings per term shard: every query fetches one for each of its words.
    /// An index is thousands of small files, and making files is most of what it costs a build:
    /// 8,000 (4,000 before) halves the term files (512 → 256 at 10,000 bulletins) and keeps a
    /// two-word query at 50,000 well under the 150 KB it may fetch.
    static let postingsPerTermShard = 8_000
    /// About this many postings per pair shard. Only a quoted phrase fetches these (one per pair
    /// of its words), and an archive has more pairs than terms: shards four times fuller than
    /// before are a quarter as many files to make (1,024 → 256 at 10,000 bulletins) for one
    /// bigger fetch per phrase (about 7 → 28 KB).
    static let postingsPerPairShard = 16_000

    /// An index of no terms (for the display shards and manifest alone).
    init(documents: [Int], termShards: Int, pairShards: Int, names: [String]) {
        self.documents = documents
        terms = SearchByteTable()
        postingStarts = [0]
        postingBytes = []
        pairs = []
        pairStarts = [0]
        pairBytes = []
        self.termShards = termShards
        self.pairShards = pairShards
        self.names = names
    }

    var termCount: Int { terms.count }

    /// Term `number`'s UTF-8.
    func term(_ number: Int) -> [UInt8] { terms.key(number) }

    /// Term `number`'s postings, by ascending document.
    func postings(ofTerm number: Int) -> [(document: Int32, weight: UInt8)] {
        var document: Int32 = 0
        return Self.values(postingBytes[postingStarts[number]..<postingStarts[number + 1]]).map { value in
            document += Int32(value / 3)
            return (document, UInt8(value % 3 + 1))
        }
    }

    /// Term `number`'s postings as held: `delta × 3 + weight − 1` each, in LEB128.
    func postingList(ofTerm number: Int) -> ArraySlice<UInt8> {
        postingBytes[postingStarts[number]..<postingStarts[number + 1]]
    }

    /// Pair `number`'s documents as held: the deltas, in LEB128.
    func pairList(ofPair number: Int) -> ArraySlice<UInt8> {
        pairBytes[pairStarts[number]..<pairStarts[number + 1]]
    }

    /// Pair `number`'s documents, ascending.
    func documents(ofPair number: Int) -> [Int32] {
        var document: Int32 = 0
        return Self.values(pairBytes[pairStarts[number]..<pairStarts[number + 1]]).map { delta in
            document += Int32(delta)
            return document
        }
    }

    /// The LEB128 numbers of `bytes`.
    private static func values(_ bytes: ArraySlice<UInt8>) -> [UInt32] {
        var values: [UInt32] = []
        var value: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                values.append(value)
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return values
    }

    /// How many bytes `value` takes in LEB128.
    @inline(__always)
    fileprivate static func encodedLength(_ value: UInt32) -> Int {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
    }

    /// Makes the index one document at a time, in document order: each document's terms become
    /// term numbers (a hash of their bytes, in one table) appended to flat arrays, and `index`
    /// turns those into postings by term. The documents' own `SearchTerms` can go as soon as
    /// they are added.
    struct Assembler {
        private var table = SearchByteTable(capacity: 65_536)
        private var pairTable = PairTable()
        /// Document after document: its term numbers, ascending, each as the LEB128 difference
        /// from the one before (from 0 at the document's start) followed by its weight. At 50,000
        /// bulletins these are tens of millions of numbers: a byte or two each instead of four,
        /// in blocks (a doubling `Array` would hold up to twice that, three times while it grows).
        private var termNumbers = BlockArray<UInt8>()
        /// By document: where its bytes end in `termNumbers`.
        private var termEnds: [UInt32] = []
        /// Document after document: its pairs' numbers, the same way; by document, where they end.
        private var pairNumbers = BlockArray<UInt8>()
        private var pairEnds: [UInt32] = []
        /// The current document's term numbers, by its own term index.
        private var own: [UInt32] = []
        /// The current document's postings (`number << 8 | weight`: a term is posted once per
        /// document, so sorting these sorts by number) and pairs, sorted before they are added.
        private var postings: [UInt64] = []
        private var pairNumbersOfDocument: [UInt64] = []
        /// Room for `sortByDigits`.
        private var scratch: [UInt64] = []
        /// The counts that decide the number of shards (as `SearchIndexState` keeps them).
        private var postingCount = 0
        private var pairCount = 0

        /// Whether documents are added newest first (the last document first), as the render
        /// stage meets them: `index` then walks them backwards into the same postings.
        private var descending = false

        init() {}

        /// An assembler given the documents in reverse document order: the first added is the
        /// last document. The index is the same as one given them in order.
        init(descending: Bool) {
            self.descending = descending
        }

        var documentCount: Int { termEnds.count }

        /// Adds the next document: its terms, then its filter keys (weight 1). `countedPostings`
        /// is what it adds to the count that decides the number of term shards.
        mutating func add(_ terms: SearchTerms, filters: [[UInt8]], countedPostings: Int) {
            own.removeAll(keepingCapacity: true)
            terms.bytes.withUnsafeBufferPointer { bytes in
                var start = 0
                for end in terms.ends {
                    own.append(UInt32(table.number(UnsafeBufferPointer(rebasing: bytes[start..<Int(end)]))))
                    start = Int(end)
                }
            }
            postings.removeAll(keepingCapacity: true)
            for (number, weight) in zip(own, terms.weights) { postings.append(UInt64(number) << 8 | UInt64(weight)) }
            for filter in filters {
                postings.append(UInt64(filter.withUnsafeBufferPointer { table.number($0) }) << 8 | 1)
            }
            // By number: the weight in the lowest byte need not be sorted (a number comes once).
            Self.sortByDigits(&postings, scratch: &scratch, from: 8)
            var previous: UInt32 = 0
            for posting in postings {
                let number = UInt32(truncatingIfNeeded: posting >> 8)
                Self.append(number - previous, to: &termNumbers)
                termNumbers.append(UInt8(truncatingIfNeeded: posting))
                previous = number
            }
            termEnds.append(UInt32(termNumbers.count))
            pairNumbersOfDocument.removeAll(keepingCapacity: true)
            for pair in terms.pairs {
                let key = UInt64(own[Int(pair >> 32)]) << 32 | UInt64(own[Int(pair & 0xFFFF_FFFF)])
                pairNumbersOfDocument.append(UInt64(pairTable.number(key)))
            }
            Self.sortByDigits(&pairNumbersOfDocument, scratch: &scratch)
            previous = 0
            for pair in pairNumbersOfDocument {
                let number = UInt32(truncatingIfNeeded: pair)
                Self.append(number - previous, to: &pairNumbers)
                previous = number
            }
            pairEnds.append(UInt32(pairNumbers.count))
            postingCount += countedPostings
            pairCount += terms.pairs.count
        }

        /// `values` sorted ascending: a byte at a time from the lowest (a few hundred numbers a
        /// document, for every document, where a comparison sort took a tenth of the stage), as
        /// many bytes as the largest value has; a short run by insertion. With `from`, the bits
        /// below it are left out of the order (they follow the rest, each group as it came).
        static func sortByDigits(_ values: inout [UInt64], scratch: inout [UInt64], from lowest: UInt64 = 0) {
            let count = values.count
            guard count > 1 else { return }
            if count <= 24 {
                values.withUnsafeMutableBufferPointer { values in
                    for position in 1..<count {
                        let value = values[position]
                        var slot = position
                        while slot > 0, values[slot - 1] >> lowest > value >> lowest {
                            values[slot] = values[slot - 1]
                            slot -= 1
                        }
                        values[slot] = value
                    }
                }
                return
            }
            var largest: UInt64 = 0
            for value in values { largest |= value }
            if scratch.count < count { scratch = [UInt64](repeating: 0, count: count) }
            var shift = lowest
            var tallies = [Int](repeating: 0, count: 256)
            while shift < 64, largest >> shift != 0 {
                values.withUnsafeMutableBufferPointer { values in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        tallies.withUnsafeMutableBufferPointer { tallies in
                            for digit in 0..<256 { tallies[digit] = 0 }
                            for value in values { tallies[Int(truncatingIfNeeded: value >> shift) & 0xFF] += 1 }
                            var start = 0
                            for digit in 0..<256 {
                                let tally = tallies[digit]
                                tallies[digit] = start
                                start += tally
                            }
                            for value in values {
                                let digit = Int(truncatingIfNeeded: value >> shift) & 0xFF
                                scratch[tallies[digit]] = value
                                tallies[digit] += 1
                            }
                            for position in 0..<count { values[position] = scratch[position] }
                        }
                    }
                }
                shift += 8
            }
        }

        private static func append(_ value: UInt32, to bytes: inout BlockArray<UInt8>) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        /// The index of the documents added, which are `documents` (bulletin indices, in document
        /// order). Leaves the assembler empty.
        mutating func index(documents: [Int], names: [String]) -> SearchIndex {
            var index = SearchIndex(documents: documents, termShards: SearchIndex.termShardCount(postingCount),
                                    pairShards: SearchIndex.pairShardCount(pairCount), names: names)
            let termCount = table.count
            swap(&index.terms, &table)
            let inverted = descending ? Self.invertedDescending : Self.inverted
            (index.postingStarts, index.postingBytes) = inverted(&termNumbers, termEnds, termCount, true)
            termEnds = []
            index.pairs = pairTable.keys
            pairTable = PairTable()
            (index.pairStarts, index.pairBytes) = inverted(&pairNumbers, pairEnds, index.pairs.count, false)
            pairEnds = []
            postingCount = 0
            pairCount = 0
            return index
        }

        /// Where a walk over the postings `add` wrote has got to (plain numbers, so that the
        /// walk's state costs no reference counting).
        private struct Walk {
            /// The offset of the next byte, and where the current document's bytes end.
            var offset = 0
            var end = 0
            var document = -1
            var number: UInt32 = 0
            var value: UInt32 = 0
            var shift: UInt32 = 0
            var awaitingWeight = false
        }

        /// Reads `block`, the next bytes `add` wrote, calling `posting` with each posting's
        /// number, document and weight (1 when not `weighted`).
        @inline(__always)
        private static func walk(_ block: UnsafeBufferPointer<UInt8>, _ walk: inout Walk, ends: UnsafeBufferPointer<UInt32>,
                                 weighted: Bool, _ posting: (_ number: Int, _ document: Int, _ weight: UInt32) -> Void) {
            for byte in block {
                if walk.awaitingWeight {
                    walk.offset += 1
                    walk.awaitingWeight = false
                    posting(Int(walk.number), walk.document, UInt32(byte))
                    continue
                }
                if walk.shift == 0 {
                    // A number begins: in the next document if this one's bytes are done.
                    while walk.offset >= walk.end {
                        walk.document += 1
                        walk.end = Int(ends[walk.document])
                        walk.number = 0
                    }
                }
                walk.offset += 1
                walk.value |= UInt32(byte & 0x7F) << walk.shift
                guard byte & 0x80 == 0 else {
                    walk.shift += 7
                    continue
                }
                walk.number += walk.value
                walk.value = 0
                walk.shift = 0
                if weighted {
                    walk.awaitingWeight = true
                } else {
                    posting(Int(walk.number), walk.document, 1)
                }
            }
        }

        /// What number `number`'s list holds for its posting in `document`, as the shard file
        /// writes it (`delta × 3 + weight − 1` when `weighted`, else the delta from the list's
        /// previous document, kept in `last`).
        @inline(__always)
        private static func listValue(_ number: Int, _ document: Int, _ weight: UInt32, last: UnsafeMutableBufferPointer<Int32>,
                                      weighted: Bool) -> UInt32 {
            let delta = UInt32(document - Int(last[number]))
            last[number] = Int32(document)
            return weighted ? delta * 3 + weight - 1 : delta
        }

        /// `inverted` for documents added last first: the walk meets each number's postings by
        /// descending document, so a posting's delta is known when the next one down is met (the
        /// lowest's is its own document), and each list is written from its end backwards.
        private static func invertedDescending(_ numbers: inout BlockArray<UInt8>, ends: [UInt32], count: Int,
                                               weighted: Bool) -> (starts: [Int], bytes: [UInt8]) {
            let last = ends.count - 1
            // By number: the document (-1 for none yet) and weight of the lowest posting met so far.
            var lowest = [Int32](repeating: -1, count: count)
            var lowestWeight = [UInt8](repeating: 0, count: count)
            @inline(__always) func value(_ delta: Int32, _ weight: UInt8) -> UInt32 {
                weighted ? UInt32(delta) * 3 + UInt32(weight) - 1 : UInt32(delta)
            }
            var starts = [Int](repeating: 0, count: count + 1)
            ends.withUnsafeBufferPointer { ends in
                starts.withUnsafeMutableBufferPointer { starts in
                    lowest.withUnsafeMutableBufferPointer { lowest in
                        lowestWeight.withUnsafeMutableBufferPointer { lowestWeight in
                            var state = Walk()
                            numbers.forEachBlock { block in
                                walk(block, &state, ends: ends, weighted: weighted) { number, added, weight in
                                    let document = Int32(last - added)
                                    if lowest[number] >= 0 {
                                        starts[number + 1] += SearchIndex.encodedLength(value(lowest[number] - document, lowestWeight[number]))
                                    }
                                    lowest[number] = document
                                    lowestWeight[number] = UInt8(truncatingIfNeeded: weight)
                                }
                            }
                            for number in 0..<count where lowest[number] >= 0 {
                                starts[number + 1] += SearchIndex.encodedLength(value(lowest[number], lowestWeight[number]))
                            }
                        }
                    }
                }
            }
            for number in 0..<count { starts[number + 1] += starts[number] }
            // Where each list's next bytes end, from its end down.
            var next = Array(starts.dropFirst())
            var bytes = [UInt8](repeating: 0, count: starts[count])
            for number in 0..<count { lowest[number] = -1 }
            @inline(__always) func put(_ value: UInt32, before end: inout Int, _ bytes: UnsafeMutableBufferPointer<UInt8>) {
                var offset = end - SearchIndex.encodedLength(value)
                end = offset
                var value = value
                while value >= 0x80 {
                    bytes[offset] = UInt8(truncatingIfNeeded: value) | 0x80
                    value >>= 7
                    offset += 1
                }
                bytes[offset] = UInt8(value)
            }
            ends.withUnsafeBufferPointer { ends in
                next.withUnsafeMutableBufferPointer { next in
                    lowest.withUnsafeMutableBufferPointer { lowest in
                        lowestWeight.withUnsafeMutableBufferPointer { lowestWeight in
                            bytes.withUnsafeMutableBufferPointer { bytes in
                                var state = Walk()
                                numbers.drainBlocks { block in
                                    walk(block, &state, ends: ends, weighted: weighted) { number, added, weight in
                                        let document = Int32(last - added)
                                        if lowest[number] >= 0 {
                                            put(value(lowest[number] - document, lowestWeight[number]), before: &next[number], bytes)
                                        }
                                        lowest[number] = document
                                        lowestWeight[number] = UInt8(truncatingIfNeeded: weight)
                                    }
                                }
                                for number in 0..<count where lowest[number] >= 0 {
                                    put(value(lowest[number], lowestWeight[number]), before: &next[number], bytes)
                                }
                            }
                        }
                    }
                }
            }
            return (starts, bytes)
        }

        /// Postings given document after document (`ends`: where each document's bytes end)
        /// turned into postings by number, ascending by document: `starts` (count + 1, byte
        /// offsets) and the postings' bytes (`delta × 3 + weight − 1` when `weighted`, else the
        /// delta). Empties `numbers` as it goes.
        private static func inverted(_ numbers: inout BlockArray<UInt8>, ends: [UInt32], count: Int,
                                     weighted: Bool) -> (starts: [Int], bytes: [UInt8]) {
            // Two walks in document order: the first measures each number's bytes, the second writes them.
            var last = [Int32](repeating: 0, count: count)
            var starts = [Int](repeating: 0, count: count + 1)
            ends.withUnsafeBufferPointer { ends in
                starts.withUnsafeMutableBufferPointer { starts in
                    last.withUnsafeMutableBufferPointer { last in
                        var state = Walk()
                        numbers.forEachBlock { block in
                            walk(block, &state, ends: ends, weighted: weighted) { number, document, weight in
                                starts[number + 1] += SearchIndex.encodedLength(listValue(number, document, weight, last: last, weighted: weighted))
                            }
                        }
                    }
                }
            }
            for number in 0..<count { starts[number + 1] += starts[number] }
            var next = starts
            var bytes = [UInt8](repeating: 0, count: starts[count])
            for number in 0..<count { last[number] = 0 }
            ends.withUnsafeBufferPointer { ends in
                next.withUnsafeMutableBufferPointer { next in
                    last.withUnsafeMutableBufferPointer { last in
                        bytes.withUnsafeMutableBufferPointer { bytes in
                            var state = Walk()
                            numbers.drainBlocks { block in
                                walk(block, &state, ends: ends, weighted: weighted) { number, document, weight in
                                    var value = listValue(number, document, weight, last: last, weighted: weighted)
                                    var offset = next[number]
                                    while value >= 0x80 {
                                        bytes[offset] = UInt8(truncatingIfNeeded: value) | 0x80
                                        value >>= 7
                                        offset += 1
                                    }
                                    bytes[offset] = UInt8(value)
                                    next[number] = offset + 1
                                }
                            }
                        }
                    }
                }
            }
            return (starts, bytes)
        }
    }

    /// The indexed bulletins (indices into `Site.bulletins`, in the site's order) in document
    /// order: oldest first.
    static func documentOrder(_ indexed: [Int]) -> [Int] { indexed.reversed() }

    /// A pair's text, "first second", as UTF-8.
    func pairKey(_ pair: UInt64) -> [UInt8] {
        terms.withKey(Int(pair >> 32)) { first in
            terms.withKey(Int(pair & 0xFFFF_FFFF)) { second in
                var key: [UInt8] = []
                key.reserveCapacity(first.count + 1 + second.count)
                key.append(contentsOf: first)
                key.append(0x20)
                key.append(contentsOf: second)
                return key
            }
        }
    }

    /// A power of two, so the reader finds a term's shard with a mask.
    static func shardCount(_ postings: Int, perShard: Int) -> Int {
        var count = 1
        while count * perShard < postings && count < 4_096 { count *= 2 }
        return count
    }

    /// How many term shards `postings` postings take.
    static func termShardCount(_ postings: Int) -> Int { shardCount(postings, perShard: postingsPerTermShard) }

    /// How many pair shards `pairs` pair postings take.
    static func pairShardCount(_ pairs: Int) -> Int { shardCount(pairs, perShard: postingsPerPairShard) }

    /// The shard of a term or pair: FNV-1a (32 bits) of its UTF-8, masked. `search.js` repeats it.
    public static func shard(of key: String, count: Int) -> Int {
        shard(of: Array(key.utf8), count: count)
    }

    static func shard(of key: some Sequence<UInt8>, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        fnv(key, into: &hash)
        return Int(hash & UInt32(count - 1))
    }

    /// The shard of the pair "first second", without making its text.
    static func shard(ofPair first: some Sequence<UInt8>, _ second: some Sequence<UInt8>, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        fnv(first, into: &hash)
        hash = (hash ^ 0x20) &* 0x0100_0193
        fnv(second, into: &hash)
        return Int(hash & UInt32(count - 1))
    }

    private static func fnv(_ bytes: some Sequence<UInt8>, into hash: inout UInt32) {
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
    }

    /// Pairs numbered as they come: an open-addressing table of `UInt64`s, since the index adds
    /// every bulletin's pairs (millions at 10,000 bulletins) and `Dictionary` hashes each through `Hasher`.
    struct PairTable {
        /// By number: the pair.
        private(set) var keys: [UInt64] = []
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
