import Foundation
import NashraCore

/// Runs the stages in order: config → theme → output folder → content (with the previous build's
/// cache) → plan → render and write → publish → cache. Every stage's errors are collected before
/// the build gives up, so one run reports them all; the previous site is left as it was.
public enum Builder {
    /// `memory`, kept by the caller from one build to the next (`nashra serve`), stands in for
    /// reading the cache file, lets a body edit patch the previous plan instead of planning again,
    /// and has the cache file written after the build returns.
    public static func build(_ options: BuildOptions, memory: BuildMemory? = nil) throws(Diagnostics) -> BuildReport {
        var run = BuildRun()
        memory?.noteBuildStart(contentFolder: options.contentFolder)
        let config = run.stage("config", loadConfig(options)) ?? LoadedConfig()
        if usesStandardGazetteer(options, config: config.settings) { Gazetteer.prepareStandard() }
        let theme = run.stage("theme", memory?.rememberedTheme(config: config.fingerprint.value, contentFolder: options.contentFolder).map { .success($0) }
            ?? loadTheme(config.settings, options, checked: options.clean ? nil
                            : CheckedThemes(folder: options.cacheFolder.appendingPathComponent("themes"), program: BuildCache.programIdentity)))
        memory?.rememberTheme(theme, config: config.fingerprint.value)
        if let missing = missingContentFolder(options) { throw Diagnostics(run.problems + [missing]) }
        let writer = run.stage("output", openOutput(options))
        // In `nashra serve`, the files a watcher saw change stand in for walking the content folder.
        var (state, (tree, restamped)) = run.lap("walk+cache load", startIncremental(options, config: config, writer: writer, remembered: memory?.cache) {
            PartClock.measure("patch tree") { memory?.patchedTree(contentFolder: options.contentFolder) }.map { ($0.tree, Optional($0.restamped)) }
                ?? (PartClock.measure("walk") { walkContent(options) }, nil)
        })
        let patchedContent = restamped.flatMap { restamped in
            state.previous == nil ? nil : PartClock.measure("patch content") { memory?.patchedContent(tree: tree, restamped: restamped, parseKey: state.parseKey) {
                loadContent(options, config: config.settings, tree: $0, previous: [:])
            } }
        }
        let content = run.lap(patchedContent == nil ? "load+parse" : "load+parse (patched)", patchedContent
            ?? loadContent(options, config: config.settings, tree: tree, previous: state.handOverBulletins()))
        PartClock.measure("remember content") { memory?.rememberContent(tree: tree, loaded: content, parseKey: state.parseKey, treePatched: restamped != nil,
                                contentPatched: patchedContent != nil, restamped: restamped ?? []) }
        run.problems += content.problems
        // With a memory the cache file is written after the build, in the background, and its
        // bulletin records are encoded there too, off the path to the reload.
        if memory == nil { state.beginSaving(content.cacheEntries) }
        let data = run.stage("data", loadData(options, config: config.settings)) ?? .none
        // The bulletin files that changed since the previous build, when they changed only in
        // their bodies: the plan may then be patched (with `memory`) and the fingerprints are.
        // Only the files read again are compared: those the loader read, or with a memory whose
        // content was only patched since the cache, those the memory read.
        let edits = PartClock.measure("edits") {
            // Only the files read this time can differ from the cache's entries.
            run.problems.isEmpty ? patchedContent == nil ? state.bodyEdits(content)
                : state.bodyEdits(content.cacheEntries, changed: memory?.changedSinceKeptCache) : nil
        }
        let planInputs = theme.map { BuildMemory.planInputs(parseKey: state.parseKey, rules: options.rules, theme: $0, data: data,
                                                             pages: content.pages, sectionIndexes: content.sectionIndexes) }
        let patched = PartClock.measure("patch plan") { planInputs.flatMap { memory?.patchedSites(content: content, edited: edits, planInputs: $0,
                                                                 now: Int64(options.rules.now.timeIntervalSince1970)) } }
        // Without a plan in memory, the decisions the previous build's plan made, from the cache,
        // when only bodies changed since and the plan's inputs are the same: the planner takes
        // them if they still fit (nothing published or withdrawn by the clock since).
        let storedDecisions = patched != nil || edits == nil ? nil : PartClock.measure("stored plan") {
            planInputs.flatMap { inputs in state.previous?.plan.flatMap { $0.inputs == inputs ? $0.decisions() : nil } }
        }
        // One `Site` per edition (one for a single-language site), the default edition first.
        let planResult = patched.map { Result<[Site], Diagnostics>.success($0) }
            ?? planEditions(content, options, config: config.settings, data: data, knownRelated: state.previous?.related, theme: theme,
                            known: storedDecisions)
        let decisionsKept = patched == nil && ((try? planResult.get())?.allSatisfy(\.decisionsKept) ?? false)
        var sites = run.stage(patched != nil ? "plan (patched)" : decisionsKept ? "plan (stored)" : "plan", planResult)
        let plannedSites = sites
        var photos = PhotoDesk.Developed()
        var developedPhotos: (editions: [[Photo?]], developed: PhotoDesk.Developed)?
        // A patched plan after edits of Markdown files only shows the photos the previous build developed.
        let keptPhotos = patched == nil ? nil : memory?.keptPhotos()
        if let planned = sites, run.problems.isEmpty {
            let developed = run.lap("photos", keptPhotos.map { (photos: $0.editions, developed: $0.developed) }
                ?? developPhotos(planned, options, config: config.settings))
            developedPhotos = (developed.photos, developed.developed)
            for edition in planned.indices { sites?[edition].photos = developed.photos[edition] }
            photos = developed.developed
            run.problems += photos.problems
        }
        guard run.problems.isEmpty, let sites, !sites.isEmpty, let theme = theme?.withoutStaticFiles(from: photos.sources), let writer else {
            writer?.abandon()
            throw Diagnostics(run.problems + content.warnings + (sites ?? []).flatMap(\.warnings) + photos.warnings)
        }
        let themes = sites.map { editionTheme(theme, for: $0) }
        // With a patched plan, the memory knows where the edited bulletins stand and which pages show them.
        let knownPlans = sites.indices.map { edition in
            patched == nil ? nil : edits.flatMap { memory?.knownPlan(edition: edition, of: sites, edited: $0, keepKey: keptPhotos != nil) }
        }
        let planned = run.lap("fingerprint", sites.indices.map {
            state.pagesToRender(sites[$0], edition: $0, theme: themes[$0], outputRoot: writer.output.path, edits: edits, known: knownPlans[$0])
        })
        // A big build's stages each free much of what they made (the parser's trees, the rendered
        // lists): handed back before the next stage, so that the peak is one stage's, not their sum.
        // A small rebuild (a preview's) frees little and should not wait for the walk of the heap.
        let bigBuild = planned.reduce(0) { $0 + $1.pages.count } >= 5_000
        if bigBuild { FreedMemory.release() }
        // A clean build's search terms are gathered as the bodies are rendered (each parsed once).
        let collectors = sites.map { site in options.searchDuringRender && state.previous == nil && site.config.searchEnabled ? SearchCollector(site: site, state: state) : nil }
        for (edition, site) in sites.enumerated() {
            let problems = PageRenderer.render(site, pages: planned[edition].pages, theme: themes[edition], into: writer,
                                               progress: options.progress, search: collectors[edition])
            if !problems.isEmpty { for collector in collectors { collector?.discard() } }
            try run.check("render+write", problems, orAbandon: writer)
        }
        if bigBuild { FreedMemory.release() }
        // Each edition's own search index, of its own bulletins, under its prefix. (Made beside
        // rendering on a thread of its own, it only slowed rendering by as much: rendering keeps
        // every core busy.)
        let rememberedSearches = patched == nil ? [] : memory?.searches ?? []
        let searches = sites.indices.map { edition in
            writeSearchIndex(sites[edition], state: state, writer: writer, remembered: edition < rememberedSearches.count ? rememberedSearches[edition] : nil,
                             edited: knownPlans[edition]?.published, collected: collectors[edition],
                             bodyEdited: planned[edition].patched ? planned[edition].edited : nil)
        }
        try run.check("search", searches.flatMap(\.problems), orAbandon: writer)
        // The index's tables are gone too; the cache is encoded next.
        if bigBuild { FreedMemory.release() }
        try run.check("place photos", placeFiles(photos.files, into: writer, cacheFolder: options.cacheFolder), orAbandon: writer)
        // With a patched plan the pages are the previous build's, at the same paths: the set of
        // every output path is the previous one if the files beside the pages are the same too.
        let otherPaths = theme.staticFiles.map(\.outputPath) + searches.flatMap(\.paths) + photos.files.map(\.outputPath)
        let rememberedPaths = patched != nil ? memory?.rememberedOutputPaths(others: otherPaths) : nil
        func makeAllPaths() -> Set<PathKey> {
            rememberedPaths?.paths ?? sites.reduce(into: Set<PathKey>()) { $0.formUnion(allPaths(of: $1, theme: theme)) }
                .union(searches.flatMap(\.paths).map { PathKey($0) }).union(photos.files.map { PathKey($0.outputPath) })
        }
        // Without a memory, the previous build's set when every edition's fingerprints were
        // patched (the same pages) and the other files are the same: publishing then never makes it.
        let knownPathsHash = rememberedPaths?.hash ?? (memory == nil ? state.unchangedPathsHash(others: otherPaths, fingerprinted: planned) : nil)
        let allOutputPaths = memory == nil ? nil : PartClock.measure("all paths") { makeAllPaths() }
        if let memory {
            // Until this build's cache is kept, nothing may trust the previous one's.
            _ = memory.saving?.value
            state.forgetFile()
            memory.forget()
        }
        let changes = try run.lap("publish", writer.commit(allPaths: allOutputPaths ?? makeAllPaths(), pathsHash: knownPathsHash))
        PartClock.measure("search state") { for search in searches { search.saveState?() } }
        // The plan's decisions for the next build: the previous build's when this plan was made
        // with them or patched from them (the same bytes, so a small save stays small).
        let planRecord = PartClock.measure("plan record") { planInputs.map { inputs in
            (patched != nil || decisionsKept ? state.previous?.plan.flatMap { $0.inputs == inputs ? $0 : nil } : nil)
                ?? StoredPlan(sites: plannedSites ?? sites, inputs: inputs)
        } }
        let cache = run.lap("cache", PartClock.measure("cache save") { state.save(bulletins: content.cacheEntries, sites: sites, fingerprinted: planned, writer: writer,
                                                otherPaths: otherPaths, plan: planRecord, write: memory == nil) })
        if let memory, let plannedSites, let planInputs, let developedPhotos {
            // The file is written while the preview announces the new build; the next build
            // waits for it before writing its own.
            let earlier = memory.saving
            memory.saving = BackgroundWork { [state] in
                _ = earlier?.value
                state.write(cache)
                return true
            }
            PartClock.measure("remember") {
                memory.remember(cache: cache, sites: plannedSites, planInputs: planInputs, patched: patched != nil,
                                planKeys: planned.map { ($0.global, $0.planKey) }, photos: developedPhotos, searches: searches.map(\.kept))
            }
            let paths = allOutputPaths ?? makeAllPaths()
            memory.rememberOutputPaths(paths, hash: rememberedPaths?.hash ?? ManifestRecord.hash(paths), others: otherPaths)
        }
        run.clock.report()
        if options.keepMemoryUntilExit { KeptUntilExit.keep([state as Any, content, sites, cache, planned, writer]) }
        var report = BuildReport(sites: sites, content: content, pagesRendered: planned.reduce(0) { $0 + $1.pages.count },
                                 changes: changes, seconds: run.seconds)
        report.imagesProcessed = photos.processed
        report.warnings = Diagnostics(report.warnings + photos.warnings).diagnostics
        report.planPatched = patched != nil
        report.planFromCache = decisionsKept
        report.fingerprintsPatched = planned.allSatisfy(\.patched)
        report.contentPatched = patchedContent != nil
        report.photosKept = keptPhotos != nil
        report.searchFromMemory = searches.allSatisfy(\.fromMemory)
        report.searchFromRender = searches.allSatisfy(\.fromRender)
        report.searchFromKeptPlan = !searches.isEmpty && searches.allSatisfy(\.fromKeptPlan)
        report.outputPathsKnown = knownPathsHash != nil
        return report
    }

