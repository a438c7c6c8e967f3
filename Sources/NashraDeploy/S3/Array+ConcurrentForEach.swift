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
}
