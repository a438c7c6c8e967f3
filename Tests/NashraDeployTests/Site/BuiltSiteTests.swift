import Foundation
import Testing
@testable import NashraDeploy

@Suite struct BuiltSiteTests {
    @Test func readsTheExampleBuild() throws {
        let site = try BuiltSite.load(TestSite.exampleBuild)
        let paths = Set(site.files.map(\.path))
        #expect(paths.contains("index.html"))
        #expect(paths.contains("tags/اقتصاد/index.html"))
        #expect(paths.contains("js/app.3f9a8c2e51.js"))
        #expect(!paths.contains(".nashra-manifest"))
        let style = try #require(site.files.first { $0.path == "style.css" })
        let bytes = try Data(contentsOf: TestSite.exampleBuild.appendingPathComponent("style.css"))
        #expect(style.size == Int64(bytes.count))
        let md5sum = TestSite.run("md5sum", [TestSite.exampleBuild.appendingPathComponent("style.css").path])
        #expect(style.md5 == String(md5sum.output.prefix(32)))
    }

    @Test func refusesAFolderWithoutManifest() throws {
        let folder = TestSite.scratch("plain")
        defer { TestSite.remove(folder) }
        try Data("<p>hi</p>".utf8).write(to: folder.appendingPathComponent("index.html"))
        #expect {
            try BuiltSite.load(folder)
        } throws: { error in
            "\(error)".contains("not a Nashra build")
        }
    }

    @Test func refusesAStagingFolder() throws {
        let folder = TestSite.scratch("staging")
        defer { TestSite.remove(folder) }
        try Data().write(to: folder.appendingPathComponent(".nashra-manifest"))
        try Data().write(to: folder.appendingPathComponent(".nashra-staging"))
        #expect(throws: DeployError.self) { try BuiltSite.load(folder) }
    }

    @Test func missingFolderSaysBuildFirst() {
        #expect(throws: DeployError.siteMissing("/nonexistent/site")) {
            try BuiltSite.load(URL(fileURLWithPath: "/nonexistent/site"))
        }
    }
}