    /// The stages a build shares with `nashra check`, without the output folder and the cache:
    /// config → theme → walk → load and parse (every file read afresh, so every warning is found) →
    /// plan. Writes nothing; every problem of those stages is in the result.
    static func plan(_ options: BuildOptions) -> PlannedSite {
        var run = BuildRun()
        let config = run.stage("config", loadConfig(options)) ?? LoadedConfig()
        let theme = run.stage("theme", loadTheme(config.settings, options))
        if let missing = missingContentFolder(options) {
            return PlannedSite(config: config.settings, theme: theme, problems: run.problems + [missing])
        }
        let tree = run.lap("walk", walkContent(options))
        let content = run.lap("load+parse", loadContent(options, config: config.settings, tree: tree, previous: [:]))
        run.problems += content.problems
        let data = run.stage("data", loadData(options, config: config.settings)) ?? .none
        let sites = run.stage("plan", planEditions(content, options, config: config.settings, data: data, knownRelated: nil, theme: theme))
        for site in sites ?? [] { run.problems += run.lap("photos", locatePhotos(site, options, config: config.settings)) }
        run.clock.report()
        return PlannedSite(config: config.settings, theme: theme, content: content, data: data, site: sites?.first, editions: sites ?? [],
                           problems: run.problems)
    }

