import Foundation
import NashraCore

/// What the previous build of the same output knew: each bulletin as parsed (with the size and
/// modification time of its file), and each page's fingerprint. A file whose size and time are
/// unchanged is not read again; a page whose fingerprint is unchanged is not rendered again.
///
/// Lives in `.nashra/cache/` of the site (or beside a bare build's output folder), one set of
/// files per output folder and publishing rules: `<key>.cache`, the index (where each bulletin's
/// record lies, pages, outputs, plans), `<key>.delta`, what changed since that index was written
/// (`IndexBase`), and `<key>.records`, the bulletins' records (about a kilobyte each), which a
/// build appends to rather than rewrites (`RecordLog`). So saving after one edit writes one record
/// and a small delta, not the whole index; the index is written whole after a build that changed
/// much, or when the delta grows past an eighth of it. A cache that cannot be read is ignored,
/// never trusted.
struct BuildCache {
    /// Bumped when the layout below changes.
    static let format: UInt64 = 14

    /// Identifies what parsing depends on: the Nashra binary and the site's settings. Parsed
    /// bulletins are reused only under the same key; page fingerprints carry their own.
    var parseKey: UInt64
    /// Keyed by the file's path below the content folder, as on disk.
    var bulletins: [PathKey: ParsedBulletin] = [:]
    /// Both read from the index's path table as it is on disk (`PathTable`), decoded only where
    /// looked up, with a delta's rows on top.
    var pages: PathMap<UInt64> = [:]
    var outputs: PathMap<OutputStamp> = [:]
    var manifest: ManifestRecord?
    var related: SitePlanner.KnownRelated?
    /// Each edition's `Site.planKey` and its pages' fingerprints in page order (one for a
    /// single-language site, the default edition first): a rebuild whose edition has the same
    /// key and whose bulletins changed only in their bodies takes these and fingerprints again
    /// only the pages that show those bodies.
    var plans: [EditionPlan] = []
    /// A hash of the output files beside the pages (static files, search index, photos), in the
    /// order the build listed them (`IncrementalState.unchangedPathsHash`).
    var otherPathsHash: UInt64?
    /// The plan's own decisions (`StoredPlan`), which a rebuild after edits of bodies only takes
    /// instead of planning again. They hold for this cache's bulletins: a save keeps the previous
    /// ones only when its plan was made with them (or patched from them), from the same front matter.
    var plan: StoredPlan?
    /// The record log this cache's bulletins were read from (nil: none, or not to be appended to).
    var log: RecordLog?
    /// The index file this cache was read from, which a save may write a delta against (nil: the
    /// save writes the whole index).
    var base: IndexBase?
    /// Every path whose page fingerprint or output stamp may differ from `base`'s, when known
    /// (`IncrementalState.save` knows it after a build whose fingerprints were patched): the save
    /// then writes only the delta. Nil: the whole index is written.
    var changedPaths: Set<PathKey>?

    /// An index file as written: its id (random, new with every whole index, named by the delta
    /// taken against it), where it is, and what a delta is the difference from.
    struct IndexBase: Sendable {
        var id: UInt64
        var path: String
        /// The log its offsets are in: a delta is only taken against the same log.
        var logID: UInt64
        var offsets: [Int]
        /// How many paths its table holds (a delta past an eighth of them writes the index again).
        var rows: Int
        var related: SitePlanner.KnownRelated?
        var plan: StoredPlan?
        /// The paths the delta on disk changed (the next delta holds them too: deltas replace,
        /// never follow, each other).
        var pendingPaths: Set<PathKey> = []
    }

    /// A records file: its id (random, written at its start and in the index that uses it) and
    /// how many of its bytes the index covers. Records are only ever appended after the end of
    /// the file, never written over, so every index ever written for a log stays true of it
    /// (bytes after its `length` are another build's, or a failed one's). When most of the file
    /// is records no index uses any more, the next save writes a new log.
    struct RecordLog: Equatable, Sendable {
        var id: UInt64
        var length: Int
    }

    /// Where a bulletin's record lies in a log (`ParsedBulletin.stored`).
    typealias RecordPlace = (log: UInt64, offset: Int, length: Int)

    struct EditionPlan: Equatable {
        var key: UInt64
        var fingerprints: [UInt64]
    }

    init(parseKey: UInt64) {
        self.parseKey = parseKey
    }

    // MARK: Files

    /// The records file beside the index at `url`.
    static func recordsURL(_ url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("records")
    }

