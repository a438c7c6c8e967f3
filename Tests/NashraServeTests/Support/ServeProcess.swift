import Foundation

/// `nashra serve` run as a newsroom runs it: the real binary in a process of its own, its output
/// collected as it comes. Every wait is bounded; `deinit` kills the process if a test left it.
final class ServeProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""

    init(_ arguments: [String]) throws {
        process.executableURL = ServeFixtures.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.take(handle) { $0.output += $1 }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.take(handle) { $0.errors += $1 }
        }
        try process.run()
    }

    /// Appends what `handle` has; at the end of the stream, stops listening (Foundation would
    /// otherwise call the handler again and again with nothing, spinning a core).
    private func take(_ handle: FileHandle, into append: (ServeProcess, String) -> Void) {
        let data = handle.availableData
        guard !data.isEmpty else {
            handle.readabilityHandler = nil
            return
        }
        lock.withLock { append(self, String(decoding: data, as: UTF8.self)) }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var standardOutput: String { lock.withLock { output } }
    var standardError: String { lock.withLock { errors } }
    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var status: Int32 { process.terminationStatus }

    /// The address printed on `serving … at http://…`, once it is.
    func address(timeout: Duration = .seconds(30)) async throws -> URL {
        let found = await eventually(within: timeout) { self.standardOutput.contains(" (Ctrl-C to stop)") || !self.isRunning }
        let line = standardOutput.split(separator: "\n").first { $0.hasPrefix("serving ") }
        guard found, let line, let at = line.range(of: " at http"),
              let url = URL(string: String(line[line.index(at.lowerBound, offsetBy: 4)...].split(separator: " ")[0])) else {
            throw Failure(description: "nashra serve did not say where it listens.\nstdout: \(standardOutput)\nstderr: \(standardError)")
        }
        return url
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end; false if it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Bool {
        await eventually(within: timeout) { !self.isRunning }
    }
}
