import Foundation
import NashraCore

/// What the rules of `nashra check` look at: the site as a build plans it, and every bulletin
/// file read again with its links, images and lines.
struct CheckContext: Sendable {
    var config: SiteConfig
    /// Nil when planning failed (its errors are reported); rules that need URLs then say nothing.
    var site: Site?
    /// Every bulletin that parsed, published or not, in file order.
    var bulletins: [CheckedBulletin]
    var links: LinkResolver
    /// The site's gazetteer, when it uses one (`gazetteer: true` or a `places.yaml`).
    var gazetteer: Gazetteer?

    /// Reads every bulletin of `planned` again (in parallel); a file that cannot be read again is
    /// a problem of its own.
    static func make(_ planned: PlannedSite, contentFolder: URL, contentDisplay: String) -> (CheckContext, [Diagnostic]) {
        var publishedIndex: [PathKey: Int] = [:]
        // Every edition's bulletins and pages (a multilingual site's), as one list of addresses.
        let editions = planned.editions.isEmpty ? planned.site.map { [$0] } ?? [] : planned.editions
        let permalinks = editions.flatMap(\.permalinks)
        for (index, bulletin) in editions.flatMap(\.bulletins).enumerated() { publishedIndex[PathKey(bulletin.source.relativePath)] = index }
        let results = planned.content.bulletins.parallelMap { [publishedIndex] bulletin in
            CheckedBulletin.read(bulletin, published: publishedIndex[PathKey(bulletin.source.relativePath)])
        }
        var bulletins: [CheckedBulletin] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let checked): bulletins.append(checked)
            case .failure(let problem): problems.append(problem)
            }
        }
        // Every address the site answers, when both the plan and the theme are known.
        var addresses: Set<PathKey>?
        if !editions.isEmpty, let theme = planned.theme {
            addresses = Set(editions.flatMap(\.pages).map { PathKey($0.permalink.outputPath) } + theme.staticFiles.map { PathKey($0.outputPath) })
        }
        var files: [PathKey: LinkResolver.BulletinFile] = [:]
        for checked in bulletins {
            files[PathKey(checked.bulletin.source.relativePath)] = LinkResolver.BulletinFile(path: checked.path, published: checked.published)
        }
        let links = LinkResolver(origin: planned.config.origin, rootPath: planned.config.rootPath, addresses: addresses,
                                 bulletinFiles: files, permalinks: permalinks,
                                 contentFolder: contentFolder, contentDisplay: contentDisplay)
        return (CheckContext(config: planned.config, site: planned.site, bulletins: bulletins, links: links,
                             gazetteer: planned.data.gazetteer), problems)
    }
}