    /// The delta file beside the index at `url`.
    static func deltaURL(_ url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("delta")
    }

    /// Past this many changed entries (paths, or records) a delta is not worth keeping: the index
    /// is written whole.
    static func deltaLimit(_ whole: Int) -> Int { max(256, whole / 8) }

    /// `folder`: the content folder the bulletins were read from, given to each one decoded (as
    /// the content loader gives it to the files it reads, so that it need not copy them).
    static func load(from url: URL, parseKey: UInt64, folder: SourceFile.Folder = SourceFile.Folder(display: "", absolute: "")) -> BuildCache? {
        guard let bytes = PartClock.measure("cache: read index", { RawFile.read(url.path) }) else { return nil }
        var laps = PartClock.Laps()
        var reader = ByteReader(bytes)
        do {
            guard try reader.readUInt64() == format else { return nil }
            let storedKey = try reader.readUInt64()
            let baseID = try reader.readUInt64()
            var cache = BuildCache(parseKey: parseKey)
            var log = RecordLog(id: try reader.readUInt64(), length: try reader.readInt())
            let bulletinCount = try reader.readCount(minimumSize: 8)
            var offsets: [Int] = []
            offsets.reserveCapacity(bulletinCount)
            for _ in 0..<bulletinCount { offsets.append(try reader.readInt()) }
            // One table for pages and output files: most paths are both. Left as bytes: only its
            // rows' shape and order are checked here.
            let pathCount = try reader.readCount(minimumSize: 16)
            guard let (table, next) = PathTable.scan(bytes, from: reader.offset, count: pathCount, end: bytes.count) else { return nil }
            try reader.skip(next - reader.offset)
            cache.pages = PathMap(table)
            cache.outputs = PathMap(table)
            try cache.readRest(&reader, baseRelated: nil, basePlan: nil)
            guard reader.atEnd else { return nil }
            laps.mark("cache: index")
            var base = IndexBase(id: baseID, path: url.path, logID: log.id, offsets: offsets, rows: pathCount, related: cache.related, plan: cache.plan)
            // What changed since: a delta taken against another index (one written whole since)
            // is left over and ignored; one against this index that does not read back whole
            // makes the cache unreadable.
            if let delta = RawFile.read(deltaURL(url).path) {
                var deltaReader = ByteReader(delta)
                guard try deltaReader.readUInt64() == format else { return nil }
                if try deltaReader.readUInt64() == baseID {
                    guard try deltaReader.readUInt64() == storedKey else { return nil }
                    log = RecordLog(id: try deltaReader.readUInt64(), length: try deltaReader.readInt())
                    guard log.id == base.logID else { return nil }
                    let removedCount = try deltaReader.readCount(minimumSize: 8)
                    var removed = Set<Int>(minimumCapacity: removedCount)
                    for _ in 0..<removedCount { removed.insert(try deltaReader.readInt()) }
                    let addedCount = try deltaReader.readCount(minimumSize: 8)
                    var added: [Int] = []
                    added.reserveCapacity(addedCount)
                    for _ in 0..<addedCount { added.append(try deltaReader.readInt()) }
                    let kept = offsets.filter { !removed.contains($0) }
                    guard kept.count + removed.count == offsets.count else { return nil }
                    offsets = kept + added
                    let rowCount = try deltaReader.readCount(minimumSize: 9)
                    for _ in 0..<rowCount { base.pendingPaths.insert(try cache.readRow(&deltaReader, delta: true)) }
                    cache.manifest = nil
                    cache.plans = []
                    cache.otherPathsHash = nil
                    cache.plan = nil
                    try cache.readRest(&deltaReader, baseRelated: base.related, basePlan: base.plan)
                    guard deltaReader.atEnd else { return nil }
                }
            }
            // Another Nashra or other settings: what was parsed and rendered is not to be trusted,
            // but what is on disk is still what was written.
            if storedKey != parseKey {
                cache.forgetParsed()
                return cache
            }
            laps.mark("cache: delta")
            guard let bulletins = PartClock.measure("cache: records", { readRecords(recordsURL(url), log: log, offsets: offsets, folder: folder) })
            else { return nil }
            cache.bulletins = bulletins
            cache.log = log
            cache.base = base
            return cache
        } catch {
            return nil
        }
    }

