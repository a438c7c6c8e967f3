import Foundation
import NashraCore
import Testing

@Suite struct MadeOnFirstUseTests {
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var total: Int { lock.withLock { value } }
    }

    @Test func nothingIsMadeUntilAskedFor() {
        let count = Count()
        let table = MadeOnFirstUse { count.add(); return [1, 2, 3] }
        #expect(count.total == 0)
        #expect(!table.isMade)
        #expect(table.value == [1, 2, 3])
        #expect(table.isMade)
        #expect(count.total == 1)
    }

    @Test func manyThreadsAskingAtOnceMakeItOnce() {
        let count = Count()
        let table = MadeOnFirstUse { () -> Int in
            count.add()
            Thread.sleep(forTimeInterval: 0.01)
            return 42
        }
        let seen = Array(0..<64).parallelMap { _ in table.value }
        #expect(seen == [Int](repeating: 42, count: 64))
        #expect(count.total == 1)
    }
}
