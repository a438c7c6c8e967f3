import Foundation
import Logging
import Testing
@testable import NashraServe

/// The preview's folder is written like any build's: a build killed while publishing into it
/// (here the real binary, stopped by its fault hook) is finished by the preview's first build.
@Suite struct InterruptedPreviewBuildTests {
    func nashra(_ arguments: [String], faultAfter step: Int? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = ServeFixtures.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NASHRA_FAULT_PUBLISH_AFTER"] = step.map(String.init)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func thePreviewsFirstBuildFinishesAnInterruptedOne() async throws {
        let site = try ServeFixtures.copy("ar-basic")
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        let options = ServeOptions(siteFolder: site, port: 0)
        let build = ["build", "--source", site.path, "--output", options.outputFolder.path, "--drafts", "--future", "--quiet"]
        #expect(try nashra(build) == 0)
        try ServeFixtures.write(["content/bulletins/homs-power.md": "---\ntitle: عودة الكهرباء إلى حمص\ndate: 2026-11-21\nlocation: حمص\ntags: [كهرباء]\n---\n\nعادت الكهرباء.\n"],
                                in: site)
        try #require(try nashra(build, faultAfter: 3) == 86, "the fault hook did not fire")

        let preview = PreviewServer(options: options, logger: Logger(label: "test"))
        let state = await preview.build()
        #expect(state.problems.isEmpty, "\(state.problems)")
        let output = options.outputFolder
        let staging = output.deletingLastPathComponent().appendingPathComponent(".serve.nashra-staging")
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("tags/كهرباء/index.html").path))
        let manifest = try String(contentsOf: output.appendingPathComponent(".nashra-manifest"), encoding: .utf8)
        var files: Set<String> = []
        let walk = FileManager.default.enumerator(atPath: output.path)
        while let path = walk?.nextObject() as? String {
            if walk?.fileAttributes?[.type] as? FileAttributeType == .typeRegular && path != ".nashra-manifest" { files.insert(path) }
        }
        #expect(Set(manifest.split(separator: "\n").map(String.init)) == files)
    }
}
