import Foundation
@testable import NashraDeploy

/// The folder of `TestSite.example`, for the exit handler that removes it.
nonisolated(unsafe) private var exampleFolder: String?

/// The example site built by the real `nashra` binary, scratch folders, and running programs.
enum TestSite {
    /// The repository: Tests/NashraDeployTests/Support/TestSite.swift is three folders down.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `nashra` executable SwiftPM built next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nashra")
    }

    /// Files added to the example site's `static/`: a fingerprinted script, a font and a larger
    /// binary for multipart uploads.
    static let extras: [String: Data] = [
        "static/js/app.3f9a8c2e51.js": Data("console.log('نشرة');\n".utf8),
        "static/fonts/naskh.woff2": Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
        "static/media/report.pdf": Data((0..<(200 * 1024)).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 9)) }),
    ]

    /// The example site (content/, nashra.yaml, themes/ of the repository, plus `extras`), built
    /// once for the whole run. Tests only read it; one that changes a site copies it first.
    static let example: URL = {
        let folder = scratch("example-site")
        for name in ["content", "nashra.yaml", "themes", "static"] {
            let from = repository.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: from.path) {
                try! FileManager.default.copyItem(at: from, to: folder.appendingPathComponent(name))
            }
        }
        for (path, data) in extras {
            let url = folder.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! data.write(to: url)
        }
        // Removed when the test process exits: no test owns it.
        exampleFolder = folder.path
        atexit { exampleFolder.map { try? FileManager.default.removeItem(atPath: $0) } }
        let output = folder.appendingPathComponent("site")
        let build = run(binary, ["build", "--source", folder.path, "--output", output.path, "--quiet"])
        precondition(build.status == 0, "nashra build failed:\n\(build.errors)\(build.output)")
        return folder
    }()

    /// The built folder of `example`.
    static var exampleBuild: URL { example.appendingPathComponent("site") }

    /// A copy of the example's build that a test may change.
    static func copyOfBuild() -> URL {
        let copy = scratch("build").appendingPathComponent("site")
        try! FileManager.default.copyItem(at: exampleBuild, to: copy)
        return copy
    }

    /// A new empty folder under the system's temporary folder.
    static func scratch(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-deploy-\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ urls: URL...) {
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }

    /// Every regular file below `folder` with its bytes, by relative path, skipping `skipped` names.
    static func contents(of folder: URL, skipping skipped: Set<String> = [".git", ".nashra-manifest", ".nashra-deployed"]) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if skipped.contains(name) {
                if enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { enumerator?.skipDescendants() }
                continue
            }
            guard enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs a program to its end (at most `limit` seconds) and captures what it printed.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String] = [:], limit: TimeInterval = 300) -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-out-\(UUID().uuidString)")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { remove(output, errors) }
        process.standardOutput = try! FileHandle(forWritingTo: output)
        process.standardError = try! FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try! process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return Outcome(status: process.terminationStatus,
                       output: String(decoding: FileManager.default.contents(atPath: output.path) ?? Data(), as: UTF8.self),
                       errors: String(decoding: FileManager.default.contents(atPath: errors.path) ?? Data(), as: UTF8.self))
    }

    /// Runs a program found on PATH.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in directory: URL? = nil) -> Outcome {
        run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: directory)
    }

    /// A deploy through the library with output collected, not printed.
    static func deploy(_ site: URL, to destination: Destination, settings: TargetSettings = TargetSettings(),
                       force: Bool = false, dryRun: Bool = false, environment: [String: String] = [:]) async throws -> (DeployReport, CapturedOutput) {
        var request = DeployRequest(site: site, destination: destination, settings: settings)
        request.force = force
        request.dryRun = dryRun
        request.environment = environment
        let captured = CapturedOutput()
        let progress = ProgressDisplay(style: .lines, write: { captured.append($0) }, warn: { captured.appendWarning($0) })
        let report = try await Deployer.deploy(request, progress: progress)
        return (report, captured)
    }
}

/// What a deploy printed, kept for the test to read.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var lines = ""
    private var warningLines = ""

    func append(_ text: String) { lock.withLock { lines += text } }
    func appendWarning(_ text: String) { lock.withLock { warningLines += text } }
    var output: String { lock.withLock { lines } }
    var warnings: String { lock.withLock { warningLines } }
}
