import Foundation
import Testing
@testable import Nashra

/// The search stage's term cache: what a whole build writes batch by batch is what the next
/// build reads back (a cache that silently read nothing would only make builds slower, which
/// no other test would see).
@Suite struct SearchTermCacheTests {
    static let terms: [UInt64: SearchTerms] = [
        3: SearchTerms(terms: [Array("سورية".utf8), Array("قمح".utf8)], weights: [3, 1], pairs: [1]),
        64 + 3: SearchTerms(terms: [Array("x".utf8)], weights: [2], pairs: []),
        5: SearchTerms(),
        70: SearchTerms(terms: [Array("بيروت".utf8), Array("مرفأ".utf8), Array("a".utf8)], weights: [1, 2, 3], pairs: [1 << 32 | 2, 2]),
    ]

    @Test func whatThePackWriterWritesReadsBack() throws {
        let folder = Fixtures.scratch().appendingPathComponent("terms")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var writer = SearchTermCache.PackWriter(folder: folder, key: 42)
        for (number, hash) in Self.terms.keys.sorted().enumerated() {
            writer.add(hash, entry: SearchTermCache.entry(hash, Self.terms[hash]!))
            writer.add(hash, entry: SearchTermCache.entry(hash, SearchTerms()))  // a hash met again is skipped
            if number == 1 { writer.flush() }
        }
        writer.finish()
        let loaded = SearchTermCache.load(from: folder, key: 42, packs: 0..<SearchTermCache.packCount)
        #expect(loaded.terms == Self.terms)
        #expect(SearchTermCache.load(from: folder, key: 43, packs: 0..<SearchTermCache.packCount).terms.isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        // An edit's save rewrites only its packs, in the same format.
        var cache = loaded
        cache.terms[70] = SearchTerms(terms: [Array("حلب".utf8)], weights: [3], pairs: [])
        cache.save(packs: [SearchTermCache.pack(of: 70)])
        var expected = Self.terms
        expected[70] = cache.terms[70]
        #expect(SearchTermCache.load(from: folder, key: 42, packs: 0..<SearchTermCache.packCount).terms == expected)
    }

    @Test func aDiscardedWriterLeavesThePreviousPacks() {
        let folder = Fixtures.scratch().appendingPathComponent("terms")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var cache = SearchTermCache(folder: folder, key: 1)
        cache.terms = Self.terms
        cache.save()
        var writer = SearchTermCache.PackWriter(folder: folder, key: 1)
        writer.add(3, entry: SearchTermCache.entry(3, SearchTerms()))
        writer.flush()
        writer.discard()
        #expect(SearchTermCache.load(from: folder, key: 1, packs: 0..<SearchTermCache.packCount).terms == Self.terms)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty) == true)
    }
}