    // MARK: Stages

    /// `nashra.yaml` as settings, and its bytes' fingerprint (parsing and every page depend on it).
    struct LoadedConfig {
        var settings = SiteConfig()
        var fingerprint = Fingerprint()
    }

    static func loadConfig(_ options: BuildOptions) -> Result<LoadedConfig, Diagnostics> {
        guard let site = options.siteFolder else { return .success(LoadedConfig()) }
        return SiteConfig.load(site: site, display: join(options.displayPrefix, "nashra.yaml")).map { loaded in
            var config = LoadedConfig()
            if let loaded {
                config.settings = loaded.config
                loaded.bytes.withUnsafeBytes { config.fingerprint.add(bytes: $0) }
            }
            return config
        }
    }

    /// `checked`: the themes this program checked before (a build's cache folder; `nashra check`, which writes nothing, has none).
    static func loadTheme(_ config: SiteConfig, _ options: BuildOptions, checked: CheckedThemes? = nil) -> Result<Theme, Diagnostics> {
        Theme.load(name: config.theme, site: options.siteFolder, sitePrefix: options.displayPrefix, fileSizeLimit: config.fileSizeLimit,
                   checked: checked)
            .map { options.referenceRenderer ? $0.withoutCompiledTemplates() : $0 }
    }

    /// The output folder, checked, with a fresh staging folder beside it (and the publishing of a
    /// build that was killed half-way finished first). A refused folder is one more error: the
    /// others of the run are still reported.
    static func openOutput(_ options: BuildOptions) -> Result<SiteWriter, Diagnostics> {
        let sources = options.siteFolder.map { site in siteSourceFolders.map { site.appendingPathComponent($0) } } ?? []
        do throws(Diagnostics) {
            let writer = try SiteWriter(output: options.outputFolder, inputs: options.siteFolder.map { [$0] } ?? [],
                                        content: options.contentFolder, sources: sources)
            writer.flushesJournal = options.flushesPublishJournal
            return .success(writer)
        } catch {
            return .failure(error)
        }
    }

