import Foundation
@testable import Nashra

/// A site written by a test into a scratch folder (for text a fixture file would hide, such as
/// control characters), built through the library, and removed when the test lets go of it.
final class ScratchSite: @unchecked Sendable {
    let folder: URL
    let output: URL

    /// Writes `files` (path → text) and builds them with "now" at `now`.
    init(_ files: [String: String], now: Date) throws {
        folder = Fixtures.scratch()
        output = folder.appendingPathComponent("public")
        Fixtures.write(files, in: folder.appendingPathComponent("site"))
        var options = BuildOptions(siteFolder: folder.appendingPathComponent("site"), outputFolder: output,
                                   rules: PublishingRules(now: now))
        options.cacheFolder = folder.appendingPathComponent("cache")
        _ = try Builder.build(options)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Every file the build wrote, relative to the output folder, sorted.
    var files: [String] {
        let all = (try? FileManager.default.subpathsOfDirectory(atPath: output.path)) ?? []
        return all.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: output.appendingPathComponent(path)) }

    func text(_ path: String) throws -> String { try String(decoding: bytes(path), as: UTF8.self) }

    /// Runs `python3 -c script arguments…`; feedparser is what readers' parsing is checked with.
    func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let run = try Fixtures.python(["-c", script] + arguments)
        return (run.status, run.output, run.errors)
    }
}
