import Dispatch

/// Work started on another thread now, whose result is waited for when `value` is read: a build
/// overlaps reading and writing its cache with other stages.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once before `group.leave()` and read only after `wait()`.
    private var result: Value?
    private let group = DispatchGroup()

    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    public var value: Value {
        group.wait()
        return result!
    }
}
