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
        70: SearchTerms(terms: [Array("بيروت".utf8), Array("مرفأ".utf8), Array("a".utf8)], weights: [1, 2, 3], pairs: [2, 1 << 32 | 2]),
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

    /// Pairs are kept as LEB128 steps: a document's pairs, with term numbers past one and two
    /// bytes' reach, read back the same, in a byte or two each where eight were written before;
    /// pairs given out of order are written in order; and bytes that would name a term the entry
    /// does not have, or a pair out of order, are refused.
    @Test func pairsAreKeptInAFewBytesAndCheckedWhenRead() throws {
        let termCount = 20_000
        let pairs: [UInt64] = [0 << 32 | 1, 0 << 32 | 300, 5 << 32 | 0, 5 << 32 | 19_999, 130 << 32 | 7, 19_999 << 32 | 19_998]
        var writer = ByteWriter()
        SearchTermCache.encodePairs(pairs, into: &writer)
        #expect(writer.bytes.count == 8 + 19)  // the count, then 2 + 3 + 2 + 4 + 2 + 6 bytes (was 48)
        var reader = ByteReader(writer.bytes)
        #expect(try SearchTermCache.readPairs(&reader, termCount: termCount) == pairs)
        #expect(reader.atEnd)

        var shuffled = ByteWriter()
        SearchTermCache.encodePairs([7 << 32 | 1, 2 << 32 | 3, 7 << 32 | 1], into: &shuffled)
        reader = ByteReader(shuffled.bytes)
        #expect(try SearchTermCache.readPairs(&reader, termCount: 8) == [2 << 32 | 3, 7 << 32 | 1])

        // Too few terms for the pairs, the same pair twice (a step of 0 and 0), a number past 32 bits.
        reader = ByteReader(writer.bytes)
        #expect(throws: ByteReader.Corrupt.self) { try SearchTermCache.readPairs(&reader, termCount: 19_999) }
        var twice = ByteWriter()
        twice.write(2)
        for byte: UInt8 in [3, 4, 0, 0] { twice.write(byte: byte) }
        reader = ByteReader(twice.bytes)
        #expect(throws: ByteReader.Corrupt.self) { try SearchTermCache.readPairs(&reader, termCount: 8) }
        var huge = ByteWriter()
        huge.write(1)
        for byte: UInt8 in [0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0] { huge.write(byte: byte) }
        reader = ByteReader(huge.bytes)
        #expect(throws: ByteReader.Corrupt.self) { try SearchTermCache.readPairs(&reader, termCount: 8) }
    }
}