    /// One row of a delta's path table: a path with its page fingerprint and output stamp, either
    /// of which may be missing (both: the path is gone). (The index's rows are a `PathTable`.)
    private mutating func readRow(_ reader: inout ByteReader, delta: Bool) throws(ByteReader.Corrupt) -> PathKey {
        let path = PathKey(try reader.readString())
        let flags = try reader.readInt()
        guard flags & ~3 == 0 else { throw ByteReader.Corrupt() }
        if flags & 1 != 0 {
            pages[path] = try reader.readUInt64()
        } else if delta {
            pages[path] = nil
        }
        if flags & 2 != 0 {
            outputs[path] = OutputStamp(hash: try reader.readUInt64(), size: try reader.readInt(), modified: try reader.readInt())
        } else if delta {
            outputs[path] = nil
        }
        return path
    }

    /// After the path table: the manifest, related lists (in a delta, 2: the index's, `baseRelated`),
    /// edition plans, the other paths' hash and the stored plan (in a delta, 2: the index's, `basePlan`).
    private mutating func readRest(_ reader: inout ByteReader, baseRelated: SitePlanner.KnownRelated?,
                                   basePlan: StoredPlan?) throws(ByteReader.Corrupt) {
        if try reader.readInt() == 1 {
            manifest = ManifestRecord(stamp: FileStamp(size: try reader.readInt(), modified: try reader.readInt()),
                                      pathsHash: try reader.readUInt64())
        }
        switch try reader.readInt() {
        case 0: related = nil
        case 1:
            let key = try reader.readUInt64()
            let count = try reader.readCount(minimumSize: 8)
            var lists: [[Int]] = []
            lists.reserveCapacity(count)
            for _ in 0..<count {
                let links = try reader.readCount(minimumSize: 8)
                var list: [Int] = []
                list.reserveCapacity(links)
                for _ in 0..<links { list.append(try reader.readInt()) }
                lists.append(list)
            }
            related = SitePlanner.KnownRelated(key: key, related: lists)
        case 2 where baseRelated != nil: related = baseRelated
        default: throw ByteReader.Corrupt()
        }
        let planCount = try reader.readCount(minimumSize: 16)
        for _ in 0..<planCount {
            let key = try reader.readUInt64()
            let count = try reader.readCount(minimumSize: 8)
            var fingerprints: [UInt64] = []
            fingerprints.reserveCapacity(count)
            for _ in 0..<count { fingerprints.append(try reader.readUInt64()) }
            plans.append(EditionPlan(key: key, fingerprints: fingerprints))
        }
        if try reader.readInt() == 1 { otherPathsHash = try reader.readUInt64() }
        switch try reader.readInt() {
        case 0: plan = nil
        case 1: plan = StoredPlan(inputs: try reader.readUInt64(), checksum: try reader.readUInt64(), bytes: try reader.readBytes())
        case 2 where basePlan != nil: plan = basePlan
        default: throw ByteReader.Corrupt()
        }
    }

    /// The records at `offsets` of the log at `url`, which must be `log` (its id) and hold at
    /// least its length; nil if any record does not read back whole, or two are of one file.
    private static func readRecords(_ url: URL, log: RecordLog, offsets: [Int], folder: SourceFile.Folder) -> [PathKey: ParsedBulletin]? {
        guard let bytes = RawFile.read(url.path), log.length >= headerSize, bytes.count >= log.length else { return nil }
        var header = ByteReader(bytes, range: 0..<headerSize)
        guard (try? header.readUInt64()) == format, (try? header.readUInt64()) == log.id else { return nil }
        // Each bulletin is a length-prefixed record, kept as read so that saving an unchanged
        // entry again is a copy (or, appending, nothing). This thread reads the index before the
        // records, so decoding every record here was the last of the work beside the content
        // walk: past 4,096 records, the later half is decoded meanwhile on a thread of its own
        // (not the pool's, whose threads the walk holds).
        let half = offsets.count >= 4_096 ? offsets.count / 2 : offsets.count
        let later = half == offsets.count ? nil : BackgroundWork.onItsOwnThread { [bytes] () -> [(PathKey, ParsedBulletin)]? in
            var entries: [(PathKey, ParsedBulletin)] = []
            entries.reserveCapacity(offsets.count - half)
            for offset in offsets[half...] {
                guard let (path, entry) = record(at: offset, in: bytes, log: log, folder: folder) else { return nil }
                entries.append((PathKey(path), entry))
            }
            return entries
        }
        var bulletins: [PathKey: ParsedBulletin] = [:]
        bulletins.reserveCapacity(offsets.count)
        // Each entry of this thread's half goes straight into the dictionary: through an array
        // of them first, every entry was copied once more and destroyed.
        for offset in offsets[..<half] {
            guard let (path, entry) = record(at: offset, in: bytes, log: log, folder: folder),
                  bulletins.updateValue(entry, forKey: PathKey(path)) == nil else { return nil }
        }
        if let later {
            guard let entries = later.value else { return nil }
            for (key, entry) in entries {
                guard bulletins.updateValue(entry, forKey: key) == nil else { return nil }
            }
        }
        return bulletins
    }

