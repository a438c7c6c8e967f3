import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, order kept. Work is handed out in small chunks so that a few slow items
    /// (a long bulletin) do not leave a core idle. A transform that can fail is tried on every
    /// item, and the first failure in the array's order is thrown.
    public func parallelMap<T: Sendable, Failure: Error>(_ transform: @Sendable (Element) throws(Failure) -> T) throws(Failure) -> [T] {
        let count = self.count
        guard count > 1 else { return try map(transform) }
        let results = ResultSlots<Result<T, Failure>>(count: count)
        let chunkSize = Swift.max(1, Swift.min(64, count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
        let chunks = (count + chunkSize - 1) / chunkSize
        withoutActuallyEscaping(transform) { transform in
            let transform = UncheckedBox(transform)
            self.withUnsafeBufferPointer { items in
                let items = UncheckedBox(items)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * chunkSize
                    for index in start..<Swift.min(start + chunkSize, count) {
                        results.store(Result { () throws(Failure) -> T in try transform.value(items.value[index]) }, at: index)
                    }
                }
            }
        }
        return try results.collect().map { result throws(Failure) -> T in try result.get() }
    }
}

/// Values handed to `concurrentPerform`, whose closure must be Sendable; each index is written by
/// exactly one iteration, so there is no shared mutation.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
    }

    func store(_ value: T, at index: Int) { (slots + index).initialize(to: value) }

    func collect() -> [T] {
        let array = Array(UnsafeBufferPointer(start: slots, count: count))
        slots.deinitialize(count: count)
        return array
    }

    deinit { slots.deallocate() }
}
