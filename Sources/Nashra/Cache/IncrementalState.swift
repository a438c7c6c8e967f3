import Foundation
import NashraCore

/// The one place the build cache goes in and out of a build: what the previous build of the same
/// output left (read while the content folder is walked), which pages must be rendered again, and
/// what this build leaves for the next one.
struct IncrementalState {
    /// One cache file per output folder and publishing rules.
    let url: URL
    /// What parsing depends on (the Nashra binary and `nashra.yaml`): parsed bulletins are reused
    /// only under the same key, and every page's fingerprint starts from it.
    let parsing: Fingerprint
    var parseKey: UInt64 { parsing.value }
    /// The previous build's cache as read, or nil (none, unreadable, or no previous site).
    private(set) var stored: BuildCache?
    /// What this build may reuse of it: nothing for a clean build. Even a clean build may skip
    /// rewriting files it knows to be the same, from `stored`.
    private(set) var previous: BuildCache?
    /// This build's bulletin records, encoded in the background while the site is planned, and
    /// parked in a file until the cache is saved.
    private var head: BackgroundWork<CacheHead>?

    /// Reads the previous cache on another thread while `work` runs (the content walk), and
    /// returns both. With no previous site there is nothing to update, so a first build is clean.
    /// A cache `remembered` in memory from the previous build in this process is taken instead of
    /// the file.
    static func load<Walked>(cacheFolder: URL, output: String, rules: PublishingRules, config: Fingerprint,
                             hasPreviousSite: Bool, clean: Bool, remembered: BuildCache? = nil,
                             contentFolder: SourceFile.Folder = SourceFile.Folder(display: "", absolute: ""),
                             while work: () -> Walked) -> (IncrementalState, Walked) {
        var cacheKey = Fingerprint()
        cacheKey.add(output)
        cacheKey.add(rules.includeDrafts)
        cacheKey.add(rules.includeFuture)
        let url = cacheFolder.appendingPathComponent(String(cacheKey.value, radix: 16) + ".cache")
        var parsing = config
        parsing.add(BuildCache.programIdentity)
        let key = parsing.value
        if let remembered {
            let stored = hasPreviousSite ? remembered.forParseKey(key) : nil
            return (IncrementalState(url: url, parsing: parsing, stored: stored, previous: clean ? nil : stored), work())
        }
        let loading = BackgroundWork { hasPreviousSite ? BuildCache.load(from: url, parseKey: key, folder: contentFolder) : nil }
        let walked = work()
        let stored = loading.value
        return (IncrementalState(url: url, parsing: parsing, stored: stored, previous: clean ? nil : stored), walked)
    }

    /// The previous build's output stamps, handed over to the site writer, which updates them in
    /// place: this state lets go of them, so that publishing does not copy a stamp per file.
    mutating func handOverOutputs() -> PathMap<OutputStamp> {
        let outputs = stored?.outputs ?? [:]
        stored?.outputs = [:]
        previous?.outputs = [:]
        return outputs
    }

    /// The previous build's parsed bulletins, handed over to the loader, which starts this
    /// build's entries from them: this state lets go of them, so that the loader replaces the
    /// entries of the files it reads without copying the others. What it replaced comes back
    /// with the content, for `bodyEdits(_:)`. None for a clean build.
    mutating func handOverBulletins() -> [PathKey: ParsedBulletin] {
        guard previous != nil else { return [:] }
        let bulletins = previous?.bulletins ?? [:]
        previous?.bulletins = [:]
        stored?.bulletins = [:]
        return bulletins
    }

    /// Starts encoding the bulletins' records for the next build, while later stages run.
    mutating func beginSaving(_ bulletins: [PathKey: ParsedBulletin]) {
        let url = url, log = stored?.log
        head = BackgroundWork {
            CacheHead.removeAbandoned(besides: url)
            return CacheHead(BuildCache.writeRecords(bulletins, previous: log, besides: url))
        }
    }

    /// What `pagesToRender` decided for one edition: every page's fingerprint, the pages to
    /// render, and the key of the plan they were fingerprinted for (saved with them).
    struct Fingerprinted {
        var fingerprints: [UInt64]
        var pages: [Int]
        var planKey: UInt64
        /// Whether the previous build's fingerprints were patched rather than all made again.
        var patched = false
        /// The global fingerprint the plan key was made with (see `KnownPlan`).
        var global: UInt64 = 0
        /// With `patched`, where the bulletins edited in their bodies stand in the site.
        var edited: Set<Int>? = nil
    }

    /// What a patched plan's memory knows for `pagesToRender` (`BuildMemory.knownPlan`): where
    /// the edited bulletins stand, the pages showing their bodies (as `pagesShowingFiles` would
    /// find them), and the previous build's plan key with the global fingerprint it was made
    /// with, if the plan and its photos are the previous build's.
    struct KnownPlan {
        var published: Set<Int>
        var affected: [Int]
        var planKey: (global: UInt64, key: UInt64)?
    }

