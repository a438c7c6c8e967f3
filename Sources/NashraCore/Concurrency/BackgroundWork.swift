import Dispatch
import Foundation

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

    /// Work started on a thread of its own: for work started from inside other background work
    /// while the pool's threads (one a core) are busy, which the pool would start only when one
    /// of them is free, and not while the thread that waits for it holds one.
    public static func onItsOwnThread(_ work: @escaping @Sendable () -> Value) -> BackgroundWork {
        BackgroundWork(thread: work)
    }

    private init(thread work: @escaping @Sendable () -> Value) {
        group.enter()
        let thread = Thread {
            self.result = work()
            self.group.leave()
        }
        // A main thread's stack: a new thread's default is smaller, and the work is any caller's.
        thread.stackSize = 8 << 20
        thread.start()
    }

    public var value: Value {
        group.wait()
        return result!
    }
}
