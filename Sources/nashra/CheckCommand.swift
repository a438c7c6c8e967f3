import ArgumentParser
import Foundation
import Nashra
import NashraCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site without writing anything: every error a build would stop on, broken links and images, and warnings.",
        discussion: "Exits 1 when there are errors, 0 when there are only warnings or nothing."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The site folder, with nashra.yaml and content/ (default: the current folder).")
    var site: String?

    @Option(help: "text (file:line:column: message, then a count) or json (for editors and CI).")
    var format: Format = .text

    @Flag(help: "Check as a build with --drafts would: bulletins marked draft: true are published.")
    var drafts = false

    @Flag(help: "Check as a build with --future would: bulletins dated in the future are published.")
    var future = false

    func run() throws {
        let options = BuildOptions(
            siteFolder: URL(fileURLWithPath: site ?? "."),
            rules: PublishingRules(includeDrafts: drafts, includeFuture: future, now: try BuildCommand.now()),
            displayPrefix: site ?? ""
        )
        let report = SiteCheck.run(options)
        switch format {
        case .text:
            for finding in report.findings { print(finding.diagnostic) }
            print(report.summary)
        case .json:
            print(report.json())
        }
        if report.errors > 0 { throw ExitCode.failure }
    }
}