    static func missingContentFolder(_ options: BuildOptions) -> Diagnostic? {
        FileManager.default.fileExists(atPath: options.contentFolder.path)
            ? nil : Diagnostic("no content folder at \(options.contentFolder.path)", at: nil)
    }

    /// Every Markdown file of the content folder, and the links and special files refused on the way.
    static func walkContent(_ options: BuildOptions) -> InputTree {
        ContentLoader.markdownFiles(in: options.contentFolder, display: contentDisplay(options),
                                    boundary: .forContent(options.contentFolder, site: options.siteFolder))
    }

    /// Walks the content folder while the previous build's cache is read.
    static func startIncremental<Walked>(_ options: BuildOptions, config: LoadedConfig, writer: SiteWriter?,
                                         remembered: BuildCache? = nil, walk: () -> Walked) -> (IncrementalState, Walked) {
        let hasPreviousSite = writer.map { FileManager.default.fileExists(atPath: $0.output.appendingPathComponent(SiteWriter.manifestName).path) } ?? false
        var (state, tree) = IncrementalState.load(
            cacheFolder: options.cacheFolder, output: writer?.output.path ?? "", rules: options.rules, config: config.fingerprint,
            hasPreviousSite: hasPreviousSite, clean: options.clean, remembered: remembered,
            contentFolder: ContentLoader.sourceFolder(options.contentFolder, display: contentDisplay(options)), while: walk
        )
        writer?.previousOutputs = state.handOverOutputs()
        writer?.previousManifest = state.stored?.manifest
        return (state, tree)
    }

