/// One output file, decided at plan time: what it shows and where it goes.
public struct Page: Sendable {
    public enum Kind: Sendable, Hashable {
        case bulletin(Int)
        case home
        case terms(Taxonomy.Kind)
        case term(Taxonomy.Kind, Int)
        /// `/archive/`, `/archive/2026/`, `/archive/2026/11/` (indices into `Site.archive`).
        case archiveYears
        case archiveYear(Int)
        case archiveMonth(Int, Int)
        case notFound
        /// A standing page (about, contact), and a section's front page (indices into
        /// `Site.standingPages` and `Site.sections`).
        case standingPage(Int)
        case section(Int)
        /// `/search/`: the search page (its index files are not pages; see `SearchIndex`).
        case search
        case feed(FeedScope, FeedFormat)
        /// A bulletin's IPTC ninjs 3.x document, `<permalink>ninjs.json`, for newsroom systems
        /// (index into `Site.bulletins`).
        case ninjs(Int)
        /// `/ninjs.json`: the site feed's bulletins as one ninjs document.
        case ninjsStream
        /// `/sitemap.xml`, or with more URLs than one sitemap may hold, its parts and an index.
        case sitemap(part: Int)
        case sitemapIndex(parts: Int)
        case newsSitemap
        case robots
        /// An old URL of a bulletin (`aliases:`): a small page that sends the reader on to it,
        /// listed in no sitemap (indices into `Site.bulletins` and the bulletin's `aliases`).
        case alias(Int, Int)

        /// Pages made from a template; the others are written by Nashra itself (XML, JSON, text).
        public var isHTML: Bool {
            switch self {
            case .bulletin, .home, .terms, .term, .archiveYears, .archiveYear, .archiveMonth, .notFound, .standingPage, .section, .search: true
            case .feed, .ninjs, .ninjsStream, .sitemap, .sitemapIndex, .newsSitemap, .robots, .alias: false
            }
        }
    }

    public var kind: Kind
    public var permalink: Permalink
    /// For paginated lists: this page's number (from 1), the number of pages, and the positions
    /// of its items in the list.
    public var pageNumber = 1
    public var pageCount = 1
    public var items: Range<Int> = 0..<0
    /// On a multilingual site, the page's versions in every edition, its own included (see
    /// `SiteEditions.link`); empty on a single-language site and for files that are not pages.
    public var versions: [PageVersion] = []
}

/// Whose bulletins a feed carries.
public enum FeedScope: Sendable, Hashable {
    case site
    case term(Taxonomy.Kind, Int)
    case section(Int)
}
