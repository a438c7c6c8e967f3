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
    /// Keep the build's data (bulletins, pages, cache) alive until the process ends instead of
    /// freeing it: the CLI exits right after a build, and freeing 10,000 bulletins with their
    /// pages and cache entries one allocation at a time is work the exit does at once. Off for
    /// long-running callers.
    public var keepMemoryUntilExit = false

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
}

/// Runs the stages in order: config → theme → content → plan → render and write → publish.
/// Every stage's errors are collected before the build gives up, so one run reports them all.
public enum Builder {
    public static func build(_ options: BuildOptions) throws(Diagnostics) -> BuildReport {
        let start = DispatchTime.now()
        var clock = StageClock()
        var problems: [Diagnostic] = []
        let prefix = options.displayPrefix

        var config = SiteConfig()
        var configFingerprint = Fingerprint()
        if let site = options.siteFolder {
            switch SiteConfig.load(site: site, display: join(prefix, "nashra.yaml")) {
            case .success(nil): break
            case .success(let loaded?):
                config = loaded.config
                loaded.bytes.withUnsafeBytes { configFingerprint.add(bytes: $0) }
            case .failure(let failure): problems += failure.diagnostics
            }
        }
        clock.lap("config")
        var theme: Theme?
        switch Theme.load(name: config.theme, site: options.siteFolder, sitePrefix: prefix, fileSizeLimit: config.fileSizeLimit) {
        case .success(let loaded): theme = options.referenceRenderer ? loaded.withoutCompiledTemplates() : loaded
        case .failure(let failure): problems += failure.diagnostics
        }
        clock.lap("theme")

        guard FileManager.default.fileExists(atPath: options.contentFolder.path) else {
            throw Diagnostics(problems + [Diagnostic("no content folder at \(options.contentFolder.path)", at: nil)])
        }
        // A refused output folder is one more error: the others of the run are still reported.
        var writer: SiteWriter?
        do throws(Diagnostics) {
            writer = try SiteWriter(output: options.outputFolder, inputs: options.siteFolder.map { [$0] } ?? [], content: options.contentFolder,
                                    sources: options.siteFolder.map { site in siteSourceFolders.map { site.appendingPathComponent($0) } } ?? [])
        } catch {
            problems += error.diagnostics
        }
        // One cache per output folder and publishing rules; none at all when there is no previous
        // site to update, so that a first build is a clean build.
        var cacheKey = Fingerprint()
        cacheKey.add(writer?.output.path ?? "")
        cacheKey.add(options.rules.includeDrafts)
        cacheKey.add(options.rules.includeFuture)
        let cacheURL = options.cacheFolder.appendingPathComponent(String(cacheKey.value, radix: 16) + ".cache")
        var parseKey = configFingerprint
        parseKey.add(BuildCache.programIdentity)
        let hasPreviousSite = writer.map { FileManager.default.fileExists(atPath: $0.output.appendingPathComponent(SiteWriter.manifestName).path) } ?? false
        // The cache is decoded while the content folder is walked.
        let cacheKeyValue = parseKey.value
        let loading = BackgroundWork { hasPreviousSite ? BuildCache.load(from: cacheURL, parseKey: cacheKeyValue) : nil }
        let contentDisplay = options.siteFolder == nil ? options.contentFolder.path : join(prefix, options.contentFolder.lastPathComponent)
        let files = ContentLoader.markdownFiles(in: options.contentFolder, display: contentDisplay,
                                                boundary: .forContent(options.contentFolder, site: options.siteFolder))
        let stored = loading.value
        let previous = options.clean ? nil : stored
        // Even a clean build may skip rewriting files it knows to be the same.
        writer?.previousOutputs = stored?.outputs ?? [:]
        writer?.previousManifest = stored?.manifest
        clock.lap("walk+cache load")

        let reading = BulletinReading(siteLanguage: config.language, timeZone: config.timeZone)
        let loaded = ContentLoader.load(folder: options.contentFolder, tree: files, displayPrefix: contentDisplay, reading: reading,
                                        sizeLimit: config.fileSizeLimit, previous: previous?.bulletins ?? [:])
        problems += loaded.problems
        let cacheEntries = loaded.cacheEntries
        let cacheHead = BackgroundWork { BuildCache.encodeHead(parseKey: cacheKeyValue, bulletins: cacheEntries) }
        clock.lap("load+parse")

        var site: Site?
        switch SitePlanner.plan(loaded.bulletins, config: config, rules: options.rules, knownRelated: previous?.related) {
        case .success(let planned): site = planned
        case .failure(let failure): problems += failure.diagnostics
        }
        if let site, let theme { problems += staticFilesReplacingPages(site, theme, options) }
        guard problems.isEmpty, let site, let theme, let writer else {
            writer?.abandon()
            throw Diagnostics(problems)
        }
        clock.lap("plan")

        var global = parseKey
        global.add(theme.fingerprint)
        let fingerprints = site.pageFingerprints(global: global)
        let outputRoot = writer.output.path + "/"
        let toRender = zip(site.pages.indices, Array(site.pages.indices).parallelMap { index in
            let path = site.pages[index].permalink.outputPath
            guard let old = previous?.pages[PathKey(path)], old == fingerprints[index] else { return true }
            return access(outputRoot + path, F_OK) != 0
        }).filter(\.1).map(\.0)
        clock.lap("fingerprint")

        let renderProblems = render(site, pages: toRender, theme: theme, into: writer, progress: options.progress)
        guard renderProblems.isEmpty else {
            writer.abandon()
            throw Diagnostics(renderProblems)
        }
        clock.lap("render+write")
        let allPaths = Set((site.pages.map(\.permalink.outputPath) + theme.staticFiles.map(\.outputPath)).map { PathKey($0) })
        let changes = try writer.commit(allPaths: allPaths)
        clock.lap("publish")

        var cache = BuildCache(parseKey: parseKey.value)
        cache.bulletins = loaded.cacheEntries
        for (page, fingerprint) in zip(site.pages, fingerprints) { cache.pages[PathKey(page.permalink.outputPath)] = fingerprint }
        cache.outputs = writer.outputs
        cache.manifest = writer.manifestRecord
        cache.related = SitePlanner.KnownRelated(key: site.relatedKey, related: site.related)
        // A build that cannot save its cache is still a good build; the next one is just slower.
        try? cache.save(to: cacheURL, head: cacheHead.value)
        clock.lap("cache")
        clock.report()
        if options.keepMemoryUntilExit { KeptUntilExit.keep([stored as Any, loaded, site, cache, fingerprints, allPaths, writer]) }

        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildReport(bulletins: site.bulletins.count, sourceFiles: loaded.bulletins.count, bulletinsReused: loaded.reused, pages: site.pages.count,
                           pagesRendered: toRender.count, filesWritten: changes.written, filesUnchanged: changes.unchanged,
                           filesDeleted: changes.deleted, tags: site.tags.terms.count, locations: site.locations.terms.count,
                           seconds: seconds)
    }

