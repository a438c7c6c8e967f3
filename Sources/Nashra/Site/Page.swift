/// One output page, decided at plan time: what it shows and where it goes.
public struct Page: Sendable {
    public enum Kind: Sendable, Hashable {
        case bulletin(Int)
        case home
        case terms(Taxonomy.Kind)
        case term(Taxonomy.Kind, Int)
        case notFound
    }

    public var kind: Kind
    public var permalink: Permalink
    /// For paginated lists: this page's number (from 1), the number of pages, and the positions
    /// of its items in the list.
    public var pageNumber = 1
    public var pageCount = 1
    public var items: Range<Int> = 0..<0
}
