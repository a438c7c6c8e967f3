import Foundation
import Testing
@testable import Nashra
import NashraCore

/// A copy of a fixture site in a scratch folder, to be edited and built again and again: what the
/// incremental-build tests work on.
struct Newsroom {
    let root: URL
    var rules: PublishingRules
    var site: URL { root.appendingPathComponent("desk") }
    var output: URL { site.appendingPathComponent("site") }

    init(copying fixture: String, rules: PublishingRules) throws {
        root = Fixtures.scratch()
        self.rules = rules
        try FileManager.default.copyItem(at: Fixtures.site(fixture), to: root.appendingPathComponent("desk"))
        // A cache left in the fixture by someone's build in place must not leak into the copy.
        try? FileManager.default.removeItem(at: root.appendingPathComponent("desk/.nashra"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func build(clean: Bool = false) throws -> BuildReport {
        try Builder.build(BuildOptions(siteFolder: site, rules: rules, clean: clean))
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    /// Builds the same site from scratch into another folder and compares every file.
    func expectSameAsCleanBuild(_ what: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let clean = root.appendingPathComponent("clean-\(UUID().uuidString)")
        var options = BuildOptions(siteFolder: site, outputFolder: clean, rules: rules, clean: true)
        options.cacheFolder = root.appendingPathComponent("clean-cache-\(UUID().uuidString)")
        _ = try Builder.build(options)
        let incremental = try Self.snapshot(output)
        let fresh = try Self.snapshot(clean)
        #expect(Set(incremental.keys) == Set(fresh.keys), "\(what)", sourceLocation: sourceLocation)
        for (path, data) in fresh where incremental[path] != data {
            Issue.record("\(what): \(path) differs from a clean build", sourceLocation: sourceLocation)
        }
        try FileManager.default.removeItem(at: clean)
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            if !FileManager.default.isDirectory(url) { files[path] = try Data(contentsOf: url) }
        }
        return files
    }
}
