#if os(Linux)
import Foundation
import Glibc
import Logging

/// Watches with Linux inotify: one watch per folder, added for every folder below the watched
/// entries, and for each new folder as it appears (inotify itself is not recursive).
///
/// A thread of its own blocks in `poll` on the inotify descriptor and on a pipe that `stop()` writes
/// to. Only `init` and that thread change `folders`, always under `lock`, so the thread may read it
/// without the lock; that is why the class can be `@unchecked Sendable`.
final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let changes: AsyncStream<FileChange>
    private let continuation: AsyncStream<FileChange>.Continuation
    private let root: String
    private let entries: Set<String>
    private let boundary: WatchBoundary
    private let logger: Logger
    private let descriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var rootWatch: Int32 = -1
    /// Watch descriptor → the folder it watches.
    private var folders: [Int32: String] = [:]
    private let lock = NSLock()
    private var stopped = false

    /// What a folder below the entries reports. `IN_ATTRIB` is there because `touch file` is how
    /// people ask for a rebuild.
    private static let folderMask = flag(IN_CREATE) | flag(IN_DELETE) | flag(IN_MODIFY) | flag(IN_CLOSE_WRITE)
        | flag(IN_MOVED_FROM) | flag(IN_MOVED_TO) | flag(IN_ATTRIB) | flag(IN_ONLYDIR)
    /// The root is watched only for its entries coming, going or (for files) changing.
    private static let rootMask = folderMask

    init(root: URL, entries: Set<String>, logger: Logger) throws {
        self.root = root.standardizedFileURL.path
        self.entries = entries
        boundary = WatchBoundary(root: self.root)
        self.logger = logger
        (changes, continuation) = AsyncStream.makeStream(of: FileChange.self)

        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Failure(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var pipeEnds: [Int32] = [0, 0]
        // `pipe2` is hidden behind _GNU_SOURCE in the Glibc module; `pipe` and `fcntl` do the same.
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        (wakeRead, wakeWrite) = (pipeEnds[0], pipeEnds[1])

        rootWatch = inotify_add_watch(descriptor, self.root, Self.rootMask)
        guard rootWatch >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor); close(wakeRead); close(wakeWrite)
            throw Failure(description: "cannot watch \(self.root): \(reason)")
        }
        folders[rootWatch] = self.root
        for entry in entries.sorted() where boundary.isFolderInside(self.root + "/" + entry) {
            watchTree(self.root + "/" + entry, reportingFiles: false)
        }
        let thread = Thread { [self] in readEvents() }
        thread.name = "nashra-inotify"
        thread.start()
    }

    deinit {
        close(wakeWrite)
    }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// How many folders are watched (the root included); tests wait on it for a new folder.
    var watchedFolderCount: Int {
        lock.withLock { folders.count }
    }

    // MARK: The watcher thread

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        loop: while true {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                logger.error("watching stopped: poll: \(String(cString: strerror(errno)))")
                break
            }
            if descriptors[1].revents != 0 { break }
            guard descriptors[0].revents != 0 else { continue }
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    handle(buffer, count: count)
                    continue
                }
                if count < 0 && (errno == EAGAIN || errno == EINTR) { break }
                logger.error("watching stopped: read: \(String(cString: strerror(errno)))")
                break loop
            }
        }
        close(descriptor)
        close(wakeRead)
        continuation.finish()
    }

    private func handle(_ buffer: [UInt8], count: Int) {
        let headerSize = MemoryLayout<inotify_event>.size
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            while offset + headerSize <= count {
                let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = bytes[(offset + headerSize)..<min(offset + headerSize + nameLength, count)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += headerSize + nameLength
                handle(watch: watch, mask: mask, name: name)
            }
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String) {
        if mask & Self.flag(IN_Q_OVERFLOW) != 0 {
            logger.warning("too many changes at once for inotify; rebuilding everything")
            continuation.yield(FileChange(.rescan, root))
            return
        }
        if mask & Self.flag(IN_IGNORED) != 0 {
            lock.withLock { _ = folders.removeValue(forKey: watch) }
            return
        }
        guard let folder = folders[watch], !name.isEmpty else { return }
        if watch == rootWatch && !entries.contains(name) { return }
        if FileChange.isEditorScratch(name) { return }
        let path = folder + "/" + name
        let isFolder = mask & Self.flag(IN_ISDIR) != 0

        if mask & (Self.flag(IN_CREATE) | Self.flag(IN_MOVED_TO)) != 0 {
            if isFolder { watchTree(path, reportingFiles: true) }
            continuation.yield(FileChange(.created, path))
        } else if mask & (Self.flag(IN_DELETE) | Self.flag(IN_MOVED_FROM)) != 0 {
            // A folder moved away keeps its watches, now under a path that is not ours: drop them.
            if isFolder { unwatchTree(path) }
            continuation.yield(FileChange(.removed, path))
        } else if !isFolder {
            continuation.yield(FileChange(.modified, path))
        }
    }

    /// Watches `path` and every folder below it. The watch is added before the folder is listed,
    /// so that a file created in between is seen one way or the other; with `reportingFiles` (a
    /// folder that just appeared) the files already in it are reported as created.
    private func watchTree(_ path: String, reportingFiles: Bool) {
        var seen = Set<String>()
        var pending = [path]
        while let folder = pending.popLast() {
            let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            guard seen.insert(real).inserted else { continue }   // a symlink loop
            let watch = inotify_add_watch(descriptor, folder, Self.folderMask)
            guard watch >= 0 else {
                logger.warning("cannot watch \(folder): \(String(cString: strerror(errno)))")
                continue
            }
            lock.withLock { folders[watch] = folder }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where !FileChange.isEditorScratch(name) {
                let child = folder + "/" + name
                if boundary.isFolderInside(child) {
                    pending.append(child)
                } else if reportingFiles {
                    continuation.yield(FileChange(.created, child))
                }
            }
        }
    }

    private func unwatchTree(_ path: String) {
        let gone = lock.withLock { folders.filter { $0.value == path || $0.value.hasPrefix(path + "/") }.map(\.key) }
        for watch in gone {
            inotify_rm_watch(descriptor, watch)
            lock.withLock { _ = folders.removeValue(forKey: watch) }
        }
    }

    /// Glibc imports the `IN_*` masks as `Int32`, or as `UInt32` for the high bits.
    private static func flag(_ value: some BinaryInteger) -> UInt32 {
        UInt32(truncatingIfNeeded: value)
    }
}
#endif
