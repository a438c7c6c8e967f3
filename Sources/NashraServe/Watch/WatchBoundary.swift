import Foundation

/// The site folder as the watchers see it: a folder is watched only if it is really inside, so a
/// link such as `static/usr` → `/usr` does not put a watch on every folder of `/usr` (16,930 of
/// them, and the per-user inotify limit with them). The build refuses such links anyway; the
/// watcher need only see the link itself change.
struct WatchBoundary: Sendable {
    /// The site folder with every link resolved.
    let realRoot: String

    init(root: String) {
        if let resolved = realpath(root, nil) {
            realRoot = String(cString: resolved)
            free(resolved)
        } else {
            realRoot = root
        }
    }

    /// Whether `path` is a folder to watch: a folder, or a link to one, that resolves inside the site.
    func isFolderInside(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            // A real folder below a watched one is inside, unless a link above it led out;
            // those are never followed, so only the entries themselves need resolving.
            return true
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else { return false }
            defer { free(resolved) }
            let real = String(cString: resolved)
            guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
            return realRoot == "/" || real == realRoot || real.hasPrefix(realRoot + "/")
        default:
            return false
        }
    }
}