    /// What every page's fingerprint starts from: Nashra, the settings, the theme, the taxonomies
    /// with pages and `content/_data/`.
    func globalFingerprint(_ site: Site, theme: Theme) -> Fingerprint {
        var global = parsing
        global.add(theme.fingerprint)
        // Every page's menu links to the taxonomies that have pages.
        for kind in site.taxonomyKinds { global.add(kind.rawValue) }
        // `content/_data/` (places, tag aliases) can rename any term on any page.
        global.add(site.dataFingerprint)
        return global
    }

    /// Every page's fingerprint in edition `edition` (0 for a single-language site), and the
    /// pages whose fingerprint changed or whose file is missing: the ones to render. When the
    /// edition's plan has the previous build's key and the bulletin files that changed (`edits`,
    /// from `bodyEdits`) changed only in their bodies, the previous fingerprints are taken as they
    /// are and only the pages showing those bodies are fingerprinted (and their files checked)
    /// again; an edition none of whose bulletins changed fingerprints nothing.
    func pagesToRender(_ site: Site, edition: Int, theme: Theme, outputRoot: String, edits: [Bulletin]?,
                       known: KnownPlan? = nil) -> Fingerprinted {
        let global = globalFingerprint(site, theme: theme)
        let planKey = PartClock.measure("plan key") {
            known?.planKey.flatMap { $0.global == global.value ? $0.key : nil } ?? site.planKey(global: global)
        }
        let root = outputRoot.hasSuffix("/") ? outputRoot : outputRoot + "/"
        if let edits, let previous, edition < previous.plans.count, previous.plans[edition].key == planKey,
           previous.plans[edition].fingerprints.count == site.pages.count {
            let edited = known?.published ?? Self.publishedIndices(of: edits, in: site)
            let affected = PartClock.measure("pages showing") { known?.affected ?? site.pagesShowingFiles(of: edited) }
            var fingerprints = previous.plans[edition].fingerprints
            var pages: [Int] = []
            for (position, fingerprint) in zip(affected, PartClock.measure("page fingerprints") { site.pageFingerprints(global: global, of: affected) }) {
                if fingerprint != fingerprints[position] || access(root + site.pages[position].permalink.outputPath, F_OK) != 0 {
                    pages.append(position)
                }
                fingerprints[position] = fingerprint
            }
            return Fingerprinted(fingerprints: fingerprints, pages: pages, planKey: planKey, patched: true, global: global.value, edited: edited)
        }
        let fingerprints = site.pageFingerprints(global: global)
        let stale = Array(site.pages.indices).parallelMap { index in
            let path = site.pages[index].permalink.outputPath
            guard let old = previous?.pages[PathKey(path)], old == fingerprints[index] else { return true }
            return access(root + path, F_OK) != 0
        }
        return Fingerprinted(fingerprints: fingerprints, pages: site.pages.indices.filter { stale[$0] }, planKey: planKey, global: global.value)
    }

    /// The bulletin files changed since the previous build (by size or time), if every one of
    /// them was there before and changed at most in its body, and none came or went; nil
    /// otherwise (and with no previous build).
    /// `changed`, when given, holds every file whose entry may differ from the previous build's
    /// (`BuildMemory.changedSinceKeptCache`: the content is the cache's with those files read
    /// again), and only those are compared.
    func bodyEdits(_ content: [PathKey: ParsedBulletin], changed: Set<PathKey>? = nil) -> [Bulletin]? {
        previous.flatMap { Self.bodyEdits(content, previous: $0.bulletins, changed: changed) }
    }

    /// The same, for content the loader made from the bulletins handed over to it
    /// (`handOverBulletins`): the files it read are the ones compared, with the entries they replaced.
    func bodyEdits(_ loaded: ContentLoader.Loaded) -> [Bulletin]? {
        guard previous != nil else { return nil }
        return Self.bodyEdits(loaded.cacheEntries, previous: loaded.replaced, previousCount: loaded.previousCount,
                              changed: Set(loaded.parsedPaths))
    }

    /// `previousCount`, when `previous` holds only the entries of the `changed` files, is how
    /// many the previous build had.
    static func bodyEdits(_ content: [PathKey: ParsedBulletin], previous: [PathKey: ParsedBulletin], previousCount: Int? = nil,
                          changed: Set<PathKey>? = nil) -> [Bulletin]? {
        precondition(previousCount == nil || changed != nil, "only the changed files' previous entries are known")
        guard content.count == previousCount ?? previous.count else { return nil }
        var edited: [Bulletin] = []
        func compare(_ path: PathKey, _ entry: ParsedBulletin) -> Bool {
            guard let old = previous[path] else { return false }
            if old.size == entry.size, old.modified == entry.modified { return true }
            guard entry.bulletin.sameExceptBody(old.bulletin) else { return false }
            edited.append(entry.bulletin)
            return true
        }
        if let changed {
            for path in changed {
                guard let entry = content[path], compare(path, entry) else { return nil }
            }
        } else {
            for (path, entry) in content {
                guard compare(path, entry) else { return nil }
            }
        }
        return edited
    }

