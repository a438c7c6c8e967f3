import Foundation
import Testing
@testable import NashraDeploy

/// A branch of a bare repository, as a Pages host would have it.
@Suite struct GitTargetTests {
    @Test func deployTwiceSecondRunMakesNoCommit() async throws {
        let folder = TestSite.scratch("git")
        defer { TestSite.remove(folder) }
        let bare = folder.appendingPathComponent("pages.git")
        #expect(TestSite.run("git", ["init", "--quiet", "--bare", bare.path]).status == 0)
        let count = try BuiltSite.load(TestSite.exampleBuild).files.count
        let destination = Destination.git(repository: bare.path, branch: "gh-pages")

        let (first, _) = try await TestSite.deploy(TestSite.exampleBuild, to: destination)
        #expect(first.uploaded == count)
        let head = TestSite.run("git", ["--git-dir", bare.path, "rev-parse", "refs/heads/gh-pages"]).output
        #expect(head.count >= 40)
        let tree = TestSite.run("git", ["--git-dir", bare.path, "-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "gh-pages"])
        #expect(tree.output.split(separator: "\n").count == count)
        #expect(tree.output.contains("tags/اقتصاد/index.html"))

        let (second, _) = try await TestSite.deploy(TestSite.exampleBuild, to: destination)
        #expect(second.uploaded == 0 && second.deleted == 0 && second.unchanged == count)
        #expect(TestSite.run("git", ["--git-dir", bare.path, "rev-parse", "refs/heads/gh-pages"]).output == head)

        // A clone of the branch is the site, byte for byte.
        let clone = folder.appendingPathComponent("clone")
        #expect(TestSite.run("git", ["clone", "--quiet", "--branch", "gh-pages", bare.path, clone.path]).status == 0)
        #expect(TestSite.contents(of: clone) == TestSite.contents(of: TestSite.exampleBuild))
    }

    @Test func changesBecomeOneCommitOnTopOfTheBranch() async throws {
        let folder = TestSite.scratch("git")
        let build = TestSite.copyOfBuild()
        defer { TestSite.remove(folder, build.deletingLastPathComponent()) }
        let bare = folder.appendingPathComponent("pages.git")
        TestSite.run("git", ["init", "--quiet", "--bare", bare.path])
        let destination = Destination.git(repository: bare.path, branch: "site/ar")
        _ = try await TestSite.deploy(build, to: destination)

        try FileManager.default.removeItem(at: build.appendingPathComponent("404.html"))
        try Data("<p>خبر</p>".utf8).write(to: build.appendingPathComponent("خبر.html"))
        let (report, _) = try await TestSite.deploy(build, to: destination)
        #expect(report.uploaded == 1 && report.deleted == 1)
        let log = TestSite.run("git", ["--git-dir", bare.path, "log", "--format=%s", "site/ar"]).output
        #expect(log.split(separator: "\n").count == 2)
        #expect(log.hasPrefix("Deploy the site: 1 uploaded, 1 deleted"))
    }

    @Test func aRepositoryThatIsNotThereFailsClearly() async throws {
        await #expect {
            try await TestSite.deploy(TestSite.exampleBuild, to: .git(repository: "/nonexistent/pages.git", branch: "gh-pages"))
        } throws: { error in
            "\(error)".contains("git ls-remote")
        }
    }
}
