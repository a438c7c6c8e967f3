import Foundation

/// A run of another program (rsync, git), found on `PATH`, with its output captured.
struct ExternalCommand: Sendable {
    struct Outcome: Sendable {
        var status: Int32
        var output: String
        var errors: String
    }

    let program: String
    let arguments: [String]
    var directory: URL?
    var environment: [String: String] = [:]

    init(_ program: String, _ arguments: [String], in directory: URL? = nil) {
        self.program = program
        self.arguments = arguments
        self.directory = directory
    }

    /// Runs the program to its end; a non-zero exit is returned, not thrown.
    func run() async throws -> Outcome {
        let command = self
        // Process blocks a thread while it waits: keep that off Swift's cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try command.runBlocking() })
            }
        }
    }

    /// Runs the program and throws `DeployError.command` unless it exits with 0.
    @discardableResult
    func check() async throws -> Outcome {
        let outcome = try await run()
        guard outcome.status == 0 else {
            throw DeployError.command(displayed, status: outcome.status, output: outcome.errors.isEmpty ? outcome.output : outcome.errors)
        }
        return outcome
    }

    /// The command line as a person would type it, for messages.
    var displayed: String {
        ([program] + arguments).map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    private func runBlocking() throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        // Never wait for a password or a host-key answer that no one will type.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C.UTF-8"
        environment.merge(self.environment) { $1 }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DeployError.command(displayed, status: -1, output: "cannot start: \(error.localizedDescription)")
        }
        // Read both pipes at once: a program that fills one while we wait on the other would hang.
        let errorData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let status = process.terminationStatus
        if status == 127 {
            throw DeployError.command(displayed, status: status, output: "\(program) is not installed (on Debian: apt-get install \(program))")
        }
        return Outcome(status: status,
                       output: String(decoding: outputData, as: UTF8.self),
                       errors: String(decoding: errorData.get(), as: UTF8.self))
    }
}

/// Bytes one thread writes and another reads after waiting for it.
private final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
