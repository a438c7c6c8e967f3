import Foundation
import NashraCore

/// Every step that publishing one build will take on the output folder, written into the staging
/// folder (and flushed to disk) before the first of them. A build killed while publishing leaves
/// old and new pages mixed; the next `build`, `serve` or `deploy` finds the journal and finishes
/// the steps, so the output is always either the previous site or the new one, never a mix, and
/// its manifest always names every file Nashra put there.
///
/// Each step can be done again safely: a file already moved is no longer in the staging folder,
/// a file already deleted is simply gone. So a roll-forward that is itself killed is rolled
/// forward again by the next run.
public struct PublishJournal: Sendable, Equatable {
    static let fileName = ".nashra-journal"
    private static let header = "nashra-journal 1"

    /// The staging folder becomes the output folder by one rename (there was no site yet).
    var replacesFolder: Bool
    /// Staged files that replace or add a file of the output folder, relative to both folders.
    var moves: [String]
    /// Nashra's files that the new site no longer has.
    var deletions: [String]
    /// The new manifest's paths, or nil when files neither came nor went and it stays as it is.
    var manifest: [String]?

    var isEmpty: Bool { !replacesFolder && moves.isEmpty && deletions.isEmpty && manifest == nil }

    /// Finishes a publish that was interrupted in `output`, if there is one; true if there was.
    /// `nashra deploy` calls this first, so that it never sends a half-moved site.
    @discardableResult
    public static func rollForward(output: URL) throws(Diagnostics) -> Bool {
        var faults = PublishFaults.fromEnvironment()
        return try rollForward(output: SiteWriter.resolved(output), faults: &faults)
    }

    static func rollForward(output: URL, faults: inout PublishFaults) throws(Diagnostics) -> Bool {
        // A first build's folder rename happened; only the journal it carried along is left.
        let carried = output.path + "/" + fileName
        if access(carried, F_OK) == 0 {
            faults.step()
            unlink(carried)
            return true
        }
        let staging = SiteWriter.stagingFolder(for: output)
        let path = staging.path + "/" + fileName
        guard access(path, F_OK) == 0 else { return false }
        guard let bytes = RawFile.read(path), let journal = PublishJournal(text: String(decoding: bytes, as: UTF8.self)) else {
            throw failure("\(path) cannot be read, so the build it belongs to cannot be finished; remove \(staging.path) and run nashra build again")
        }
        _ = try journal.carryOut(staging: staging, output: output, faults: &faults)
        return true
    }

    /// Writes the journal into `staging`, flushed to disk when `flushed` (unflushed, it outlasts
    /// the process being killed, not a power cut), then takes every step. Returns how many old
    /// files were deleted.
    @discardableResult
    func publish(staging: URL, output: URL, flushed: Bool = true, faults: inout PublishFaults) throws(Diagnostics) -> Int {
        guard !isEmpty else {
            try? FileManager.default.removeItem(at: staging)
            return 0
        }
        faults.step()
        try write(into: staging, flushed: flushed)
        return try carryOut(staging: staging, output: output, faults: &faults)
    }