    /// Renders the given pages and writes them at once, on all cores; bodies are read, rendered
    /// and dropped one page at a time (those that feeds also carry are kept for them). Static
    /// files are staged too: publishing skips those whose bytes did not change.
    static func render(_ site: Site, pages: [Int], theme: Theme, into writer: SiteWriter,
                       progress: (@Sendable (BuildProgress) -> Void)?) -> [Diagnostic] {
        var needed = [Bool](repeating: false, count: site.bulletins.count)
        var inFeeds = Set<Int>()
        for index in pages {
            let page = site.pages[index]
            switch page.kind {
            case .bulletin(let bulletin): needed[bulletin] = true
            case .feed(let scope, _): inFeeds.formUnion(site.feedItems(scope))
            default: for item in site.listedBulletins(on: page) { needed[item] = true }
            }
        }
        let contexts = PageContexts(site: site, theme: theme, needed: needed)
        let bodies = BodyCache(site: site, keep: inFeeds)
        let feedWriter = FeedWriter(site: site, body: { bodies.html(of: $0) }, strings: theme.strings)
        let sitemaps = SitemapWriter(site: site)
        let counter = ProgressCounter(total: pages.count, report: progress)
        let pageProblems = pages.parallelMap { index -> [Diagnostic] in
            defer { counter.advance() }
            let page = site.pages[index]
            let text: String
            switch page.kind {
            case .feed(let scope, let format):
                text = feedWriter.write(scope, format, at: page.permalink)
            case .sitemap(let part): text = sitemaps.sitemap(part: part)
            case .sitemapIndex(let parts): text = sitemaps.index(parts: parts)
            case .newsSitemap: text = sitemaps.news()
            case .robots: text = sitemaps.robots()
            default:
                var content: String?
                if case .bulletin(let bulletin) = page.kind {
                    switch bodies.result(of: bulletin) {
                    case .success(let html): content = html
                    case .failure(let problem): return [problem]
                    }
                }
                let template = Self.template(for: page.kind)
                guard let html = theme.render(contexts.context(for: page, content: content), template: template) else {
                    return [Diagnostic("the theme has no template '\(template)'", at: nil)]
                }
                text = html
            }
            do throws(Diagnostics) {
                try writer.write(text.utf8, to: page.permalink.outputPath)
                return []
            } catch {
                return error.diagnostics
            }
        }
        var problems = pageProblems.flatMap { $0 } + bodies.problems
        for file in theme.staticFiles {
            do throws(Diagnostics) {
                switch file.contents {
                case .bytes(let data): try writer.write(data, to: file.outputPath)
                case .file(let path):
                    switch InputFile.read(path, display: path, limit: nil) {
                    case .success(let bytes): try writer.write(bytes, to: file.outputPath)
                    case .failure(let problem): problems.append(problem)
                    }
                }
            } catch {
                problems += error.diagnostics
            }
        }
        return problems
    }

