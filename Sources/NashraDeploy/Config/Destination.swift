import Foundation

/// Where a site goes, read from `--to` or a target's `to:`.
public enum Destination: Sendable, Equatable, CustomStringConvertible {
    /// An S3 bucket and a key prefix (`""` or ending with `/`).
    case s3(bucket: String, prefix: String)
    /// A folder on a local or mounted disk.
    case folder(URL)
    /// What rsync takes as its destination: `user@host:/path` over SSH, or a local path for `rsync:/path`.
    case rsync(String)
    /// A branch of a git repository: a path, or any URL git can push to.
    case git(repository: String, branch: String)

    /// Relative paths are taken from `base`: the current folder for `--to`, the site folder for
    /// `nashra.yaml`.
    public static func parse(_ text: String, relativeTo base: URL) throws -> Destination {
        let fail = { (reason: String) in DeployError.badDestination(text, reason: reason) }
        if text.hasPrefix("s3://") {
            let rest = text.dropFirst("s3://".count)
            let bucket = String(rest.prefix { $0 != "/" })
            guard (3...63).contains(bucket.count), bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw fail("a bucket name has 3 to 63 lowercase letters, digits, dots and dashes")
            }
            var prefix = rest.dropFirst(bucket.count).split(separator: "/").joined(separator: "/")
            if !prefix.isEmpty { prefix += "/" }
            return .s3(bucket: bucket, prefix: prefix)
        }
        if text.hasPrefix("git:") {
            let rest = String(text.dropFirst("git:".count))
            let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let repository = String(parts[0])
            let branch = parts.count > 1 ? String(parts[1]) : "gh-pages"
            guard !repository.isEmpty else { throw fail("git: needs a repository, as in git:../pages#gh-pages") }
            guard isBranchName(branch) else { throw fail("'\(branch)' is not a branch name") }
            return .git(repository: isLocalPath(repository) ? absolute(repository, base).path : repository, branch: branch)
        }
        if text.hasPrefix("rsync:") && !text.hasPrefix("rsync://") {
            let path = String(text.dropFirst("rsync:".count))
            guard !path.isEmpty else { throw fail("rsync: needs a path") }
            return .rsync(isLocalPath(path) ? absolute(path, base).path : path)
        }
        if text.hasPrefix("rsync://") { return .rsync(text) }
        if text.contains("://") { throw fail("unknown scheme") }
        if text.isEmpty { throw fail("it is empty") }
        if !isLocalPath(text) { return .rsync(text) }
        return .folder(absolute(text, base))
    }

    public var description: String {
        switch self {
        case let .s3(bucket, prefix): return "s3://\(bucket)/\(prefix)"
        case let .folder(url): return url.path
        case let .rsync(destination): return destination
        case let .git(repository, branch): return "git:\(repository)#\(branch)"
        }
    }

    /// rsync's rule: a `:` before the first `/` makes `host:path`, so `./a:b` and `/srv/a:b` are
    /// local while `deploy@host:/srv` and `host:site` are not.
    static func isLocalPath(_ text: String) -> Bool {
        if text.contains("://") { return false }
        guard let colon = text.firstIndex(of: ":") else { return true }
        if let slash = text.firstIndex(of: "/"), slash < colon { return true }
        return false
    }

    private static func absolute(_ path: String, _ base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return (expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)).standardizedFileURL
    }

    private static func isBranchName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("-") && !name.hasPrefix("/") && !name.hasSuffix("/") && !name.hasSuffix(".lock")
            && !name.contains("..") && !name.contains("//")
            && !name.contains(where: { $0.isWhitespace || "~^:?*[\\".contains($0) || $0.asciiValue.map { $0 < 32 } == true })
    }
}
