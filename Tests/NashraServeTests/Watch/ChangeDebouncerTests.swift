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

        @Test func aSteadyTrickleStillGetsThrough() async throws {
            let debouncer = ChangeDebouncer(quiet: .milliseconds(100), longest: .milliseconds(300))
            let batches = collect(debouncer)
            let clock = ContinuousClock()
            let start = clock.now
            // A change every 30 ms for 1.2 s never leaves 100 ms of quiet.
            while clock.now - start < .milliseconds(1200) {
                debouncer.record(FileChange(.modified, "/log.md"))
                try await Task.sleep(for: .milliseconds(30))
            }
            debouncer.finish()
            // Without `longest` this would be one batch at the end; with it, one every 300 ms or so
            // (more if a loaded machine stalls this loop for over 100 ms, which also ends a burst).
            let count = await batches.value.count
            #expect(count >= 3, "\(count) batches")
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
