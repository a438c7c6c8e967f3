import ArgumentParser
import Foundation
import Nashra
import NashraCore

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site: content/ and themes/ into site/."
    )

    @Option(help: "The site folder, with nashra.yaml and content/ (default: the current folder).")
    var source: String?

    @Option(help: "A content folder to build; without --source it is built alone with the defaults and the built-in theme.")
    var content: String?

    @Option(help: "Where to write the site (default: site/ in the site folder).")
    var output: String?

    @Flag(help: "Include bulletins marked draft: true.")
    var drafts = false

    @Flag(help: "Include bulletins dated in the future.")
    var future = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Ignore the build cache: parse every bulletin and render every page again.")
    var clean = false

    func run() async throws {
        let siteFolder: URL? = (source != nil || content == nil) ? URL(fileURLWithPath: source ?? ".") : nil
        var options = BuildOptions(
            siteFolder: siteFolder,
            contentFolder: content.map { URL(fileURLWithPath: $0) },
            outputFolder: output.map { URL(fileURLWithPath: $0) } ?? (siteFolder == nil ? URL(fileURLWithPath: "site") : nil),
            rules: PublishingRules(includeDrafts: drafts, includeFuture: future, now: try Self.now()),
            displayPrefix: source ?? "",
            clean: clean
        )
        // This process ends right after the build: no point freeing its data first.
        options.keepMemoryUntilExit = true
        let progress = quiet ? nil : ProgressLine()
        if let progress {
            options.progress = { progress.show($0) }
        }
        let report: BuildReport
        do throws(Diagnostics) {
            report = try Builder.build(options)
            progress?.finish()
        } catch {
            progress?.finish()
            var standardError = FileHandle.standardError
            for diagnostic in error.diagnostics { print(diagnostic, to: &standardError) }
            let count = error.diagnostics.count { $0.severity == .error }
            print("error: the build failed with \(count) error\(count == 1 ? "" : "s"); the previous site was left as it was", to: &standardError)
            throw ExitCode.failure
        }
        var standardError = FileHandle.standardError
        for warning in report.warnings { print(warning, to: &standardError) }
        if !quiet {
            let output = self.output ?? (source.map { $0 + "/site" } ?? "site")
            print(String(format: "built %d bulletins into %d pages (%d tags, %d locations) in %.2f s → %@",
                         report.bulletins, report.pages, report.tags, report.locations, report.seconds, output))
            print("  \(report.pagesRendered) pages rendered, \(report.filesWritten) files written, "
                  + "\(report.filesUnchanged) unchanged, \(report.filesDeleted) deleted; "
                  + "\(report.bulletinsReused) of \(report.sourceFiles) bulletin files from the cache"
                  + (report.imagesProcessed > 0 ? "; \(report.imagesProcessed) photo\(report.imagesProcessed == 1 ? "" : "s") processed" : ""))
        }
    }
}

extension BuildCommand {
    /// The build's "now" (which bulletins are future or expired, the news sitemap's 48 hours):
    /// the clock, or NASHRA_NOW for a reproducible build (`2026-11-21T12:00:00+03:00`).
    static func now() throws -> Date {
        guard let text = ProcessInfo.processInfo.environment["NASHRA_NOW"], !text.isEmpty else { return Date() }
        guard let date = BulletinDate.parse(text, in: TimeZone(identifier: "UTC")!) else {
            throw ValidationError("NASHRA_NOW is not a date: \(BulletinDate.expectedForms)")
        }
        return date.foundationDate
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
