import Foundation

/// Writes a build into a staging folder beside the output folder, and swaps it in only when the
/// whole build succeeded, so a failed build leaves the previous site exactly as it was.
///
/// Nashra owns only the files it wrote: each build leaves a manifest (`.nashra-manifest`) of them.
/// A file someone else put in the output folder is carried into the new site, never deleted, and
/// the build stops rather than overwrite it.
final class SiteWriter: @unchecked Sendable {
    static let manifestName = ".nashra-manifest"
    static let stagingMarker = ".nashra-staging"

    let output: URL
    let staging: URL
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    private var written: [String] = []

    /// Checks that `output` may be written and makes a fresh staging folder. The output may not
    /// be or contain a folder the build reads (`inputs`), nor lie inside the content folder (it
    /// would be read as content next time); if it exists, Nashra wrote it or it is empty.
    init(output: URL, inputs: [URL], content: URL) throws(Diagnostics) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        self.output = output
        for input in inputs + [content] {
            let input = input.standardizedFileURL.resolvingSymlinksInPath()
            if Self.isSameOrInside(input, output) {
                throw Self.failure("refusing to write the site to \(output.path): it is or contains \(input.path), which the build reads")
            }
        }
        if Self.isSameOrInside(output, content.standardizedFileURL.resolvingSymlinksInPath()) {
            throw Self.failure("refusing to write the site to \(output.path): it is inside the content folder")
        }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Self.failure("\(output.path) exists and is not a folder") }
            let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
            if !contents.isEmpty && !contents.contains(Self.manifestName) {
                throw Self.failure("refusing to replace \(output.path): it holds files Nashra did not write (no \(Self.manifestName)); empty it or choose another --output")
            }
        }
        staging = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).nashra-staging")
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

    /// Writes one file of the site. `path` is relative to the output folder and may not climb out.
    func write(_ bytes: some Collection<UInt8>, to path: String) throws(Diagnostics) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !path.contains("\0"), path != Self.manifestName, path != Self.stagingMarker else {
            throw Self.failure("refusing to write '\(path)': the path leaves the output folder or is not a file name")
        }
        try makeFolders(for: components.dropLast())
        let target = staging.path + "/" + path
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let ok = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        } ?? false
        guard ok else { throw Self.failure("cannot write \(path): \(String(cString: strerror(errno)))") }
        lock.withLock { written.append(path) }
    }

    /// Swaps the staging folder in. Files in the old output that Nashra did not write move into
    /// the new one; if the new site has a file at the same path, nothing is swapped.
    func commit() throws(Diagnostics) -> Int {
        let fileManager = FileManager.default
        let manifest = written.sorted()
        do {
            try fileManager.removeItem(at: staging.appendingPathComponent(Self.stagingMarker))
            try Data((manifest.joined(separator: "\n") + "\n").utf8).write(to: staging.appendingPathComponent(Self.manifestName))
        } catch {
            throw Self.failure("cannot finish \(staging.path): \(error.localizedDescription)")
        }
        if fileManager.fileExists(atPath: output.path) {
            let foreign = foreignFiles()
            let newFiles = Set(manifest)
            let clashes = foreign.filter { newFiles.contains($0) }
            guard clashes.isEmpty else {
                abandon()
                throw Diagnostics(clashes.map {
                    Diagnostic("\(output.path)/\($0) was not written by Nashra and the new site has a page at that path; move it away", at: nil)
                })
            }
            for path in foreign {
                let to = staging.appendingPathComponent(path)
                try? fileManager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fileManager.moveItem(at: output.appendingPathComponent(path), to: to)
            }
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).nashra-old")
            try? fileManager.removeItem(at: old)
            do {
                try fileManager.moveItem(at: output, to: old)
            } catch {
                throw Self.failure("cannot move the previous site aside: \(error.localizedDescription)")
            }
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                try? fileManager.moveItem(at: old, to: output)
                throw Self.failure("cannot move the new site into place: \(error.localizedDescription)")
            }
            try? fileManager.removeItem(at: old)
        } else {
            do {
                try fileManager.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                throw Self.failure("cannot move the new site into place: \(error.localizedDescription)")
            }
        }
        return manifest.count
    }

    /// Drops the staging folder (the build failed); the output folder is untouched.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Files of the current output folder that its manifest does not list.
    private func foreignFiles() -> [String] {
        let manifestURL = output.appendingPathComponent(Self.manifestName)
        let listed = Set((try? String(contentsOf: manifestURL, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? [])
        var foreign: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: output.path) else { return [] }
        while let relative = enumerator.nextObject() as? String {
            guard relative != Self.manifestName, !listed.contains(relative),
                  enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory else { continue }
            foreign.append(relative)
        }
        return foreign
    }

    private func makeFolders(for components: ArraySlice<Substring>) throws(Diagnostics) {
        var path = ""
        for component in components {
            path += path.isEmpty ? String(component) : "/" + component
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
