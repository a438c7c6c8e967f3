import Foundation

/// Times of parts of a build's stages (the search stage's documents, the plan key …), kept only
/// when `NASHRA_TIMINGS=2` and printed after the stages' own times: for finding where a stage's
/// time goes without a profiler. Costs one check of a constant when off.
public enum PartClock {
    public static let enabled = ProcessInfo.processInfo.environment["NASHRA_TIMINGS"] == "2"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var parts: [(String, Double)] = []

    /// `work`'s value, its time added under `name` when enabled.
    @inline(__always)
    public static func measure<Value>(_ name: String, _ work: () throws -> Value) rethrows -> Value {
        guard enabled else { return try work() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            lock.withLock { parts.append((name, milliseconds)) }
        }
        return try work()
    }

    /// Marks the end of one part after another: each `mark` records the time since the previous
    /// one (or since the laps began).
    public struct Laps {
        private var last = DispatchTime.now().uptimeNanoseconds
        public init() {}
        public mutating func mark(_ name: String) {
            guard PartClock.enabled else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            let milliseconds = Double(now - last) / 1e6
            last = now
            PartClock.lock.withLock { PartClock.parts.append((name, milliseconds)) }
        }
    }

    /// The parts measured since the last call, as one line (empty when none), and forgets them.
    public static func drain() -> String {
        guard enabled else { return "" }
        let taken = lock.withLock {
            defer { parts = [] }
            return parts
        }
        // A part measured more than once (in a loop) is printed once, summed, with its count.
        var order: [String] = []
        var sums: [String: (milliseconds: Double, count: Int)] = [:]
        for (name, milliseconds) in taken {
            if sums[name] == nil { order.append(name) }
            sums[name, default: (0, 0)].milliseconds += milliseconds
            sums[name, default: (0, 0)].count += 1
        }
        return order.map { name in
            let (milliseconds, count) = sums[name]!
            return String(format: "%@ %.1f ms", name, milliseconds) + (count > 1 ? " ×\(count)" : "")
        }.joined(separator: ", ")
    }
}
