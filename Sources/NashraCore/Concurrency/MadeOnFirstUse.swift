import Foundation

/// A value made the first time any thread asks for it, and only then: for tables that only some
/// runs need. Threads that ask while it is being made wait for it, so `make` runs at most once;
/// what `make` holds is let go once the value is made.
public final class MadeOnFirstUse<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `made` and `make` are read and written only under `lock`.
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    public var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make!()
            made = value
            make = nil
            return value
        }
    }

    /// Whether `value` was asked for (and so made) yet.
    public var isMade: Bool {
        lock.withLock { made != nil }
    }
}
