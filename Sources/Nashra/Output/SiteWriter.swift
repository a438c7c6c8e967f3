import Foundation
import NashraCore

/// Writes a build's new and changed files into a staging folder beside the output folder, and
/// publishes them only when the whole build succeeded, so a failed build leaves the previous site
/// exactly as it was.
///
/// Nashra owns only the files it wrote: each build leaves a manifest (`.nashra-manifest`) of them.
/// A file someone else put in the output folder is never deleted, and the build stops rather than
/// overwrite it.
final class SiteWriter: @unchecked Sendable {
    static let manifestName = ".nashra-manifest"
    static let stagingMarker = ".nashra-staging"

    let output: URL
    let staging: URL
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    private var written: [String] = []
    /// The hash and stamp of every file written in this build.
    private var writtenStamps: [PathKey: OutputStamp] = [:]
    /// What the previous build left in the output folder (from the build cache): a file whose size
    /// and modification time still match, and whose hash equals the new one, is the same file,
    /// so it is left alone without being read.
    var previousOutputs: PathMap<OutputStamp> = [:]
    /// Every output file's stamp after publishing, for the next build's cache.
    private(set) var outputs: PathMap<OutputStamp> = [:]
    /// The manifest as the previous build left it (from the build cache): if the file is still
    /// that one and the new site has the same paths, it need not be read or written.
    var previousManifest: ManifestRecord?
    /// Whether the publishing journal is flushed to disk before the first move (`BuildOptions`).
    var flushesJournal = true
    /// The manifest after publishing, for the next build's cache.
    private(set) var manifestRecord: ManifestRecord?
    /// The paths whose stamp in `outputs` may differ from `previousOutputs`', when only those
    /// changed (a commit with the same paths as the previous one); nil otherwise.
    private(set) var changedOutputs: [PathKey]?