    /// The record at `offset` of the log in `bytes`: its file's path and entry, or nil if it does
    /// not read back whole.
    private static func record(at offset: Int, in bytes: [UInt8], log: RecordLog, folder: SourceFile.Folder) -> (String, ParsedBulletin)? {
        guard offset >= headerSize, offset < log.length else { return nil }
        var recordReader = ByteReader(bytes, range: offset..<log.length)
        do {
            let record = try recordReader.skipRecord()
            var entryReader = ByteReader(bytes, range: record.lowerBound + 8..<record.upperBound)
            let path = try entryReader.readString()
            let size = try entryReader.readInt()
            let modified = try entryReader.readInt()
            let bulletin = try Bulletin(from: &entryReader, path: path, folder: folder)
            guard entryReader.atEnd else { return nil }
            return (path, ParsedBulletin(size: size, modified: modified, bulletin: bulletin, record: bytes[record],
                                         stored: (log.id, record.lowerBound, record.count)))
        } catch {
            return nil
        }
    }

    /// A records file starts with the format and its id.
    static let headerSize = 16

    /// Drops what another Nashra or other settings parsed, planned and fingerprinted, keeping
    /// what is on disk.
    private mutating func forgetParsed() {
        bulletins = [:]
        pages = [:]
        related = nil
        plans = []
        otherPathsHash = nil
        plan = nil
        log = nil
        base = nil
        changedPaths = nil
    }

    /// This cache for a build under `parseKey`: under another key (another Nashra or other
    /// settings) only what is on disk is still known, as `load` does.
    func forParseKey(_ key: UInt64) -> BuildCache {
        guard key != parseKey else { return self }
        var cache = self
        cache.parseKey = key
        cache.forgetParsed()
        return cache
    }

    /// This build's records, written where the next index will find them (`CacheHead`).
    struct WrittenRecords: Sendable {
        var log: RecordLog
        /// Each bulletin's record's offset in the log.
        var offsets: [PathKey: Int]
        /// A new log, parked beside the index until the save renames it into place (nil: the
        /// records were appended to the log in place).
        var parked: String?
    }

    /// Writes the records of `bulletins` for the next index: those not in `previous` (the log
    /// the cache was read from) appended to it, when most of that file would still be in use;
    /// else every record into a new log parked beside `url` (the index). Nil when nothing could
    /// be written. A build does this on another thread as soon as the bulletins are loaded, while
    /// it plans and renders: appending leaves every index of the log true.
    static func writeRecords(_ bulletins: [PathKey: ParsedBulletin], previous: RecordLog?, besides url: URL) -> WrittenRecords? {
        if let previous, let appended = appendRecords(bulletins, to: previous, at: recordsURL(url)) { return appended }
        // About a kilobyte per bulletin: reserved up front, so the buffer is not copied as it grows.
        let id = UInt64.random(in: 1...UInt64.max)
        var writer = ByteWriter(capacity: bulletins.count * 1_200 + headerSize)
        writer.write(format)
        writer.write(id)
        var offsets: [PathKey: Int] = [:]
        offsets.reserveCapacity(bulletins.count)
        for (path, entry) in bulletins {
            offsets[path] = writer.bytes.count
            if let record = entry.record {
                writer.append(record)
            } else {
                encodeRecord(path, entry, into: &writer)
            }
        }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let parked = url.path + ".\(getpid()).\(counter.next()).head"
        guard writer.bytes.withUnsafeBytes({ RawFile.write($0, to: parked) }) != nil else {
            unlink(parked)
            return nil
        }
        return WrittenRecords(log: RecordLog(id: id, length: writer.bytes.count), offsets: offsets, parked: parked)
    }

