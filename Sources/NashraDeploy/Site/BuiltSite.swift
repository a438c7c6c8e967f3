import Crypto
import Foundation
import NashraCore

/// The output folder of a finished `nashra build`, read as a list of files to publish. Deploy knows
/// nothing of content: a page is a file with a path and bytes.
public struct BuiltSite: Sendable {
    /// Written by every finished build; its absence means the folder is not a build.
    public static let manifestName = ".nashra-manifest"
    /// Left in a staging folder while a build writes it.
    static let stagingMarker = ".nashra-staging"
    /// Nashra's own bookkeeping, never published.
    static let privateNames: Set<String> = [manifestName, stagingMarker, ".git", ".DS_Store"]

    public let folder: URL
    /// Sorted by path.
    public let files: [SiteFile]

    public init(folder: URL, files: [SiteFile]) {
        self.folder = folder
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Reads and hashes every file of the build in `folder`.
    public static func load(_ folder: URL) throws -> BuiltSite {
        let folder = folder.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw DeployError.siteMissing(folder.path)
        }
        guard isDirectory.boolValue else { throw DeployError.notABuild(folder.path, reason: "it is a file, not a folder") }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path) else {
            throw DeployError.notABuild(folder.path, reason: "no \(manifestName)")
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(stagingMarker).path) {
            throw DeployError.notABuild(folder.path, reason: "it is the staging folder of a build that did not finish")
        }
        let found = try listFiles(in: folder)
        let hashed = try found.parallelMap { entry -> SiteFile in
            SiteFile(path: entry.path, size: entry.size, md5: try md5(of: folder.appendingPathComponent(entry.path)))
        }
        return BuiltSite(folder: folder, files: hashed)
    }

    public func url(of file: SiteFile) -> URL { folder.appendingPathComponent(file.path) }

    /// Regular files below `folder` (symbolic links and special files are skipped), without
    /// Nashra's private files.
    static func listFiles(in folder: URL, skipping skipped: Set<String> = privateNames) throws -> [(path: String, size: Int64)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw DeployError.io(path: folder.path, reason: "cannot read the folder")
        }
        var files: [(path: String, size: Int64)] = []
        while let path = enumerator.nextObject() as? String {
            let attributes = enumerator.fileAttributes ?? [:]
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if skipped.contains(name) && !path.contains("/") || name == ".DS_Store" {
                if attributes[.type] as? FileAttributeType == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files.append((path, (attributes[.size] as? NSNumber)?.int64Value ?? 0))
        }
        return files
    }

    /// MD5 of a file, read in 1 MiB pieces so that large media never sit whole in memory.
    static func md5(of url: URL, range: Range<Int64>? = nil) throws -> String {
        var hash = Insecure.MD5()
        try read(url, range: range) { hash.update(data: $0) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Calls `body` with successive pieces of the file (or of `range` of it).
    static func read(_ url: URL, range: Range<Int64>? = nil, piece: Int = 1 << 20, _ body: (Data) throws -> Void) throws {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw DeployError.io(path: url.path, reason: "cannot open: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        do {
            var remaining = Int64.max
            if let range {
                try handle.seek(toOffset: UInt64(range.lowerBound))
                remaining = range.upperBound - range.lowerBound
            }
            while remaining > 0 {
                guard let data = try handle.read(upToCount: Int(min(Int64(piece), remaining))), !data.isEmpty else { break }
                remaining -= Int64(data.count)
                try body(data)
            }
        } catch let error as DeployError {
            throw error
        } catch {
            throw DeployError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
    }
}
