import Foundation
import NashraCore

/// What the previous build of the same output knew: each bulletin as parsed (with the size and
/// modification time of its file), and each page's fingerprint. A file whose size and time are
/// unchanged is not read again; a page whose fingerprint is unchanged is not rendered again.
///
/// Lives in `.nashra/cache/` of the site (or beside a bare build's output folder), one pair of
/// files per output folder and publishing rules: `<key>.cache`, the index (where each bulletin's
/// record lies, pages, outputs, plans), rewritten whole by every build, and `<key>.records`, the
/// bulletins' records (about a kilobyte each), which a build appends to rather than rewrites, so
/// that saving after one edit writes one record and the index (`RecordLog`). A cache that cannot be
/// read is ignored, never trusted.
struct BuildCache {
    /// Bumped when the layout below changes.
    static let format: UInt64 = 11

    /// Identifies what parsing depends on: the Nashra binary and the site's settings. Parsed
    /// bulletins are reused only under the same key; page fingerprints carry their own.
    var parseKey: UInt64
    /// Keyed by the file's path below the content folder, as on disk.
    var bulletins: [PathKey: ParsedBulletin] = [:]
    var pages: [PathKey: UInt64] = [:]
    var outputs: [PathKey: OutputStamp] = [:]
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
    /// The record log this cache's bulletins were read from (nil: none, or not to be appended to).
    var log: RecordLog?

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

    /// `folder`: the content folder the bulletins were read from, given to each one decoded (as
    /// the content loader gives it to the files it reads, so that it need not copy them).
    static func load(from url: URL, parseKey: UInt64, folder: SourceFile.Folder = SourceFile.Folder(display: "", absolute: "")) -> BuildCache? {
        guard let bytes = RawFile.read(url.path) else { return nil }
        var reader = ByteReader(bytes)
        do {
            guard try reader.readUInt64() == format else { return nil }
            let storedKey = try reader.readUInt64()
            var cache = BuildCache(parseKey: parseKey)
            let log = RecordLog(id: try reader.readUInt64(), length: try reader.readInt())
            let bulletinCount = try reader.readCount(minimumSize: 8)
            var offsets: [Int] = []
            offsets.reserveCapacity(bulletinCount)
            for _ in 0..<bulletinCount { offsets.append(try reader.readInt()) }
            // One table for pages and output files: most paths are both, and are read once.
            let pathCount = try reader.readCount(minimumSize: 9)
            cache.pages.reserveCapacity(pathCount)
            cache.outputs.reserveCapacity(pathCount)
            for _ in 0..<pathCount {
                let path = PathKey(try reader.readString())
                let flags = try reader.readInt()
                if flags & 1 != 0 { cache.pages[path] = try reader.readUInt64() }
                if flags & 2 != 0 {
                    cache.outputs[path] = OutputStamp(hash: try reader.readUInt64(), size: try reader.readInt(), modified: try reader.readInt())
                }
            }
            if try reader.readInt() == 1 {
                cache.manifest = ManifestRecord(stamp: FileStamp(size: try reader.readInt(), modified: try reader.readInt()),
                                                pathsHash: try reader.readUInt64())
            }
            if try reader.readInt() == 1 {
                let key = try reader.readUInt64()
                let count = try reader.readCount(minimumSize: 8)
                var related: [[Int]] = []
                related.reserveCapacity(count)
                for _ in 0..<count {
                    let links = try reader.readCount(minimumSize: 8)
                    var list: [Int] = []
                    list.reserveCapacity(links)
                    for _ in 0..<links { list.append(try reader.readInt()) }
                    related.append(list)
                }
                cache.related = SitePlanner.KnownRelated(key: key, related: related)
            }
            let planCount = try reader.readCount(minimumSize: 16)
            for _ in 0..<planCount {
                let key = try reader.readUInt64()
                let count = try reader.readCount(minimumSize: 8)
                var fingerprints: [UInt64] = []
                fingerprints.reserveCapacity(count)
                for _ in 0..<count { fingerprints.append(try reader.readUInt64()) }
                cache.plans.append(EditionPlan(key: key, fingerprints: fingerprints))
            }
            if try reader.readInt() == 1 { cache.otherPathsHash = try reader.readUInt64() }
            guard reader.atEnd else { return nil }
            // Another Nashra or other settings: what was parsed and rendered is not to be trusted,
            // but what is on disk is still what was written.
            if storedKey != parseKey {
                cache.forgetParsed()
                return cache
            }
            guard let bulletins = readRecords(recordsURL(url), log: log, offsets: offsets, folder: folder) else { return nil }
            cache.bulletins = bulletins
            cache.log = log
            return cache
        } catch {
            return nil
        }
    }

