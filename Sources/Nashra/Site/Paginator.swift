/// Splits a list of `count` items into pages of `size`, the first page at the list's own URL and
/// page n at `page/n/` below it. An empty list still has one (empty) page.
public struct Paginator: Sendable, Hashable {
    public var count: Int
    public var size: Int

    public init(count: Int, size: Int) {
        precondition(size > 0, "page size must be positive")
        self.count = count
        self.size = size
    }

    public var pageCount: Int { Swift.max(1, (count + size - 1) / size) }

    /// The item positions on page `number` (from 1).
    public func items(onPage number: Int) -> Range<Int> {
        let start = Swift.min(count, (number - 1) * size)
        return start..<Swift.min(count, start + size)
    }
}
