import Foundation

/// The folder the preview serves (the build's output), and the one place that turns a decoded
/// request path into a file in it. Symlinks are resolved and the real path must still be inside
/// the folder, so a link pointing out (`static/secrets -> /etc`) serves nothing.
struct ServedFolder: Sendable {
    /// What a request path names.
    enum Resolution: Sendable, Equatable {
        case file(URL)
        /// A folder: served as its `index.html` when the path ends with `/`, else redirected.
        case folder(URL)
        case missing
        /// The path exists but its real location is outside the folder: refused and logged.
        case outside(String)
    }

    /// What the build keeps in its output folder for itself (`SiteWriter`'s manifest); not a page.
    static let hiddenNames: Set<String> = [".nashra-manifest"]

    let root: URL

    func resolve(_ segments: [String]) -> Resolution {
        if let first = segments.first, Self.hiddenNames.contains(first) { return .missing }
        // `RequestPath` already refuses these; checked again because this is what touches the disk.
        guard !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("/") || $0.contains("\0") }) else {
            return .missing
        }
        guard let realRoot = Self.realPath(root.path) else { return .missing }
        let candidate = ([root.path] + segments).joined(separator: "/")
        guard let real = Self.realPath(candidate) else { return .missing }
        guard real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
            return .outside(real)
        }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder(URL(fileURLWithPath: real, isDirectory: true))
        case S_IFREG: return .file(URL(fileURLWithPath: real))
        default: return .missing   // sockets, devices, FIFOs: nothing a site serves
        }
    }

    /// The path with every symlink, `.` and `..` resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
