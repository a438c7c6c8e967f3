import NashraCore

extension Site {
    /// The bulletin a `ref`/`relref` in bulletin `index` names, found as Hugo finds it: a path
    /// from content/ when it starts with `/`, else from the bulletin's own folder, else the one
    /// bulletin whose path ends with it (`post.md`, `2016/post`); with or without `.md`, and as a
    /// page bundle (`post/index.md`).
    func referencedBulletin(_ target: String, from index: Int) -> Int? {
        Self.resolve(target, from: bulletins[index].source.relativePath, in: bulletinsByPath)
    }

    /// The URL a reference is written as (nil: it names no published bulletin).
    func referenceURL(_ target: String, from index: Int) -> String? {
        referencedBulletin(target, from: index).map { permalinks[$0].href(root: config.rootPath) }
    }

    static func resolve(_ target: String, from relativePath: String, in paths: [PathKey: Int]) -> Int? {
        let target = target.nfc
        func find(_ path: String) -> Int? {
            for candidate in [path, path + ".md", path + ".markdown", path + "/index.md", path + "/_index.md"] {
                if let found = paths[PathKey(candidate)] { return found }
            }
            return nil
        }
        if target.hasPrefix("/") { return normalized(String(target.dropFirst())).flatMap(find) }
        let folder = relativePath.split(separator: "/").dropLast().joined(separator: "/")
        if let found = normalized(folder.isEmpty ? target : folder + "/" + target).flatMap(find) { return found }
        // Anywhere, if only one bulletin's path ends with it.
        let endings = [target, target + ".md", target + ".markdown", target + "/index.md"].map { "/" + $0 }
        let matches = paths.filter { key, _ in
            let path = "/" + key.text
            return endings.contains { path.hasSuffix($0) }
        }
        return matches.count == 1 ? matches.first?.value : nil
    }

    /// `a/./b/../c` → `a/c`; nil when `..` climbs above content/.
    private static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
