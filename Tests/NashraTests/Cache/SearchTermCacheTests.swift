import Foundation
import Testing
import NashraCore
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

    /// A patched build reads only the entries it needs and appends its new ones: what it reads
    /// back is what was written, a pack of another key is started anew, and a pack whose last
    /// append was cut short still gives the entries before it.
    @Test func entriesAreReadByHashAndAppended() throws {
        let folder = Fixtures.scratch().appendingPathComponent("terms")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var cache = SearchTermCache(folder: folder, key: 7)
        cache.terms = Self.terms
        cache.save()
        #expect(SearchTermCache.load(from: folder, key: 7, hashes: [3, 70]).terms == [3: Self.terms[3]!, 70: Self.terms[70]!])
        #expect(SearchTermCache.load(from: folder, key: 8, hashes: [3]).terms.isEmpty)

        var edit = SearchTermCache(folder: folder, key: 7)
        edit.terms[3 + 128] = SearchTerms(terms: [Array("حمص".utf8)], weights: [2], pairs: [])
        edit.terms[9] = SearchTerms(terms: [Array("درعا".utf8)], weights: [1], pairs: [])
        edit.append([3 + 128, 9])
        let wanted: Set<UInt64> = [3, 64 + 3, 3 + 128, 9]
        #expect(SearchTermCache.load(from: folder, key: 7, hashes: wanted).terms
                == [3: Self.terms[3]!, 64 + 3: Self.terms[64 + 3]!, 3 + 128: edit.terms[3 + 128]!, 9: edit.terms[9]!])
        // The whole packs read the same entries.
        var all = Self.terms
        all[3 + 128] = edit.terms[3 + 128]
        all[9] = edit.terms[9]
        #expect(SearchTermCache.load(from: folder, key: 7, packs: 0..<SearchTermCache.packCount).terms == all)

        // An append cut short: the entries before it are still read.
        let pack = folder.appendingPathComponent("\(SearchTermCache.pack(of: 3)).terms").path
        _ = [UInt8](repeating: 0xFF, count: 5).withUnsafeBytes { RawFile.append($0, to: pack) }
        #expect(SearchTermCache.load(from: folder, key: 7, hashes: [3 + 128]).terms[3 + 128] == edit.terms[3 + 128])

        // A pack made under another key is started anew.
        var other = SearchTermCache(folder: folder, key: 8)
        other.terms[3] = SearchTerms()
        other.append([3])
        #expect(SearchTermCache.load(from: folder, key: 8, hashes: [3]).terms == [3: SearchTerms()])
        #expect(SearchTermCache.load(from: folder, key: 7, hashes: [3]).terms.isEmpty)
    }
}
