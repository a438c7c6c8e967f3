import Testing
@testable import Nashra

/// The index assembler numbers terms and pairs once for the whole archive and posts by number:
/// every posting must come back under its own text, as a straightforward table keyed by the
/// terms' bytes has it.
@Suite struct SearchIndexTests {
    /// A small deterministic generator (no test may depend on the run).
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// 6,000 documents make the postings written document after document longer than one of
    /// `BlockArray`'s blocks (numbers run on from one block into the next), and a term in the
    /// first and last documents only a delta of three LEB128 bytes.
    @Test(arguments: [300, 6_000])
    func everyPostingIsUnderItsOwnTermAndPair(documentCount: Int) {
        var numbers = Numbers(state: 7)
        let vocabulary = (0..<400).map { Array("كلمة\($0)".utf8) } + [Array("a".utf8), Array("ab".utf8), Array("b".utf8)]
        let filterKeys = ["@l:beirut", "@t:wheat", "@t:rain"].map { Array($0.utf8) }
        var assembler = SearchIndex.Assembler()
        var expectedTerms: [[UInt8]: [[Int]]] = [:]
        var expectedPairs: [[UInt8]: [Int32]] = [:]
        var counted = 0, pairCount = 0
        var added: [(terms: SearchTerms, filters: [[UInt8]], counted: Int)] = []
        for document in 0..<documentCount {
            // Each document's own terms in its own order (so its local numbers are not the global ones);
            // every tenth has none at all.
            var own: [[UInt8]] = []
            if document % 10 != 3 {
                for _ in 0..<(1 + numbers.next(40)) {
                    let word = vocabulary[numbers.next(vocabulary.count)]
                    if !own.contains(word) { own.append(word) }
                }
            }
            if document == 0 || document == documentCount - 1 { own.append(Array("نادرة".utf8)) }
            let weights = own.map { _ in UInt8(1 + numbers.next(3)) }
            var pairs = Set<UInt64>()
            if own.count > 1 {
                for _ in 0..<numbers.next(30) { pairs.insert(UInt64(numbers.next(own.count)) << 32 | UInt64(numbers.next(own.count))) }
            }
            let filters = filterKeys.filter { _ in numbers.next(3) == 0 }
            let terms = SearchTerms(terms: own, weights: weights, pairs: pairs.sorted())
            assembler.add(terms, filters: filters, countedPostings: own.count + 1)
            added.append((terms, filters, own.count + 1))
            counted += own.count + 1
            pairCount += pairs.count
            for (term, weight) in zip(own, weights) { expectedTerms[term, default: []].append([document, Int(weight)]) }
            for filter in filters { expectedTerms[filter, default: []].append([document, 1]) }
            for pair in pairs {
                expectedPairs[own[Int(pair >> 32)] + [0x20] + own[Int(pair & 0xFFFF_FFFF)], default: []].append(Int32(document))
            }
        }
        #expect(assembler.documentCount == documentCount)
        let index = assembler.index(documents: Array(0..<documentCount), names: [])
        var terms: [[UInt8]: [[Int]]] = [:]
        for number in 0..<index.termCount {
            terms[index.term(number)] = index.postings(ofTerm: number).map { [Int($0.document), Int($0.weight)] }
        }
        var pairs: [[UInt8]: [Int32]] = [:]
        for number in index.pairs.indices { pairs[index.pairKey(index.pairs[number])] = Array(index.documents(ofPair: number)) }
        #expect(terms == expectedTerms)
        #expect(pairs == expectedPairs)
        // The shard files, written from the lists as held, are what the decoded postings give.
        let termNumbers = Array(0..<index.termCount)
        #expect(SearchIndexWriter.heldShard(termNumbers.map { (index.term($0), index.postingList(ofTerm: $0)) })
            == SearchIndexWriter.termShard(termNumbers.map { (index.term($0), index.postings(ofTerm: $0)) }))
        #expect(SearchIndexWriter.heldShard(index.pairs.indices.map { (index.pairKey(index.pairs[$0]), index.pairList(ofPair: $0)) })
            == SearchIndexWriter.pairShard(index.pairs.indices.map { (index.pairKey(index.pairs[$0]), index.documents(ofPair: $0)) }))
        #expect(index.termShards == SearchIndex.termShardCount(counted))
        #expect(index.pairShards == SearchIndex.pairShardCount(pairCount))
        #expect(assembler.documentCount == 0)

        // Given the same documents newest first (as the render stage meets them), a descending
        // assembler makes the same postings, and so the same shard files.
        var backwards = SearchIndex.Assembler(descending: true)
        for document in added.reversed() { backwards.add(document.terms, filters: document.filters, countedPostings: document.counted) }
        let reversed = backwards.index(documents: Array(0..<documentCount), names: [])
        var reversedTerms: [[UInt8]: [[Int]]] = [:]
        for number in 0..<reversed.termCount {
            reversedTerms[reversed.term(number)] = reversed.postings(ofTerm: number).map { [Int($0.document), Int($0.weight)] }
        }
        var reversedPairs: [[UInt8]: [Int32]] = [:]
        for number in reversed.pairs.indices { reversedPairs[reversed.pairKey(reversed.pairs[number])] = Array(reversed.documents(ofPair: number)) }
        #expect(reversedTerms == expectedTerms)
        #expect(reversedPairs == expectedPairs)
        func heldShards(_ index: SearchIndex) -> ([UInt8], [UInt8]) {
            (SearchIndexWriter.heldShard((0..<index.termCount).map { (index.term($0), index.postingList(ofTerm: $0)) }),
             SearchIndexWriter.heldShard(index.pairs.indices.map { (index.pairKey(index.pairs[$0]), index.pairList(ofPair: $0)) }))
        }
        #expect(heldShards(reversed) == heldShards(index))
        #expect(reversed.termShards == index.termShards)
        #expect(reversed.pairShards == index.pairShards)
    }

    /// Shard counts are powers of two (the reader masks a hash), at most 4,096, a term shard holds
    /// about 8,000 postings and a pair shard twice that: a 10,000-bulletin archive's 4 million
    /// pair postings make 256 pair files, not 1,024.
    @Test(arguments: [(0, 1, 1), (8_000, 1, 1), (8_001, 2, 1), (16_001, 4, 2), (4_000_000, 512, 256), (1_000_000_000, 4_096, 4_096)])
    func shardCountsArePowersOfTwoAndPairShardsAreFuller(postings: Int, termShards: Int, pairShards: Int) {
        #expect(SearchIndex.termShardCount(postings) == termShards)
        #expect(SearchIndex.pairShardCount(postings) == pairShards)
    }

    /// The assembler's sort by digits puts numbers of any size in the order `sort` does, short
    /// runs (by insertion) and long ones, with the low byte left out when asked (it keeps each
    /// group's order of arrival, as a stable sort by the rest does).
    @Test func sortingByDigitsIsSorting() {
        var numbers = Numbers(state: 11)
        var scratch: [UInt64] = []
        for count in [0, 1, 2, 24, 25, 300, 5_000] {
            for bits in [8, 20, 40, 64] {
                let values = (0..<count).map { _ in
                    UInt64(numbers.next(1 << 30)) << 34 ^ UInt64(numbers.next(1 << 30)) << 4 ^ UInt64(numbers.next(16))
                }.map { bits == 64 ? $0 : $0 & (1 << UInt64(bits) - 1) }
                var sorted = values
                SearchIndex.Assembler.sortByDigits(&sorted, scratch: &scratch)
                #expect(sorted == values.sorted(), "\(count) values of \(bits) bits")
                var byHigh = values
                SearchIndex.Assembler.sortByDigits(&byHigh, scratch: &scratch, from: 8)
                #expect(byHigh == values.enumerated().sorted { ($0.element >> 8, $0.offset) < ($1.element >> 8, $1.offset) }.map(\.element))
            }
        }
    }

    /// A bulletin's terms keep their bytes, weights and pairs through the compact form.
    @Test func searchTermsKeepEachTermsBytes() {
        let own = SearchTerms(terms: [Array("سورية".utf8), Array("x".utf8), Array("بيروت".utf8)], weights: [3, 1, 2], pairs: [1 << 32 | 2])
        #expect(own.count == 3)
        #expect(own.terms == [Array("سورية".utf8), Array("x".utf8), Array("بيروت".utf8)])
        #expect(Array(own.term(1)) == Array("x".utf8))
        #expect(SearchTerms(terms: own.terms, weights: own.weights, pairs: own.pairs) == own)
    }
}
