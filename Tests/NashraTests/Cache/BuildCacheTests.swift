import Foundation
import Testing
@testable import Nashra
import NashraCore

/// The cache file: what is saved loads back as it was, and a file that does not read back whole
/// is ignored rather than trusted.
@Suite struct BuildCacheTests {
    private func bulletin(_ relativePath: String, title: String) -> Bulletin {
        var bulletin = Bulletin(source: SourceFile(relativePath: relativePath, displayPath: "content/" + relativePath,
                                                  absolutePath: "/site/content/" + relativePath, contentHash: 0xABCD_0123,
                                                  bodyOffset: 48, bodyLine: 7))
        bulletin.title = title
        bulletin.date = BulletinDate(secondsSinceEpoch: 1_763_000_000, hasTime: true)
        bulletin.updated = BulletinDate(secondsSinceEpoch: 1_763_086_400, hasTime: false)
        bulletin.location = "حلب"
        bulletin.tags = ["طقس", "أمطار"]
        bulletin.summary = "أمطار غزيرة على المدينة."
        bulletin.slug = "أمطار-حلب"
        bulletin.isUrgent = true
        bulletin.corrections = [Correction(date: nil, text: "صُحّح اسم الحي")]
        bulletin.params = ["source": .text("مراسلنا"), "pinned": .flag(true),
                           "links": .list([.text("a"), .map(["k": .text("v")])])]
        return bulletin
    }

    /// A cache with two bulletins (one whose file name is not NFC on disk), pages, output stamps,
    /// the manifest's record and related lists.
    private func cache(parseKey: UInt64) -> BuildCache {
        var cache = BuildCache(parseKey: parseKey)
        for (path, title) in [("bulletins/حلب.md", "أمطار غزيرة في حلب"), ("bulletins/cafe\u{301}.md", "Café")] {
            cache.bulletins[PathKey(path)] = ParsedBulletin(size: 1_234, modified: 1_763_000_123,
                                                            bulletin: bulletin(path.nfc, title: title))
        }
        cache.pages[PathKey("index.html")] = 0x1111
        cache.pages[PathKey("tags/طقس/index.html")] = 0x2222
        cache.outputs[PathKey("index.html")] = OutputStamp(hash: 0x3333, size: 900, modified: 1_763_000_500)
        cache.outputs[PathKey("style.css")] = OutputStamp(hash: 0x4444, size: 80, modified: 1_763_000_501)
        cache.manifest = ManifestRecord(stamp: FileStamp(size: 321, modified: 1_763_000_600), pathsHash: 0x5555)
        cache.related = SitePlanner.KnownRelated(key: 0x6666, related: [[1], [0], []])
        return cache
    }

    private func saved(_ cache: BuildCache) throws -> (url: URL, folder: URL) {
        let folder = Fixtures.scratch()
        let url = folder.appendingPathComponent("cache/site.cache")
        try cache.save(to: url)
        return (url, folder)
    }

