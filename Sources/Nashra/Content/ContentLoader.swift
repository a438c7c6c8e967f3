import Foundation

/// Finds the bulletins under a content folder and reads them, in parallel.
public enum ContentLoader {
    /// Every `.md` file below `folder` (hidden files and folders skipped), sorted. Walked with
    /// readdir: Foundation's enumerator costs more than parsing a cached archive.
    static func markdownFiles(in folder: URL) -> [String] {
        var paths: [String] = []
        func walk(_ absolute: String, _ relative: String) {
            guard let directory = opendir(absolute) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name.hasPrefix(".") { continue }
                let childAbsolute = absolute + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                    var info = stat()
                    isDirectory = stat(childAbsolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isDirectory {
                    walk(childAbsolute, childRelative)
                } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                    paths.append(childRelative)
                }
            }
        }
        walk(folder.standardizedFileURL.path, "")
        return paths.sorted()
    }

    /// What loading found: the bulletins, the problems of the files that could not be read, and
    /// each file's stamp for the next build's cache.
    struct Loaded {
        var bulletins: [Bulletin] = []
        var problems: [Diagnostic] = []
        var cacheEntries: [String: BuildCache.Entry] = [:]
        var reused = 0
    }

    /// Reads and parses every bulletin; a file with problems is left out and its problems returned,
    /// so that one build reports every broken file at once. A file whose size and modification
    /// time match `previous` is taken from there without being read.
    static func load(folder: URL, displayPrefix: String, reading: BulletinReading,
                     previous: [String: BuildCache.Entry] = [:]) -> Loaded {
        let root = folder.standardizedFileURL.path
        let results = markdownFiles(in: folder).parallelMap { relative -> (Result<Bulletin, Diagnostics>, FileStamp?, Bool) in
            let display = displayPrefix.isEmpty ? relative : displayPrefix + "/" + relative
            let absolute = root + "/" + relative
            let stamp = FileStamp(path: absolute)
            if let stamp, let cached = previous[nfc(relative)],
               cached.size == stamp.size, cached.modified == stamp.modified {
                var bulletin = cached.bulletin
                bulletin.source.displayPath = display
                bulletin.source.absolutePath = absolute
                return (.success(bulletin), stamp, true)
            }
            return (parse(relative: relative, display: display, absolute: absolute, reading: reading), stamp, false)
        }
        var loaded = Loaded()
        loaded.bulletins.reserveCapacity(results.count)
        for (result, stamp, reused) in results {
            switch result {
            case .success(let bulletin):
                loaded.bulletins.append(bulletin)
                if let stamp {
                    loaded.cacheEntries[bulletin.source.relativePath] = BuildCache.Entry(size: stamp.size, modified: stamp.modified, bulletin: bulletin)
                }
                if reused { loaded.reused += 1 }
            case .failure(let failure):
                loaded.problems += failure.diagnostics
            }
        }
        return loaded
    }

    private static func parse(relative: String, display: String, absolute: String, reading: BulletinReading) -> Result<Bulletin, Diagnostics> {
        guard let data = FileManager.default.contents(atPath: absolute) else {
            return .failure(Diagnostics([Diagnostic("cannot read the file", at: SourceLocation(path: display))]))
        }
        let text: String
        switch SourceFile.decodeUTF8(data, path: display) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return .failure(Diagnostics([problem]))
        }
        let hash = data.withUnsafeBytes { SourceFile.hash($0) }
        let source = SourceFile(relativePath: nfc(relative), displayPath: display,
                                absolutePath: absolute, contentHash: hash, bodyOffset: 0, bodyLine: 1)
        return Bulletin.parse(text: text, source: source, reading: reading)
    }

    /// NFC, skipping Foundation's normalization for the common all-ASCII path.
    static func nfc(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// The Markdown body of a parsed bulletin, read again from disk when its page is rendered.
    /// Fails if the file changed since it was parsed, so a page never mixes two versions.
    static func body(of source: SourceFile) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: source.absolutePath),
              data.withUnsafeBytes({ SourceFile.hash($0) }) == source.contentHash else {
            return .failure(Diagnostic("the file changed during the build; build again", at: SourceLocation(path: source.displayPath)))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return .success(String(decoding: bytes.dropFirst(source.bodyOffset), as: UTF8.self))
    }
}
