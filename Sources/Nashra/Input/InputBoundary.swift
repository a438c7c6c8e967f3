import Foundation
import NashraCore

/// The folder a build may read from. A symbolic link is followed only if its target resolves
/// inside it, so that a link committed into a site (`static/passwd.txt` → `/etc/passwd`,
/// `static/env.txt` → `/proc/self/environ`) cannot publish the building machine's files.
struct InputBoundary: Sendable {
    /// The folder's path with every link resolved.
    let realRoot: String
    /// How messages name it: "the site folder", "the content folder".
    let name: String

    init(folder: URL, name: String) {
        realRoot = Self.realPath(folder.path) ?? folder.standardizedFileURL.path
        self.name = name
    }

    /// The site folder when the content folder is named inside it (so that `content` itself may
    /// not be a link out); a content folder given on its own (`--content DIR`, or one outside the
    /// site) is its own boundary.
    static func forContent(_ content: URL, site: URL?) -> InputBoundary {
        if let site, content.standardizedFileURL.path.hasPrefix(site.standardizedFileURL.path + "/") {
            return InputBoundary(folder: site, name: "the site folder")
        }
        return InputBoundary(folder: content, name: "the content folder")
    }

    func contains(_ realPath: String) -> Bool {
        realRoot == "/" || realPath == realRoot || realPath.hasPrefix(realRoot + "/")
    }

    /// `path` with every link resolved, or nil if it (or a link on the way) leads nowhere.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The target of the symbolic link at `path` as written in the link.
    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where the symbolic link at `path` leads, or why it may not be followed. The check is on
    /// the resolved path, so `../../etc` and chains of links are caught alike.
    func resolveLink(at path: String, display: String) -> Result<String, Diagnostic> {
        let target = Self.linkTarget(path)
        guard let real = Self.realPath(path) else {
            return .failure(Diagnostic("a symbolic link to \(target), which does not exist; fix or remove the link",
                                       at: SourceLocation(path: display)))
        }
        guard contains(real) else {
            var info = stat()
            let what = stat(real, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? "folder" : "file"
            return .failure(Diagnostic("a symbolic link to \(target), outside \(name); copy the \(what) in instead",
                                       at: SourceLocation(path: display)))
        }
        return .success(real)
    }
}
