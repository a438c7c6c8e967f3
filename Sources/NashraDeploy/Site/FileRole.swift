import NashraCore

/// What a file is to a reader, which decides when it is published: the assets a page references go
/// up before the page, pages before the feeds and sitemaps that point at them. Deletions run the
/// other way round, so a page never outlives the stylesheet it needs.
public enum FileRole: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case asset
    case page
    case feed

    public init(path: String) {
        switch MediaType.fileExtension(of: path) {
        case "html", "htm": self = .page
        case "xml", "rss", "atom": self = .feed
        // JSON Feed's and ninjs' names (a ninjs document's `uri` is its page, so it follows the
        // page up); other JSON is data a page may load.
        case "json" where ["feed.json", "ninjs.json"].contains(where: { path == $0 || path.hasSuffix("/" + $0) }): self = .feed
        default: self = .asset
        }
    }

    public static func < (lhs: FileRole, rhs: FileRole) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .asset: return "assets"
        case .page: return "pages"
        case .feed: return "feeds"
        }
    }
}
