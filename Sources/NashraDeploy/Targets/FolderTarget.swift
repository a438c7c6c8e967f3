import Foundation
import NashraCore

/// A folder on a local or mounted disk, such as a web server's document root.
///
/// Each file is copied beside its final name and renamed over it, so a reader (or a deploy that
/// dies half-way) only ever sees a whole old file or a whole new one. A marker file remembers that
/// nashra deploy owns the folder: deleting what the site does not have is only safe there.
struct FolderTarget: DeployTarget {
    static let markerName = ".nashra-deployed"
    static let partSuffix = ".nashra-part"

    let folder: URL
    /// Whether to insist on the marker; a git work tree is owned by its branch instead.
    var ownsFolder = true
    var force = false

    func inventory(of site: BuiltSite) async throws -> [String: RemoteFile] {
        try checkNotOverlapping(site.folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return [:] }
        guard isDirectory.boolValue else { throw DeployError.io(path: folder.path, reason: "exists and is not a folder") }
        let held = try BuiltSite.listFiles(in: folder, skipping: [".git", Self.markerName])
        if ownsFolder, !force, !held.isEmpty,
           !FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.markerName).path) {
            throw DeployError.refused("""
                refusing to deploy into \(folder.path): it holds \(held.count) files that nashra deploy did not put there, \
                and deploying deletes the ones the site does not have; choose an empty folder, or pass --force
                """)
        }
        let sizes = Dictionary(site.files.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
        let folder = self.folder
        let files = try held.parallelMap { entry -> RemoteFile in
            // Only a file that could be the same is worth reading.
            let fingerprint = sizes[entry.path] == entry.size
                ? try BuiltSite.md5(of: folder.appendingPathComponent(entry.path)) : nil
            return RemoteFile(path: entry.path, size: entry.size, fingerprint: fingerprint)
        }
        return Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func upload(_ files: [SiteFile], from site: BuiltSite, progress: ProgressDisplay) async throws {
        let manager = FileManager.default
        for file in files {
            try Task.checkCancellation()
            let target = folder.appendingPathComponent(file.path)
            let part = target.deletingLastPathComponent().appendingPathComponent("." + target.lastPathComponent + Self.partSuffix)
            do {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? manager.removeItem(at: part)
                try manager.copyItem(at: site.url(of: file), to: part)
                try? manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: part.path)
            } catch {
                try? manager.removeItem(at: part)
                throw DeployError.io(path: target.path, reason: "cannot write: \(error.localizedDescription)")
            }
            guard rename(part.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: part)
                throw DeployError.io(path: target.path, reason: "cannot replace: \(reason)")
            }
            progress.finished("upload", file.path, bytes: file.size)
        }
    }

    func delete(_ paths: [String], from site: BuiltSite, progress: ProgressDisplay) async throws {
        for path in paths {
            let target = folder.appendingPathComponent(path)
            if unlink(target.path) != 0 && errno != ENOENT {
                throw DeployError.io(path: target.path, reason: "cannot delete: \(String(cString: strerror(errno)))")
            }
            // Folders the site no longer has go too; rmdir only ever removes an empty one.
            var parent = target.deletingLastPathComponent().standardizedFileURL
            while parent.path.count > folder.standardizedFileURL.path.count, rmdir(parent.path) == 0 {
                parent = parent.deletingLastPathComponent().standardizedFileURL
            }
            progress.finished("delete", path)
        }
    }

    func finish(_ plan: DeployPlan, progress: ProgressDisplay) async throws {
        guard ownsFolder else { return }
        let marker = folder.appendingPathComponent(Self.markerName)
        guard !FileManager.default.fileExists(atPath: marker.path) else { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("This folder is published by nashra deploy; files the site does not have are deleted.\n".utf8).write(to: marker)
        } catch {
            throw DeployError.io(path: marker.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Deploying a folder into itself, or into a folder inside it, would publish the site into its own build.
    private func checkNotOverlapping(_ site: URL) throws {
        let a = site.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let b = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        if a.hasPrefix(b) || b.hasPrefix(a) {
            throw DeployError.refused("refusing to deploy \(site.path) into \(folder.path): one folder contains the other")
        }
    }
}
