import Foundation
import Testing
@testable import NashraDeploy

/// A build killed while publishing leaves old and new pages mixed in site/; deploy must finish
/// that build before it sends anything, never publish the mix.
@Suite struct InterruptedBuildDeployTests {
    static let environment = ["NASHRA_NOW": "2026-11-21T12:00:00+03:00"]

    @Test func deployFinishesAnInterruptedBuildFirst() throws {
        let folder = TestSite.scratch("interrupted")
        defer { TestSite.remove(folder) }
        let desk = folder.appendingPathComponent("desk")
        try FileManager.default.createDirectory(at: desk, withIntermediateDirectories: true)
        for name in ["content", "nashra.yaml", "themes", "static"] {
            let from = TestSite.example.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.copyItem(at: from, to: desk.appendingPathComponent(name))
            }
        }
        let first = TestSite.run(TestSite.binary, ["build", "--source", desk.path, "--quiet"], environment: Self.environment)
        try #require(first.status == 0, "\(first.errors)")
        try Data("""
            ---
            title: عودة الكهرباء إلى أحياء حمص
            date: 2026-11-21 08:00
            location: حمص
            tags: [كهرباء-حمص]
            ---

            عادت الكهرباء إلى معظم الأحياء.
            """.utf8).write(to: desk.appendingPathComponent("content/homs-power-returns.md"))
        // Killed by the fault hook a few steps into publishing: some new pages are in, most are not.
        let killed = TestSite.run(TestSite.binary, ["build", "--source", desk.path, "--quiet"],
                                  environment: Self.environment.merging(["NASHRA_FAULT_PUBLISH_AFTER": "3"]) { $1 })
        try #require(killed.status == 86, "the fault hook did not fire: \(killed.errors)")

        let target = folder.appendingPathComponent("www")
        let deploy = TestSite.run(TestSite.binary, ["deploy", "--source", desk.path, "--to", target.path])
        #expect(deploy.status == 0, "\(deploy.errors)")
        #expect(deploy.output.contains("finished publishing the build that was interrupted"))

        // What was deployed is the whole new site: the same as building the edited site afresh.
        let fresh = folder.appendingPathComponent("fresh")
        let reference = TestSite.run(TestSite.binary, ["build", "--source", desk.path, "--output", fresh.path, "--quiet"],
                                     environment: Self.environment)
        try #require(reference.status == 0, "\(reference.errors)")
        #expect(TestSite.contents(of: target) == TestSite.contents(of: fresh))
        #expect(TestSite.contents(of: desk.appendingPathComponent("site")) == TestSite.contents(of: fresh))
    }
}
