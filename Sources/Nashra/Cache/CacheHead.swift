import Foundation
import NashraCore

/// The start of the next cache file (its header and every bulletin's record, about a kilobyte per
/// bulletin), encoded while the build plans and renders, and parked in a file beside the cache
/// rather than held in memory through rendering, when memory peaks. Saving the cache appends the
/// rest to that file and renames it into place; a build that stops before saving removes it.
final class CacheHead: @unchecked Sendable {
    private let lock = NSLock()
    /// The parked file, until `take()` hands it over (guarded by `lock`).
    private var file: String?
    /// The bytes, when they could not be parked.
    private var bytes: [UInt8]?

    /// What `take()` hands over.
    enum Taken {
        /// A file holding the head, now the caller's to append to and rename (or remove).
        case file(String)
        case bytes([UInt8])
        /// Taken before (the cache is written once per build; a second write encodes again).
        case none
    }

    /// Parks `bytes` in a new file beside `cache`; keeps them in memory when that fails.
    init(_ bytes: [UInt8], besides cache: URL) {
        try? FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        let path = cache.path + ".\(getpid()).\(Self.counter.next()).head"
        if bytes.withUnsafeBytes({ RawFile.write($0, to: path) }) != nil {
            file = path
        } else {
            unlink(path)
            self.bytes = bytes
        }
    }

    func take() -> Taken {
        lock.withLock {
            defer { (file, bytes) = (nil, nil) }
            if let file { return .file(file) }
            if let bytes { return .bytes(bytes) }
            return .none
        }
    }

    deinit {
        if let file { unlink(file) }
    }

    /// Removes what builds stopped before saving (killed, interrupted) left beside `cache`: heads
    /// and half-written caches (`<cache>.<pid>….head`, `<cache>.<pid>.tmp`) of processes that
    /// are gone. A running build's own are left alone.
    static func removeAbandoned(besides cache: URL) {
        let folder = cache.deletingLastPathComponent()
        let prefix = cache.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && (name.hasSuffix(".head") || name.hasSuffix(".tmp")) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    /// Tells apart the heads of builds running at once in one process (`nashra serve`).
    private static let counter = Counter()

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
