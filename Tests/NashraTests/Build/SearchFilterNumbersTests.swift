import Testing
@testable import Nashra

/// A document's tag filters are sorted, each once, by insertion in place (`Builder.sortOnce`):
/// the numbers `Set(…).sorted()` gave, which the index and its state were written with.
@Suite struct SearchFilterNumbersTests {
    static let rows: [(prefix: [UInt32], tags: [UInt32])] = [
        ([], []),
        ([], [7]),
        ([3], [9, 4]),
        ([3], [4, 4]),
        ([], [5, 1, 5, 3, 1, 0, 9, 9, 2]),
        ([12], [2, 1, 0]),
        ([0], [1, 2, 3, 4]),
        ([], [8, 8, 8, 8]),
        ([40], [39, 41, 40, 38, 100, 1, 39]),
    ]

    @Test(arguments: rows)
    func tagsAreSortedOnceAsASetWould(_ row: (prefix: [UInt32], tags: [UInt32])) {
        var numbers = row.prefix + row.tags
        Builder.sortOnce(&numbers, from: row.prefix.count)
        #expect(numbers == row.prefix + Set(row.tags).sorted())
    }
}
