import Foundation
import Logging
import Nashra
import NashraCore

/// Runs the core build for the preview, one at a time, and keeps the state it left.
///
/// Requests ask for `settled()`: while a build runs they wait for it (a build takes tens of
/// milliseconds; its last step swaps the output folder, and a request in that gap would see no
/// site at all). A second `rebuild()` waits for the first: two builds writing one output folder
/// would trip over each other's staging folder. Each build is incremental, from what the previous
/// one left in memory (`BuildMemory`): no cache file read, no walk of the content folder when the
/// watcher says which files changed, and a body edit patches the plan.
actor PreviewBuilder {
    private let options: ServeOptions
    private let logger: Logger
    private(set) var state = BuildState.initial
    /// The latest successful build's report (for tests: whether it was built from the watcher's changes).
    private(set) var lastReport: BuildReport?
    private var building = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// What each build leaves for the next: the cache and the plan, so that a saved bulletin
    /// rebuilds without reading the cache file or planning the site again.
    private let memory = BuildMemory()

    init(options: ServeOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// The state once no build is running.
    func settled() async -> BuildState {
        while building {
            await withCheckedContinuation { waiting.append($0) }
        }
        return state
    }

    /// Builds the site and returns the new state; `changes` only say in the log why.
    @discardableResult
    func rebuild(after changes: [FileChange] = []) async -> BuildState {
        while building {
            await withCheckedContinuation { waiting.append($0) }
        }
        building = true
        let options = options
        let memory = memory
        // What the watcher saw stands in for walking the content folder; a rebuild without a
        // reported change, or after the watcher lost track, walks it.
        memory.noteChanges(changes.contains { $0.kind == .rescan } ? nil : changes.map(\.path))
        let outcome: Result<BuildReport, Diagnostics> = await withCheckedContinuation { continuation in
            // The build is synchronous and spreads itself over every core; it is kept off the
            // threads that answer requests.
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Self.build(options, memory: memory))
            }
        }
        var next = state
        next.generation += 1
        next.finishedAt = Date()
        switch outcome {
        case .success(let report):
            lastReport = report
            next.problems = []
            next.hasSite = true
            next.rootPath = Self.rootPath(of: options.siteFolder)
            logger.info("\(Self.reason(changes, in: options.siteFolder))built \(report.bulletins) bulletins into \(report.pages) pages in \(Int(report.seconds * 1000)) ms")
            for warning in report.warnings { logger.warning("\(warning)") }
        case .failure(let failure):
            next.problems = failure.diagnostics
            let count = failure.diagnostics.count { $0.severity == .error }
            logger.error("\(Self.reason(changes, in: options.siteFolder))the build failed with \(count) error\(count == 1 ? "" : "s"); still serving the last good build\n\(failure.description)")
        }
        state = next
        building = false
        let woken = waiting
        waiting = []
        for continuation in woken { continuation.resume() }
        return next
    }

    private static func build(_ options: ServeOptions, memory: BuildMemory) -> Result<BuildReport, Diagnostics> {
        // `now` is read per build, so a bulletin dated a few minutes ahead appears when its time comes.
        let rules = PublishingRules(includeDrafts: options.includeUnpublished, includeFuture: options.includeUnpublished)
        var buildOptions = BuildOptions(siteFolder: options.siteFolder, outputFolder: options.outputFolder,
                                        rules: rules, displayPrefix: options.displayPrefix)
        // The preview is made again on every start: its journal need not outlast a power cut.
        buildOptions.flushesPublishJournal = false
        do throws(Diagnostics) {
            return .success(try Builder.build(buildOptions, memory: memory))
        } catch {
            return .failure(error)
        }
    }

    /// The path part of the site's `baseURL`: links in the pages start with it, so the preview
    /// serves the output under it.
    static func rootPath(of site: URL) -> String {
        // The build reports a broken nashra.yaml; until it is fixed the root is served.
        guard case .success(let loaded?) = SiteConfig.load(site: site, display: "nashra.yaml") else { return "/" }
        let config = loaded.config
        return config.rootPath.precomposedStringWithCanonicalMapping
    }

    private static func reason(_ changes: [FileChange], in site: URL) -> String {
        guard let first = changes.first else { return "" }
        let sitePath = site.standardizedFileURL.path + "/"
        let name = first.path.hasPrefix(sitePath) ? String(first.path.dropFirst(sitePath.count)) : first.path
        return changes.count == 1 ? "\(name) changed: " : "\(name) and \(changes.count - 1) more changed: "
    }
}