    /// Bulletins decoded from the cache are given the content folder the loader gives the files
    /// it reads: an unchanged file is taken as decoded, without a copy of its fields.
    @Test func aCachedBulletinIsReusedWithoutACopy() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        Fixtures.write(["bulletins/حلب.md": "---\ntitle: أمطار في حلب\ndate: 2026-11-20\n---\nنص.\n"], in: content)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "Asia/Damascus")!)
        let fresh = ContentLoader.load(folder: content, displayPrefix: "content", reading: reading)
        var cache = BuildCache(parseKey: 42)
        cache.bulletins = fresh.cacheEntries
        let url = folder.appendingPathComponent("cache/site.cache")
        try cache.save(to: url)
        let loaded = try #require(BuildCache.load(from: url, parseKey: 42, folder: ContentLoader.sourceFolder(content, display: "content")))
        let again = ContentLoader.load(folder: content, displayPrefix: "content", reading: reading, previous: loaded.bulletins)
        #expect(again.reused == 1)
        let reused = try #require(again.bulletins.first), decoded = try #require(loaded.bulletins.values.first?.bulletin)
        #expect(reused.sharesFields(with: decoded))
        #expect(reused.source.displayPath == "content/bulletins/حلب.md")
        #expect(String(decoding: try ContentLoader.body(of: reused.source).get(), as: UTF8.self) == "نص.\n")
    }

    @Test func aSavedCacheLoadsBackWithEveryEntry() throws {
        let original = cache(parseKey: 42)
        let (url, folder) = try saved(original)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try #require(BuildCache.load(from: url, parseKey: 42))

        #expect(loaded.parseKey == 42)
        #expect(Set(loaded.bulletins.keys) == Set(original.bulletins.keys))
        for (path, entry) in original.bulletins {
            let back = try #require(loaded.bulletins[path])
            #expect(back.size == entry.size && back.modified == entry.modified)
            #expect(back.record != nil, "kept as read, so that saving it again is a copy")
            let (a, b) = (entry.bulletin, back.bulletin)
            #expect(b.source.relativePath == a.source.relativePath)
            #expect(b.source.contentHash == a.source.contentHash)
            #expect(b.source.bodyOffset == a.source.bodyOffset && b.source.bodyLine == a.source.bodyLine)
            #expect(b.source.folder == SourceFile.Folder(display: "", absolute: ""), "the folder given to the load, not the one saved")
            #expect(b.title == a.title && b.summary == a.summary && b.slug == a.slug)
            #expect(b.date == a.date && b.updated == a.updated && b.expires == nil)
            #expect(b.location == a.location && b.agency == nil && b.tags == a.tags)
            #expect(b.isUrgent && !b.isDraft && b.language == a.language && b.direction == a.direction)
            #expect(b.corrections == a.corrections)
            #expect(b.params == a.params)
        }
        #expect(loaded.pages == original.pages)
        #expect(loaded.outputs == original.outputs)
        #expect(loaded.manifest == original.manifest)
        #expect(loaded.related?.key == original.related?.key && loaded.related?.related == original.related?.related)

        // Saved again from what was loaded (records copied as read), it is the same file.
        let again = folder.appendingPathComponent("cache/again.cache")
        try loaded.save(to: again)
        let reloaded = try #require(BuildCache.load(from: again, parseKey: 42))
        #expect(Set(reloaded.bulletins.keys) == Set(original.bulletins.keys))
        #expect(reloaded.bulletins.values.map(\.bulletin.title).sorted() == original.bulletins.values.map(\.bulletin.title).sorted())
    }

    @Test func underAnotherParseKeyOnlyWhatIsOnDiskIsKept() throws {
        let original = cache(parseKey: 42)
        let (url, folder) = try saved(original)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Another Nashra or other settings: parsed bulletins, page fingerprints and related lists
        // are dropped; the output files' and the manifest's stamps still say what is on disk.
        let loaded = try #require(BuildCache.load(from: url, parseKey: 43))
        #expect(loaded.parseKey == 43)
        #expect(loaded.bulletins.isEmpty && loaded.pages.isEmpty && loaded.related == nil)
        #expect(loaded.outputs == original.outputs)
        #expect(loaded.manifest == original.manifest)
    }

    @Test func aTruncatedFileLoadsAsNothing() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: url)
        // Every cut, from an empty file to one byte short: never a partial cache.
        for length in Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97))) + [bytes.count - 1] {
            try bytes.prefix(length).write(to: url)
            #expect(BuildCache.load(from: url, parseKey: 42) == nil, "cut at \(length) of \(bytes.count) bytes")
        }
    }

    @Test func aCorruptFileLoadsAsNothing() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: url)

        var otherFormat = bytes
        otherFormat[0] ^= 0xFF
        try otherFormat.write(to: url)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "another layout version")

        var hugeCount = bytes
        hugeCount.replaceSubrange(40..<48, with: [UInt8](repeating: 0x7F, count: 8))
        try hugeCount.write(to: url)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "a bulletin count larger than the file")

        try (bytes + Data([0])).write(to: url)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "bytes after the end")

        try Data("not a cache at all\n".utf8).write(to: url)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil)

        try FileManager.default.removeItem(at: url)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "no file")
    }

    /// The head parked in a file (as a build parks it while rendering) gives the same cache as
    /// one written from memory, and is taken over by the save: nothing is left beside it. (Files
    /// are compared by what they hold: a dictionary's order, and so the records', differs from
    /// one save to the next.)
    @Test func aCacheSavedFromAParkedHeadHoldsWhatOneFromMemoryHolds() throws {
        let original = cache(parseKey: 42)
        let (url, folder) = try saved(original)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromMemory = try #require(BuildCache.load(from: url, parseKey: 42))
        let head = CacheHead(BuildCache.writeRecords(original.bulletins, previous: nil, besides: url))
        #expect(leftBeside(url).count == 1, "the records wait in a file, not in memory")
        try original.save(to: url, records: head.take())
        try expectSame(try #require(BuildCache.load(from: url, parseKey: 42)), fromMemory)
        #expect(leftBeside(url).isEmpty)
        // Taken once: a second save writes the records again.
        try original.save(to: url, records: head.take())
        try expectSame(try #require(BuildCache.load(from: url, parseKey: 42)), fromMemory)
    }

    private func expectSame(_ loaded: BuildCache, _ expected: BuildCache) throws {
        #expect(Set(loaded.bulletins.keys) == Set(expected.bulletins.keys))
        for (path, entry) in expected.bulletins {
            let back = try #require(loaded.bulletins[path])
            // (An entry parsed this time has no record yet: it is encoded by the save.)
            #expect(entry.record == nil || back.record.map(Array.init) == entry.record.map(Array.init))
            #expect(back.bulletin.title == entry.bulletin.title && back.modified == entry.modified)
        }
        #expect(loaded.pages == expected.pages && loaded.outputs == expected.outputs && loaded.manifest == expected.manifest)
        #expect(loaded.related?.key == expected.related?.key && loaded.related?.related == expected.related?.related)
        #expect(loaded.plans == expected.plans && loaded.otherPathsHash == expected.otherPathsHash)
    }

    /// The records file cut short or changed: the index names records it no longer holds whole,
    /// and the cache is not read at all.
    @Test func aDamagedRecordsFileLoadsAsNothing() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = BuildCache.recordsURL(url)
        let bytes = try Data(contentsOf: records)
        for length in [0, 8, BuildCache.headerSize, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(length).write(to: records)
            #expect(BuildCache.load(from: url, parseKey: 42) == nil, "cut at \(length) of \(bytes.count) bytes")
        }
        var otherLog = bytes
        otherLog[8] ^= 0xFF
        try otherLog.write(to: records)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "another log's id")
        try FileManager.default.removeItem(at: records)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "no records file")
        // Bytes after the end the index knows (a failed build's appended records) are not read.
        try (bytes + Data(repeating: 0x7F, count: 100)).write(to: records)
        #expect(BuildCache.load(from: url, parseKey: 42)?.bulletins.count == 2)
    }

    /// A cache of more than 4,096 bulletins is decoded in two halves, on two threads: every entry
    /// loads back, and a record that does not read back in either half (the file's first and
    /// last) makes the whole cache unreadable.
    @Test func aLargeCacheLoadsBackWholeFromBothHalves() throws {
        var original = BuildCache(parseKey: 42)
        for number in 0..<4_100 {
            let path = "bulletins/\(number).md"
            original.bulletins[PathKey(path)] = ParsedBulletin(size: number, modified: 1_763_000_000,
                                                               bulletin: bulletin(path, title: "عنوان \(number)"))
        }
        let (url, folder) = try saved(original)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try #require(BuildCache.load(from: url, parseKey: 42))
        #expect(loaded.bulletins.count == 4_100)
        #expect(loaded.bulletins.allSatisfy { key, entry in
            key.text == "bulletins/\(entry.size).md" && entry.bulletin.title == "عنوان \(entry.size)" && entry.bulletin.tags == ["طقس", "أمطار"]
        })
        let records = BuildCache.recordsURL(url)
        let bytes = try Data(contentsOf: records)
        let title = Data("عنوان".utf8)
        for range in [bytes.range(of: title), bytes.range(of: title, options: .backwards)] {
            var damaged = bytes
            damaged[try #require(range).lowerBound] = 0xFF
            try damaged.write(to: records)
            #expect(BuildCache.load(from: url, parseKey: 42) == nil)
        }
    }

    /// A save after one bulletin changed appends its record to the records file and rewrites only
    /// the index; what loads back is the new cache. When most of the file is records no index
    /// uses any more, a new file is written instead.
    @Test func aSaveAppendsOnlyTheChangedRecords() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = BuildCache.recordsURL(url)
        func size() throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: records.path)[.size] as? Int) }
        let first = try size()
        var loaded = try #require(BuildCache.load(from: url, parseKey: 42))
        let changed = PathKey("bulletins/حلب.md")
        try retitle(changed, in: &loaded)
        try loaded.save(to: url)
        let appended = try size() - first
        #expect(appended > 0 && appended < first / 2 + 64, "one of two records appended")
        let back = try #require(BuildCache.load(from: url, parseKey: 42))
        #expect(back.bulletins[changed]?.bulletin.title == "عنوان جديد" && back.bulletins[changed]?.modified == 1_763_999_999)
        #expect(back.bulletins[PathKey("bulletins/cafe\u{301}.md")]?.bulletin.title == "Café")
        #expect(back.log?.id == loaded.log?.id)
        // Saved again and again with every record new: the file is rewritten, not grown for ever.
        for round in 0..<40 {
            var again = try #require(BuildCache.load(from: url, parseKey: 42))
            for key in Array(again.bulletins.keys) {
                again.bulletins[key]?.record = nil
                again.bulletins[key]?.stored = nil
                again.bulletins[key]?.modified = round
            }
            try again.save(to: url)
        }
        #expect(try size() < 3 * first + 65_536 * 2)
        let last = try #require(BuildCache.load(from: url, parseKey: 42))
        #expect(last.bulletins.values.allSatisfy { $0.modified == 39 })
    }

    /// The bulletin at `path` in `cache` retitled, as a build that read its file again leaves it
    /// (no record yet, a new time).
    func retitle(_ path: PathKey, in cache: inout BuildCache) throws {
        var entry = try #require(cache.bulletins[path])
        entry.bulletin.title = "عنوان جديد"
        (entry.record, entry.stored, entry.modified) = (nil, nil, 1_763_999_999)
        cache.bulletins[path] = entry
    }

    /// After a build whose changes are known path by path (`changedPaths`), the save writes what
    /// changed since the index as a delta beside it and leaves the index as it was; the two load
    /// back as the whole cache. A save that does not know what changed writes the index whole and
    /// removes the delta.
    @Test func aDeltaLoadsBackAsTheWholeCache() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try Data(contentsOf: url)
        let delta = BuildCache.deltaURL(url)
        var changed = try #require(BuildCache.load(from: url, parseKey: 42))
        let edited = PathKey("bulletins/حلب.md")
        try retitle(edited, in: &changed)
        changed.pages[PathKey("index.html")] = 0x7777
        changed.outputs[PathKey("index.html")] = OutputStamp(hash: 0x8888, size: 901, modified: 1_763_000_900)
        changed.pages[PathKey("tags/طقس/index.html")] = nil
        changed.outputs[PathKey("news/index.html")] = OutputStamp(hash: 0x9999, size: 10, modified: 1_763_000_901)
        changed.manifest = ManifestRecord(stamp: FileStamp(size: 322, modified: 1_763_000_700), pathsHash: 0x5556)
        changed.plans = [BuildCache.EditionPlan(key: 0xAAAA, fingerprints: [0x7777, 0x2222])]
        changed.otherPathsHash = 0xBBBB
        changed.changedPaths = [PathKey("index.html"), PathKey("tags/طقس/index.html"), PathKey("news/index.html")]
        try changed.save(to: url)
        #expect(try Data(contentsOf: url) == index, "the index is left as it was")
        #expect(FileManager.default.fileExists(atPath: delta.path))
        let back = try #require(BuildCache.load(from: url, parseKey: 42))
        try expectSame(back, changed)
        #expect(back.bulletins[edited]?.bulletin.title == "عنوان جديد" && back.otherPathsHash == 0xBBBB)
        #expect(back.base?.pendingPaths == changed.changedPaths, "the next delta holds these paths too")

        // Saved again from what was loaded, with one more path changed: the delta holds both.
        var again = back
        again.outputs[PathKey("style.css")] = OutputStamp(hash: 0x4445, size: 81, modified: 1_763_000_902)
        again.changedPaths = (back.base?.pendingPaths ?? []).union([PathKey("style.css")])
        try again.save(to: url)
        #expect(try Data(contentsOf: url) == index)
        try expectSame(try #require(BuildCache.load(from: url, parseKey: 42)), again)

        // Not knowing what changed, the save writes the index whole, and no delta is left.
        var whole = try #require(BuildCache.load(from: url, parseKey: 42))
        whole.changedPaths = nil
        try whole.save(to: url)
        #expect(try Data(contentsOf: url) != index)
        #expect(!FileManager.default.fileExists(atPath: delta.path))
        try expectSame(try #require(BuildCache.load(from: url, parseKey: 42)), again)
    }

    /// A delta cut short or changed is not trusted: the cache is not read at all. One taken
    /// against another index (the index was written whole since, and the delta left over) is
    /// ignored, and the index alone is the cache.
    @Test func aDamagedDeltaLoadsAsNothing() throws {
        let (url, folder) = try saved(cache(parseKey: 42))
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try #require(BuildCache.load(from: url, parseKey: 42))
        var changed = original
        changed.pages[PathKey("index.html")] = 0x7777
        changed.changedPaths = [PathKey("index.html")]
        try changed.save(to: url)
        let delta = BuildCache.deltaURL(url)
        let bytes = try Data(contentsOf: delta)
        #expect(BuildCache.load(from: url, parseKey: 42)?.pages[PathKey("index.html")] == 0x7777)
        for length in Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 37))) + [bytes.count - 1] {
            try bytes.prefix(length).write(to: delta)
            #expect(BuildCache.load(from: url, parseKey: 42) == nil, "cut at \(length) of \(bytes.count) bytes")
        }
        try (bytes + Data([0])).write(to: delta)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "bytes after the end")
        var otherFormat = bytes
        otherFormat[0] ^= 0xFF
        try otherFormat.write(to: delta)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "another layout version")
        var otherKey = bytes
        otherKey[16] ^= 0xFF
        try otherKey.write(to: delta)
        #expect(BuildCache.load(from: url, parseKey: 42) == nil, "taken under another parse key than the index's")
        var otherIndex = bytes
        otherIndex[8] ^= 0xFF
        try otherIndex.write(to: delta)
        let alone = try #require(BuildCache.load(from: url, parseKey: 42), "a delta of another index is left over, not damage")
        try expectSame(alone, original)
    }

    /// A string read from the cache is the bytes written, or the cache is corrupt: bytes that are
    /// not UTF-8 are never repaired into another string.
    static let strings: [([UInt8], Bool)] = [
        (Array("أمطار غزيرة".utf8), true), ([], true), (Array("café 😀".utf8), true), ([0xEF, 0xBF, 0xBD], true),
        ([0xFF], false), ([0x61, 0xC3], false), ([0xF0, 0x9F, 0x98], false), ([0xF0, 0x9F, 0x98, 0x61], false),
        ([0xED, 0xA0, 0x80], false), ([0xC0, 0xAF], false), ([0xD8, 0xA3, 0x80], false),
    ]

    @Test(arguments: strings)
    func aStringReadBackIsTheBytesWrittenOrNothing(string: ([UInt8], Bool)) {
        let text = string.0.withUnsafeBufferPointer { ByteReader.validString($0) }
        #expect((text != nil) == string.1, "\(string.0)")
        if let text { #expect(Array(text.utf8) == string.0) }
    }

    /// A head no save took (a build that failed) is removed with it; those of processes that are
    /// gone (a build killed while rendering) by the next build; a running process's are kept.
    @Test func headsNoSaveTookAreRemoved() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cache/site.cache")
        do {
            let head = CacheHead(BuildCache.writeRecords([:], previous: nil, besides: url))
            #expect(leftBeside(url).count == 1)
            _ = head
        }
        #expect(leftBeside(url).isEmpty)
        let abandoned = ["site.cache.2147483646.1.head", "site.cache.2147483646.tmp"]
        let running = "site.cache.\(getpid()).9.head"
        for name in abandoned + [running, "other.cache.2147483646.1.head"] {
            _ = FileManager.default.createFile(atPath: url.deletingLastPathComponent().appendingPathComponent(name).path, contents: Data([0]))
        }
        CacheHead.removeAbandoned(besides: url)
        #expect(Set(leftBeside(url)) == [running])
        #expect(FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent("other.cache.2147483646.1.head").path))
    }

    /// Files beside the cache named after it (heads and half-written caches).
    private func leftBeside(_ url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(url.lastPathComponent + ".") }
    }
}
