import Foundation

/// Values made by index when first asked for, shared by the uses counted ahead for each
/// (`uses[i]`), and dropped after the last; those in `keeping` stay to the end. The render stage
/// holds bulletins' bodies and list entries this way, so that an archive's are not all held at once.
///
/// A value asked for more often than counted is made again (the same, for a pure `make`); one
/// never counted is made and not kept. Two threads may both make a missing value: the first one
/// kept is shared.
public final class CountedMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Int: Value] = [:]
    /// Uses still to come of each value.
    private var uses: [Int32]
    private let keeping: Set<Int>
    private let make: @Sendable (Int) -> Value

    public init(uses: [Int32], keeping: Set<Int> = [], make: @escaping @Sendable (Int) -> Value) {
        self.uses = uses
        self.keeping = keeping
        self.make = make
    }

    /// Value `index`, for one of the uses counted for it.
    public func take(_ index: Int) -> Value {
        if let value = lock.withLock({ taking(index) }) { return value }
        let made = make(index)
        return lock.withLock {
            if let value = taking(index) { return value }
            if keeping.contains(index) || uses[index] > 1 { kept[index] = made }
            release(index)
            return made
        }
    }

    /// How many values are held now (for tests of the dropping).
    public var keptCount: Int { lock.withLock { kept.count } }

    /// The kept value, with this use counted. Called with the lock held.
    private func taking(_ index: Int) -> Value? {
        guard let value = kept[index] else { return nil }
        release(index)
        return value
    }

    /// One use fewer of value `index`; after the last it is dropped, unless kept to the end. Lock held.
    private func release(_ index: Int) {
        guard uses[index] > 0 else { return }
        uses[index] -= 1
        if uses[index] == 0 && !keeping.contains(index) { kept[index] = nil }
    }
}
