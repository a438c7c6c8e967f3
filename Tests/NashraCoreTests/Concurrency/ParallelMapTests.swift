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
}
