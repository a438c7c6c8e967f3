import Foundation
import Testing
@testable import NashraServe

extension OneAtATime {
    @Suite struct ChangeDebouncerTests {
        /// Reads batches into an array until the debouncer finishes.
        func collect(_ debouncer: ChangeDebouncer) -> Task<[[FileChange]], Never> {
            Task {
                var batches: [[FileChange]] = []
                for await batch in debouncer.batches { batches.append(batch) }
                return batches
            }
        }

        @Test func aBurstGivesOneBatch() async throws {
            let debouncer = ChangeDebouncer(quiet: .milliseconds(150))
            let batches = collect(debouncer)
            // As inotify hands them over after a "save all": one after the other, no pause between.
            for index in 0..<20 {
                debouncer.record(FileChange(.modified, "/site/content/\(index % 5).md"))
            }
            try await Task.sleep(for: .milliseconds(500))
            debouncer.finish()
            let result = await batches.value
            #expect(result.count == 1)
            // Repeated changes to one file are kept once, in the order first seen.
            #expect(result.first == (0..<5).map { FileChange(.modified, "/site/content/\($0).md") })
        }

        @Test func burstsApartGiveOneBatchEach() async throws {
            let debouncer = ChangeDebouncer(quiet: .milliseconds(50))
            let batches = collect(debouncer)
            debouncer.record(FileChange(.created, "/a"))
            debouncer.record(FileChange(.modified, "/a"))
            try await Task.sleep(for: .milliseconds(400))
            debouncer.record(FileChange(.removed, "/b"))
            try await Task.sleep(for: .milliseconds(400))
            debouncer.finish()
            #expect(await batches.value == [[FileChange(.created, "/a"), FileChange(.modified, "/a")], [FileChange(.removed, "/b")]])
        }

        /// A change every 30 ms never leaves 100 ms of quiet, so only `longest` can let a batch out
        /// while the trickle goes on. The trickle runs until two batches have come out, with a
        /// generous bound that only a debouncer without `longest` reaches: a loaded machine can
        /// slow the batches down, but not make this test fail.
        @Test func aSteadyTrickleStillGetsThrough() async throws {
            let debouncer = ChangeDebouncer(quiet: .milliseconds(100), longest: .milliseconds(300))
            let received = BatchCount()
            let reader = Task {
                for await _ in debouncer.batches { received.add() }
            }
            let clock = ContinuousClock()
            let start = clock.now
            while received.value < 2, clock.now - start < .seconds(20) {
                debouncer.record(FileChange(.modified, "/log.md"))
                try await Task.sleep(for: .milliseconds(30))
            }
            let duringTrickle = received.value
            debouncer.finish()
            await reader.value
            #expect(duringTrickle >= 2, "\(duringTrickle) batches while changes kept coming")
        }

        @Test func finishSendsWhatIsPending() async {
            let debouncer = ChangeDebouncer(quiet: .seconds(10))
            let batches = collect(debouncer)
            debouncer.record(FileChange(.created, "/a"))
            debouncer.finish()
            debouncer.record(FileChange(.created, "/ignored"))
            #expect(await batches.value == [[FileChange(.created, "/a")]])
        }
    }
}

/// Batches seen so far, read by the test while another task counts them.
private final class BatchCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
