import Foundation
import NashraCore
import Testing

@Suite struct CountedMemoTests {
    /// Counts how often each entry is made.
    final class Maker: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [Int: Int] = [:]
        func make(_ index: Int) -> String {
            lock.withLock { made[index, default: 0] += 1 }
            return "entry \(index)"
        }
        func times(_ index: Int) -> Int { lock.withLock { made[index] ?? 0 } }
    }

    @Test func anEntryIsMadeOnceAndDroppedAfterItsLastCountedPage() {
        let maker = Maker()
        let memo = CountedMemo(uses: [3, 1, 0]) { maker.make($0) }
        #expect(memo.take(0) == "entry 0")
        #expect(memo.keptCount == 1)
        #expect(memo.take(1) == "entry 1")
        // Counted once: taken by its one page, never kept.
        #expect(memo.keptCount == 1)
        _ = memo.take(0)
        #expect(memo.keptCount == 1)
        #expect(memo.take(0) == "entry 0")
        #expect(memo.keptCount == 0)
        #expect(maker.times(0) == 1 && maker.times(1) == 1)
    }

    @Test func anEntryAskedForMoreOftenThanCountedIsMadeAgainTheSame() {
        let maker = Maker()
        let memo = CountedMemo(uses: [1, 0]) { maker.make($0) }
        #expect(memo.take(0) == memo.take(0))
        #expect(memo.take(1) == memo.take(1))
        #expect(memo.keptCount == 0)
        #expect(maker.times(0) == 2 && maker.times(1) == 2)
    }

    /// Values kept to the end (bodies that feeds carry) stay after their counted uses, and one
    /// never counted is kept after it is made.
    @Test func keptValuesStayAfterTheirLastUse() {
        let maker = Maker()
        let memo = CountedMemo(uses: [1, 0, 1], keeping: [0, 1]) { maker.make($0) }
        #expect(memo.take(0) == "entry 0" && memo.take(1) == "entry 1" && memo.take(2) == "entry 2")
        #expect(memo.keptCount == 2)
        #expect(memo.take(0) == "entry 0" && memo.take(1) == "entry 1")
        #expect(maker.times(0) == 1 && maker.times(1) == 1 && maker.times(2) == 1)
    }

    @Test func takenFromManyThreadsEachEntryIsRightAndNoneIsLeft() {
        let count = 500
        let uses = (0..<count).map { Int32($0 % 7 + 1) }
        let maker = Maker()
        let memo = CountedMemo(uses: uses) { maker.make($0) }
        let asks = (0..<count).flatMap { index in Array(repeating: index, count: Int(uses[index])) }.shuffled()
        let taken = asks.parallelMap { index in memo.take(index) == "entry \(index)" }
        #expect(taken.allSatisfy { $0 })
        #expect(memo.keptCount == 0)
        // Two threads may both make a missing entry; most are made once.
        #expect((0..<count).allSatisfy { maker.times($0) >= 1 && maker.times($0) <= 2 })
    }
}
