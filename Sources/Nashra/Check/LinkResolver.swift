import Foundation
import NashraCore

/// Where a link or an image of a bulletin's body leads in the site a build would write: one of its
/// pages or static files, a bulletin's file (`other.md`), a file beside the bulletin, or nowhere.
struct LinkResolver: Sendable {
    /// A bulletin file of the content folder, as links by `.md` path find it.
    struct BulletinFile: Sendable {
        var path: String
        var published: Int?
    }

    enum Target: Equatable {
        /// Another site, `mailto:`, a fragment of the same page; or unknowable because planning failed.
        case unchecked
        case found
        /// A bulletin file (its display path) that this build does not publish.
        case unpublished(String)
        /// Nowhere, and why (the end of a message).
        case nowhere(String)
    }

    /// `baseURL`'s origin (`https://news.example`) and path (`/` or `/news/`).
    var origin: String
    var rootPath: String
    /// Every output path of the site, pages and static files; nil when the plan or the theme failed.
    var addresses: Set<PathKey>?
    var bulletinFiles: [PathKey: BulletinFile]
    /// The published bulletins' permalinks, by index, for relative links.
    var permalinks: [Permalink]
    var contentFolder: URL
    var contentDisplay: String

    /// A link: to a page or file of the site by URL (with the site's origin, from its root or
    /// relative to the bulletin's page), or to a bulletin by the relative path of its `.md` file.
    func link(_ destination: String, from bulletin: CheckedBulletin) -> Target {
        switch classify(destination) {
        case .outside: return .unchecked
        case .outsideRoot(let path): return .nowhere("the site's pages are all below \(rootPath) (its baseURL), and \(path) is not")
        case .site(let path): return page(at: path)
        case .relative(let path):
            if ContentLoader.markdownStem(Substring(path).utf8) != nil { return bulletinFile(path, from: bulletin) }
            guard let index = bulletin.published else { return .unchecked }
            guard let sitePath = Self.join(permalinks[index].path, path) else { return .nowhere("it leads above the site's root") }
            return page(at: sitePath)
        }
    }

    /// An image: a static file or page of the site by URL; a relative path may also name a file
    /// beside the bulletin in the content folder.
    func image(_ destination: String, from bulletin: CheckedBulletin) -> Target {
        switch classify(destination) {
        case .outside: return .unchecked
        case .outsideRoot(let path): return .nowhere("the site's files are all below \(rootPath) (its baseURL), and \(path) is not")
        case .site(let path): return page(at: path, what: "static file")
        case .relative(let path):
            // Beside the bulletin's file, where an author's editor finds it.
            let beside = Self.join("/" + bulletin.bulletin.source.relativePath, path)
            if let beside {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: contentFolder.path + beside, isDirectory: &isFolder), !isFolder.boolValue {
                    return .found
                }
            }
            let besideShown = contentDisplay + (beside ?? "/" + path)
            guard let index = bulletin.published else { return .nowhere("there is no file \(besideShown)") }
            guard let sitePath = Self.join(permalinks[index].path, path) else { return .nowhere("there is no file \(besideShown)") }
            switch page(at: sitePath, what: "static file") {
            case .nowhere: return .nowhere("there is no file \(besideShown), and no static file at \(sitePath)")
            case let other: return other
            }
        }
    }

    // MARK: - Private

    private enum Address {
        case outside
        /// A URL of this host outside the site's root path.
        case outsideRoot(String)
        /// A path below the site's root, starting with `/`, percent-decoded.
        case site(String)
        /// Relative to the bulletin, percent-decoded.
        case relative(String)
    }

    private func classify(_ destination: String) -> Address {
        var text = destination.trimmed()
        if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("?") { return .outside }
        if let cut = text.firstIndex(where: { $0 == "#" || $0 == "?" }) { text = String(text[..<cut]) }
        let host = origin.range(of: "://").map { String(origin[$0.lowerBound...]).lowercased() } ?? ""
        // A URL with this site's host (`https://news.example/…`, `//news.example/…`), by its path.
        func path(afterScheme text: Substring) -> String? {
            guard !host.isEmpty, text.lowercased().hasPrefix(host.dropFirst()) else { return nil }
            let rest = text.dropFirst(host.count - 1)
            // `https://news.example.org` is not `https://news.example`.
            guard rest.isEmpty || rest.hasPrefix("/") else { return nil }
            return rest.isEmpty ? "/" : String(rest)
        }
        var rooted: String?
        if text.hasPrefix("//") {
            guard let path = path(afterScheme: text[...]) else { return .outside }
            rooted = path
        } else if let scheme = Self.scheme(of: text) {
            guard scheme == "http" || scheme == "https", let path = path(afterScheme: text.dropFirst(scheme.count + 1)) else { return .outside }
            rooted = path
        } else if text.hasPrefix("/") {
            rooted = text
        }
        let decode = { (path: String) in (path.removingPercentEncoding ?? path).nfc }
        guard let rooted else { return .relative(decode(text)) }
        let path = decode(rooted)
        if rootPath == "/" { return .site(path) }
        if path + "/" == rootPath { return .site("/") }
        guard path.hasPrefix(rootPath) else { return .outsideRoot(path) }
        return .site("/" + path.dropFirst(rootPath.count))
    }

    /// The scheme of an absolute URL (`https`, `mailto`), lowercased, or nil. Two letters at
    /// least, so that `C:` is not one.
    private static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].utf8
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard scheme.count >= 2, let first = scheme.first, isLetter(first),
              scheme.allSatisfy({ isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+")
                  || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return String(text[..<colon]).lowercased()
    }

    /// `relative` resolved against the folder of `base` (a path from `/`): `.` and `..` taken away;
    /// nil if it climbs above `/`.
    static func join(_ base: String, _ relative: String) -> String? {
        var parts = base.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()  // the page or file name after the last `/`, empty for a folder
        let steps = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (index, step) in steps.enumerated() {
            let last = index == steps.count - 1
            switch step {
            case ".": if last { parts.append("") }
            case "..":
                guard parts.count > 1 else { return nil }
                parts.removeLast()
                if last { parts.append("") }
            default: parts.append(step)
            }
        }
        return parts.joined(separator: "/")
    }

    /// A page or file of the site at `path` (from the site's root, decoded): `/a/` is `a/index.html`,
    /// and `/a` is also found as the folder `a/`.
    private func page(at path: String, what: String = "page") -> Target {
        guard let addresses else { return .unchecked }
        guard let normalized = Self.join("/", String(path.drop { $0 == "/" })) else { return .nowhere("it leads above the site's root") }
        let relative = String(normalized.dropFirst())
        let candidates = relative.isEmpty || relative.hasSuffix("/") ? [relative + "index.html"] : [relative, relative + "/index.html"]
        if candidates.contains(where: { addresses.contains(PathKey($0)) }) { return .found }
        return .nowhere("no \(what) of the site is at \(normalized)")
    }

    private func bulletinFile(_ path: String, from bulletin: CheckedBulletin) -> Target {
        guard let joined = Self.join("/" + bulletin.bulletin.source.relativePath, path) else {
            return .nowhere("it leads out of the content folder")
        }
        let relative = String(joined.dropFirst())
        if let file = bulletinFiles[PathKey(relative)] {
            return file.published == nil ? .unpublished(file.path) : .found
        }
        // A file that is there but did not parse has its own errors; this link is not one more.
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: contentFolder.path + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
            return .found
        }
        return .nowhere("there is no bulletin \(contentDisplay)/\(relative)")
    }
}
