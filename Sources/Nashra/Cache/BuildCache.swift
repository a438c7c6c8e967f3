import Foundation
import NashraCore

/// What the previous build of the same output knew: each bulletin as parsed (with the size and
/// modification time of its file), and each page's fingerprint. A file whose size and time are
/// unchanged is not read again; a page whose fingerprint is unchanged is not rendered again.
///
/// Lives in `.nashra/cache/` of the site (or beside a bare build's output folder), one file per
/// output folder and publishing rules. A cache that cannot be read is ignored, never trusted.
struct BuildCache {
    /// Bumped when the layout below changes.
    static let format: UInt64 = 10

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

    struct EditionPlan: Equatable {
        var key: UInt64
        var fingerprints: [UInt64]
    }

    init(parseKey: UInt64) {
        self.parseKey = parseKey
    }

    // MARK: Files

    static func load(from url: URL, parseKey: UInt64) -> BuildCache? {
        guard let bytes = RawFile.read(url.path) else { return nil }
        var reader = ByteReader(bytes)
        do {
            guard try reader.readUInt64() == format else { return nil }
            let storedKey = try reader.readUInt64()
            var cache = BuildCache(parseKey: parseKey)
            // Each bulletin is a length-prefixed record, kept as read so that saving an unchanged
            // entry again is a copy. (Decoding the records in parallel measured no faster: the
            // content walk already uses both cores meanwhile.)
            let bulletinCount = try reader.readCount(minimumSize: 64)
            var records: [Range<Int>] = []
            records.reserveCapacity(bulletinCount)
            for _ in 0..<bulletinCount { records.append(try reader.skipRecord()) }
            let entries = records.map { record -> (PathKey, ParsedBulletin)? in
                var entryReader = ByteReader(bytes, range: record.lowerBound + 8..<record.upperBound)
                do {
                    let path = try entryReader.readString()
                    let size = try entryReader.readInt()
                    let modified = try entryReader.readInt()
                    let bulletin = try Bulletin(from: &entryReader, path: path)
                    guard entryReader.atEnd else { return nil }
                    return (PathKey(path), ParsedBulletin(size: size, modified: modified, bulletin: bulletin, record: bytes[record]))
                } catch {
                    return nil
                }
            }
            cache.bulletins.reserveCapacity(bulletinCount)
            for entry in entries {
                guard let (path, value) = entry else { return nil }
                cache.bulletins[path] = value
            }
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
            guard reader.atEnd else { return nil }
            // Another Nashra or other settings: what was parsed and rendered is not to be trusted,
            // but what is on disk is still what was written.
            if storedKey != parseKey { cache.forgetParsed() }
            return cache
        } catch {
            return nil
        }
    }

    /// Drops what another Nashra or other settings parsed, planned and fingerprinted, keeping
    /// what is on disk.
    private mutating func forgetParsed() {
        bulletins = [:]
        pages = [:]
        related = nil
        plans = []
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

    /// The start of the cache file: header and bulletins, the bulk of it. A build encodes it on
    /// another thread as soon as the bulletins are loaded, while it plans and renders.
    static func encodeHead(parseKey: UInt64, bulletins: [PathKey: ParsedBulletin]) -> [UInt8] {
        // About a kilobyte per bulletin: reserved up front, so the buffer is not copied as it grows.
        var writer = ByteWriter(capacity: bulletins.count * 1_200 + 64)
        writer.write(format)
        writer.write(parseKey)
        writer.write(bulletins.count)
        for (path, entry) in bulletins {
            if let record = entry.record {
                writer.append(record)
                continue
            }
            var record = ByteWriter()
            record.write(path.text)
            record.write(entry.size)
            record.write(entry.modified)
            entry.bulletin.encode(to: &record, path: path.text)
            writer.write(record.bytes.count)
            writer.append(record.bytes[...])
        }
        return writer.bytes
    }

    /// Writes the cache; `head` holds `encodeHead` of this cache's key and bulletins, if already made.
    func save(to url: URL, head: CacheHead? = nil) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var tail = ByteWriter(capacity: (pages.count + outputs.count) * 120 + 64)
        encodeTail(into: &tail)
        // Written beside and renamed into place, so a reader never sees half a cache.
        let temporary: String
        switch head?.take() ?? .none {
        case .file(let parked):
            temporary = parked
            guard tail.bytes.withUnsafeBytes({ RawFile.append($0, to: parked) }) else {
                unlink(parked)
                throw CocoaError(.fileWriteUnknown)
            }
        case .bytes(let start):
            temporary = try Self.write(start, tail.bytes, besides: url)
        case .none:
            temporary = try Self.write(Self.encodeHead(parseKey: parseKey, bulletins: bulletins), tail.bytes, besides: url)
        }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// `head` then `tail` in a new file beside `url`; its path.
    private static func write(_ head: [UInt8], _ tail: [UInt8], besides url: URL) throws -> String {
        var writer = ByteWriter(head, extraCapacity: tail.count)
        writer.append(tail[...])
        let temporary = url.path + ".\(getpid()).tmp"
        guard writer.bytes.withUnsafeBytes({ RawFile.write($0, to: temporary) }) != nil else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
        return temporary
    }

    /// Everything after the head: pages and outputs, manifest, related lists, edition plans.
    private func encodeTail(into writer: inout ByteWriter) {
        let paths = Set(pages.keys).union(outputs.keys)
        writer.write(paths.count)
        for path in paths {
            writer.write(path.text)
            let fingerprint = pages[path], stamp = outputs[path]
            writer.write((fingerprint != nil ? 1 : 0) | (stamp != nil ? 2 : 0))
            if let fingerprint { writer.write(fingerprint) }
            if let stamp {
                writer.write(stamp.hash)
                writer.write(stamp.size)
                writer.write(stamp.modified)
            }
        }
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

    init(from reader: inout ByteReader, path: String) throws(ByteReader.Corrupt) {
        let source = SourceFile(relativePath: try reader.readBool() ? path : try reader.readString(), displayPath: "",
                                absolutePath: "", contentHash: try reader.readUInt64(),
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
