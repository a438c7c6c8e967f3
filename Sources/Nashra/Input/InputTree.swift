import Foundation
import NashraCore

/// The files below one input folder (content/, static/, templates/, a theme), found without
/// trusting what is on disk: a symbolic link is followed only inside the `InputBoundary`, each
/// folder is read once (by device and inode, so links to `.` cannot grow the walk), and only
/// regular files are listed (a FIFO would block the read that follows forever).
struct InputTree: Sendable {
    /// A file found: its path below the folder (as on disk, `/`) and its size and modification time.
    struct File: Sendable {
        var relativePath: String
        var stamp: FileStamp
    }

    var files: [File] = []
    var problems: [Diagnostic] = []
    /// Whether the walk met a symbolic link (to a file or a folder): what is behind one may change
    /// without a change being reported at its path, so a watcher's changes cannot stand in for a walk.
    var metLinks = false

    /// Every file below `folder` whose name `including` accepts (hidden files and folders
    /// skipped), sorted. Walked with readdir one level of folders at a time, the folders of a
    /// level read in parallel, each entry stat'ed relative to its folder (`fstatat`): resolving
    /// 10,000 full paths again was most of an incremental build's loading time.
    static func walk(_ folder: URL, display: String, boundary: InputBoundary,
                     including: @escaping @Sendable (Substring.UTF8View) -> Bool) -> InputTree {
        let root = folder.standardizedFileURL.path
        var tree = InputTree()
        guard let realRoot = InputBoundary.realPath(root) else { return tree }
        guard boundary.contains(realRoot) else {
            // The folder itself, or one above it in the site (`themes`), is a link that leaves it.
            var info = stat()
            if lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, case .failure(let problem) = boundary.resolveLink(at: root, display: display) {
                tree.problems.append(problem)
            } else {
                tree.problems.append(Diagnostic("leads to \(realRoot) through a symbolic link, outside \(boundary.name); copy the files in instead",
                                                at: SourceLocation(path: display)))
            }
            return tree
        }
        let walk = Walk(root: root, realRoot: realRoot, display: display, boundary: boundary, including: including)
        var seen = Set<FolderIdentity>()
        var looping = Set<String>()
        var found: [(File, via: String?)] = []
        var level = [Walk.Pending(relative: "", via: nil)]
        while !level.isEmpty {
            let reads = level.parallelMap { walk.read($0) }
            var next: [Walk.Pending] = []
            // In path order, so that which of two paths to one folder is reported does not
            // depend on thread timing.
            for (pending, read) in zip(level, reads) {
                if let via = pending.via, looping.contains(via) { continue }
                guard let identity = read.identity else { continue }
                guard seen.insert(identity).inserted else {
                    // Real folders have one path each: a second path goes through a link.
                    let at = pending.via ?? pending.relative
                    if looping.insert(at).inserted {
                        let message = pending.via == nil
                            ? "a folder already read under another path (a bind mount?); keep one path to each folder"
                            : "a symbolic link to \(InputBoundary.linkTarget(root + "/" + at)), which leads to a folder already read (a loop, or a second link to one folder); keep one path to each folder"
                        tree.problems.append(Diagnostic(message, at: SourceLocation(path: display + "/" + at)))
                    }
                    continue
                }
                found += read.files
                tree.problems += read.problems
                if read.metLink { tree.metLinks = true }
                next += read.folders
            }
            level = next.sorted { PathKey($0.relative) < PathKey($1.relative) }
        }
        // What a looping link led to is dropped with it: one message, not a duplicate per file.
        var files: [File] = []
        files.reserveCapacity(found.count)
        for (file, via) in found where via.map({ !looping.contains($0) }) ?? true { files.append(file) }
        // Each folder's files come sorted from its thread, and the folders of a level in path
        // order: in a content folder whose files share one depth (bulletins/2026/11/…), that is
        // the whole order already, and checking it is one comparison per file. Otherwise the runs
        // are merged.
        if !Self.inOrder(files) { files.sort { Self.precedes($0.relativePath, $1.relativePath) } }
        tree.files = files
        return tree
    }

