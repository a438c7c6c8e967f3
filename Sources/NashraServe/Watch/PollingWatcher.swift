import Foundation

/// Watches by listing the entries every `interval` and comparing modification dates and sizes:
/// for systems without inotify. Slower to notice and heavier on large sites, but needs nothing.
final class PollingWatcher: FileWatcher, @unchecked Sendable {
    /// What a listing keeps of each path.
    struct Stamp: Equatable {
        var modified: Date?
        var size: Int
        var isFolder: Bool
    }

    let changes: AsyncStream<FileChange>
    private let continuation: AsyncStream<FileChange>.Continuation
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    init(root: URL, entries: Set<String>, interval: Duration) {
        (changes, continuation) = AsyncStream.makeStream(of: FileChange.self)
        let root = root.standardizedFileURL.path
        let continuation = continuation
        let first = Self.listing(root: root, entries: entries)
        task = Task.detached {
            var previous = first
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let current = Self.listing(root: root, entries: entries)
                for change in Self.differences(from: previous, to: current) { continuation.yield(change) }
                previous = current
            }
            continuation.finish()
        }
    }

    func stop() {
        lock.withLock { task?.cancel() }
        continuation.finish()
    }

    /// Every file and folder of the entries, with its stamp.
    static func listing(root: String, entries: Set<String>) -> [String: Stamp] {
        let fileManager = FileManager.default
        var stamps: [String: Stamp] = [:]
        func stamp(_ path: String) -> Stamp? {
            guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { return nil }
            let isFolder = (attributes[.type] as? FileAttributeType) == .typeDirectory
            return Stamp(modified: attributes[.modificationDate] as? Date,
                         size: (attributes[.size] as? NSNumber)?.intValue ?? 0, isFolder: isFolder)
        }
        for entry in entries {
            let top = root + "/" + entry
            guard let topStamp = stamp(top) else { continue }
            stamps[top] = topStamp
            guard topStamp.isFolder, let below = fileManager.subpaths(atPath: top) else { continue }
            for relative in below where !FileChange.isEditorScratch((relative as NSString).lastPathComponent) {
                let path = top + "/" + relative
                if let found = stamp(path) { stamps[path] = found }
            }
        }
        return stamps
    }

    /// Changes between two listings, sorted by path; a folder's own date changing says only that
    /// its list of files did, which the files themselves report.
    static func differences(from old: [String: Stamp], to new: [String: Stamp]) -> [FileChange] {
        var changes: [FileChange] = []
        for (path, stamp) in new {
            if let before = old[path] {
                if before != stamp && !(stamp.isFolder && before.isFolder) { changes.append(FileChange(.modified, path)) }
            } else {
                changes.append(FileChange(.created, path))
            }
        }
        for path in old.keys where new[path] == nil {
            changes.append(FileChange(.removed, path))
        }
        return changes.sorted { $0.path < $1.path }
    }
}
