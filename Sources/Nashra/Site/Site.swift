import NashraCore

/// Everything the build will write, decided once: every bulletin in order, every term, every page
/// and its URL. Later stages read this and decide nothing about URLs themselves.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Published bulletins, newest first.
    public var bulletins: [Bulletin]
    public var permalinks: [Permalink]
    /// For each bulletin, the indices of its tags' terms and of its location's term.
    public var tagTerms: [[Int]]
    public var locationTerm: [Int?]
    public var tags: Taxonomy
    public var locations: Taxonomy
    public var archive: Archive
    /// Pages that are not news (about, contact), and their URLs.
    public var standingPages: [StandingPage] = []
    public var standingPermalinks: [Permalink] = []
    /// News sections, and for each bulletin the index of its section.
    public var sections: [Section] = []
    public var bulletinSection: [Int?] = []
    /// The header's and footer's links, in order.
    public var headerMenu: [MenuEntry] = []
    public var footerMenu: [MenuEntry] = []
    /// For each bulletin, up to five related bulletins.
    public var related: [[Int]]
    /// What `related` was computed from (each bulletin's terms, in order): the build cache keeps
    /// both, and the next build reuses them when this is unchanged, as it is after a body edit.
    var relatedKey: UInt64 = 0
    /// The build's "now", which decides the news sitemap's 48 hours.
    public var now: Int64
    public var pages: [Page]
    /// The bulletins the news sitemap lists (see `SitePlanner.newsItems`).
    public var newsItems: [Int]
    /// Each bulletin's lead photo, once the build has processed them (`PhotoDesk`); see `photo(_:)`.
    public var photos: [Photo?] = []
    /// What planning found wrong but not fatal; the build reports them and goes on.
    public var warnings: [Diagnostic] = []
    /// Hugo's and Jekyll's categories, a taxonomy like tags, with each bulletin's terms; it has
    /// pages only when `taxonomyKinds` holds it.
    public var categories = Taxonomy(kind: .categories, permalink: Permalink(normalized: "/categories/"), terms: [])
    public var categoryTerms: [[Int]] = []
    /// The taxonomies with pages, in the order lists show them.
    public var taxonomyKinds: [Taxonomy.Kind] = [.tags, .locations]
    /// Each bulletin by its path below content/, for `ref` shortcodes (empty when none has one).
    var bulletinsByPath: [PathKey: Int] = [:]
    /// The places locations and bodies resolve through; nil when the site does not use them.
    public var gazetteer: Gazetteer? = nil
    /// The other editions' sitemaps, which the default edition's robots.txt names.
    public var otherSitemaps: [String] = []
    /// `content/_data/`'s files as read (see `SiteData`): every page's fingerprint includes it.
    var dataFingerprint: UInt64 = 0
    /// The published bulletins as positions in the list the planner was given, and that list's
    /// `SitePlanner.inputsHash`: with the terms, the decisions the build cache keeps (`PlanDecisions`).
    var plannedOrder: [Int] = []
    var plannedInputs: UInt64 = 0
    /// Whether the plan took its decisions from the build cache (`PlanDecisions`) rather than making them.
    var decisionsKept = false

    static let newsWindow: Int64 = 48 * 3600
    static let newsLimit = 1000

    /// The bulletins a list page shows, in order: the home page's, a term's, an archive month's
    /// (empty for other pages; a feed carries `feedItems`). The one place a page's `items` are
    /// turned into bulletins, for the renderer, the page contexts and the fingerprints.
    public func listedBulletins(on page: Page) -> [Int] {
        switch page.kind {
        case .home: Array(page.items)
        case .term(let kind, let term): page.items.map { taxonomy(kind).terms[term].bulletins[$0] }
        case .archiveMonth(let year, let month): page.items.map { archive.years[year].months[month].bulletins[$0] }
        case .section(let section): page.items.map { sections[section].bulletins[$0] }
        case .standingPage, .bulletin, .terms, .archiveYears, .archiveYear, .notFound, .search, .feed, .ninjs, .ninjsStream, .sitemap, .sitemapIndex, .newsSitemap, .robots, .alias: []
        }
    }

    /// The formats and content of `scope`'s feeds (`feeds:` in nashra.yaml); a section's feeds are
    /// the site's for one desk, so they follow `feeds.site`.
    public func feedPolicy(_ scope: FeedScope) -> FeedPolicy {
        switch scope {
        case .site, .section: config.feeds.site
        case .term: config.feeds.terms
        }
    }

    /// What a feed of `scope` carries: its newest `feedLimit` bulletins (indices, newest first).
    /// The one place this is decided, for the feed writer, the renderer and the fingerprints.
    public func feedItems(_ scope: FeedScope) -> ArraySlice<Int> {
        switch scope {
        case .site: Array(bulletins.indices.prefix(config.feedLimit))[...]
        case .term(let kind, let index): taxonomy(kind).terms[index].bulletins.prefix(config.feedLimit)
        case .section(let index): sections[index].bulletins.prefix(config.feedLimit)
        }
    }

    /// The edition's home (`/`, or `/en/`): every edition-wide page's path starts with its prefix.
    public var home: Permalink { Permalink(normalized: "/").prefixed(config.pathPrefix) }

    /// The site's HTML pages' absolute URL: `baseURL`'s origin, then the percent-encoded path.
    public func absoluteURL(_ permalink: Permalink) -> String {
        config.origin + permalink.href(root: config.rootPath)
    }

    /// `date` in ISO 8601 with the site's offset at that instant (`2026-11-20T09:30:00+03:00`).
    public func iso(_ date: BulletinDate) -> String {
        config.timeZone.iso8601(at: date.secondsSinceEpoch)
    }

    /// The section bulletin `index` is in, if any.
    public func section(of index: Int) -> Int? {
        index < bulletinSection.count ? bulletinSection[index] : nil
    }

    public func menu(_ name: MenuName) -> [MenuEntry] {
        name == .header ? headerMenu : footerMenu
    }

    /// Where a menu entry leads, as written in HTML.
    public func href(_ entry: MenuEntry) -> String {
        switch entry.target {
        case .url(let url): url
        case .page(let index): standingPermalinks[index].href(root: config.rootPath)
        case .section(let index): sections[index].permalink.href(root: config.rootPath)
        }
    }

    public func taxonomy(_ kind: Taxonomy.Kind) -> Taxonomy {
        switch kind {
        case .tags: tags
        case .locations: locations
        case .categories: categories
        }
    }
}
