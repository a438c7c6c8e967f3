import NashraCore

/// One version of a page in one of the site's editions, as the page links it: in
/// `<link rel="alternate" hreflang>` when it is a translation, and in the language switcher always
/// (a page with no version in that edition links the edition's home, never a missing page).
public struct PageVersion: Sendable, Hashable {
    /// The edition's code (`ar`, `en`), its name in the switcher, and its direction.
    public var language: String
    public var name: String
    public var direction: TextDirection
    /// Absolute URL of the version, or of the edition's home when the page has none there.
    public var url: String
    /// True when `url` is this page in that edition; false when it is that edition's home.
    public var isTranslation: Bool
    /// True for the page's own edition.
    public var isCurrent: Bool
}

/// A multilingual site: its editions planned one by one (each a `Site` under its prefix), then
/// linked here, so each page knows its versions in the other editions (`Page.versions`).
public enum SiteEditions {
    /// The bulletins, pages and section indexes of each edition, in `config.editions` order: a
    /// file's edition is its language's (from `lang:` or its `content/<code>/` folder), the
    /// default edition's when no edition has that language. Two bulletins of one edition with the
    /// same `translationKey:` are an error at both.
    public struct Split: Sendable {
        public var bulletins: [[Bulletin]]
        public var pages: [[StandingPage]]
        public var sectionIndexes: [[SectionIndex]]
        public var problems: [Diagnostic] = []
    }

    public static func split(_ bulletins: [Bulletin], pages: [StandingPage], sectionIndexes: [SectionIndex],
                             config: SiteConfig) -> Split {
        let count = config.editions.count
        var split = Split(bulletins: Array(repeating: [], count: count), pages: Array(repeating: [], count: count),
                          sectionIndexes: Array(repeating: [], count: count))
        for bulletin in bulletins { split.bulletins[config.editionIndex(forLanguage: bulletin.language)].append(bulletin) }
        for page in pages { split.pages[config.editionIndex(forLanguage: page.language)].append(page) }
        let folders = Dictionary(config.editions.enumerated().dropFirst().map { (Edition.primary($1.code), $0) }) { first, _ in first }
        for index in sectionIndexes {
            let first = index.source.relativePath.split(separator: "/").first.map { Edition.primary(String($0)) } ?? ""
            let components = index.source.relativePath.split(separator: "/").count
            split.sectionIndexes[components == 3 ? folders[first] ?? 0 : 0].append(index)
        }
        for edition in split.bulletins {
            var byKey: [String: [Bulletin]] = [:]
            for bulletin in edition {
                if let key = bulletin.translationKey { byKey[key, default: []].append(bulletin) }
            }
            for (key, same) in byKey where same.count > 1 {
                let sorted = same.sorted { $0.source.relativePath < $1.source.relativePath }
                for bulletin in sorted {
                    let others = sorted.filter { $0.source.relativePath != bulletin.source.relativePath }.map(\.source.displayPath)
                    split.problems.append(Diagnostic(
                        "'translationKey: \(key)' is also given by \(others.joined(separator: ", ")) in the same language (\(bulletin.language)); each version of a story has its own language",
                        at: location(of: bulletin)))
                }
            }
        }
        split.problems.sort { ($0.location?.path ?? "", $0.location?.line ?? 0) < ($1.location?.path ?? "", $1.location?.line ?? 0) }
        return split
    }

    static func location(of bulletin: Bulletin) -> SourceLocation {
        bulletin.translationKeyPosition?.location(in: bulletin.source.displayPath) ?? SourceLocation(path: bulletin.source.displayPath)
    }

