import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The index's path table is read as bytes and looked up in place: what a lookup finds is what
/// was written, rows out of order or cut short make the table unreadable (and so the cache), and
/// changes made since stand over the rows.
@Suite struct PathTableTests {
    /// Rows as `BuildCache` writes them: path, flags, fingerprint, stamp.
    private func rows(_ rows: [(path: [UInt8], flags: Int, fingerprint: UInt64?, stamp: OutputStamp?)]) -> [UInt8] {
        var writer = ByteWriter()
        for row in rows {
            writer.write(row.path.count)
            for byte in row.path { writer.write(byte: byte) }
            writer.write(row.flags)
            if let fingerprint = row.fingerprint { writer.write(fingerprint) }
            if let stamp = row.stamp {
                writer.write(stamp.hash)
                writer.write(stamp.size)
                writer.write(stamp.modified)
            }
        }
        return writer.bytes
    }

    private let stamp = OutputStamp(hash: 0x3333, size: 900, modified: 1_763_000_500)

    @Test func aRowIsFoundByItsPathAndDecodedAlone() throws {
        let paths = ["index.html", "style.css", "tags/طقس/index.html", "أخبار/index.html"].map { PathKey($0) }.sorted()
        let bytes = rows(paths.enumerated().map { index, path in
            (Array(path.text.utf8), index == 1 ? 1 : 3, UInt64(0x1000 + index), index == 1 ? nil : stamp)
        })
        let table = try #require(PathTable.scan(bytes, from: 0, count: paths.count, end: bytes.count))
        #expect(table.next == bytes.count)
        let pages = PathMap<UInt64>(table.table), outputs = PathMap<OutputStamp>(table.table)
        for (index, path) in paths.enumerated() {
            #expect(pages[path] == UInt64(0x1000 + index))
            #expect(outputs[path] == (index == 1 ? nil : stamp))
        }
        #expect(pages[PathKey("missing.html")] == nil && pages[PathKey("")] == nil && pages[PathKey("zzz")] == nil)
        #expect(pages.dictionary.count == paths.count && outputs.dictionary.count == paths.count - 1)
    }

    /// Binary search needs the rows in path order: a table out of order, with a path twice, with
    /// unknown flags or cut short is not read.
    @Test func rowsOutOfOrderOrCutShortAreNotRead() {
        let a = Array("a.html".utf8), b = Array("b.html".utf8)
        let sorted = rows([(a, 1, 1, nil), (b, 2, nil, stamp)])
        #expect(PathTable.scan(sorted, from: 0, count: 2, end: sorted.count) != nil)
        let reversed = rows([(b, 2, nil, stamp), (a, 1, 1, nil)])
        #expect(PathTable.scan(reversed, from: 0, count: 2, end: reversed.count) == nil)
        let twice = rows([(a, 1, 1, nil), (a, 1, 2, nil)])
        #expect(PathTable.scan(twice, from: 0, count: 2, end: twice.count) == nil)
        let unknownFlag = rows([(a, 4, nil, nil)])
        #expect(PathTable.scan(unknownFlag, from: 0, count: 1, end: unknownFlag.count) == nil)
        for length in 0..<sorted.count {
            #expect(PathTable.scan(sorted, from: 0, count: 2, end: length) == nil, "cut at \(length)")
        }
        #expect(PathTable.scan(sorted, from: 0, count: 3, end: sorted.count) == nil, "more rows than there are")
    }

    /// What is set or removed after reading stands over the table's rows, and going through every
    /// entry gives the table and the changes together.
    @Test func changesStandOverTheRows() throws {
        let paths = ["a.html", "b.html", "c.html"].map { PathKey($0) }
        let bytes = rows(paths.map { (Array($0.text.utf8), 1, 7, nil) })
        var pages = PathMap<UInt64>(try #require(PathTable.scan(bytes, from: 0, count: 3, end: bytes.count)).table)
        pages[PathKey("b.html")] = nil
        pages[PathKey("c.html")] = 9
        pages[PathKey("d.html")] = 10
        #expect(pages[PathKey("a.html")] == 7 && pages[PathKey("b.html")] == nil && pages[PathKey("c.html")] == 9)
        #expect(pages.dictionary == [PathKey("a.html"): 7, PathKey("c.html"): 9, PathKey("d.html"): 10])
        #expect(pages == PathMap([PathKey("a.html"): 7, PathKey("c.html"): 9, PathKey("d.html"): 10]))
    }

    /// A row whose path is not UTF-8 (damage no check of the shape sees) is a path the table
    /// does not know: it is never found and never written again, which only makes a build redo
    /// that page.
    @Test func aPathThatIsNotUTF8IsNotKnown() throws {
        let bytes = rows([(Array("a.html".utf8), 1, 7, nil), ([0x62, 0xFF, 0x2E], 1, 8, nil)])
        let pages = PathMap<UInt64>(try #require(PathTable.scan(bytes, from: 0, count: 2, end: bytes.count)).table)
        #expect(pages.dictionary == [PathKey("a.html"): 7])
        #expect(pages[PathKey("b\u{FFFD}.")] == nil)
    }

    /// The index written whole holds its rows in path order, whatever order the dictionaries
    /// were in, and they load back as written.
    @Test func aSavedIndexLoadsItsRowsBack() throws {
        var cache = BuildCache(parseKey: 42)
        var pages: [PathKey: UInt64] = [:], outputs: [PathKey: OutputStamp] = [:]
        for index in 0..<300 {
            let path = PathKey(index % 3 == 0 ? "وسوم/\(index)/index.html" : "p/\(index).html")
            if index % 5 != 0 { pages[path] = UInt64(index) }
            if index % 7 != 0 { outputs[path] = OutputStamp(hash: UInt64(index), size: index, modified: index * 2) }
        }
        for (path, value) in pages { cache.pages[path] = value }
        for (path, value) in outputs { cache.outputs[path] = value }
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cache/site.cache")
        try cache.save(to: url)
        let loaded = try #require(BuildCache.load(from: url, parseKey: 42))
        #expect(loaded.pages.dictionary == pages && loaded.outputs.dictionary == outputs)
        for (path, value) in pages { #expect(loaded.pages[path] == value) }
        for (path, value) in outputs { #expect(loaded.outputs[path] == value) }
    }
}
