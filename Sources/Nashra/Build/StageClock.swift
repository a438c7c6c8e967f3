import Foundation
import NashraCore

/// Stage durations, printed to stderr when NASHRA_TIMINGS is set: where a build spends its time.
struct StageClock {
    private var last = DispatchTime.now()
    private var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6))
        last = now
    }

    func report() {
        guard ProcessInfo.processInfo.environment["NASHRA_TIMINGS"] != nil else { return }
        let line = laps.map { String(format: "%@ %.1f ms", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
        let parts = PartClock.drain()
        if !parts.isEmpty { FileHandle.standardError.write(Data(("parts: " + parts + "\n").utf8)) }
    }
}
