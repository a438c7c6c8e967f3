import Foundation
import NashraCore

/// Photos already made, across builds: each source file's bytes are hashed (or, when its size,
/// time and inode are unchanged, the hash is taken from the last build), and the files made from
/// those bytes with these settings are kept under `photos/<key>/` in the build cache folder. An
/// unchanged photo is never decoded twice. The index (`photos/index`) is one text file read once.
///
/// Files are written under a temporary name and renamed, so the cache never holds half a file.
/// Entries are never pruned; deleting the folder only costs the next build the work again.
final class PhotoCache: @unchecked Sendable {
    /// One file made from a photo.
    struct Variant: Sendable, Hashable {
        var width: Int
        var height: Int
        var format: Photo.Format
        /// `ByteHash` of the file's bytes (the output stamp the site writer compares).
        var hash: UInt64

        /// `-960.webp`; a file published as it is (GIF, SVG) has no width in its name.
        var suffix: String {
            switch format {
            case .svg, .gif: "." + format.rawValue
            case .jpeg: "-\(width).jpg"
            default: "-\(width).\(format.rawValue)"
            }
        }
    }

    /// What was made from one photo's bytes.
    struct Made: Sendable {
        var key: UInt64
        var variants: [Variant]
        /// The source's pixels as its header gives them (checked against the limit on every build).
        var pixels: Int
    }

    struct Refusal: Error, Sendable {
        var message: String
    }

    private struct SourceStamp {
        var size: Int
        var modified: Int
        var inode: UInt64
        var hash: UInt64
    }

    let folder: URL
    private let settings: String
    private let lock = NSLock()
    private var stamps: [String: SourceStamp] = [:]
    private var made: [UInt64: [Variant]] = [:]
    private var pixels: [UInt64: Int] = [:]
    private var changed = false

    /// `trustStamps: false` (a clean build) hashes every source again; the files made are still reused.
    init(folder: URL, settings: String, trustStamps: Bool) {
        self.folder = folder
        self.settings = settings
        guard let bytes = RawFile.read(folder.appendingPathComponent("index").path),
              let text = String(validating: bytes, as: UTF8.self) else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring("nashra-photos 1 " + settings) else { return }
        lines = lines.dropFirst()
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false)
            if fields.first == "S", fields.count == 6, trustStamps, let size = Int(fields[1]), let modified = Int(fields[2]),
               let inode = UInt64(fields[3]), let hash = UInt64(fields[4], radix: 16) {
                stamps[String(fields[5])] = SourceStamp(size: size, modified: modified, inode: inode, hash: hash)
            } else if fields.first == "V", fields.count == 6, let key = UInt64(fields[1], radix: 16), let format = Photo.Format(rawValue: String(fields[2])),
                      let width = Int(fields[3]), let height = Int(fields[4]), let hash = UInt64(fields[5], radix: 16) {
                made[key, default: []].append(Variant(width: width, height: height, format: format, hash: hash))
            } else if fields.first == "P", fields.count == 3, let key = UInt64(fields[1], radix: 16), let count = Int(fields[2]) {
                pixels[key] = count
            }
        }
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Where a made file is kept.
    func path(of variant: Variant, key: UInt64) -> String {
        folder.path + "/" + Self.hex(key) + "/" + String(variant.suffix.dropFirst(variant.suffix.hasPrefix("-") ? 1 : 0))
    }

    /// The files made from the photo at `path`, from the cache or made now by `make` (given the
    /// key the files go under); true when they were made now.
    func result(for path: String, make: (UInt64) -> Result<([Variant], Int), Refusal>) -> Result<(Made, Bool), Refusal> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(Refusal(message: "cannot be read: \(String(cString: strerror(errno)))")) }
        let stamp = FileStamp(info)
        let inode = UInt64(info.st_ino)
        let known = lock.withLock { stamps[path] }
        let hash: UInt64
        if let known, known.size == stamp.size, known.modified == stamp.modified, known.inode == inode {
            hash = known.hash
        } else {
            guard let bytes = RawFile.read(path) else { return .failure(Refusal(message: "cannot be read: \(String(cString: strerror(errno)))")) }
            hash = bytes.withUnsafeBytes { ByteHash.of($0) }
            lock.withLock {
                stamps[path] = SourceStamp(size: stamp.size, modified: stamp.modified, inode: inode, hash: hash)
                changed = true
            }
        }
        var print = Fingerprint()
        print.add(hash)
        print.add(settings)
        let key = print.value
        if let (variants, count) = lock.withLock({ made[key].map { ($0, pixels[key] ?? 0) } }),
           variants.allSatisfy({ access(self.path(of: $0, key: key), F_OK) == 0 }) {
            return .success((Made(key: key, variants: variants, pixels: count), false))
        }
        return make(key).map { variants, count in
            lock.withLock {
                made[key] = variants
                pixels[key] = count
                changed = true
            }
            return (Made(key: key, variants: variants, pixels: count), true)
        }
    }

    /// Keeps encoded files: (format, width, height, bytes) each.
    func store(key: UInt64, variants: [(Photo.Format, Int, Int, [UInt8])]) -> Result<[Variant], Refusal> {
        var stored: [Variant] = []
        for (format, width, height, bytes) in variants {
            let variant = Variant(width: width, height: height, format: format, hash: bytes.withUnsafeBytes { ByteHash.of($0) })
            if let problem = write(bytes, to: path(of: variant, key: key)) { return .failure(problem) }
            stored.append(variant)
        }
        return .success(stored)
    }

    /// Keeps the file as it is (GIF, SVG).
    func store(copyOf source: String, key: UInt64, variant: Variant) -> Result<[Variant], Refusal> {
        guard let bytes = RawFile.read(source) else { return .failure(Refusal(message: "cannot be read: \(String(cString: strerror(errno)))")) }
        var variant = variant
        variant.hash = bytes.withUnsafeBytes { ByteHash.of($0) }
        return store(key: key, variants: [(variant.format, variant.width, variant.height, bytes)]).map { _ in [variant] }
    }

    private func write(_ bytes: [UInt8], to path: String) -> Refusal? {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return Refusal(message: "cannot be cached: cannot create \(folder): \(error.localizedDescription)")
        }
        let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        guard bytes.withUnsafeBytes({ RawFile.write($0, to: temporary) }) != nil, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return Refusal(message: "cannot be cached in \(folder): \(reason)")
        }
        return nil
    }

    /// Writes the index if this build learned anything.
    func save() {
        let (stamps, made, pixels, changed) = lock.withLock { (self.stamps, self.made, self.pixels, self.changed) }
        guard changed else { return }
        var text = "nashra-photos 1 " + settings + "\n"
        for (path, stamp) in stamps.sorted(by: { $0.key < $1.key }) where !path.contains("\n") && !path.contains("\t") {
            text += "S\t\(stamp.size)\t\(stamp.modified)\t\(stamp.inode)\t\(String(stamp.hash, radix: 16))\t\(path)\n"
        }
        for (key, variants) in made.sorted(by: { $0.key < $1.key }) {
            for variant in variants {
                text += "V\t\(String(key, radix: 16))\t\(variant.format.rawValue)\t\(variant.width)\t\(variant.height)\t\(String(variant.hash, radix: 16))\n"
            }
        }
        for (key, count) in pixels.sorted(by: { $0.key < $1.key }) { text += "P\t\(String(key, radix: 16))\t\(count)\n" }
        _ = write(Array(text.utf8), to: folder.appendingPathComponent("index").path)
        lock.withLock { self.changed = false }
    }
}