    /// Takes every step; the journal goes last, with the staging folder.
    private func carryOut(staging: URL, output: URL, faults: inout PublishFaults) throws(Diagnostics) -> Int {
        if replacesFolder {
            try replaceFolder(staging: staging, output: output, faults: &faults)
            return 0
        }
        // Deletions come first: a new page may need a folder where an old file stood, or the reverse.
        var deleted = 0
        for path in deletions {
            faults.step()
            if unlink(output.path + "/" + path) == 0 { deleted += 1 }
            // Folders left empty by a deleted page go too; one still holding anything stays.
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(output.path + "/" + folder) == 0 {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        for path in moves {
            let from = staging.path + "/" + path
            let to = output.path + "/" + path
            guard access(from, F_OK) == 0 else { continue }   // moved before the interruption
            faults.step()
            if rename(from, to) != 0 {
                let parent = (to as NSString).deletingLastPathComponent
                try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                guard rename(from, to) == 0 else {
                    throw Self.failure("cannot move \(path) into \(output.path): \(String(cString: strerror(errno))); "
                                       + "fix that and run nashra build again to finish publishing")
                }
            }
        }
        if let manifest {
            faults.step()
            try Self.writeManifest(manifest, in: output)
        }
        faults.step()
        unlink(staging.path + "/" + Self.fileName)
        try? FileManager.default.removeItem(at: staging)
        return deleted
    }

    /// A first build: the output folder is missing or empty, and the staging folder (manifest
    /// included) takes its place in one rename.
    private func replaceFolder(staging: URL, output: URL, faults: inout PublishFaults) throws(Diagnostics) {
        let fileManager = FileManager.default
        faults.step()
        unlink(staging.path + "/" + SiteWriter.stagingMarker)
        if fileManager.fileExists(atPath: output.path) {
            faults.step()
            guard rmdir(output.path) == 0 else {
                throw Self.failure("cannot move the new site into place: \(output.path) is not empty (\(String(cString: strerror(errno)))); "
                                   + "move its files away and run nashra build again")
            }
        } else {
            try? fileManager.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        faults.step()
        guard rename(staging.path, output.path) == 0 else {
            throw Self.failure("cannot move the new site into place at \(output.path): \(String(cString: strerror(errno)))")
        }
        faults.step()
        unlink(output.path + "/" + Self.fileName)
    }

    /// The manifest is replaced by a rename, so that a reader sees the old one or the new one.
    static func writeManifest(_ paths: [String], in folder: URL) throws(Diagnostics) {
        let text = paths.joined(separator: "\n") + "\n"
        let partial = folder.path + "/" + SiteWriter.manifestName + ".partial"
        let written = text.utf8.withContiguousStorageIfAvailable { RawFile.write(UnsafeRawBufferPointer($0), to: partial) } ?? nil
        guard written != nil, rename(partial, folder.path + "/" + SiteWriter.manifestName) == 0 else {
            throw failure("cannot write \(folder.path)/\(SiteWriter.manifestName): \(String(cString: strerror(errno)))")
        }
    }

    /// Written under another name, flushed (when `flushed`), then renamed: the journal is
    /// complete or absent.
    func write(into staging: URL, flushed: Bool) throws(Diagnostics) {
        let partial = staging.path + "/" + Self.fileName + ".partial"
        let text = self.text
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var ok = descriptor >= 0
        if ok {
            ok = text.withUTF8Bytes { RawFile.write($0, to: descriptor) }
            ok = ok && (!flushed || fsync(descriptor) == 0)
            close(descriptor)
        }
        guard ok, rename(partial, staging.path + "/" + Self.fileName) == 0 else {
            throw Self.failure("cannot write the publishing journal in \(staging.path): \(String(cString: strerror(errno)))")
        }
        guard flushed else { return }
        let folder = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    var text: String {
        var lines = [Self.header, replacesFolder ? "replace" : "update"]
        lines += moves.map { "move " + $0 }
        lines += deletions.map { "delete " + $0 }
        if let manifest { lines += ["manifest"] + manifest.map { "path " + $0 } }
        lines.append("end")
        return lines.joined(separator: "\n") + "\n"
    }

    init(replacesFolder: Bool, moves: [String], deletions: [String], manifest: [String]?) {
        self.replacesFolder = replacesFolder
        self.moves = moves
        self.deletions = deletions
        self.manifest = manifest
    }

    /// Reads `text`; nil unless it is a whole journal of this version.
    init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.header), lines.count >= 4, lines.last == "", lines[lines.count - 2] == "end" else { return nil }
        lines = Array(lines[1..<(lines.count - 2)])
        switch lines.removeFirst() {
        case "replace": replacesFolder = true
        case "update": replacesFolder = false
        default: return nil
        }
        moves = []
        deletions = []
        manifest = nil
        for line in lines {
            if line.hasPrefix("move ") { moves.append(String(line.dropFirst(5))) }
            else if line.hasPrefix("delete ") { deletions.append(String(line.dropFirst(7))) }
            else if line == "manifest" { manifest = [] }
            else if line.hasPrefix("path "), manifest != nil { manifest!.append(String(line.dropFirst(5))) }
            else { return nil }
        }
    }

    private static func failure(_ message: String) -> Diagnostics {
        Diagnostics([Diagnostic(message, at: nil)])
    }
}

/// A test hook: with `NASHRA_FAULT_PUBLISH_AFTER=N` the process ends at once, as under `kill -9`,
/// when publishing is about to take its step N+1 (0: before the first). Tests kill a real build
/// at every step this way and check that the next run finishes the job.
struct PublishFaults {
    /// What the process exits with when the hook fires, so a test can tell it from a failed build.
    static let exitStatus: Int32 = 86
    private let limit: Int?
    private var taken = 0

    static func fromEnvironment() -> PublishFaults {
        PublishFaults(limit: ProcessInfo.processInfo.environment["NASHRA_FAULT_PUBLISH_AFTER"].flatMap { Int($0) })
    }

    init(limit: Int?) { self.limit = limit }

    mutating func step() {
        guard let limit else { return }
        if taken == limit { _exit(Self.exitStatus) }
        taken += 1
    }
}
