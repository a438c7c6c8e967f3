import Testing
@testable import Nashra

@Suite struct PaginatorTests {
    static let cases: [(count: Int, size: Int, pages: [Range<Int>])] = [
        // An empty list still has one, empty page.
        (0, 10, [0..<0]),
        (1, 10, [0..<1]),
        (5, 10, [0..<5]),
        // Exact multiples.
        (10, 10, [0..<10]),
        (20, 10, [0..<10, 10..<20]),
        (3, 1, [0..<1, 1..<2, 2..<3]),
        // A remainder makes a last, shorter page.
        (21, 10, [0..<10, 10..<20, 20..<21]),
        (5, 2, [0..<2, 2..<4, 4..<5]),
    ]

    @Test(arguments: cases)
    func pages(_ count: Int, _ size: Int, _ pages: [Range<Int>]) {
        let paginator = Paginator(count: count, size: size)
        #expect(paginator.pageCount == pages.count)
        #expect((1...paginator.pageCount).map { paginator.items(onPage: $0) } == pages)
    }

    @Test func pageAfterTheLastIsEmpty() {
        #expect(Paginator(count: 21, size: 10).items(onPage: 4).isEmpty)
        #expect(Paginator(count: 0, size: 10).items(onPage: 2).isEmpty)
    }
}
