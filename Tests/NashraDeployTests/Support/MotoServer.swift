import Foundation

/// A real S3-compatible server for the tests: moto's server mode on 127.0.0.1, started by the test
/// and stopped when it is done (`scripts/install-test-deps` installs it).
final class MotoServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// `environment` reaches moto's settings, such as `S3_UPLOAD_PART_MIN_SIZE`.
    init(environment: [String: String] = [:]) throws {
        var lastError = "did not start"
        for _ in 0..<3 {
            let port = LoopbackPort.free()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // Draining stderr keeps moto from blocking on a full pipe; its log is not needed.
            DispatchQueue.global().async { _ = errors.fileHandleForReading.readDataToEndOfFile() }
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline && !LoopbackPort.isListening(port) { usleep(100_000) }
            if process.isRunning && LoopbackPort.isListening(port) {
                self.port = port
                self.process = process
                return
            }
            lastError = process.isRunning ? "did not answer in 30 s" : "exited with \(process.terminationStatus)"
            Self.stop(process)
        }
        throw ServerFailure("moto server \(lastError); install it with scripts/install-test-deps")
    }

    func stop() {
        Self.stop(process)
    }

    deinit { stop() }

    /// SIGTERM, then SIGKILL after 3 s: moto's handler for SIGTERM can wait forever on threads
    /// that still hold keep-alive connections.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
