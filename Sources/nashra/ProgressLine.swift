import Foundation
import Nashra

/// Build progress on standard error, shown only once a build has run for a second: one line
/// rewritten in place on a terminal, plain lines (at most one per stage) otherwise.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastStage = ""
    private var drawn = false

    func show(_ progress: BuildProgress) {
        lock.withLock {
            guard Date().timeIntervalSince(start) > 1 else { return }
            let text = "\(progress.stage) \(progress.done)/\(progress.total) pages"
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
                drawn = true
            } else if progress.stage != lastStage || progress.done == progress.total {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
            lastStage = progress.stage
        }
    }

    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }
}