    /// Checks that `output` may be written, finishes a publish that a killed build left half done,
    /// and makes a fresh staging folder. The output may not be or contain a folder the build
    /// reads (`inputs`), nor lie inside the content folder or any other folder the build reads
    /// files from (`sources`: a site's static/, templates/, themes/), since the next build would
    /// read its own output back; if it exists, Nashra wrote it or it is empty.
    init(output: URL, inputs: [URL], content: URL, sources: [URL] = []) throws(Diagnostics) {
        let output = Self.resolved(output)
        self.output = output
        for input in inputs + [content] {
            let input = Self.resolved(input)
            if Self.isSameOrInside(input, output) {
                throw Self.failure("refusing to write the site to \(output.path): it is or contains \(input.path), which the build reads; choose another --output")
            }
        }
        for source in [content] + sources {
            let source = Self.resolved(source)
            if Self.isSameOrInside(output, source) {
                throw Self.failure("refusing to write the site to \(output.path): it is inside \(source.path), which the build reads, "
                                   + "so the next build would read its own output; choose an --output outside it")
            }
        }
        var faults = PublishFaults.fromEnvironment()
        _ = try PublishJournal.rollForward(output: output, faults: &faults)
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Self.failure("\(output.path) exists and is not a folder") }
            let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
            if !contents.isEmpty && !contents.contains(Self.manifestName) {
                throw Self.failure("refusing to replace \(output.path): it holds files Nashra did not write (no \(Self.manifestName)); empty it or choose another --output")
            }
        }
        staging = Self.stagingFolder(for: output)
        if fileManager.fileExists(atPath: staging.path) {
            guard fileManager.fileExists(atPath: staging.appendingPathComponent(Self.stagingMarker).path) else {
                throw Self.failure("\(staging.path) exists and was not made by Nashra; remove it")
            }
            try? fileManager.removeItem(at: staging)
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data().write(to: staging.appendingPathComponent(Self.stagingMarker))
        } catch {
            throw Self.failure("cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// Where a build for `output` stages its files: beside it, on the same file system, so that
    /// publishing is renames.
    static func stagingFolder(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).nashra-staging")
    }

    /// `url` with every symbolic link resolved, also when its last components do not exist yet
    /// (an output folder the first build will make, below a linked folder).
    static func resolved(_ url: URL) -> URL {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while existing != "/", access(existing, F_OK) != 0 {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var base = URL(fileURLWithPath: existing).resolvingSymlinksInPath()
        for component in rest { base.appendPathComponent(component) }
        return base.standardizedFileURL
    }

    /// Writes one file of the site. `path` is relative to the output folder and may not climb out.
    func write(_ bytes: some Collection<UInt8>, to path: String) throws(Diagnostics) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\n")), path != Self.manifestName, path != Self.stagingMarker,
              path != PublishJournal.fileName else {
            throw Self.failure("refusing to write '\(path)': the path leaves the output folder or is not a file name")
        }
        try makeFolders(of: path, components.dropLast())
        let target = staging.path + "/" + path
        let written = bytes.withContiguousStorageIfAvailable { buffer -> (FileStamp?, UInt64) in
            let raw = UnsafeRawBufferPointer(buffer)
            return (RawFile.write(raw, to: target), ByteHash.of(raw))
        }
        guard let written, let stamp = written.0 else {
            throw Self.failure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let output = OutputStamp(hash: written.1, size: stamp.size, modified: stamp.modified)
        lock.withLock {
            self.written.append(path)
            writtenStamps[PathKey(path)] = output
        }
    }

    /// Puts a file that already exists elsewhere into the site: a photo from the photo cache
    /// (`link`: hard-linked, since cache files are never changed in place) or a file of a page
    /// bundle (copied, so editing the original never touches the published site). When the
    /// previous build published the same bytes and the output file is still as it left it,
    /// nothing is read or written.
    func place(_ source: String, hash: UInt64, to path: String, link shouldLink: Bool) throws(Diagnostics) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\n")), path != Self.manifestName, path != Self.stagingMarker,
              path != PublishJournal.fileName else {
            throw Self.failure("refusing to write '\(path)': the path leaves the output folder or is not a file name")
        }
        let key = PathKey(path)
        if let old = previousOutputs[key], old.hash == hash, let stamp = FileStamp(path: output.path + "/" + path),
           stamp.size == old.size, stamp.modified == old.modified {
            return
        }
        try makeFolders(of: path, components.dropLast())
        let target = staging.path + "/" + path
        var stamp: FileStamp?
        if shouldLink, Foundation.link(source, target) == 0 {
            stamp = FileStamp(path: target)
        } else if let bytes = RawFile.read(source) {
            stamp = bytes.withUnsafeBytes { RawFile.write($0, to: target) }
        }
        guard let stamp else { throw Self.failure("cannot write \(path) from \(source): \(String(cString: strerror(errno)))") }
        lock.withLock {
            written.append(path)
            writtenStamps[key] = OutputStamp(hash: hash, size: stamp.size, modified: stamp.modified)
        }
    }

    /// What a commit changed in the output folder.
    struct Changes {
        var written = 0
        var unchanged = 0
        var deleted = 0
    }

    /// Publishes the staged files. `allPaths` is every file of the new site, staged or not (a
    /// page the build did not need to render is still part of it).
    ///
    /// With no previous site the staging folder is renamed into place. Otherwise each staged file
    /// is moved over the old one (a file with the same bytes is left alone, so its time is kept
    /// for rsync and deploy), and Nashra's own files that the new site no longer has are deleted.
    /// A staged file that would replace a file Nashra did not write stops the commit first. The
    /// steps are journaled before the first one (`PublishJournal`), so a killed build is finished
    /// by the next run.
    /// `allPaths` is made only when needed: with `knownHash` (the hash of the set) equal to the
    /// previous manifest's, and that manifest as it was left, nothing comes or goes and the set
    /// is never looked at.
    func commit(allPaths makePaths: @autoclosure () -> Set<PathKey>, pathsHash knownHash: UInt64? = nil) throws(Diagnostics) -> Changes {
        let fileManager = FileManager.default
        var laps = PartClock.Laps()
        let staged = lock.withLock { written }
        let manifestPath = output.path + "/" + Self.manifestName
        var madePaths: Set<PathKey>?
        func allPathsMade() -> Set<PathKey> {
            if let madePaths { return madePaths }
            let made = PartClock.measure("all paths") { makePaths() }
            madePaths = made
            return made
        }
        let pathsHash = knownHash ?? ManifestRecord.hash(allPathsMade())
        defer {
            if let stamp = FileStamp(path: manifestPath) { manifestRecord = ManifestRecord(stamp: stamp, pathsHash: pathsHash) }
        }
        var faults = PublishFaults.fromEnvironment()
        // Same manifest file as last time and the same set of paths: nothing comes or goes, and
        // the 10,000-line manifest is not read.
        let samePaths = previousManifest.map { $0.pathsHash == pathsHash && FileStamp(path: manifestPath) == $0.stamp } ?? false
        // With the same paths the previous set is the new one, which holds every staged path.
        let previous: Set<PathKey>? = samePaths ? [] : (try? String(contentsOf: output.appendingPathComponent(Self.manifestName), encoding: .utf8))
            .map { Set($0.split(separator: "\n").map { PathKey(String($0)) }) }
        let outputIsEmpty = ((try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []).isEmpty

        laps.mark("publish: previous")
        guard let previous, !outputIsEmpty else {
            try PublishJournal.writeManifest(allPathsMade().sorted().map(\.text), in: staging)
            try PublishJournal(replacesFolder: true, moves: [], deletions: [], manifest: nil)
                .publish(staging: staging, output: output, faults: &faults)
            // Renaming the staging folder kept every file's stamp from when it was written.
            outputs = PathMap(writtenStamps)
            return Changes(written: staged.count)
        }

        let clashes = samePaths ? [] : staged.filter { !previous.contains(PathKey($0)) && fileManager.fileExists(atPath: output.path + "/" + $0) }
        guard clashes.isEmpty else {
            abandon()
            throw Diagnostics(clashes.sorted().map {
                Diagnostic("\(output.path)/\($0) was not written by Nashra and the new site has a page at that path; move it away", at: nil)
            })
        }
        var changes = Changes()
        if samePaths {
            // Updated in place: this writer held the only other reference (`handOverOutputs`).
            outputs = previousOutputs
            previousOutputs = [:]
        }
        var moves: [String] = []
        for path in staged {
            let from = staging.path + "/" + path
            let to = output.path + "/" + path
            let key = PathKey(path)
            let new = writtenStamps[key]!
            // Each staged path once: with the same paths, `outputs` still holds its previous stamp.
            if let old = samePaths ? outputs[key] : previousOutputs[key], old.hash == new.hash, old.size == new.size, let stamp = FileStamp(path: to),
               stamp.size == old.size, stamp.modified == old.modified {
                unlink(from)
                outputs[key] = old
                changes.unchanged += 1
                continue
            }
            if Self.sameContents(from, to) {
                unlink(from)
                if let stamp = FileStamp(path: to) { outputs[key] = OutputStamp(hash: new.hash, size: stamp.size, modified: stamp.modified) }
                changes.unchanged += 1
                continue
            }
            moves.append(path)
            outputs[key] = new  // a rename keeps the stamp the file was written with
        }
        laps.mark("publish: staged")
        if samePaths { changedOutputs = staged.map { PathKey($0) } }
        changes.written = moves.count
        // Files not rendered this time keep what the previous build knew of them.
        if !samePaths {
            for path in allPathsMade() where outputs[path] == nil {
                if let old = previousOutputs[path] { outputs[path] = old }
            }
        }
        let stale = samePaths ? [] : previous.subtracting(allPathsMade()).map(\.text).filter { !$0.isEmpty }.sorted()
        // The manifest changes only when files come or go.
        let manifest = !samePaths && previous != allPathsMade() ? allPathsMade().sorted().map(\.text) : nil
        let journal = PublishJournal(replacesFolder: false, moves: moves, deletions: stale, manifest: manifest)
        laps.mark("publish: stale")
        changes.deleted = try journal.publish(staging: staging, output: output, flushed: flushesJournal, faults: &faults)
        laps.mark("publish: journal")
        return changes
    }

    /// True when both files exist and hold the same bytes (sizes are compared first).
    static func sameContents(_ a: String, _ b: String) -> Bool {
        var infoA = stat(), infoB = stat()
        guard stat(a, &infoA) == 0, stat(b, &infoB) == 0, infoA.st_size == infoB.st_size else { return false }
        return FileManager.default.contentsEqual(atPath: a, andPath: b)
    }

    /// Drops the staging folder (the build failed); the output folder is untouched.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// The folders of `file` (whose `components` they are) that this build has not made yet.
    /// Each is kept as a slice of the file's path copied at its exact size: a build keeps one per
    /// output folder.
    private func makeFolders(of file: String, _ components: ArraySlice<Substring>) throws(Diagnostics) {
        for component in components {
            let path = String(file[..<component.endIndex])
            let known = lock.withLock { createdFolders.contains(path) }
            if known { continue }
            if mkdir(staging.path + "/" + path, 0o755) != 0 && errno != EEXIST {
                throw Self.failure("cannot create folder \(path): \(String(cString: strerror(errno)))")
            }
            lock.withLock { _ = createdFolders.insert(path) }
        }
    }

    private static func isSameOrInside(_ path: URL, _ folder: URL) -> Bool {
        let a = path.path.hasSuffix("/") ? path.path : path.path + "/"
        let b = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return a.hasPrefix(b)
    }

    private static func failure(_ message: String) -> Diagnostics {
        Diagnostics([Diagnostic(message, at: nil)])
    }
}

/// What the build cache remembers of an output file: the hash of the bytes Nashra wrote, and the
/// size and modification time the file had afterwards.
struct OutputStamp: Hashable, Sendable {
    var hash: UInt64
    var size: Int
    var modified: Int
}

/// What the build cache remembers of the manifest: the file's stamp and a hash of its set of paths.
struct ManifestRecord: Hashable, Sendable {
    var stamp: FileStamp
    var pathsHash: UInt64

    /// A hash of a set of paths that does not depend on their order.
    static func hash(_ paths: Set<PathKey>) -> UInt64 {
        var sum: UInt64 = UInt64(paths.count)
        for path in paths {
            let hash = path.text.withUTF8Bytes { ByteHash.of($0) }
            sum &+= (hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9
        }
        return sum
    }
}