    /// Reads and parses the bulletins; those unchanged since `previous` (the cache's) are taken from it.
    static func loadContent(_ options: BuildOptions, config: SiteConfig, tree: InputTree,
                            previous: consuming [PathKey: ParsedBulletin]) -> ContentLoader.Loaded {
        let reading = BulletinReading(siteLanguage: config.language, timeZone: config.timeZone,
                                      editionFolders: Set(config.editions.dropFirst().map(\.code)))
        return ContentLoader.load(folder: options.contentFolder, tree: tree, displayPrefix: contentDisplay(options), reading: reading,
                                  sizeLimit: config.fileSizeLimit, previous: consume previous)
    }

    /// Whether `loadData` will read the gazetteer compiled in (see `SiteData.load`): nashra.yaml
    /// says so, or says nothing and the content has a `places.yaml`.
    static func usesStandardGazetteer(_ options: BuildOptions, config: SiteConfig) -> Bool {
        config.gazetteer ?? FileManager.default.fileExists(atPath: options.contentFolder.appendingPathComponent("_data/places.yaml").path)
    }

    /// `content/_data/`: the gazetteer with the site's places, and tag aliases.
    static func loadData(_ options: BuildOptions, config: SiteConfig) -> Result<SiteData, Diagnostics> {
        SiteData.load(content: options.contentFolder, display: contentDisplay(options), gazetteer: config.gazetteer,
                      sizeLimit: config.fileSizeLimit, boundary: .forContent(options.contentFolder, site: options.siteFolder))
    }

    /// The site, and the static files that would replace one of its pages (an error each).
    static func plan(_ content: ContentLoader.Loaded, _ options: BuildOptions, config: SiteConfig, data: SiteData,
                     knownRelated: SitePlanner.KnownRelated?, theme: Theme?, known: PlanDecisions? = nil) -> Result<Site, Diagnostics> {
        SitePlanner.plan(content.bulletins, pages: content.pages, sectionIndexes: content.sectionIndexes, config: config,
                         rules: options.rules, data: data, knownRelated: knownRelated, known: known).flatMap { site in
            // A plan made with kept decisions has the pages of one whose theme (the same) replaced none.
            let clashes = site.decisionsKept ? [] : theme.map { staticFilesReplacingPages(site, $0, options) } ?? []
            return clashes.isEmpty ? .success(site) : .failure(Diagnostics(clashes))
        }
    }

