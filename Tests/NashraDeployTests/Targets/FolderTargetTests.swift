import Foundation
import Testing
@testable import NashraDeploy

@Suite struct FolderTargetTests {
    @Test func deployTwiceSecondRunTransfersNothing() async throws {
        let target = TestSite.scratch("www").appendingPathComponent("news")
        defer { TestSite.remove(target.deletingLastPathComponent()) }
        let site = try BuiltSite.load(TestSite.exampleBuild)

        let (first, output) = try await TestSite.deploy(TestSite.exampleBuild, to: .folder(target))
        #expect(first.uploaded == site.files.count)
        #expect(first.deleted == 0 && first.unchanged == 0)
        #expect(output.output.contains("upload tags/اقتصاد/index.html"))
        #expect(TestSite.contents(of: target) == TestSite.contents(of: TestSite.exampleBuild))
        let stamp = try modificationDate(target.appendingPathComponent("index.html"))

        let (second, _) = try await TestSite.deploy(TestSite.exampleBuild, to: .folder(target))
        #expect(second.uploaded == 0 && second.deleted == 0)
        #expect(second.unchanged == site.files.count)
        #expect(second.bytes == 0)
        #expect(try modificationDate(target.appendingPathComponent("index.html")) == stamp)
    }

    @Test func uploadsChangesAndDeletesWhatTheSiteDropped() async throws {
        let build = TestSite.copyOfBuild()
        let target = TestSite.scratch("www")
        defer { TestSite.remove(build.deletingLastPathComponent(), target) }
        _ = try await TestSite.deploy(build, to: .folder(target))

        try Data("body { color: red }\n".utf8).write(to: build.appendingPathComponent("style.css"))
        try FileManager.default.removeItem(at: build.appendingPathComponent("tags/اقتصاد"))
        try Data("<p>جديد</p>".utf8).write(to: build.appendingPathComponent("extra.html"))

        let (dry, dryOutput) = try await TestSite.deploy(build, to: .folder(target), dryRun: true)
        #expect(dry.dryRun && dry.uploaded == 2)
        #expect(dryOutput.output.contains("delete tags/اقتصاد/index.html"))
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("tags/اقتصاد/index.html").path))

        let (report, output) = try await TestSite.deploy(build, to: .folder(target))
        #expect(report.uploaded == 2)
        #expect(report.deleted >= 1)
        #expect(report.plan.uploads.map(\.path) == ["style.css", "extra.html"])
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("tags/اقتصاد").path))
        #expect(TestSite.contents(of: target) == TestSite.contents(of: build))
        let lines = output.output.split(separator: "\n")
        #expect(lines.firstIndex(of: "upload style.css")! < lines.firstIndex(of: "upload extra.html")!)
        #expect(lines.firstIndex(of: "upload extra.html")! < lines.firstIndex(where: { $0.hasPrefix("delete ") })!)
    }

    @Test func noDeleteKeepsRemovedPages() async throws {
        let build = TestSite.copyOfBuild()
        let target = TestSite.scratch("www")
        defer { TestSite.remove(build.deletingLastPathComponent(), target) }
        _ = try await TestSite.deploy(build, to: .folder(target))
        try FileManager.default.removeItem(at: build.appendingPathComponent("404.html"))
        var settings = TargetSettings()
        settings.delete = false
        let (report, _) = try await TestSite.deploy(build, to: .folder(target), settings: settings)
        #expect(report.deleted == 0 && report.plan.kept == 1)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("404.html").path))
    }

    @Test func refusesAFolderItDidNotFill() async throws {
        let target = TestSite.scratch("home")
        defer { TestSite.remove(target) }
        try Data("notes".utf8).write(to: target.appendingPathComponent("notes.txt"))
        await #expect {
            try await TestSite.deploy(TestSite.exampleBuild, to: .folder(target))
        } throws: { error in
            "\(error)".contains("did not put there") && "\(error)".contains("--force")
        }
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("notes.txt").path))
        let (forced, _) = try await TestSite.deploy(TestSite.exampleBuild, to: .folder(target), force: true)
        #expect(forced.deleted == 1)
    }

    @Test func refusesAnEmptySiteOverAFullTarget() async throws {
        let target = TestSite.scratch("www")
        let empty = TestSite.scratch("empty")
        defer { TestSite.remove(target, empty) }
        _ = try await TestSite.deploy(TestSite.exampleBuild, to: .folder(target))
        try Data().write(to: empty.appendingPathComponent(".nashra-manifest"))
        await #expect {
            try await TestSite.deploy(empty, to: .folder(target))
        } throws: { error in
            "\(error)".contains("empty site") && "\(error)".contains("--force")
        }
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path))
    }

    @Test func refusesToDeployIntoTheSiteItself() async throws {
        await #expect(throws: DeployError.self) {
            try await TestSite.deploy(TestSite.exampleBuild, to: .folder(TestSite.exampleBuild.appendingPathComponent("copy")))
        }
    }

    private func modificationDate(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }
}
