import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, order kept. Work is handed out in small chunks so that a few slow items
    /// (a long bulletin) do not leave a core idle. A transform that can fail is tried on every
    /// item, and the first failure in the array's order is thrown.
    ///
    /// Inlinable, so that it is specialized for each caller's types, and each result is moved
    /// into the array rather than copied: made generic in this module, every result went through
    /// the runtime's copy of a `Result` three times (an incremental build's 10,000 reused
    /// bulletins, each an enum of boxes, cost more in those copies than in their reuse).
    @inlinable
    public func parallelMap<T: Sendable, Failure: Error>(_ transform: @Sendable (Element) throws(Failure) -> T) throws(Failure) -> [T] {
        let count = self.count
        guard count > 1 else { return try map(transform) }
        let slots = ParallelSlots<T, Failure>(count: count)
        let chunkSize = Swift.max(1, Swift.min(64, count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
        let chunks = (count + chunkSize - 1) / chunkSize
        withoutActuallyEscaping(transform) { transform in
            let transform = ParallelBox(transform)
            self.withUnsafeBufferPointer { items in
                let items = ParallelBox(items)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * chunkSize
                    for index in start..<Swift.min(start + chunkSize, count) {
                        do throws(Failure) {
                            slots.store(try transform.value(items.value[index]), at: index)
                        } catch {
                            slots.fail(error, at: index)
                        }
                    }
                }
            }
        }
        return try slots.take()
    }
}

/// Values handed to `concurrentPerform`, whose closure must be Sendable; each index is written by
/// exactly one iteration, so there is no shared mutation.
@usableFromInline
struct ParallelBox<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @inlinable init(_ value: Value) { self.value = value }
}

/// One slot per item, each written by exactly one iteration; the failures' earliest, under a lock.
@usableFromInline
final class ParallelSlots<T, Failure: Error>: @unchecked Sendable {
    @usableFromInline let slots: UnsafeMutablePointer<T>
    /// Which slots hold a value (an item that failed leaves its slot empty).
    @usableFromInline let filled: UnsafeMutablePointer<Bool>
    @usableFromInline let count: Int
    @usableFromInline let lock = NSLock()
    @usableFromInline var failure: (index: Int, error: Failure)?
    /// Whether the values were moved out (`take`), leaving nothing to destroy.
    @usableFromInline var taken = false

    @inlinable init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        filled = .allocate(capacity: count)
        filled.initialize(repeating: false, count: count)
    }

    @inlinable func store(_ value: T, at index: Int) {
        (slots + index).initialize(to: value)
        filled[index] = true
    }

    @inlinable func fail(_ error: Failure, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        if failure.map({ index < $0.index }) ?? true { failure = (index, error) }
    }

    /// Every value in order, moved out of the slots; or the failure earliest in order.
    @inlinable func take() throws(Failure) -> [T] {
        if let failure { throw failure.error }
        taken = true
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: slots, count: count)
            initialized = count
        }
    }

    deinit {
        if !taken {
            for index in 0..<count where filled[index] { (slots + index).deinitialize(count: 1) }
        }
        slots.deallocate()
        filled.deallocate()
    }
}
