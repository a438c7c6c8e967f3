/// A place a site is published to. The `Deployer` drives every kind the same way: it asks what the
/// target holds, plans, then uploads batch after batch (assets, pages, feeds), deletes, and
/// finishes; a target only knows how to do each step on its own storage.
protocol DeployTarget: Sendable {
    /// What the target holds now, keyed by site path. `site` lets a target skip work, such as
    /// hashing a remote file whose size already differs from the site's.
    func inventory(of site: BuiltSite) async throws -> [String: RemoteFile]

    /// Whether `remote` already holds `file`'s bytes.
    func isCurrent(_ file: SiteFile, _ remote: RemoteFile, in site: BuiltSite) throws -> Bool

    /// Puts `files` in place; returns when every one of them is readable from the target.
    func upload(_ files: [SiteFile], from site: BuiltSite, progress: ProgressDisplay) async throws

    /// Removes the files at `paths`, which the site no longer has.
    func delete(_ paths: [String], from site: BuiltSite, progress: ProgressDisplay) async throws

    /// Makes the changes visible, for targets that stage them (git commits and pushes).
    func finish(_ plan: DeployPlan, progress: ProgressDisplay) async throws

    /// Releases connections and temporary folders, whether the deploy succeeded or not.
    func close() async
}

extension DeployTarget {
    func isCurrent(_ file: SiteFile, _ remote: RemoteFile, in site: BuiltSite) throws -> Bool {
        DeployPlan.sameMD5(file, remote)
    }

    func finish(_ plan: DeployPlan, progress: ProgressDisplay) async throws {}

    func close() async {}
}