    /// The records not yet in `log` appended to its file, if that file is still `log` and at
    /// least half of it would be records in use afterwards; nil otherwise (nothing written).
    private static func appendRecords(_ bulletins: [PathKey: ParsedBulletin], to log: RecordLog, at url: URL) -> WrittenRecords? {
        var kept = 0
        var added = ByteWriter()
        var addedOffsets: [(PathKey, Int)] = []
        var offsets: [PathKey: Int] = [:]
        offsets.reserveCapacity(bulletins.count)
        for (path, entry) in bulletins {
            if let stored = entry.stored, stored.log == log.id {
                offsets[path] = stored.offset
                kept += stored.length
            } else {
                addedOffsets.append((path, added.bytes.count))
                encodeRecord(path, entry, into: &added)
            }
        }
        let descriptor = open(url.path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        var header = [UInt8](repeating: 0, count: headerSize)
        guard fstat(descriptor, &info) == 0, Int(info.st_size) >= log.length,
              pread(descriptor, &header, headerSize, 0) == headerSize else { return nil }
        var headerReader = ByteReader(header)
        guard (try? headerReader.readUInt64()) == format, (try? headerReader.readUInt64()) == log.id else { return nil }
        // Records are appended after whatever the file holds (a failed build's records too), never
        // over them: an index written for any length of this log stays true.
        let end = Int(info.st_size)
        let live = kept + added.bytes.count
        guard end + added.bytes.count <= 2 * live + 65_536 else { return nil }
        guard added.bytes.isEmpty || added.bytes.withUnsafeBytes({ RawFile.write($0, to: descriptor) }) else { return nil }
        for (path, offset) in addedOffsets { offsets[path] = end + offset }
        return WrittenRecords(log: RecordLog(id: log.id, length: end + added.bytes.count), offsets: offsets, parked: nil)
    }

    /// One bulletin's record: its length, then its path, file stamp and the bulletin.
    private static func encodeRecord(_ path: PathKey, _ entry: ParsedBulletin, into writer: inout ByteWriter) {
        var record = ByteWriter()
        record.write(path.text)
        record.write(entry.size)
        record.write(entry.modified)
        entry.bulletin.encode(to: &record, path: path.text)
        writer.write(record.bytes.count)
        writer.append(record.bytes[...])
    }

    /// Writes the cache: the records (`records`, this cache's bulletins' as `writeRecords` wrote
    /// them, or written now), then the index, written beside and renamed into place so that a
    /// reader never sees half of it.
    func save(to url: URL, records: WrittenRecords? = nil) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // The records were written from these bulletins (`writeRecords`), one per path.
        guard let records = records ?? Self.writeRecords(bulletins, previous: log, besides: url),
              records.offsets.count == bulletins.count else {
            if let parked = records?.parked { unlink(parked) }
            throw CocoaError(.fileWriteUnknown)
        }
        if let parked = records.parked {
            // The index on disk names the old log: gone with it, until the new index is in place.
            guard rename(parked, Self.recordsURL(url).path) == 0 else {
                unlink(parked)
                throw CocoaError(.fileWriteUnknown)
            }
        }
        if let delta = encodeDelta(records: records, at: url) {
            // Replaces the previous delta (this one holds its changes too) in one rename.
            try Self.writeReplacing(Self.deltaURL(url), delta, temporary: url.path + ".\(getpid()).delta.tmp")
            return
        }
        var writer = ByteWriter(capacity: bulletins.count * 8 + (pages.estimatedCount + outputs.estimatedCount) * 80 + (plan?.bytes.count ?? 0) + 64)
        writer.write(Self.format)
        writer.write(parseKey)
        writer.write(UInt64.random(in: 1...UInt64.max))
        writer.write(records.log.id)
        writer.write(records.log.length)
        writer.write(records.offsets.count)
        for offset in records.offsets.values { writer.write(offset) }
        encodeRows(into: &writer)
        encodeRest(into: &writer, baseRelated: nil, basePlan: nil)
        try Self.writeReplacing(url, writer.bytes, temporary: url.path + ".\(getpid()).tmp")
        // A delta left beside names the index it was taken against, no longer this one: gone,
        // it cannot be mistaken for this index's.
        unlink(Self.deltaURL(url).path)
    }

