import Foundation

extension Array where Element: Sendable {
    /// Runs `body` for every element, at most `limit` at once. The first error cancels the rest
    /// and is thrown once the running ones have stopped.
    func concurrentForEach(limit: Int, _ body: @escaping @Sendable (Element) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < Swift.min(limit, count) {
                let item = self[next]
                group.addTask { try await body(item) }
                next += 1
            }
            while try await group.next() != nil {
                if next < count {
                    let item = self[next]
                    group.addTask { try await body(item) }
                    next += 1
                }
            }
        }
    }

    /// `map` over all cores; hashing a large site is bound by reading, and reads overlap well.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        let results = ParallelResults<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try transform(self[index]) })
        }
        return try results.values()
    }
}

/// Slots that concurrent workers fill, each its own index.
private final class ParallelResults<T>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) { lock.withLock { slots[index] = result } }

    func values() throws -> [T] { try slots.map { try $0!.get() } }
}
