import Foundation
import NashraCore

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site folder (nashra.yaml, content/, themes/, templates/, static/), or nil for a bare
    /// content folder built with the defaults and the built-in theme.
    public var siteFolder: URL?
    public var contentFolder: URL
    public var outputFolder: URL
    public var rules: PublishingRules
    /// How paths are printed in diagnostics: the site folder as the user named it.
    public var displayPrefix: String
    /// Ignore the cache: parse every file and render every page (unchanged files are still left
    /// alone on disk).
    public var clean = false
    /// Where the build cache lives: `.nashra/cache/` in the site folder, or beside the output
    /// folder for a bare content folder.
    public var cacheFolder: URL
    /// Called from any thread as stages advance.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// Render every page through swift-mustache instead of the compiled templates; tests build
    /// sites both ways and compare the bytes.
    var referenceRenderer = false
    /// Whether a clean build gathers the search terms while rendering (`SearchCollector`); tests
    /// turn it off to compare with the index the search stage makes alone.
    var searchDuringRender = true
    /// Keep the build's data (bulletins, pages, cache) alive until the process ends instead of
    /// freeing it: the CLI exits right after a build, and freeing 10,000 bulletins with their
    /// pages and cache entries one allocation at a time is work the exit does at once. Off for
    /// long-running callers.
    public var keepMemoryUntilExit = false
    /// Whether publishing flushes its journal to disk (`fsync`) before it moves the first file, so
    /// that even a power cut leaves the output the old site or the new one. `nashra serve` turns it
    /// off for its preview folder, which it builds again on every start: there the flush was most
    /// of a rebuild's time on a slow disk (5 to 190 ms a save at 50,000 bulletins), and a process
    /// killed mid-publish still leaves the journal for the next run to finish.
    public var flushesPublishJournal = true

    public init(siteFolder: URL?, contentFolder: URL? = nil, outputFolder: URL? = nil,
                rules: PublishingRules = PublishingRules(), displayPrefix: String? = nil, clean: Bool = false) {
        self.siteFolder = siteFolder
        let base = siteFolder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.contentFolder = contentFolder ?? base.appendingPathComponent("content")
        self.outputFolder = outputFolder ?? base.appendingPathComponent("site")
        self.rules = rules
        self.displayPrefix = displayPrefix ?? ""
        self.clean = clean
        self.cacheFolder = (siteFolder ?? self.outputFolder.standardizedFileURL.deletingLastPathComponent())
            .appendingPathComponent(".nashra/cache")
    }
}

/// Where a build is, for a progress line.
public struct BuildProgress: Sendable {
    public var stage: String
    public var done: Int
    public var total: Int
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var bulletins: Int
    /// Bulletin files read (published or not), and how many of them came from the cache unread.
    public var sourceFiles: Int
    public var bulletinsReused: Int
    public var pages: Int
    /// Pages rendered (the others had the same inputs as in the previous build).
    public var pagesRendered: Int
    /// Files written, left as they were (same bytes), and deleted in the output folder.
    public var filesWritten: Int
    public var filesUnchanged: Int
    public var filesDeleted: Int
    public var tags: Int
    public var locations: Int
    public var seconds: Double
    /// Photos decoded and resized this build; the others came from the photo cache unread.
    public var imagesProcessed = 0
    /// Problems that did not stop the build, in file order.
    public var warnings: [Diagnostic] = []
    /// Whether the previous build's plan was patched instead of planning again (with a
    /// `BuildMemory`), and whether its fingerprints were, in every edition (only the pages
    /// showing edited bodies fingerprinted again).
    public var planPatched = false
    public var fingerprintsPatched = false
    /// Whether the plan took its decisions (order, terms) from the build cache (`StoredPlan`)
    /// instead of making them: a build without a memory after edits of bodies only.
    public var planFromCache = false
    /// Whether the content folder was not walked (a `BuildMemory` told which files changed) and
    /// its content was the previous build's with the changed files read again.
    public var contentPatched = false
    /// Whether the previous build's photos were taken as they were (a patched plan after edits
    /// of Markdown files only), and whether every edition's search index was patched from the
    /// memory's (only the edited documents looked at).
    public var photosKept = false
    public var searchFromMemory = false
    /// Whether every edition's index was made from the terms gathered while rendering (a clean build).
    var searchFromRender = false
    /// Whether every edition's search index was patched for bodies edited under the previous plan
    /// without fingerprinting every document again.
    var searchFromKeptPlan = false
    /// Whether the set of output paths was known to be the previous build's (from the memory, or
    /// from the cache after patched fingerprints), so that publishing never made it.
    public var outputPathsKnown = false
}
