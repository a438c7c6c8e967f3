import Foundation
import NashraCore

/// Finds the bulletins under a content folder and reads them, in parallel.
public enum ContentLoader {
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

    /// Every `.md` file below `folder` (hidden files and folders skipped), sorted, and the
    /// links and special files that were refused on the way (see `InputTree`). `boundary`
    /// defaults to the folder itself, as for a bare content folder.
    static func markdownFiles(in folder: URL, display: String = "content", boundary: InputBoundary? = nil) -> InputTree {
        InputTree.walk(folder, display: display, boundary: boundary ?? InputBoundary(folder: folder, name: "the content folder"),
                       including: { markdownStem($0) != nil })
    }

    /// What loading found: the bulletins, the problems of the files that could not be read, and
    /// each file's stamp for the next build's cache.
    struct Loaded {
        var bulletins: [Bulletin] = []
        /// The standing pages and sections' `_index.md` files, read every build (they are few).
        var pages: [StandingPage] = []
        var sectionIndexes: [SectionIndex] = []
        var problems: [Diagnostic] = []
        /// The warnings of the files read this time (not of those taken from the cache).
        var warnings: [Diagnostic] = []
        /// Keyed by the path as on disk (which may not be NFC), so the next build finds a file
        /// without normalizing its name.
        var cacheEntries: [PathKey: ParsedBulletin] = [:]
        var reused = 0
        /// The bulletin files read this time (not taken from the cache): the only entries that
        /// may differ from the cache's.
        var parsedPaths: [PathKey] = []
        /// The previous build's entries that the files read this time replaced or dropped, and
        /// how many entries it had: what `IncrementalState.bodyEdits` compares them with.
        var replaced: [PathKey: ParsedBulletin] = [:]
        var previousCount = 0
    }

    /// Reads and parses every bulletin; a file with problems is left out and its problems returned,
    /// so that one build reports every broken file at once. A file whose size and modification
    /// time match `previous` is taken from there without being read.
    /// `tree` is the folder's `markdownFiles`, if already walked; its problems are returned too.
    /// A file over `sizeLimit` is refused from its stat, before it is read.
    static func load(folder: URL, tree: InputTree? = nil, displayPrefix: String, reading: BulletinReading,
                     sizeLimit: FileSize = .defaultLimit, previous: consuming [PathKey: ParsedBulletin] = [:]) -> Loaded {
        let tree = tree ?? markdownFiles(in: folder, display: displayPrefix)
        let files = tree.files
        // One value for every file: each file's paths are made from it when needed.
        let contentFolder = sourceFolder(folder, display: displayPrefix)
        let results = takeOrParse(files, previous: previous, folder: contentFolder, reading: reading, sizeLimit: sizeLimit)
        var loaded = Loaded()
        loaded.problems = tree.problems
        loaded.bulletins.reserveCapacity(results.count)
        // The entries start as the cache's (most files are taken from it as they were), and only
        // the files read this time, those that are no longer bulletins and those gone change
        // them: no path hashed again for an unchanged file. Taken over, not copied, when the
        // caller hands them over (`IncrementalState.handOverBulletins`): a copy of 50,000
        // entries, each retained, for the one a body edit replaces.
        let previousCount = previous.count
        loaded.previousCount = previousCount
        var entries = consume previous
        // How many of the cache's entries were met in the folder (as they were, or replaced).
        var met = 0
        for (file, (result, reused)) in zip(files, results) {
            switch result {
            case .success(.bulletin(let bulletin)):
                loaded.bulletins.append(bulletin)
                if reused {
                    loaded.reused += 1
                    met += 1
                } else {
                    let key = PathKey(file.relativePath)
                    loaded.warnings += bulletin.warnings
                    let entry = ParsedBulletin(size: file.stamp.size, modified: file.stamp.modified, bulletin: bulletin)
                    if let old = entries.updateValue(entry, forKey: key) {
                        met += 1
                        loaded.replaced[key] = old
                    }
                    loaded.parsedPaths.append(key)
                }
                continue
            case .success(.page(let page)):
                loaded.pages.append(page)
                loaded.warnings += page.warnings
            case .success(.sectionIndex(let index)):
                loaded.sectionIndexes.append(index)
                loaded.warnings += index.warnings
            case .success(.ignored(let warnings)):
                loaded.warnings += warnings
            case .failure(let failure):
                loaded.problems += failure.diagnostics
            }
            // Not a bulletin (any more): no entry.
            if previousCount > 0, let old = entries.removeValue(forKey: PathKey(file.relativePath)) {
                met += 1
                loaded.replaced[PathKey(file.relativePath)] = old
            }
        }
        if met < previousCount {
            // Files gone since the cache was saved.
            let found = Set(files.map { PathKey($0.relativePath) })
            entries = entries.filter { found.contains($0.key) }
        }
        loaded.cacheEntries = entries
        return loaded
    }