    /// `bytes` written to `temporary` (named after the index and the process, so that
    /// `CacheHead.removeAbandoned` finds it if the process dies) and renamed to `url`, so that a
    /// reader never sees half of them.
    private static func writeReplacing(_ url: URL, _ bytes: [UInt8], temporary: String) throws {
        guard bytes.withUnsafeBytes({ RawFile.write($0, to: temporary) }) != nil else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// What changed since `base`, when that is known (`changedPaths`), small, and `base` is the
    /// index at `url` in the same records file: the records that came and went (by offset), the
    /// rows of the changed paths as they are now, and everything after the table (whole: the
    /// plans' fingerprints are one block; the related lists only when not the base's). Nil: the
    /// index is to be written whole.
    private func encodeDelta(records: WrittenRecords, at url: URL) -> [UInt8]? {
        guard let base, let changedPaths, base.path == url.path, records.parked == nil, records.log.id == base.logID,
              changedPaths.count <= Self.deltaLimit(base.rows) else { return nil }
        let before = Set(base.offsets)
        var now = Set<Int>(minimumCapacity: records.offsets.count)
        for offset in records.offsets.values { now.insert(offset) }
        let removed = before.subtracting(now), added = now.subtracting(before)
        guard removed.count + added.count <= Self.deltaLimit(base.offsets.count) else { return nil }
        var writer = ByteWriter(capacity: (removed.count + added.count) * 8 + changedPaths.count * 160
                                + plans.reduce(0) { $0 + $1.fingerprints.count } * 8 + 256)
        writer.write(Self.format)
        writer.write(base.id)
        writer.write(parseKey)
        writer.write(records.log.id)
        writer.write(records.log.length)
        writer.write(removed.count)
        for offset in removed { writer.write(offset) }
        writer.write(added.count)
        for offset in added { writer.write(offset) }
        writer.write(changedPaths.count)
        for path in changedPaths { writeRow(path, fingerprint: pages[path], stamp: outputs[path], into: &writer) }
        encodeRest(into: &writer, baseRelated: base.related, basePlan: base.plan)
        return writer.bytes
    }

    /// Tells apart the parked logs of builds running at once in one process (`nashra serve`).
    private static let counter = Counter()

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }

    private func writeRow(_ path: PathKey, fingerprint: UInt64?, stamp: OutputStamp?, into writer: inout ByteWriter) {
        writer.write(path.text)
        writer.write((fingerprint != nil ? 1 : 0) | (stamp != nil ? 2 : 0))
        if let fingerprint { writer.write(fingerprint) }
        if let stamp {
            writer.write(stamp.hash)
            writer.write(stamp.size)
            writer.write(stamp.modified)
        }
    }

    /// The path table: pages and outputs, one row per path, in path order (`PathTable`).
    private func encodeRows(into writer: inout ByteWriter) {
        let pages = pages.dictionary, outputs = outputs.dictionary
        // Every output file, then any page without an output: one lookup per path (almost every
        // page has its file), rather than a set of their union.
        var paths = Array(outputs.keys)
        paths += pages.keys.filter { outputs[$0] == nil }
        paths.sort()
        writer.write(paths.count)
        for path in paths { writeRow(path, fingerprint: pages[path], stamp: outputs[path], into: &writer) }
    }

    /// Everything after the path table: manifest, related lists (2 in a delta whose related
    /// lists are the index's, `baseRelated`), edition plans, the other paths' hash, the stored
    /// plan (2 in a delta whose plan is the index's, `basePlan`: after a body edit, it is).
    private func encodeRest(into writer: inout ByteWriter, baseRelated: SitePlanner.KnownRelated?, basePlan: StoredPlan?) {
        if let manifest {
            writer.write(1)
            writer.write(manifest.stamp.size)
            writer.write(manifest.stamp.modified)
            writer.write(manifest.pathsHash)
        } else {
            writer.write(0)
        }
        if let related, let baseRelated, related.key == baseRelated.key, related.related == baseRelated.related {
            writer.write(2)
        } else if let related {
            writer.write(1)
            writer.write(related.key)
            writer.write(related.related.count)
            for list in related.related {
                writer.write(list.count)
                for index in list { writer.write(index) }
            }
        } else {
            writer.write(0)
        }
        writer.write(plans.count)
        for plan in plans {
            writer.write(plan.key)
            writer.write(plan.fingerprints.count)
            writer.write(plan.fingerprints)
        }
        if let otherPathsHash {
            writer.write(1)
            writer.write(otherPathsHash)
        } else {
            writer.write(0)
        }
        if let plan, let basePlan, plan.inputs == basePlan.inputs, plan.checksum == basePlan.checksum, plan.bytes.count == basePlan.bytes.count {
            writer.write(2)
        } else if let plan {
            writer.write(1)
            writer.write(plan.inputs)
            writer.write(plan.checksum)
            writer.write(bytes: plan.bytes)
        } else {
            writer.write(0)
        }
    }

