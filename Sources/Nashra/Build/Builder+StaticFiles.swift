import Foundation
import NashraCore

extension Builder {
    /// The folders of a site that the build reads files from, besides the content folder: the
    /// output may not lie inside one, or the next build would read its own pages back.
    static let siteSourceFolders = ["static", "templates", "themes"]

    /// A static file may add files to the site but never replace one Nashra generates: a
    /// `static/index.html` that silently took the home page's place would stop the site from
    /// updating. Each clash is an error at the static file, naming the page it would replace and
    /// where that page is changed instead.
    static func staticFilesReplacingPages(_ site: Site, _ theme: Theme, _ options: BuildOptions) -> [Diagnostic] {
        // Only the few static paths are hashed up front; each page is then one lookup, and a rebuild
        // of a large site does not build a table of every page for a stylesheet or two.
        let staticPaths = Set(theme.staticFiles.map { PathKey($0.outputPath) })
        guard !staticPaths.isEmpty else { return [] }
        // A page's path is hashed only when its length is one of theirs (a count a string keeps).
        let staticLengths = Set(theme.staticFiles.map(\.outputPath.utf8.count))
        var pages: [PathKey: Page] = [:]
        for page in site.pages where staticLengths.contains(page.permalink.outputPath.utf8.count) {
            let key = PathKey(page.permalink.outputPath)
            if staticPaths.contains(key) { pages[key] = page }
        }
        let siteRoot = options.siteFolder.map { $0.standardizedFileURL.path + "/" }
        return theme.staticFiles.compactMap { file -> Diagnostic? in
            guard let page = pages[PathKey(file.outputPath)] else { return nil }
            let shown: String
            switch file.contents {
            case .bytes: shown = "(built-in theme)/static/" + file.outputPath
            case .file(let path):
                if let siteRoot, path.hasPrefix(siteRoot) {
                    let relative = String(path.dropFirst(siteRoot.count))
                    let prefix = options.displayPrefix
                    shown = prefix.isEmpty || prefix == "." ? relative : prefix + "/" + relative
                } else {
                    shown = path
                }
            }
            let instead = page.kind.isHTML
                ? "to change that page, edit templates/\(PageRenderer.template(for: page.kind)).mustache instead"
                : "Nashra writes that file itself"
            return Diagnostic("this static file would replace \(file.outputPath), which Nashra generates; "
                              + "remove or rename it (\(instead))", at: SourceLocation(path: shown))
        }
    }
}
