import Foundation
import Testing
@testable import NashraDeploy

/// The real `nashra` binary, as a newsroom runs it.
@Suite struct DeployCommandTests {
    /// A site folder of its own (nashra.yaml, site/) for tests that write nashra.yaml.
    static func siteFolder(deploy yaml: String) throws -> URL {
        let folder = TestSite.scratch("cli")
        try FileManager.default.copyItem(at: TestSite.exampleBuild, to: folder.appendingPathComponent("site"))
        let config = try String(contentsOf: TestSite.example.appendingPathComponent("nashra.yaml"), encoding: .utf8)
        try Data((config + "\n" + yaml).utf8).write(to: folder.appendingPathComponent("nashra.yaml"))
        return folder
    }

    /// nashra.yaml is read by the build's own reader: a mistake in `deploy:` and one elsewhere in
    /// the file are both reported as `file:line:column`, and nothing is deployed.
    @Test func nashraYamlProblemsAreReportedWithTheirPositions() throws {
        let folder = try Self.siteFolder(deploy: """
            deploy:
              targets:
                www: { to: public/news, regoin: x }
            """)
        defer { TestSite.remove(folder) }
        let lines = try String(contentsOf: folder.appendingPathComponent("nashra.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("regoin") }) + 1
        let deploy = TestSite.run(TestSite.binary, ["deploy", "--source", folder.path])
        #expect(deploy.status != 0)
        #expect(deploy.errors.contains("\(folder.path)/nashra.yaml:\(line):"), "\(deploy.errors)")
        #expect(deploy.errors.contains("unknown key 'deploy.targets.www.regoin'"))

        try Data((lines.joined(separator: "\n") + "\ntimezone: Mars/Olympus\n").utf8)
            .write(to: folder.appendingPathComponent("nashra.yaml"))
        let broken = TestSite.run(TestSite.binary, ["deploy", "--source", folder.path, "--to", folder.appendingPathComponent("out").path])
        #expect(broken.status != 0)
        #expect(broken.errors.contains("\(folder.path)/nashra.yaml:\(lines.count + 1):"), "\(broken.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func deploysTheDefaultTargetOfNashraYaml() throws {
        let folder = try Self.siteFolder(deploy: """
            deploy:
              default: www
              targets:
                www: { to: public/news }
                backup: { to: "rsync:backup" }
            """)
        defer { TestSite.remove(folder) }

        let first = TestSite.run(TestSite.binary, ["deploy", "--source", folder.path])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("upload tags/اقتصاد/index.html"))
        let target = folder.appendingPathComponent("public/news")
        #expect(TestSite.contents(of: target) == TestSite.contents(of: TestSite.exampleBuild))

        let second = TestSite.run(TestSite.binary, ["deploy", "--source", folder.path])
        #expect(second.status == 0)
        #expect(second.output.contains("0 uploaded (0 B), 0 deleted"))
        #expect(!second.output.contains("upload "))

        let backup = TestSite.run(TestSite.binary, ["deploy", "backup", "--source", folder.path])
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(TestSite.contents(of: folder.appendingPathComponent("backup")) == TestSite.contents(of: TestSite.exampleBuild))
    }

    @Test func dryRunChangesNothing() throws {
        let folder = TestSite.scratch("cli")
        defer { TestSite.remove(folder) }
        let target = folder.appendingPathComponent("www")
        let result = TestSite.run(TestSite.binary, ["deploy", "--site", TestSite.exampleBuild.path, "--to", target.path, "--dry-run"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("to upload"))
        #expect(result.output.contains("nothing was changed (--dry-run)"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func refusesAFolderThatIsNotABuild() throws {
        let folder = TestSite.scratch("cli")
        defer { TestSite.remove(folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data("<p>hi</p>".utf8).write(to: folder.appendingPathComponent("site/index.html"))
        let result = TestSite.run(TestSite.binary, ["deploy", "--to", "www"], in: folder)
        #expect(result.status != 0)
        #expect(result.errors.contains("not a Nashra build"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("www").path))
    }

    @Test func withoutATargetSaysHowToName() throws {
        let folder = TestSite.scratch("cli")
        defer { TestSite.remove(folder) }
        let result = TestSite.run(TestSite.binary, ["deploy", "--site", TestSite.exampleBuild.path], in: folder)
        #expect(result.status != 0)
        #expect(result.errors.contains("pass --to DESTINATION"))
    }

    @Test func badConfigPointsAtTheLine() throws {
        let folder = try Self.siteFolder(deploy: "deploy:\n  targets:\n    www: { to: www, jobz: 2 }\n")
        defer { TestSite.remove(folder) }
        let result = TestSite.run(TestSite.binary, ["deploy", "--source", folder.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("nashra.yaml:"))
        #expect(result.errors.contains("unknown key 'deploy.targets.www.jobz'"))
    }

    /// S3 from the command line, credentials from the environment, never printed.
    @Test func deploysToS3AndNeverPrintsTheSecret() throws {
        let moto = try S3TargetTests.startMoto()
        defer { moto.stop() }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDNASHRACLI", "AWS_SECRET_ACCESS_KEY": "cli-secret-never-shown"]
        // The bucket comes from a plain request (moto checks no signatures unless told to), not
        // from the client under test.
        let made = TestSite.run("python3", ["-c", """
            import urllib.request
            request = urllib.request.Request("\(moto.endpoint)/nashra-cli", method="PUT")
            print(urllib.request.urlopen(request, timeout=30).status)
            """])
        #expect(made.output.hasPrefix("200"), "\(made.errors)")
        let arguments = ["deploy", "--site", TestSite.exampleBuild.path, "--to", "s3://nashra-cli/news",
                         "--endpoint", moto.endpoint, "--region", "us-east-1"]
        let first = TestSite.run(TestSite.binary, arguments, environment: environment)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("deployed to s3://nashra-cli/news/"))
        let second = TestSite.run(TestSite.binary, arguments, environment: environment)
        #expect(second.status == 0)
        #expect(second.output.contains("0 uploaded (0 B), 0 deleted"))
        for text in [first.output, first.errors, second.output, second.errors] {
            #expect(!text.contains("cli-secret-never-shown"))
        }
    }
}
