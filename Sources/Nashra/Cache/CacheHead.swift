import Foundation
import NashraCore

/// This build's bulletin records (`BuildCache.writeRecords`), written while the build plans and
/// renders: appended to the previous build's records file, or, when that is mostly records no
/// longer used (or there is none), a new one parked beside the cache rather than held in memory
/// through rendering, when memory peaks. Saving the cache takes them and writes the index that
/// names them; a parked file no save took (a build that stopped) is removed with this.
final class CacheHead: @unchecked Sendable {
    private let lock = NSLock()
    /// Until `take()` hands them over (guarded by `lock`).
    private var records: BuildCache.WrittenRecords?

    init(_ records: BuildCache.WrittenRecords?) {
        self.records = records
    }

    /// The records, once (the cache is written once per build; a second save writes them again).
    func take() -> BuildCache.WrittenRecords? {
        lock.withLock {
            defer { records = nil }
            return records
        }
    }

    deinit {
        if let parked = records?.parked { unlink(parked) }
    }

    /// Removes what builds stopped before saving (killed, interrupted) left beside `cache`:
    /// parked records files and half-written indexes (`<cache>.<pid>….head`, `<cache>.<pid>.tmp`)
    /// of processes that are gone. A running build's own are left alone.
    static func removeAbandoned(besides cache: URL) {
        let folder = cache.deletingLastPathComponent()
        let prefix = cache.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && (name.hasSuffix(".head") || name.hasSuffix(".tmp")) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }
}