    /// Whether no file comes before the one ahead of it (`precedes`).
    static func inOrder(_ files: [File]) -> Bool {
        var index = 1
        while index < files.count {
            if precedes(files[index].relativePath, files[index - 1].relativePath) { return false }
            index += 1
        }
        return true
    }

    /// Whether `a` comes before `b` in byte order (`PathKey`'s), compared in place: making a
    /// `PathKey` of each in a sort's comparison retained and released both strings every time,
    /// a fifth of walking 50,000 files.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in PathKey.byteOrder(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
        }
        guard let order = order ?? nil else { return PathKey(a) < PathKey(b) }
        return order < 0
    }

    /// A folder as the file system knows it, whatever path reached it.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// One walk's fixed settings, shared by the threads reading its folders.
    private struct Walk: Sendable {
        /// A folder to read, and the link it was reached through (its own path, or one above it).
        struct Pending: Sendable {
            var relative: String
            var via: String?
        }

        struct Read: Sendable {
            var identity: FolderIdentity?
            var files: [(File, via: String?)] = []
            var folders: [Pending] = []
            var problems: [Diagnostic] = []
            var metLink = false
        }

        let root: String
        let realRoot: String
        let display: String
        let boundary: InputBoundary
        let including: @Sendable (Substring.UTF8View) -> Bool

        func read(_ pending: Pending) -> Read {
            let path = pending.relative.isEmpty ? root : root + "/" + pending.relative
            guard let directory = opendir(path) else { return Read(identity: nil) }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return Read(identity: nil) }
            var read = Read(identity: FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            // Names below a folder start after its path and a slash.
            let nameStart = pending.relative.isEmpty ? 0 : pending.relative.utf8.count + 1
            while let entry = readdir(directory) {
                // Every file's path is kept through the build: made once, at its exact size, with
                // no string of the name alone (10,000 of them in an incremental build's walk).
                guard let relative = withUnsafeBytes(of: entry.pointee.d_name, { Self.relativePath(pending.relative, name: $0) }) else { continue }
                let name = Substring(relative).utf8.dropFirst(nameStart)
                let included = including(name)
                // The name as kept (invalid UTF-8 repaired), as `stat` sees it: the path's own bytes.
                func statEntry(_ info: inout stat) -> Bool {
                    relative.withCString { fstatat(descriptor, $0 + nameStart, &info, AT_SYMLINK_NOFOLLOW) == 0 }
                }
                switch entry.pointee.d_type {
                case UInt8(DT_DIR):
                    read.folders.append(Pending(relative: relative, via: pending.via))
                case UInt8(DT_REG):
                    if included, statEntry(&info) {
                        add(info, relative: relative, via: pending.via, to: &read)
                    }
                case UInt8(DT_LNK), UInt8(DT_UNKNOWN):
                    guard statEntry(&info) else { continue }
                    if (info.st_mode & S_IFMT) == S_IFLNK {
                        read.metLink = true
                        followLink(relative: relative, included: included, via: pending.via, into: &read)
                    } else if (info.st_mode & S_IFMT) == S_IFDIR {
                        read.folders.append(Pending(relative: relative, via: pending.via))
                    } else if included {
                        add(info, relative: relative, via: pending.via, to: &read)
                    }
                default:
                    if included { read.problems.append(notRegular(entry.pointee.d_type, relative: relative)) }
                }
            }
            // In path order already, so that the walk's sort of every file (a folder's files
            // follow one another) is mostly done here, on the folders' threads.
            Self.sortByPath(&read.files)
            return read
        }

        /// The files in byte order of their paths. Their bytes are copied into one buffer and
        /// positions sorted over it: sorting the files themselves copied two strings out of each
        /// in every comparison (retained and released), most of a walk's own work.
        private static func sortByPath(_ files: inout [(File, via: String?)]) {
            guard files.count > 1 else { return }
            var bytes: [UInt8] = []
            var starts: [Int] = [0]
            starts.reserveCapacity(files.count + 1)
            for index in files.indices {
                // Through the standard library's own call, specialized here (NashraCore's
                // `withUTF8Bytes` is a generic function of another module).
                let utf8 = files[index].0.relativePath.utf8
                if utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: utf8) }
                starts.append(bytes.count)
            }
            var order = Array(files.indices)
            bytes.withUnsafeBytes { buffer in
                func path(_ index: Int) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: buffer[starts[index]..<starts[index + 1]])
                }
                order.sort { PathKey.byteOrder(path($0), path($1)) < 0 }
            }
            files = order.map { files[$0] }
        }

        /// `folder`'s path with the NUL-terminated `name` after it (the folder's own path is the
        /// name alone), or nil for a hidden name.
        private static func relativePath(_ folder: String, name: UnsafeRawBufferPointer) -> String? {
            let count = strlen(name.baseAddress!.assumingMemoryBound(to: CChar.self))
            guard count > 0, name[0] != UInt8(ascii: ".") else { return nil }
            let bytes = UnsafeRawBufferPointer(rebasing: name[0..<count])
            if folder.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            return folder.withUTF8Bytes { prefix in
                String(unsafeUninitializedCapacity: prefix.count + 1 + count) { buffer in
                    let base = UnsafeMutableRawPointer(buffer.baseAddress!)
                    base.copyMemory(from: prefix.baseAddress!, byteCount: prefix.count)
                    base.storeBytes(of: UInt8(ascii: "/"), toByteOffset: prefix.count, as: UInt8.self)
                    (base + prefix.count + 1).copyMemory(from: bytes.baseAddress!, byteCount: count)
                    return prefix.count + 1 + count
                }
            }
        }

        /// A link to a folder is walked if it stays inside the boundary and is not another way
        /// into this walk's own folder (which is walked by its real path anyway); a link to a
        /// file is listed like the file. A link the walk would not read anyway (`photo.jpg` in
        /// content/) is left alone.
        private func followLink(relative: String, included: Bool, via: String?, into read: inout Read) {
            let display = self.display + "/" + relative
            var info = stat()
            let real: String
            switch boundary.resolveLink(at: root + "/" + relative, display: display) {
            case .success(let resolved): real = resolved
            case .failure(let problem):
                let isFolder = stat(root + "/" + relative, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                if included || isFolder { read.problems.append(problem) }
                return
            }
            guard stat(real, &info) == 0 else { return }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                if included { add(info, relative: relative, via: via, to: &read) }
                return
            }
            if real == realRoot || real.hasPrefix(realRoot + "/") {
                let inside = real == realRoot ? "" : String(real.dropFirst(realRoot.count + 1))
                // A hidden folder is not walked by its own path, so a link is its only way in.
                if !inside.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    let target = InputBoundary.linkTarget(root + "/" + relative)
                    let message = inside.isEmpty || relative.hasPrefix(inside + "/")
                        ? "a symbolic link to \(target), a folder that contains the link (a loop); remove the link"
                        : "a symbolic link to \(target), a folder already read as \(self.display)/\(inside); keep one path to each folder"
                    read.problems.append(Diagnostic(message, at: SourceLocation(path: display)))
                    return
                }
            }
            read.folders.append(Pending(relative: relative, via: via ?? relative))
        }

        private func add(_ info: stat, relative: String, via: String?, to read: inout Read) {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                read.problems.append(notRegular(Self.kind(of: info.st_mode), relative: relative))
                return
            }
            read.files.append((File(relativePath: relative, stamp: FileStamp(info)), via))
        }

        private func notRegular(_ type: UInt8, relative: String) -> Diagnostic {
            let kind: String
            switch Int32(type) {
            case Int32(DT_FIFO): kind = "a named pipe (FIFO)"
            case Int32(DT_SOCK): kind = "a socket"
            case Int32(DT_CHR), Int32(DT_BLK): kind = "a device"
            default: kind = "a special file"
            }
            return Diagnostic("not a regular file but \(kind); only regular files are read, so replace it with one or remove it",
                              at: SourceLocation(path: display + "/" + relative))
        }

        private static func kind(of mode: mode_t) -> UInt8 {
            switch mode & S_IFMT {
            case S_IFIFO: UInt8(DT_FIFO)
            case S_IFSOCK: UInt8(DT_SOCK)
            case S_IFCHR: UInt8(DT_CHR)
            case S_IFBLK: UInt8(DT_BLK)
            default: UInt8(DT_UNKNOWN)
            }
        }
    }
}
