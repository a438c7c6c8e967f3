import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, order kept. Work is handed out in small chunks so that a few slow items
    /// (a long bulletin) do not leave a core idle.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let chunkSize = Swift.max(1, Swift.min(64, count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
        let chunks = (count + chunkSize - 1) / chunkSize
        withoutActuallyEscaping(transform) { transform in
            let transform = UncheckedBox(transform)
            self.withUnsafeBufferPointer { items in
                let items = UncheckedBox(items)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * chunkSize
                    for index in start..<Swift.min(start + chunkSize, count) {
                        results.store(transform.value(items.value[index]), at: index)
                    }
                }
            }
        }
        return results.collect()
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

/// Work started on another thread now, whose result is waited for when `value` is read: a build
/// overlaps reading and writing its cache with other stages.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once before `group.leave()` and read only after `wait()`.
    private var result: Value?
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    var value: Value {
        group.wait()
        return result!
    }
}
