import Foundation
import Testing
import NashraCore

@Suite struct ParallelMapTests {
    @Test func keepsTheOrder() {
        let numbers = Array(0..<5_000)
        #expect(numbers.parallelMap { $0 * 3 } == numbers.map { $0 * 3 })
    }

    struct Odd: Error, Equatable { let value: Int }

    /// Every item is tried, and the failure thrown is the first in the array's order, whichever
    /// thread met it first.
    @Test func throwsTheFirstFailureInOrder() {
        let numbers = Array(0..<2_000)
        #expect(throws: Odd(value: 7)) {
            try numbers.parallelMap { (number: Int) throws(Odd) -> Int in
                if number >= 7 && number % 2 == 1 { throw Odd(value: number) }
                return number
            }
        }
    }

    final class Token: Sendable {}

    /// Weak references to every token a transform made, from any thread.
    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var tokens: [() -> Token?] = []
        func add(_ token: Token) { lock.withLock { tokens.append { [weak token] in token } } }
        var alive: Int { lock.withLock { tokens.filter { $0() != nil }.count } }
        var count: Int { lock.withLock { tokens.count } }
    }

    /// The results are moved into the array, not copied: each is alive while the array is and
    /// freed with it; after a failure, the results made before it are freed too.
    @Test func freesEveryResultOnceWhetherReturnedOrNot() {
        let numbers = Array(0..<3_000)
        let returned = Made()
        var results: [Token]? = numbers.parallelMap { _ in
            let token = Token()
            returned.add(token)
            return token
        }
        #expect(results?.count == 3_000 && returned.alive == 3_000)
        #expect(Set(results!.map { ObjectIdentifier($0) }).count == 3_000)
        results = nil
        #expect(returned.alive == 0)

        let failed = Made()
        let outcome = Result { () throws(Odd) -> [Token] in
            try numbers.parallelMap { (number: Int) throws(Odd) -> Token in
                if number == 1_501 { throw Odd(value: number) }
                let token = Token()
                failed.add(token)
                return token
            }
        }
        #expect(throws: Odd(value: 1_501)) { try outcome.get() }
        #expect(failed.count == 2_999 && failed.alive == 0)
    }
}
