import Foundation
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
}