    /// The records at `offsets` of the log at `url`, which must be `log` (its id) and hold at
    /// least its length; nil if any record does not read back whole, or two are of one file.
    private static func readRecords(_ url: URL, log: RecordLog, offsets: [Int], folder: SourceFile.Folder) -> [PathKey: ParsedBulletin]? {
        guard let bytes = RawFile.read(url.path), log.length >= headerSize, bytes.count >= log.length else { return nil }
        var header = ByteReader(bytes, range: 0..<headerSize)
        guard (try? header.readUInt64()) == format, (try? header.readUInt64()) == log.id else { return nil }
        // Each bulletin is a length-prefixed record, kept as read so that saving an unchanged
        // entry again is a copy (or, appending, nothing). (Decoding the records in parallel
        // measured no faster: the content walk already uses both cores meanwhile.)
        let entries = offsets.map { offset -> (PathKey, ParsedBulletin)? in
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
                return (PathKey(path), ParsedBulletin(size: size, modified: modified, bulletin: bulletin, record: bytes[record],
                                                      stored: (log.id, record.lowerBound, record.count)))
            } catch {
                return nil
            }
        }
        var bulletins: [PathKey: ParsedBulletin] = [:]
        bulletins.reserveCapacity(entries.count)
        for entry in entries {
            guard let (path, value) = entry, bulletins.updateValue(value, forKey: path) == nil else { return nil }
        }
        return bulletins
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
        log = nil
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
        guard let records = records ?? Self.writeRecords(bulletins, previous: log, besides: url),
              bulletins.keys.allSatisfy({ records.offsets[$0] != nil }) else {
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
        var writer = ByteWriter(capacity: bulletins.count * 8 + (pages.count + outputs.count) * 120 + 64)
        writer.write(Self.format)
        writer.write(parseKey)
        writer.write(records.log.id)
        writer.write(records.log.length)
        writer.write(bulletins.count)
        for path in bulletins.keys { writer.write(records.offsets[path]!) }
        encodeTail(into: &writer)
        let temporary = url.path + ".\(getpid()).tmp"
        guard writer.bytes.withUnsafeBytes({ RawFile.write($0, to: temporary) }) != nil else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Tells apart the parked logs of builds running at once in one process (`nashra serve`).
    private static let counter = Counter()

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }

    /// Everything after the head: pages and outputs, manifest, related lists, edition plans.
    private func encodeTail(into writer: inout ByteWriter) {
        // Every output file with its page's fingerprint, then any page without an output: one
        // lookup per path (almost every page has its file), rather than a set of their union.
        var pagesWithOutputs = 0
        let rows = outputs.map { path, stamp in
            let fingerprint = pages[path]
            if fingerprint != nil { pagesWithOutputs += 1 }
            return (path, stamp, fingerprint)
        }
        let pagesOnly = pagesWithOutputs == pages.count ? [] : pages.keys.filter { outputs[$0] == nil }
        writer.write(outputs.count + pagesOnly.count)
        func write(_ path: PathKey, fingerprint: UInt64?, stamp: OutputStamp?) {
            writer.write(path.text)
            writer.write((fingerprint != nil ? 1 : 0) | (stamp != nil ? 2 : 0))
            if let fingerprint { writer.write(fingerprint) }
            if let stamp {
                writer.write(stamp.hash)
                writer.write(stamp.size)
                writer.write(stamp.modified)
            }
        }
        for (path, stamp, fingerprint) in rows { write(path, fingerprint: fingerprint, stamp: stamp) }
        for path in pagesOnly { write(path, fingerprint: pages[path], stamp: nil) }
        if let manifest {
            writer.write(1)
            writer.write(manifest.stamp.size)
            writer.write(manifest.stamp.modified)
            writer.write(manifest.pathsHash)
        } else {
            writer.write(0)
        }
        if let related {
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
            for fingerprint in plan.fingerprints { writer.write(fingerprint) }
        }
        if let otherPathsHash {
            writer.write(1)
            writer.write(otherPathsHash)
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