    /// Each file's bulletin as the previous build parsed it when its stamp is the same, else as
    /// parsed now. (A function of its own: its threads' references to `previous` end with it,
    /// before the loader takes the entries over.)
    private static func takeOrParse(_ files: [InputTree.File], previous: [PathKey: ParsedBulletin], folder contentFolder: SourceFile.Folder,
                                    reading: BulletinReading, sizeLimit: FileSize) -> [(Result<ContentFile, Diagnostics>, reused: Bool)] {
        // A reused file's entry stays in the cache's dictionary (the loader's `entries`): only whether
        // it was reused comes back, not a copy of the entry (its record is a slice of the one
        // records buffer every entry shares, whose count both threads would otherwise contend for).
        files.parallelMap { file -> (Result<ContentFile, Diagnostics>, reused: Bool) in
            let relative = file.relativePath
            let stamp = file.stamp
            if stamp.size > sizeLimit.bytes {
                let display = SourceFile(relativePath: relative, folder: contentFolder, contentHash: 0, bodyOffset: 0, bodyLine: 1).displayPath
                return (.failure(Diagnostics([InputFile.tooLarge(size: stamp.size, limit: sizeLimit, at: SourceLocation(path: display))])), false)
            }
            if let cached = previous[PathKey(relative)], cached.size == stamp.size, cached.modified == stamp.modified {
                var bulletin = cached.bulletin
                // A file whose NFC path (as parsed) is its path on disk has the content folder's
                // paths: no need to normalize its name again to know that.
                let folder = PathKey(bulletin.source.relativePath) == PathKey(relative) ? contentFolder : sourceFolder(of: relative, in: contentFolder)
                if bulletin.source.folder != folder { bulletin.source.folder = folder }
                return (.success(.bulletin(bulletin)), true)
            }
            return (parse(relative: relative, folder: contentFolder, reading: reading, sizeLimit: sizeLimit), false)
        }
    }

    /// The folder its files' `SourceFile`s are given: the cache gives the same to those it decodes.
    static func sourceFolder(_ folder: URL, display: String) -> SourceFile.Folder {
        SourceFile.Folder(display: display, absolute: folder.standardizedFileURL.path)
    }

    /// `folder`, for a file whose name on disk is NFC (its paths are the folder's and the NFC
    /// relative path); for another, its own paths whole, to find it on disk again.
    private static func sourceFolder(of relative: String, in folder: SourceFile.Folder) -> SourceFile.Folder {
        if relative.nfc.utf8.elementsEqual(relative.utf8) { return folder }
        let onDisk = SourceFile(relativePath: relative, folder: folder, contentHash: 0, bodyOffset: 0, bodyLine: 1)
        return SourceFile(relativePath: relative, displayPath: onDisk.displayPath, absolutePath: onDisk.absolutePath,
                          contentHash: 0, bodyOffset: 0, bodyLine: 1).folder
    }

    private static func parse(relative: String, folder: SourceFile.Folder, reading: BulletinReading,
                              sizeLimit: FileSize) -> Result<ContentFile, Diagnostics> {
        var source = SourceFile(relativePath: relative.nfc, folder: sourceFolder(of: relative, in: folder), contentHash: 0,
                                bodyOffset: 0, bodyLine: 1)
        let display = source.displayPath
        let data: [UInt8]
        switch InputFile.read(source.absolutePath, display: display, limit: sizeLimit) {
        case .success(let bytes): data = bytes
        case .failure(let problem): return .failure(Diagnostics([problem]))
        }
        let text: String
        switch InputFile.decodeUTF8(data, path: display) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return .failure(Diagnostics([problem]))
        }
        source.contentHash = data.withUnsafeBytes { ByteHash.of($0) }
        return ContentFile.parse(text: text, source: source, reading: reading.reading(relativePath: source.relativePath))
    }


    /// The Markdown body of a parsed bulletin, read again from disk when its page is rendered, as
    /// UTF-8 bytes for libcmark: the file was checked to be UTF-8 when it was parsed, and the hash
    /// says it is still that file, so it is not decoded into a `String` again. Fails if the file
    /// changed since it was parsed, so a page never mixes two versions.
    static func body(of source: SourceFile) -> Result<ArraySlice<UInt8>, Diagnostic> {
        text(of: source).map { text in text[min(text.endIndex, text.startIndex + source.bodyOffset)...] }
    }

    /// The whole text of a parsed bulletin's file (front matter and body, without a byte-order
    /// mark), read again and checked to be the file that was parsed, as for `body(of:)`.
    static func text(of source: SourceFile) -> Result<ArraySlice<UInt8>, Diagnostic> {
        // Read as safely as at parse time: the file may have been replaced since (by a FIFO, say).
        guard case .success(let bytes) = InputFile.read(source.absolutePath, display: source.displayPath, limit: nil),
              bytes.withUnsafeBytes({ ByteHash.of($0) }) == source.contentHash else {
            return .failure(Diagnostic("the file changed during the build; build again", at: SourceLocation(path: source.displayPath)))
        }
        return .success(bytes[(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)...])
    }
}