    /// Each edition's pages linked to their versions in the others (`Site.versions`), the default
    /// edition's robots.txt given the others' sitemaps, and a warning for each translation whose
    /// original (its `translationKey:` in the default edition) is gone.
    public static func link(_ sites: [Site]) -> [Site] {
        guard sites.count > 1 else { return sites }
        var sites = sites
        // For each key, the page that holds it in each edition.
        var byKey: [String: [Int: Int]] = [:]
        let keys = sites.map { site in site.pages.indices.map { versionKey(of: site.pages[$0], in: site) } }
        for (edition, editionKeys) in keys.enumerated() {
            for (position, key) in editionKeys.enumerated() {
                guard let key else { continue }
                if byKey[key]?[edition] == nil { byKey[key, default: [:]][edition] = position }
            }
        }
        let homes = sites.map { $0.absoluteURL($0.home) }
        for edition in sites.indices {
            for position in sites[edition].pages.indices {
                let page = sites[edition].pages[position]
                guard page.kind.isHTML, page.kind != .notFound else { continue }
                let found = keys[edition][position].flatMap { byKey[$0] } ?? [:]
                let versions = sites.indices.map { other in
                    let config = sites[other].config
                    let version = other == edition ? position : found[other]
                    return PageVersion(language: config.language, name: config.edition?.name ?? config.language, direction: config.direction,
                                       url: version.map { sites[other].absoluteURL(sites[other].pages[$0].permalink) } ?? homes[other],
                                       isTranslation: version != nil, isCurrent: other == edition)
                }
                sites[edition].pages[position].versions = versions
            }
        }
        sites[0].otherSitemaps = sites.dropFirst().flatMap { site in
            [site.absoluteURL(Permalink.sitemap.prefixed(site.config.pathPrefix)),
             site.absoluteURL(Permalink.newsSitemap.prefixed(site.config.pathPrefix))]
        }
        // A translation whose original was deleted (or whose key was changed there).
        let originals = Set(sites[0].bulletins.compactMap(\.translationKey))
        for edition in sites.indices.dropFirst() {
            for bulletin in sites[edition].bulletins {
                guard let key = bulletin.translationKey, !originals.contains(key) else { continue }
                sites[edition].warnings.append(Diagnostic(
                    "no bulletin of the \(sites[0].config.language) edition has 'translationKey: \(key)': was the original deleted? This translation links to that edition's home",
                    at: location(of: bulletin), severity: .warning))
            }
        }
        return sites
    }

    /// What makes two pages of different editions versions of one page: a bulletin's or page's
    /// `translationKey:` (else its path below the edition's folder, as Hugo links them), a term's
    /// place or tag (`place:<id>`, else its slug), the same archive period, the homes, sections
    /// by slug. Later pages of a paginated list have none: their numbers do not correspond.
    static func versionKey(of page: Page, in site: Site) -> String? {
        switch page.kind {
        case .bulletin(let index):
            let bulletin = site.bulletins[index]
            return "bulletin:" + (bulletin.translationKey.map { "key:" + $0 } ?? "path:" + bulletin.editionPath)
        case .standingPage(let index):
            let standing = site.standingPages[index]
            return "page:" + (standing.translationKey.map { "key:" + $0 } ?? "path:" + standing.editionPath)
        case .home: return page.pageNumber == 1 ? "home" : nil
        case .terms(let kind): return "terms:" + kind.rawValue
        case .term(let kind, let index):
            guard page.pageNumber == 1 else { return nil }
            let term = site.taxonomy(kind).terms[index]
            return "term:\(kind.rawValue):" + (term.identity ?? "slug:" + term.slug)
        case .archiveYears: return "archive"
        case .archiveYear(let year): return "archive:\(site.archive.years[year].year)"
        case .archiveMonth(let year, let month):
            guard page.pageNumber == 1 else { return nil }
            return "archive:\(site.archive.years[year].year)-\(site.archive.years[year].months[month].month)"
        case .section(let index): return page.pageNumber == 1 ? "section:" + site.sections[index].slug : nil
        case .search: return "search"
        case .notFound, .feed, .ninjs, .ninjsStream, .sitemap, .sitemapIndex, .newsSitemap, .robots, .alias: return nil
        }
    }
}