    /// The site's editions, each planned as a site of its own under its prefix with its own
    /// settings, then linked to each other (`SiteEditions`); a single-language site is one.
    /// `known`: each edition's decisions from the build cache (`StoredPlan`), taken where they fit.
    static func planEditions(_ content: ContentLoader.Loaded, _ options: BuildOptions, config: SiteConfig, data: SiteData,
                             knownRelated: SitePlanner.KnownRelated?, theme: Theme?, known: [PlanDecisions]? = nil) -> Result<[Site], Diagnostics> {
        let known = known.flatMap { $0.count == max(1, config.editions.count) ? $0 : nil }
        guard !config.editions.isEmpty else {
            return plan(content, options, config: config, data: data, knownRelated: knownRelated, theme: theme, known: known?.first).map { [$0] }
        }
        let split = SiteEditions.split(content.bulletins, pages: content.pages, sectionIndexes: content.sectionIndexes, config: config)
        var problems = split.problems
        var sites: [Site] = []
        for (index, edition) in config.editions.enumerated() {
            let planned = SitePlanner.plan(split.bulletins[index], pages: split.pages[index], sectionIndexes: split.sectionIndexes[index],
                                           config: config.forEdition(edition), rules: options.rules, data: data,
                                           knownRelated: index == 0 ? knownRelated : nil, known: known?[index])
            switch planned {
            case .success(let site):
                if !site.decisionsKept { problems += theme.map { staticFilesReplacingPages(site, $0, options) } ?? [] }
                sites.append(site)
            case .failure(let failure): problems += failure.diagnostics
            }
        }
        // A page of one edition at another's URL (an exact `url:`, a prefix like a section's slug).
        // (None when every edition took the decisions of a plan that had none.)
        var owners: [PathKey: String] = [:]
        let allKept = sites.allSatisfy(\.decisionsKept)
        for site in sites where !allKept {
            for page in site.pages {
                let key = PathKey(page.permalink.outputPath)
                if let other = owners[key], other != site.config.language {
                    problems.append(Diagnostic("the \(other) and \(site.config.language) editions would both write \(page.permalink.path); give one of them a different slug, url or prefix",
                                               at: nil))
                }
                owners[key] = site.config.language
            }
        }
        return problems.isEmpty ? .success(SiteEditions.link(sites)) : .failure(Diagnostics(problems))
    }

    /// The theme an edition renders with: its strings in the edition's language.
    static func editionTheme(_ theme: Theme, for site: Site) -> Theme {
        guard let edition = site.config.edition else { return theme }
        return theme.forEdition(language: edition.code, isDefault: edition.isDefault)
    }

    /// Every file of the new site, rendered this time or not: what the manifest lists.
    static func allPaths(of site: Site, theme: Theme) -> Set<PathKey> {
        Set((site.pages.map(\.permalink.outputPath) + theme.staticFiles.map(\.outputPath)).map { PathKey($0) })
    }

    static func contentDisplay(_ options: BuildOptions) -> String {
        options.siteFolder == nil ? options.contentFolder.path : join(options.displayPrefix, options.contentFolder.lastPathComponent)
    }

    static func join(_ prefix: String, _ path: String) -> String {
        prefix.isEmpty || prefix == "." ? path : prefix + "/" + path
    }
}

/// One build's collected problems and stage times.
struct BuildRun {
    var problems: [Diagnostic] = []
    var clock = StageClock()
    private let start = DispatchTime.now()

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    /// A stage's value, or nil with its problems kept for the end of the run.
    mutating func stage<Value>(_ name: String, _ result: Result<Value, Diagnostics>) -> Value? {
        clock.lap(name)
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            problems += failure.diagnostics
            return nil
        }
    }

    /// A stage that cannot fail (or throws by itself).
    mutating func lap<Value>(_ name: String, _ value: Value) -> Value {
        clock.lap(name)
        return value
    }

    /// A late stage: its problems end the build at once, leaving the output as it was.
    mutating func check(_ name: String, _ stageProblems: [Diagnostic], orAbandon writer: SiteWriter) throws(Diagnostics) {
        clock.lap(name)
        guard stageProblems.isEmpty else {
            writer.abandon()
            throw Diagnostics(stageProblems)
        }
    }
}

extension BuildReport {
    init(sites: [Site], content: ContentLoader.Loaded, pagesRendered: Int, changes: SiteWriter.Changes, seconds: Double) {
        self.init(bulletins: sites.reduce(0) { $0 + $1.bulletins.count }, sourceFiles: content.bulletins.count, bulletinsReused: content.reused,
                  pages: sites.reduce(0) { $0 + $1.pages.count }, pagesRendered: pagesRendered, filesWritten: changes.written,
                  filesUnchanged: changes.unchanged, filesDeleted: changes.deleted, tags: sites.reduce(0) { $0 + $1.tags.terms.count },
                  locations: sites.reduce(0) { $0 + $1.locations.terms.count }, seconds: seconds,
                  warnings: Diagnostics(content.warnings + sites.flatMap(\.warnings)).diagnostics)
    }
}

/// Values deliberately never freed (see `BuildOptions.keepMemoryUntilExit`).
private enum KeptUntilExit {
    nonisolated(unsafe) static var values: [Any] = []
    static let lock = NSLock()
    static func keep(_ more: [Any]) { lock.withLock { values += more } }
}
