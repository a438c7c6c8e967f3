import Foundation

/// A branch of a git repository (GitHub Pages, GitLab Pages, a server that checks out a branch).
///
/// The branch is fetched into a temporary work tree, which is then deployed to like a folder; the
/// changes become one commit, pushed at the end. Until the push nothing is visible, and a push that
/// fails leaves the branch as it was. A run that changes nothing makes no commit.
struct GitTarget: DeployTarget {
    let repository: String
    let branch: String
    let work: URL

    init(repository: String, branch: String) {
        self.repository = repository
        self.branch = branch
        work = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-deploy-git-\(UUID().uuidString)")
    }

    private var tree: FolderTarget { FolderTarget(folder: work, ownsFolder: false) }

    func inventory(of site: BuiltSite) async throws -> [String: RemoteFile] {
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw DeployError.io(path: work.path, reason: "cannot create a work tree: \(error.localizedDescription)")
        }
        try await git("init", "--quiet")
        let heads = try await git("ls-remote", "--heads", repository, "refs/heads/\(branch)")
        if heads.output.isEmpty {
            // A first deploy: the branch starts with no history of its own.
            try await git("checkout", "--quiet", "--orphan", branch)
        } else {
            // Only the tip is needed to compare and to commit on top of.
            try await git("fetch", "--quiet", "--depth=1", repository, "refs/heads/\(branch)")
            try await git("checkout", "--quiet", "-B", branch, "FETCH_HEAD")
        }
        return try await tree.inventory(of: site)
    }

    func upload(_ files: [SiteFile], from site: BuiltSite, progress: ProgressDisplay) async throws {
        try await tree.upload(files, from: site, progress: progress)
    }

    func delete(_ paths: [String], from site: BuiltSite, progress: ProgressDisplay) async throws {
        try await tree.delete(paths, from: site, progress: progress)
    }

    func finish(_ plan: DeployPlan, progress: ProgressDisplay) async throws {
        guard !plan.changesNothing else { return }
        try await git("add", "--all")
        let status = try await git("status", "--porcelain")
        guard !status.output.isEmpty else { return }
        var identity: [String] = []
        // A CI machine often has no git identity; the commit still needs one.
        if try await git(check: false, "config", "user.email").status != 0 {
            identity = ["-c", "user.name=nashra deploy", "-c", "user.email=nashra-deploy@localhost"]
        }
        let message = "Deploy the site: \(plan.uploads.count) uploaded, \(plan.deletions.count) deleted"
        try await git(identity + ["-c", "commit.gpgsign=false", "commit", "--quiet", "--message", message])
        progress.say("committed: \(message)")
        try await git("push", "--quiet", repository, "HEAD:refs/heads/\(branch)")
    }

    func close() async {
        try? FileManager.default.removeItem(at: work)
    }

    @discardableResult
    private func git(check: Bool = true, _ arguments: String...) async throws -> ExternalCommand.Outcome {
        try await git(check: check, arguments)
    }

    @discardableResult
    private func git(check: Bool = true, _ arguments: [String]) async throws -> ExternalCommand.Outcome {
        let command = ExternalCommand("git", arguments, in: work)
        return check ? try await command.check() : try await command.run()
    }
}
