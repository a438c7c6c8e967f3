import Foundation

/// Turns a burst of changes into one batch: a batch goes out once no change has come for `quiet`
/// (an editor saving several files, `git checkout`, a copy of a folder), or after `longest` at
/// the latest, so that a steady trickle of changes still shows up.
final class ChangeDebouncer: @unchecked Sendable {
    /// Batches, in order; finishes after `finish()`, with what was pending sent first.
    let batches: AsyncStream<[FileChange]>
    private let continuation: AsyncStream<[FileChange]>.Continuation
    private let quiet: Duration
    private let longest: Duration
    private let clock = ContinuousClock()
    private let lock = NSLock()
    private var pending: [FileChange] = []
    private var firstAt: ContinuousClock.Instant?
    private var lastAt: ContinuousClock.Instant?
    private var timer: Task<Void, Never>?
    private var finished = false

    init(quiet: Duration, longest: Duration = .seconds(2)) {
        self.quiet = quiet
        self.longest = longest
        (batches, continuation) = AsyncStream.makeStream(of: [FileChange].self)
    }

    func record(_ change: FileChange) {
        lock.withLock {
            guard !finished else { return }
            let now = clock.now
            if !pending.contains(change) { pending.append(change) }
            if firstAt == nil { firstAt = now }
            lastAt = now
            if timer == nil {
                timer = Task { [self] in await waitForQuiet() }
            }
        }
    }

    /// Sends what is pending and ends the batches.
    func finish() {
        lock.withLock {
            guard !finished else { return }
            finished = true
            timer?.cancel()
            timer = nil
            if !pending.isEmpty { continuation.yield(pending) }
            pending = []
            continuation.finish()
        }
    }

    private func waitForQuiet() async {
        while true {
            let wait: Duration? = lock.withLock {
                guard !finished, let firstAt, let lastAt else { return nil }
                let now = clock.now
                let untilQuiet = lastAt + quiet - now
                let untilLongest = firstAt + longest - now
                let remaining = min(untilQuiet, untilLongest)
                if remaining <= .zero {
                    continuation.yield(pending)
                    pending = []
                    self.firstAt = nil
                    self.lastAt = nil
                    timer = nil
                    return nil
                }
                return remaining
            }
            guard let wait else { return }
            try? await clock.sleep(for: wait)
            if Task.isCancelled { return }
        }
    }
}
