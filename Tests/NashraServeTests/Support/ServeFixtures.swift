import Foundation

/// Fixture sites copied into scratch folders (tests edit them; the fixtures stay as they are), and
/// the built `nashra` binary.
enum ServeFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The folder of this test target's sources (for the browser script).
    static let testSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The `nashra` executable SwiftPM built next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nashra")
    }

    /// A new empty folder; the caller removes it.
    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-serve-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of fixture site `name` in a new scratch folder, with `files` (path → text) added.
    static func copy(_ name: String, adding files: [String: String] = [:]) throws -> URL {
        let site = scratch().appendingPathComponent(name)
        try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: site)
        try write(files, in: site)
        return site
    }

    static func write(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Removes the scratch folder that holds `site`.
    static func remove(_ site: URL) {
        try? FileManager.default.removeItem(at: site.deletingLastPathComponent())
    }
}

/// Waits for `condition`, checking every 20 ms, for at most `timeout`; true if it held.
func eventually(within timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

extension Duration {
    var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
