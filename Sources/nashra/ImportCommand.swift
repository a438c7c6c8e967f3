import ArgumentParser
import Foundation
import Nashra
import NashraCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn wire copy (plain text, ninjs, RSS or Atom) into bulletins under content/bulletins/YYYY/MM/.",
        discussion: """
        Each file becomes one bulletin (a feed, one per item); a folder given as FILES imports the files in it. A story \
        already imported (same text, whatever its file name) is "already there"; a name already \
        taken gets a number. Copy without a headline is imported as a draft with its first \
        sentence as a provisional title.
        """
    )

    @Argument(help: "Files of wire copy: plain text, ninjs JSON, RSS or Atom; folders for every file in them.")
    var files: [String]

    @Option(help: "The site folder, with nashra.yaml and content/ (default: the current folder).")
    var source = "."

    @Option(help: "Where bulletins are written (default: content/bulletins/ in the site folder).")
    var to: String?

    @Option(help: "The headline, instead of the copy's.")
    var title: String?

    @Option(help: "The date, e.g. 2026-11-21 09:30 (default: the source's own, else now in the site's time zone).")
    var date: String?

    @Option(help: "The dateline city, instead of the copy's.")
    var location: String?

    @Option(help: "The agency, instead of the copy's.")
    var agency: String?

    @Option(help: "Tags, separated by commas.")
    var tags: String?

    @Flag(help: "Import as drafts.")
    var draft = false

    @Option(help: "The language code of the copy (lang:), e.g. ar or en.")
    var lang: String?

    @Flag(help: "Print what would be written; write nothing.")
    var dryRun = false

    func run() throws {
        let site = URL(fileURLWithPath: source)
        var config = SiteConfig()
        switch SiteConfig.load(site: site, display: (source as NSString).appendingPathComponent("nashra.yaml")) {
        case .success(let loaded): config = loaded?.config ?? config
        case .failure(let failure): throw ValidationError(failure.description)
        }
        var options = Importer.Options()
        options.title = title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if let date {
            guard let parsed = BulletinDate.parse(date, in: config.timeZone) else {
                throw ValidationError("--date \(date) is not a date: \(BulletinDate.expectedForms)")
            }
            options.date = parsed.foundationDate
        }
        options.location = location
        options.agency = agency
        options.tags = tags?.split(whereSeparator: { $0 == "," || $0 == "،" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
        options.draft = draft
        options.language = lang
        options.dryRun = dryRun

        let content = site.appendingPathComponent("content")
        let destination = to.map { URL(fileURLWithPath: $0) } ?? content.appendingPathComponent("bulletins")
        let destinationName = to.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            ?? (source == "." ? "" : (source.hasSuffix("/") ? source : source + "/")) + "content/bulletins/"
        var importer = Importer(destination: destination, contentFolders: [content, destination], config: config,
                                options: options, now: try BuildCommand.now())

        var standardError = FileHandle.standardError
        var imported = 0, alreadyThere = 0, failed = 0
        var needHeadline: [String] = []
        for (path, display) in expand(files) {
            for report in importer.importFile(at: path, display: display) {
                for diagnostic in report.diagnostics { print(diagnostic, to: &standardError) }
                switch report.outcome {
                case .imported(let relative):
                    imported += 1
                    if report.needsHeadline { needHeadline.append(report.file) }
                    let footer = report.droppedLines.isEmpty ? "" : " (left out \(report.droppedLines.count) footer line\(report.droppedLines.count == 1 ? "" : "s"))"
                    if dryRun {
                        print("\(report.file) → would be \(destinationName + relative)\(footer)")
                        // The front matter and the first lines of the body.
                        let lines = (report.text ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                        let shown = lines.prefix(24)
                        for line in shown { print("    " + line) }
                        if lines.count > shown.count { print("    …") }
                    } else {
                        print("\(report.file) → \(destinationName + relative)\(footer)")
                    }
                case .alreadyThere(let existing):
                    alreadyThere += 1
                    print("\(report.file): already there (\(existing.hasPrefix("/") ? existing : destinationName + existing))")
                case .failed:
                    failed += 1
                }
            }
        }
        var summary = "\(dryRun ? "would import" : "imported") \(imported), already there \(alreadyThere), needs a headline \(needHeadline.count)"
        if !needHeadline.isEmpty { summary += " (\(needHeadline.joined(separator: ", ")))" }
        summary += ", failed \(failed)"
        print(summary)
        if failed > 0 { throw ExitCode.failure }
    }

    /// The files named, with each folder replaced by the files in it (not hidden ones), in order.
    private func expand(_ names: [String]) -> [(path: String, display: String)] {
        var result: [(String, String)] = []
        for name in names {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: name, isDirectory: &isFolder), isFolder.boolValue,
               let entries = try? FileManager.default.contentsOfDirectory(atPath: name) {
                for entry in entries.sorted() where !entry.hasPrefix(".") {
                    let path = (name as NSString).appendingPathComponent(entry)
                    var isSubfolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isSubfolder), !isSubfolder.boolValue {
                        result.append((path, path))
                    }
                }
            } else {
                result.append((name, name))
            }
        }
        return result
    }
}