    static func template(for kind: Page.Kind) -> String {
        switch kind {
        case .bulletin: "bulletin"
        case .home: "home"
        case .terms: "terms"
        case .term: "term"
        case .archiveYears, .archiveYear, .archiveMonth: "archive"
        default: "404"
        }
    }

    private static func join(_ prefix: String, _ path: String) -> String {
        prefix.isEmpty || prefix == "." ? path : prefix + "/" + path
    }
}

/// Bulletin bodies rendered to HTML. A body is rendered when its page is, and kept only if a feed
/// being written carries it too, so memory stays bounded by the feeds, not by the archive.
private final class BodyCache: @unchecked Sendable {
    private let site: Site
    private let keep: Set<Int>
    private let lock = NSLock()
    private var kept: [Int: String] = [:]
    private(set) var problems: [Diagnostic] = []

    init(site: Site, keep: Set<Int>) {
        self.site = site
        self.keep = keep
    }

    func result(of index: Int) -> Result<String, Diagnostic> {
        if let html = lock.withLock({ kept[index] }) { return .success(html) }
        switch ContentLoader.body(of: site.bulletins[index].source) {
        case .success(let markdown):
            let html = Markdown.html(markdown, unsafeHTML: site.config.unsafeHTML,
                                     keepingLatinRuns: site.bulletins[index].direction == .rtl)
            if keep.contains(index) { lock.withLock { kept[index] = html } }
            return .success(html)
        case .failure(let problem):
            return .failure(problem)
        }
    }

    /// For feeds: a body that cannot be read is reported once, and the feed gets its summary.
    func html(of index: Int) -> String {
        switch result(of: index) {
        case .success(let html): return html
        case .failure(let problem):
            lock.withLock { if !problems.contains(problem) { problems.append(problem) } }
            return site.bulletins[index].summary
        }
    }
}

/// Counts rendered pages across threads and reports every few hundred.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (BuildProgress) -> Void)?

    init(total: Int, report: (@Sendable (BuildProgress) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance() {
        guard let report else { return }
        let now = lock.withLock { () -> Int in
            done += 1
            return done
        }
        if now % 250 == 0 || now == total { report(BuildProgress(stage: "rendering", done: now, total: total)) }
    }
}

/// Stage durations, printed to stderr when NASHRA_TIMINGS is set: where a build spends its time.
struct StageClock {
    private var last = DispatchTime.now()
    private var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6))
        last = now
    }

    func report() {
        guard ProcessInfo.processInfo.environment["NASHRA_TIMINGS"] != nil else { return }
        let line = laps.map { String(format: "%@ %.1f ms", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
    }
}

/// Values deliberately never freed (see `BuildOptions.keepMemoryUntilExit`).
private enum KeptUntilExit {
    nonisolated(unsafe) static var values: [Any] = []
    static let lock = NSLock()
    static func keep(_ more: [Any]) { lock.withLock { values += more } }
}
