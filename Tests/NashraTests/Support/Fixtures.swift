import Foundation
import NashraCore
@testable import Nashra

/// Paths to the fixture sites and the built `nashra` binary, and a scratch folder per test.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func site(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// The `nashra` executable SwiftPM built next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nashra")
    }

    /// A new empty folder, removed by the caller's `defer`.
    /// Builds the fixture site `name` into a scratch folder (its cache beside it) and returns the
    /// output folder; the caller removes its parent.
    static func build(_ name: String, rules: PublishingRules) throws -> URL {
        let output = scratch().appendingPathComponent("site")
        var options = BuildOptions(siteFolder: site(name), outputFolder: output, rules: rules, displayPrefix: name)
        options.cacheFolder = output.deletingLastPathComponent().appendingPathComponent("cache")
        _ = try Builder.build(options)
        return output
    }

    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (path → text) below `folder`.
    static func write(_ files: [String: String], in folder: URL) {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
    }

    /// What a finished process printed, and how it ended.
    struct ProcessRun {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `executable` with `arguments` (in `folder`, with `environment` added, if given) to its end.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = [:]) throws -> ProcessRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are read at once: a process that fills one while the other is read to its
        // end would wait forever.
        let err = BackgroundWork { errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                          errors: String(decoding: err.value, as: UTF8.self))
    }

    /// `python3 arguments…`; feedparser is what readers' parsing is checked with, so its absence
    /// is said plainly.
    static func python(_ arguments: [String]) throws -> ProcessRun {
        var run = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
        if run.errors.contains("No module named 'feedparser'") { run.errors = "feedparser is missing: python3 -m pip install feedparser" }
        return run
    }
}