    /// Where `edited` bulletins stand in the site (drafts, bulletins not yet published and those
    /// of other editions have no place).
    static func publishedIndices(of edited: [Bulletin], in site: Site) -> Set<Int> {
        guard !edited.isEmpty else { return [] }
        let paths = Set(edited.map { PathKey($0.source.relativePath) })
        // A path of none of the edited files' lengths is not hashed: an archive's worth of paths
        // is looked at for the one or two files of an edit.
        let lengths = edited.count <= 16 ? edited.map(\.source.relativePath.utf8.count) : nil
        return Set(site.bulletins.indices.filter { index in
            let path = site.bulletins[index].source.relativePath
            return lengths?.contains(path.utf8.count) ?? true ? paths.contains(PathKey(path)) : false
        })
    }

    /// Leaves for the next build what this one parsed, fingerprinted and published. A build that
    /// cannot save its cache is still a good build; the next one is just slower.
    /// `sites` are the site's editions (one for a single-language site), the default first, each
    /// with what `pagesToRender` decided for it; its related lists are the ones kept. With `write`
    /// false the cache is only returned, for `write(_:)` later (on another thread).
    /// The previous build's page fingerprints are taken over (and let go of here), not copied.
    /// `otherPaths` are the output files beside the pages (static files, search index, photos);
    /// `plan`, the plan's decisions (`StoredPlan`).
    mutating func save(bulletins: [PathKey: ParsedBulletin], sites: [Site], fingerprinted: [Fingerprinted], writer: SiteWriter,
                       otherPaths: [String] = [], plan: StoredPlan? = nil, write: Bool = true) -> BuildCache {
        var cache = BuildCache(parseKey: parseKey)
        cache.plan = plan
        cache.bulletins = bulletins
        cache.log = stored?.log
        cache.otherPathsHash = Self.hash(otherPaths)
        if previous != nil, !fingerprinted.isEmpty, fingerprinted.allSatisfy(\.patched) {
            // The same pages at the same paths: only the fingerprints of the pages rendered again
            // can be new.
            cache.pages = previous?.pages ?? [:]
            previous?.pages = [:]
            stored?.pages = [:]
            var changed = stored?.base?.pendingPaths ?? []
            for (site, edition) in zip(sites, fingerprinted) {
                for position in edition.pages {
                    let path = PathKey(site.pages[position].permalink.outputPath)
                    cache.pages[path] = edition.fingerprints[position]
                    changed.insert(path)
                }
            }
            // Written here, the cache is saved as a delta of the index it was read from when
            // the writer knows which output stamps changed too. (Kept in memory and written
            // later, it is written whole: the memory does not follow which index is on disk.)
            if write, let base = stored?.base, let outputs = writer.changedOutputs {
                cache.base = base
                cache.changedPaths = changed.union(outputs)
            }
        } else {
            for (site, edition) in zip(sites, fingerprinted) {
                for (page, fingerprint) in zip(site.pages, edition.fingerprints) { cache.pages[PathKey(page.permalink.outputPath)] = fingerprint }
            }
        }
        cache.plans = fingerprinted.map { BuildCache.EditionPlan(key: $0.planKey, fingerprints: $0.fingerprints) }
        guard let site = sites.first else { return cache }
        cache.outputs = writer.outputs
        cache.manifest = writer.manifestRecord
        cache.related = SitePlanner.KnownRelated(key: site.relatedKey, related: site.related)
        if write { self.write(cache) }
        return cache
    }

    /// The hash of the previous build's set of output paths (its manifest's), if this build's set
    /// is the same: every edition's fingerprints were patched (the previous plan's pages, at the
    /// same paths: see `pagesToRender`) and the files beside the pages (`others`) are the
    /// previous build's. Nil otherwise, and then the set is made and hashed.
    func unchangedPathsHash(others: [String], fingerprinted: [Fingerprinted]) -> UInt64? {
        guard let previous, let manifest = stored?.manifest, let stored = previous.otherPathsHash,
              !fingerprinted.isEmpty, fingerprinted.allSatisfy(\.patched), stored == Self.hash(others) else { return nil }
        return manifest.pathsHash
    }

    static func hash(_ paths: [String]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(paths.count)
        for path in paths { fingerprint.add(path) }
        return fingerprint.value
    }

    /// Writes `cache` (this build's, from `save`) to its file.
    func write(_ cache: BuildCache) {
        try? cache.save(to: url, records: head?.value.take())
    }

    /// Removes the cache file, so that until the new one is written no build trusts the old one
    /// with an output folder that has moved on.
    func forgetFile() {
        unlink(url.path)
        unlink(BuildCache.deltaURL(url).path)
    }
}
