import ArgumentParser
import Foundation
import Nashra
import NashraCore
import NashraServe

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn wire copy (plain text, ninjs, RSS or Atom) into bulletins under content/bulletins/YYYY/MM/.",
        discussion: """
        Each file becomes one bulletin (a feed, one per item); a folder given as FILES imports the files in it. A story \
        already imported (same text, whatever its file name) is "already there"; a name already \
        taken gets a number. Copy without a headline is imported as a draft with its first \
        sentence as a provisional title. A newer version of a ninjs story or feed item imported \
        before (same uri, guid or id) updates its bulletin, unless that was edited since.

        With --watch FOLDER, the folder is a drop folder: every file in it, then every file that \
        lands in it, is imported once complete, then moved to FOLDER/done/ (or FOLDER/failed/, with \
        a .error file beside it), until Ctrl-C.
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

    @Flag(help: "Watch the folder given (a drop folder) and import what lands in it, until Ctrl-C.")
    var watch = false

    @Option(help: ArgumentHelp("With --watch: how long a file must stay unchanged before it is taken, in milliseconds.", valueName: "ms"))
    var settle = 300

    func validate() throws {
        guard watch else { return }
        guard files.count == 1 else { throw ValidationError("--watch takes one folder, the drop folder") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: files[0], isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--watch: \(files[0]) is not a folder")
        }
        guard !dryRun else { throw ValidationError("--watch moves what it imports; it cannot be a dry run") }
        guard settle >= 0 else { throw ValidationError("--settle is a number of milliseconds, 0 or more") }
    }

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

        var tally = Tally(dryRun: dryRun, destinationName: destinationName)
        if watch {
            try watchFolder(files[0], importer: &importer, tally: &tally)
            print(tally.summary)
            return
        }
        for (path, display) in expand(files) {
            for report in importer.importFile(at: path, display: display) { tally.record(report) }
        }
        print(tally.summary)
        if tally.failed > 0 { throw ExitCode.failure }
    }

    /// What the run did, printed as it goes and summed up at the end.
    struct Tally {
        var dryRun: Bool
        var destinationName: String
        var imported = 0, updated = 0, alreadyThere = 0, failed = 0
        var needHeadline: [String] = []

        /// Prints the report's diagnostics (on standard error) and its one line.
        mutating func record(_ report: Importer.Report) {
            var standardError = FileHandle.standardError
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
            case .updated(let existing):
                updated += 1
                print("\(report.file): \(dryRun ? "would update" : "updated") \(name(existing)) (a newer version of the story)")
            case .alreadyThere(let existing):
                alreadyThere += 1
                print("\(report.file): already there (\(name(existing)))")
            case .failed:
                failed += 1
            }
        }

        func name(_ existing: String) -> String { existing.hasPrefix("/") ? existing : destinationName + existing }

        var summary: String {
            var summary = "\(dryRun ? "would import" : "imported") \(imported), "
            if updated > 0 { summary += "updated \(updated), " }
            summary += "already there \(alreadyThere), needs a headline \(needHeadline.count)"
            if !needHeadline.isEmpty { summary += " (\(needHeadline.joined(separator: ", ")))" }
            return summary + ", failed \(failed)"
        }
    }

    /// The drop folder: imports each complete file in `folder` as it comes and moves it to
    /// `done/` or `failed/`, until SIGINT or SIGTERM. The folder is listed every tenth of a
    /// second rather than watched with inotify: one folder, not recursive, is cheap to list, and
    /// the settle rule needs to look at the files again anyway.
    private func watchFolder(_ given: String, importer: inout Importer, tally: inout Tally) throws {
        let folder = given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given
        let done = folder + "/" + DropFolder.doneFolder
        let failedFolder = folder + "/" + DropFolder.failedFolder
        for made in [done, failedFolder] {
            do {
                try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("cannot create \(made): \(error.localizedDescription)")
            }
        }
        let stop = StopRequest()
        let signals = ShutdownSignals { stop.request() }
        defer { signals.cancel() }
        var standardError = FileHandle.standardError
        print("watching \(folder)/ for copy (Ctrl-C to stop)")
        var drop = DropFolder(settle: Double(settle) / 1000)
        while !stop.isRequested {
            for name in drop.complete(in: DropFolder.listing(of: folder), at: Date()) {
                // A signal ends the watch between files, never in the middle of one.
                if stop.isRequested { break }
                let path = folder + "/" + name
                importer.now = try BuildCommand.now()
                let reports = importer.importFile(at: path, display: path)
                let failed = reports.contains { $0.outcome == .failed }
                for report in reports { tally.record(report) }
                switch DropFolder.move(path, into: failed ? failedFolder : done) {
                case .success(let moved):
                    guard failed else { break }
                    // Positions name the file beside the .error, as it is now called.
                    let lines = reports.flatMap(\.diagnostics).map { diagnostic in
                        var diagnostic = diagnostic
                        if diagnostic.location != nil { diagnostic.location?.path = moved }
                        return diagnostic.description
                    }
                    let errorFile = failedFolder + "/" + moved + ".error"
                    let text = (lines.isEmpty ? ["\(moved): not imported"] : lines).joined(separator: "\n") + "\n"
                    if FileManager.default.createFile(atPath: errorFile, contents: Data(text.utf8)) {
                        print("\(path): failed, moved to \(failedFolder)/\(moved) (why: \(moved).error)")
                    } else {
                        print("\(errorFile):1:1: cannot write the reasons \(moved) failed", to: &standardError)
                    }
                case .failure(let problem):
                    print(Diagnostic(problem.message + "; it stays where it is and is not imported again unless it changes",
                                     at: SourceLocation(path: path)), to: &standardError)
                }
            }
            if !stop.isRequested { usleep(100_000) }
        }
    }

    /// Set from the signal handler's thread, read by the watch loop.
    private final class StopRequest: @unchecked Sendable {
        private let lock = NSLock()
        private var requested = false
        func request() { lock.withLock { requested = true } }
        var isRequested: Bool { lock.withLock { requested } }
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