    /// The running program's own identity (size and modification time of the executable), so that
    /// a new Nashra never trusts what an older one cached.
    static let programIdentity: UInt64 = {
        var fingerprint = Fingerprint()
        fingerprint.add(nashraVersion)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 {
            fingerprint.add(Int(info.st_size))
            fingerprint.add(Int(info.st_mtim.tv_sec))
            fingerprint.add(Int(info.st_mtim.tv_nsec))
        }
        return fingerprint.value
    }()
}

/// Nashra's version, part of every cache key.
public let nashraVersion = "0.1.0"

// MARK: - Bulletin encoding

extension Bulletin {
    /// Whether `other`, a parse of the same file, differs from this one at most in its body:
    /// everything the cache keeps of both is the same but the file's hash and where its body
    /// starts. Then the plan is the same, and only pages that show the body change.
    func sameExceptBody(_ other: Bulletin) -> Bool {
        func frontMatter(_ bulletin: Bulletin) -> [UInt8] {
            var copy = bulletin
            copy.source.contentHash = 0
            copy.source.bodyOffset = 0
            copy.source.bodyLine = 0
            var writer = ByteWriter()
            copy.encode(to: &writer, path: copy.source.relativePath)
            return writer.bytes
        }
        return frontMatter(self) == frontMatter(other)
    }

