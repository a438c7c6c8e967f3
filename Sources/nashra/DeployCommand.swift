import ArgumentParser
import Foundation
import Nashra
import NashraCore
import NashraDeploy

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Publish the built site to static hosting.",
        discussion: """
            Only new and changed files are sent; files the site no longer has are deleted last, \
            after assets, pages and feeds went up in that order. Destinations: s3://bucket/prefix, \
            a folder, user@host:/path (rsync over SSH), rsync:/path, git:repository#branch. \
            S3 credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, \
            or ~/.aws/credentials.
            """
    )

    @Argument(help: ArgumentHelp("A target named in nashra.yaml (default: deploy.default).", valueName: "target"))
    var target: String?

    @Option(help: ArgumentHelp("Where to deploy, instead of a target from nashra.yaml.", valueName: "destination"))
    var to: String?

    @Option(help: ArgumentHelp("The site folder, with nashra.yaml (default: the current folder).", valueName: "folder"))
    var source: String?

    @Option(help: ArgumentHelp("The built folder to publish (default: site/ in the site folder).", valueName: "folder"))
    var site: String?

    @Option(help: ArgumentHelp("S3: the service URL, for S3-compatible storage.", valueName: "url"))
    var endpoint: String?

    @Option(help: "S3: the region to sign requests for.")
    var region: String?

    @Option(help: ArgumentHelp("S3: where the bucket's name goes in URLs.", valueName: "style"))
    var addressing: S3Addressing?

    @Option(help: ArgumentHelp("S3: how many uploads run at once (default: 8).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Flag(help: "Keep remote files that the site no longer has.")
    var noDelete = false

    @Flag(help: "Deploy even where a safety check refuses: an empty site over a full target, a folder nashra did not fill.")
    var force = false

    @Flag(help: "Print nothing but errors and warnings.")
    var quiet = false

    func run() async throws {
        let progress = ProgressDisplay.automatic(quiet: quiet)
        do {
            let request = try request()
            // A build killed while publishing leaves old and new pages mixed until a run finishes
            // it: deploy finishes it first rather than send that mix.
            if try PublishJournal.rollForward(output: request.site) {
                progress.say("finished publishing the build that was interrupted in \(request.site.path)")
            }
            let report = try await Deployer.deploy(request, progress: progress)
            progress.say(report.summary)
        } catch let problems as Diagnostics {
            // nashra.yaml could not be read: the same messages a build gives.
            var standardError = FileHandle.standardError
            for diagnostic in problems.diagnostics { print(diagnostic, to: &standardError) }
            print("error: nothing was deployed", to: &standardError)
            throw ExitCode.failure
        } catch let error as DeployError {
            var standardError = FileHandle.standardError
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    func validate() throws {
        if target != nil && to != nil { throw ValidationError("give a target name or --to, not both") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    private func request() throws -> DeployRequest {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteFolder = source.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL } ?? current
        // The file is read by the same reader as a build's, whole: a mistake anywhere in it is
        // reported the same way, with its position.
        let display = source.map { ($0 as NSString).appendingPathComponent("nashra.yaml") } ?? "nashra.yaml"
        let section = try SiteConfig.load(site: siteFolder, display: display).get()?.config.deploySection
        let config = try DeployConfig(section: section?.node, path: display)
        // --to replaces the targets of nashra.yaml; otherwise the named one or the default.
        let configured = try to == nil ? config.target(named: target) : nil
        var options = TargetSettings(destination: to)
        options.endpoint = endpoint
        options.region = region
        options.jobs = jobs
        options.addressing = addressing
        if noDelete { options.delete = false }
        var settings = (configured ?? TargetSettings()).overridden(by: options)
        if configured == nil { settings.cacheRules += config.cacheRules }
        guard let text = settings.destination else { throw DeployError.noTarget }
        // A path in nashra.yaml is relative to the site folder; one typed on the command line, to
        // the folder it was typed in.
        let destination = try Destination.parse(text, relativeTo: to != nil ? current : siteFolder)
        let built = site.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
            ?? siteFolder.appendingPathComponent("site")
        var request = DeployRequest(site: built, destination: destination, settings: settings)
        request.dryRun = dryRun
        request.force = force
        return request
    }
}

extension S3Addressing: ExpressibleByArgument {}
