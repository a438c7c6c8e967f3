/// What a deploy will do, decided before it changes anything: the site's files that are new or
/// changed (assets first, then pages, then feeds), the target's files the site no longer has
/// (deleted last, feeds and pages before assets), and how many are already in place.
public struct DeployPlan: Sendable {
    /// In publishing order: by `FileRole`, then by path (UTF-8 bytes, the order S3 lists keys in).
    public let uploads: [SiteFile]
    /// In deleting order: by `FileRole` from feeds to assets, then by path.
    public let deletions: [String]
    /// Files the site and the target hold with the same bytes.
    public let unchanged: Int
    /// Files the site no longer has that stay because deleting is off.
    public let kept: Int
    /// How many files the target holds before the deploy.
    public let remoteCount: Int

    /// Compares the site with what the target holds, by size and MD5.
    public init(site: [SiteFile], remote: [String: RemoteFile], deleting: Bool = true) {
        self.init(site: site, remote: remote, deleting: deleting, isCurrent: DeployPlan.sameMD5)
    }

    /// Compares the site with what the target holds. `isCurrent` says whether a remote file already
    /// has a site file's bytes.
    public init(site: [SiteFile], remote: [String: RemoteFile], deleting: Bool = true,
                isCurrent: (SiteFile, RemoteFile) throws -> Bool) rethrows {
        var uploads: [SiteFile] = []
        var unchanged = 0
        var sitePaths = Set<String>()
        for file in site {
            sitePaths.insert(file.path)
            if let held = remote[file.path], try isCurrent(file, held) {
                unchanged += 1
            } else {
                uploads.append(file)
            }
        }
        let gone = remote.keys.filter { !sitePaths.contains($0) }
        self.uploads = uploads.sorted { a, b in
            a.role != b.role ? a.role < b.role : a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
        }
        self.deletions = deleting
            ? gone.sorted { a, b in
                let (roleA, roleB) = (FileRole(path: a), FileRole(path: b))
                return roleA != roleB ? roleA > roleB : a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            : []
        self.kept = deleting ? 0 : gone.count
        self.unchanged = unchanged
        self.remoteCount = remote.count
    }

    public static func sameMD5(_ file: SiteFile, _ remote: RemoteFile) -> Bool {
        (remote.size == nil || remote.size == file.size) && remote.fingerprint == file.md5
    }

    public var uploadBytes: Int64 { uploads.reduce(0) { $0 + $1.size } }

    public var changesNothing: Bool { uploads.isEmpty && deletions.isEmpty }

    /// The uploads cut into the batches that must finish one before the next starts.
    public var phases: [(role: FileRole, files: [SiteFile])] {
        FileRole.allCases.compactMap { role in
            let files = uploads.filter { $0.role == role }
            return files.isEmpty ? nil : (role, files)
        }
    }
}
