import Foundation
import NashraCore

/// Finds the bulletins under a content folder and reads them, in parallel.
public enum ContentLoader {
    /// A Markdown file found under the content folder: its path as on disk (relative, `/`) and
    /// its size and modification time.
    struct FoundFile {
        var relativePath: String
        var stamp: FileStamp?
    }

    /// The file-name endings read as bulletins.
    static let markdownExtensions = [".md", ".markdown"]

    /// `name` without its Markdown extension, or nil if it has none. On UTF-8 bytes: a String's
    /// `hasSuffix` walks grapheme clusters, for every name in the content folder.
    static func markdownStem(_ name: Substring.UTF8View) -> Substring.UTF8View? {
        for suffix in markdownExtensions where name.count >= suffix.utf8.count && name.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            return name.dropLast(suffix.utf8.count)
        }
        return nil
    }

    /// Every `.md` file below `folder` (hidden files and folders skipped), sorted. Walked with
    /// readdir, one level of folders at a time with the folders of a level read in parallel, and
    /// each file is stat'ed relative to its folder (`fstatat`): resolving 10,000 full paths again
    /// was most of an incremental build's loading time.
    static func markdownFiles(in folder: URL) -> [FoundFile] {
        let root = folder.standardizedFileURL.path
        var found: [FoundFile] = []
        var level = [""]
        while !level.isEmpty {
            let read = level.parallelMap { readFolder(root: root, relative: $0) }
            found += read.flatMap(\.files)
            level = read.flatMap(\.folders)
        }
        return found.sorted { PathKey($0.relativePath) < PathKey($1.relativePath) }
    }

    /// The Markdown files and the subfolders directly in one folder.
    private static func readFolder(root: String, relative: String) -> (files: [FoundFile], folders: [String]) {
        var files: [FoundFile] = []
        var folders: [String] = []
        guard let directory = opendir(relative.isEmpty ? root : root + "/" + relative) else { return ([], []) }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.utf8.first == UInt8(ascii: ".") { continue }
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            let isMarkdown = markdownStem(name.utf8[...]) != nil
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            var stamp: FileStamp?
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) || isMarkdown {
                var info = stat()
                if fstatat(descriptor, name, &info, 0) == 0 {
                    isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                    stamp = FileStamp(info)
                } else {
                    isDirectory = false
                }
            }
            if isDirectory {
                folders.append(childRelative)
            } else if isMarkdown {
                files.append(FoundFile(relativePath: childRelative, stamp: stamp))
            }
        }
        return (files, folders)
    }

    /// What loading found: the bulletins, the problems of the files that could not be read, and
    /// each file's stamp for the next build's cache.
    struct Loaded {
        var bulletins: [Bulletin] = []
        var problems: [Diagnostic] = []
        /// Keyed by the path as on disk (which may not be NFC), so the next build finds a file
        /// without normalizing its name.
        var cacheEntries: [PathKey: BuildCache.Entry] = [:]
        var reused = 0
    }

    /// Reads and parses every bulletin; a file with problems is left out and its problems returned,
    /// so that one build reports every broken file at once. A file whose size and modification
    /// time match `previous` is taken from there without being read.
    /// `files` are the folder's `markdownFiles`, if already found.
    static func load(folder: URL, files: [FoundFile]? = nil, displayPrefix: String, reading: BulletinReading,
                     previous: [PathKey: BuildCache.Entry] = [:]) -> Loaded {
        let root = folder.standardizedFileURL.path
        let files = files ?? markdownFiles(in: folder)
        // A reused file carries its cache entry along, to be kept for the next build as is.
        let results = files.parallelMap { file -> (Result<Bulletin, Diagnostics>, BuildCache.Entry?) in
            let relative = file.relativePath
            let display = displayPrefix.isEmpty ? relative : displayPrefix + "/" + relative
            let absolute = root + "/" + relative
            if let stamp = file.stamp, let cached = previous[PathKey(relative)],
               cached.size == stamp.size, cached.modified == stamp.modified {
                var bulletin = cached.bulletin
                bulletin.source.displayPath = display
                bulletin.source.absolutePath = absolute
                return (.success(bulletin), cached)
            }
            return (parse(relative: relative, display: display, absolute: absolute, reading: reading), nil)
        }
        var loaded = Loaded()
        loaded.bulletins.reserveCapacity(results.count)
        loaded.cacheEntries.reserveCapacity(results.count)
        for (file, (result, reused)) in zip(files, results) {
            switch result {
            case .success(let bulletin):
                loaded.bulletins.append(bulletin)
                let key = PathKey(file.relativePath)
                if let reused {
                    loaded.cacheEntries[key] = reused
                } else if let stamp = file.stamp {
                    loaded.cacheEntries[key] = BuildCache.Entry(size: stamp.size, modified: stamp.modified, bulletin: bulletin)
                }
                if reused != nil { loaded.reused += 1 }
            case .failure(let failure):
                loaded.problems += failure.diagnostics
            }
        }
        return loaded
    }

    private static func parse(relative: String, display: String, absolute: String, reading: BulletinReading) -> Result<Bulletin, Diagnostics> {
        guard let data = RawFile.read(absolute) else {
            return .failure(Diagnostics([Diagnostic("cannot read the file", at: SourceLocation(path: display))]))
        }
        let text: String
        switch SourceFile.decodeUTF8(data, path: display) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return .failure(Diagnostics([problem]))
        }
        let hash = data.withUnsafeBytes { ByteHash.of($0) }
        let source = SourceFile(relativePath: relative.nfc, displayPath: display,
                                absolutePath: absolute, contentHash: hash, bodyOffset: 0, bodyLine: 1)
        return Bulletin.parse(text: text, source: source, reading: reading)
    }


    /// The Markdown body of a parsed bulletin, read again from disk when its page is rendered, as
    /// UTF-8 bytes for libcmark: the file was checked to be UTF-8 when it was parsed, and the hash
    /// says it is still that file, so it is not decoded into a `String` again. Fails if the file
    /// changed since it was parsed, so a page never mixes two versions.
    static func body(of source: SourceFile) -> Result<ArraySlice<UInt8>, Diagnostic> {
        guard let bytes = RawFile.read(source.absolutePath),
              bytes.withUnsafeBytes({ ByteHash.of($0) }) == source.contentHash else {
            return .failure(Diagnostic("the file changed during the build; build again", at: SourceLocation(path: source.displayPath)))
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return .success(bytes[min(bytes.count, start + source.bodyOffset)...])
    }
}