    /// `path` is the file's path as on disk, already written as the entry's key: the (NFC)
    /// relative path is almost always the same and then is not written again.
    func encode(to writer: inout ByteWriter, path: String) {
        // The display and absolute paths are not kept: the loader sets them from where the file
        // is now.
        let samePath = PathKey(source.relativePath) == PathKey(path)
        writer.write(samePath)
        if !samePath { writer.write(source.relativePath) }
        writer.write(source.contentHash)
        writer.write(source.bodyOffset)
        writer.write(source.bodyLine)
        writer.write(title)
        writer.write(Int(date.secondsSinceEpoch))
        writer.write(date.hasTime)
        writer.write(updated != nil)
        if let updated {
            writer.write(Int(updated.secondsSinceEpoch))
            writer.write(updated.hasTime)
        }
        writer.write(location)
        writer.write(agency)
        writer.write(author)
        writer.write(tags.count)
        for tag in tags { writer.write(tag) }
        writer.write(summary)
        writer.write(hasWrittenSummary)
        writer.write(slug)
        writer.write(slugPosition?.line ?? 0)
        writer.write(slugPosition?.column ?? 0)
        writer.write(isDraft)
        writer.write(isUrgent)
        writer.write(language)
        writer.write(direction == .rtl)
        writer.write(image != nil)
        if let image {
            writer.write(image.src)
            writer.write(image.alt)
            writer.write(image.caption)
            writer.write(image.credit)
            writer.write(image.position.line)
            writer.write(image.position.column)
        }
        writer.write(expires != nil)
        if let expires {
            writer.write(Int(expires.secondsSinceEpoch))
            writer.write(expires.hasTime)
        }
        writer.write(corrections.count)
        for correction in corrections {
            writer.write(correction.text)
            writer.write(correction.date != nil)
            if let date = correction.date {
                writer.write(Int(date.secondsSinceEpoch))
                writer.write(date.hasTime)
            }
        }
        writer.write(params.count)
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            value.encode(to: &writer)
        }
        writer.write(sectionName)
        writer.write(categories.count)
        for category in categories { writer.write(category) }
        writer.write(weight != nil)
        if let weight { writer.write(weight) }
        writer.write(url)
        writer.write(urlPosition?.line ?? 0)
        writer.write(urlPosition?.column ?? 0)
        writer.write(aliases.count)
        for (alias, position) in zip(aliases, aliasPositions) {
            writer.write(alias)
            writer.write(position.line)
            writer.write(position.column)
        }
        writer.write(references.count)
        for reference in references {
            writer.write(reference.target)
            writer.write(reference.position.line)
            writer.write(reference.position.column)
        }
        writer.write(translationKey)
        writer.write(translationKeyPosition?.line ?? 0)
        writer.write(translationKeyPosition?.column ?? 0)
        writer.write(inEditionFolder)
    }

    init(from reader: inout ByteReader, path: String, folder: SourceFile.Folder = SourceFile.Folder(display: "", absolute: "")) throws(ByteReader.Corrupt) {
        let source = SourceFile(relativePath: try reader.readBool() ? path : try reader.readString(), folder: folder,
                                contentHash: try reader.readUInt64(),
                                bodyOffset: try reader.readInt(), bodyLine: try reader.readInt())
        self.init(source: source)
        title = try reader.readString()
        date = BulletinDate(secondsSinceEpoch: Int64(try reader.readInt()), hasTime: try reader.readBool())
        if try reader.readBool() {
            updated = BulletinDate(secondsSinceEpoch: Int64(try reader.readInt()), hasTime: try reader.readBool())
        }
        location = try reader.readOptionalString()
        agency = try reader.readOptionalString()
        author = try reader.readOptionalString()
        let tagCount = try reader.readCount(minimumSize: 8)
        tags = []
        for _ in 0..<tagCount { tags.append(try reader.readString()) }
        summary = try reader.readString()
        hasWrittenSummary = try reader.readBool()
        slug = try reader.readString()
        let slugLine = try reader.readInt(), slugColumn = try reader.readInt()
        if slugLine > 0 { slugPosition = TextPosition(line: slugLine, column: slugColumn) }
        isDraft = try reader.readBool()
        isUrgent = try reader.readBool()
        language = try reader.readString()
        direction = try reader.readBool() ? .rtl : .ltr
        if try reader.readBool() {
            image = BulletinImage(src: try reader.readString(), alt: try reader.readOptionalString(),
                                  caption: try reader.readOptionalString(), credit: try reader.readOptionalString(),
                                  position: TextPosition(line: try reader.readInt(), column: try reader.readInt()))
        }
        if try reader.readBool() {
            expires = BulletinDate(secondsSinceEpoch: Int64(try reader.readInt()), hasTime: try reader.readBool())
        }
        let correctionCount = try reader.readCount(minimumSize: 9)
        for _ in 0..<correctionCount {
            let text = try reader.readString()
            var date: BulletinDate?
            if try reader.readBool() {
                date = BulletinDate(secondsSinceEpoch: Int64(try reader.readInt()), hasTime: try reader.readBool())
            }
            corrections.append(Correction(date: date, text: text))
        }
        let paramCount = try reader.readCount(minimumSize: 16)
        for _ in 0..<paramCount {
            let key = try reader.readString()
            params[key] = try ParamValue(from: &reader)
        }
        sectionName = try reader.readOptionalString()
        let categoryCount = try reader.readCount(minimumSize: 8)
        for _ in 0..<categoryCount { categories.append(try reader.readString()) }
        if try reader.readBool() { weight = try reader.readInt() }
        url = try reader.readOptionalString()
        let urlLine = try reader.readInt(), urlColumn = try reader.readInt()
        if urlLine > 0 { urlPosition = TextPosition(line: urlLine, column: urlColumn) }
        let aliasCount = try reader.readCount(minimumSize: 24)
        for _ in 0..<aliasCount {
            aliases.append(try reader.readString())
            aliasPositions.append(TextPosition(line: try reader.readInt(), column: try reader.readInt()))
        }
        let referenceCount = try reader.readCount(minimumSize: 24)
        for _ in 0..<referenceCount {
            let target = try reader.readString()
            references.append(Reference(target: target, position: TextPosition(line: try reader.readInt(), column: try reader.readInt())))
        }
        translationKey = try reader.readOptionalString()
        let keyLine = try reader.readInt(), keyColumn = try reader.readInt()
        if keyLine > 0 { translationKeyPosition = TextPosition(line: keyLine, column: keyColumn) }
        inEditionFolder = try reader.readBool()
    }
}

extension ParamValue {
    func encode(to writer: inout ByteWriter) {
        switch self {
        case .text(let text):
            writer.write(0)
            writer.write(text)
        case .flag(let flag):
            writer.write(1)
            writer.write(flag)
        case .list(let list):
            writer.write(2)
            writer.write(list.count)
            for item in list { item.encode(to: &writer) }
        case .map(let map):
            writer.write(3)
            writer.write(map.count)
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                writer.write(key)
                value.encode(to: &writer)
            }
        }
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        switch try reader.readInt() {
        case 0: self = .text(try reader.readString())
        case 1: self = .flag(try reader.readBool())
        case 2:
            let count = try reader.readCount(minimumSize: 8)
            var list: [ParamValue] = []
            for _ in 0..<count { list.append(try ParamValue(from: &reader)) }
            self = .list(list)
        case 3:
            let count = try reader.readCount(minimumSize: 16)
            var map: [String: ParamValue] = [:]
            for _ in 0..<count {
                let key = try reader.readString()
                map[key] = try ParamValue(from: &reader)
            }
            self = .map(map)
        default: throw ByteReader.Corrupt()
        }
    }
}
