import Foundation
import NashraCore

/// What one build leaves in memory for the next build of the same site in the same process
/// (`nashra serve`): the cache as it would be read back from disk, and the site plan (one `Site`
/// per edition). The next build then reads no cache file, and when the bulletins that changed
/// changed only in their bodies it patches the plan instead of planning again. Builds that share one memory must run
/// one at a time (the preview's builder does); a failed build leaves it as it was.
public final class BuildMemory: @unchecked Sendable {
    /// The previous build's cache, as `IncrementalState.save` made it.
    var cache: BuildCache?
    /// Its editions, as planned (before photos), and the inputs they were planned from.
    var sites: [Site]?
    var planInputs: UInt64 = 0
    /// Each edition's bulletins by path, for patching the plan; kept while the plan is only patched.
    private var bulletinPositions: [[PathKey: Int]]?
    /// For each edition, each bulletin's pages that show its body (`Site.pagesShowingEachBody`),
    /// made when first needed; kept while the plan is only patched.
    private var bodyPages: [[[Int]]?] = []
    /// The first instant after the plan's `now` at which planning may decide otherwise: a
    /// bulletin's date or expiry, or the moment one leaves the news sitemap's window. Until the
    /// clock reaches it the plan holds; made once per plan.
    private var nextTimeChange: Int64?
    /// Each edition's plan key, and the global fingerprint it was made with (`Site.planKey`).
    private var planKeys: [(global: UInt64, key: UInt64)] = []
    /// The bulletin files whose content may differ from the content the cache holds (the files
    /// restamped by each build since the one that left the cache); nil when not known.
    private var changedSinceCache: Set<PathKey>?
    /// The photos the previous build developed (each edition's and all their files), while every
    /// change since was a Markdown file in the content folder.
    private var photos: (editions: [[Photo?]], developed: PhotoDesk.Developed)?
    /// Each edition's search index as the output holds it (nil for an edition without search),
    /// for patching it without reading its state or looking at every document.
    private(set) var searches: [SearchMemory?] = []
    /// The previous build's cache file being written, waited for before the next one is.
    var saving: BackgroundWork<Bool>?
    /// The content folder's files as the previous build found them (walked or patched), and the
    /// content loaded from them under parse key `loadedKey`. Kept whether that build succeeded
    /// or not: they say what was on disk, and every change since is in `changedPaths`.
    var tree: InputTree?
    var loaded: ContentLoader.Loaded?
    var loadedKey: UInt64?
    /// Where each of the tree's files stands in it, and which of them are not bulletins (standing
    /// pages, section indexes): made once, kept while files are only restamped.
    private var treeIndex: [PathKey: Int]?
    private var otherFiles: [Int]?
    /// Where each bulletin stands in the loaded content's list, made once, kept while the
    /// content is only patched (which keeps every bulletin at its place).
    private var contentPositions: [PathKey: Int]?
    /// The theme the previous build loaded, and the `nashra.yaml` fingerprint it was loaded under.
    var theme: Theme?
    var themeKey: UInt64?
    /// The previous build's set of output paths (what the manifest lists), its hash, and what it
    /// was made from besides the pages (which a patched plan keeps).
    var outputPaths: (paths: Set<PathKey>, hash: UInt64, others: [String])?

    /// The files (absolute paths) that changed since the previous build's content stage, as a
    /// watcher reported them (`noteChanges`); nil when not known, and then the content folder is
    /// walked. Only paths matter, not what the watcher said happened to them: each is looked at again.
    var changedPaths: [String]?
    /// Whether a watcher reports changes (`noteChanges` was called): only then does a build
    /// start counting them.
    private var watched = false

    /// Tells the memory which files changed (absolute paths, anything below the site folder)
    /// since the previous call, before a build: a watcher's report, so that the next build need
    /// not walk the content folder. Nil or none (a rebuild asked for without a reason, a watcher
    /// that lost track) make the next build walk it. The first build after the first call walks
    /// anyway: the watcher may have started after the build before it.
    public func noteChanges(_ paths: [String]?) {
        if let paths, !paths.isEmpty, changedPaths != nil {
            changedPaths? += paths
        } else {
            changedPaths = nil
        }
        watched = true
    }

    public init() {}

    /// Called as a build starts: whether every change since the previous build is a Markdown
    /// file in the content folder (as the watcher reported them), which changes no theme, photo,
    /// data file or `nashra.yaml`. Otherwise the photos kept are let go: the next successful
    /// build develops them again.
    func noteBuildStart(contentFolder: URL) {
        guard let changedPaths, !changedPaths.isEmpty else {
            photos = nil
            return
        }
        let root = contentFolder.standardizedFileURL.path + "/"
        let onlyMarkdown = changedPaths.allSatisfy { path in
            path.hasPrefix(root) && ContentLoader.markdownStem(Substring(path.split(separator: "/").last ?? "").utf8) != nil
        }
        if !onlyMarkdown { photos = nil }
    }

    /// Everything the plan depends on besides the bulletins and the clock: the settings and
    /// Nashra (`parseKey`), the publishing rules, the theme (static files that would replace a
    /// page), `content/_data/`, and the standing pages' and sections' files.
    static func planInputs(parseKey: UInt64, rules: PublishingRules, theme: Theme, data: SiteData,
                           pages: [StandingPage], sectionIndexes: [SectionIndex]) -> UInt64 {
        var key = Fingerprint()
        key.add(parseKey)
        key.add(rules.includeDrafts)
        key.add(rules.includeFuture)
        key.add(rules.includeExpired)
        key.add(theme.fingerprint)
        key.add(data.fingerprint.value)
        for sources in [pages.map(\.source), sectionIndexes.map(\.source)] {
            key.add(sources.count)
            for source in sources {
                key.add(source.relativePath)
                key.add(source.contentHash)
            }
        }
        return key.value
    }

    /// The previous plan with the edited bulletins put in, if that is the plan planning would
    /// make now: the same plan inputs, no bulletin file added or removed, every changed one
    /// changed only in its body, and no bulletin's date or expiry passed since (which would
    /// publish or withdraw it), nor any edition's news sitemap window moved past one. Nil
    /// otherwise. An edited bulletin is put in the edition that lists it (each edition's
    /// bulletins are its own); the editions' links to each other (`Page.versions`) are made of
    /// front matter only, so they stay as they were.
    /// `edited` is `IncrementalState.bodyEdits` against this memory's cache.
    func patchedSites(content: ContentLoader.Loaded, edited: [Bulletin]?, planInputs: UInt64, now: Int64) -> [Site]? {
        guard var sites, let first = sites.first, cache != nil, planInputs == self.planInputs, let edited else { return nil }
        let before = first.now
        if now > before {
            // Nothing the plan decides by the clock changes before `nextTimeChange`.
            let next = nextTimeChange ?? Self.firstTimeChange(after: before, in: content.bulletins)
            nextTimeChange = next
            guard now < next else { return nil }
            for edition in sites.indices { sites[edition].now = now }
        } else if now != before {
            let (low, high) = (min(before, now), max(before, now))
            // A bulletin is published when `date <= now` and withdrawn when `expires <= now`: either
            // changes only for an instant in (low, high].
            func crossed(_ date: BulletinDate?) -> Bool { date.map { $0.secondsSinceEpoch > low && $0.secondsSinceEpoch <= high } ?? false }
            if content.bulletins.contains(where: { crossed($0.date) || crossed($0.expires) }) { return nil }
            for edition in sites.indices {
                guard SitePlanner.newsItems(sites[edition].bulletins, now: now) == sites[edition].newsItems else { return nil }
                sites[edition].now = now
            }
        }
        guard !edited.isEmpty else { return sites }
        let positions = positions(in: sites)
        // The memory lets go of its plan, so that the bulletins are replaced in place rather than
        // in a copy of every edition's list; a successful build gives it back (`remember`).
        self.sites = nil
        for bulletin in edited {
            let key = PathKey(bulletin.source.relativePath)
            for edition in sites.indices {
                if let index = positions[edition][key] { sites[edition].bulletins[index] = bulletin }
            }
        }
        return sites
    }

    /// Where each bulletin stands in its edition, made once per plan (a patched plan keeps the order).
    private func positions(in sites: [Site]) -> [[PathKey: Int]] {
        if let bulletinPositions, bulletinPositions.count == sites.count { return bulletinPositions }
        let made = sites.map { site in
            Dictionary(site.bulletins.indices.map { (PathKey(site.bulletins[$0].source.relativePath), $0) }) { first, _ in first }
        }
        bulletinPositions = made
        return made
    }

    /// The first instant after `now` at which planning may decide otherwise: when a bulletin's
    /// date comes (it is published, and searched), its expiry comes (it is withdrawn), or it
    /// leaves the news sitemap (`now - date > Site.newsWindow`); `Int64.max` when none will.
    static func firstTimeChange(after now: Int64, in bulletins: [Bulletin]) -> Int64 {
        var first = Int64.max
        func consider(_ instant: Int64) {
            if instant > now && instant < first { first = instant }
        }
        for index in bulletins.indices {
            let date = bulletins[index].date.secondsSinceEpoch
            consider(date)
            consider(date.addingReportingOverflow(Site.newsWindow + 1).partialValue)
            if let expires = bulletins[index].expires { consider(expires.secondsSinceEpoch) }
        }
        return first
    }

    /// What fingerprinting edition `edition` of a patched plan may take from the memory instead
    /// of looking at every bulletin and page: where the `edited` bulletins stand, the pages
    /// showing their bodies, and (when `keepKey`: the photos are the previous build's too) the
    /// plan key the previous build made. Nil when the plan was not patched from this memory.
    func knownPlan(edition: Int, of sites: [Site], edited: [Bulletin], keepKey: Bool) -> IncrementalState.KnownPlan? {
        guard edition < sites.count else { return nil }
        let positions = positions(in: sites)[edition]
        let published = Set(edited.compactMap { positions[PathKey($0.source.relativePath)] })
        if bodyPages.count != sites.count { bodyPages = Array(repeating: nil, count: sites.count) }
        let pages = bodyPages[edition] ?? sites[edition].pagesShowingEachBody()
        bodyPages[edition] = pages
        let affected = Set(published.flatMap { pages[$0] }).sorted()
        let key = keepKey && edition < planKeys.count ? planKeys[edition] : nil
        return IncrementalState.KnownPlan(published: published, affected: affected, planKey: key)
    }

    /// The previous build's photos, if this build's plan was patched from the same memory and
    /// every change since was a Markdown file of the content folder (`noteBuildStart`): the same
    /// bulletins with the same images, and the same files.
    func keptPhotos() -> (editions: [[Photo?]], developed: PhotoDesk.Developed)? {
        photos.map { kept in
            var developed = kept.developed
            developed.processed = 0
            return (kept.editions, developed)
        }
    }

    /// The bulletin files whose content may differ from the cache's (`changedSinceCache`), when
    /// the cache is this memory's.
    var changedSinceKeptCache: Set<PathKey>? {
        cache == nil ? nil : changedSinceCache
    }

    /// The previous build's content tree with the files in `changedPaths` looked at again, and
    /// the relative paths (as on disk) of those whose size or time changed; nil when the folder
    /// must be walked: nothing known, a walk that met links or problems, or a change that may add
    /// or remove a file (a file gone, a new Markdown file, anything about a folder or a link).
    /// Changes outside `content` (templates, `nashra.yaml`) leave the tree as it is.
    func patchedTree(contentFolder: URL) -> (tree: InputTree, restamped: [String])? {
        guard var tree, let changedPaths, !tree.metLinks, tree.problems.isEmpty else { return nil }
        // Let go of it, so that the files are restamped in place, not in a copy of the list;
        // `rememberContent` keeps this build's tree, walked or patched.
        self.tree = nil
        let root = contentFolder.standardizedFileURL.path
        let site = contentFolder.standardizedFileURL.deletingLastPathComponent().path + "/"
        var restamped: [String] = []
        for path in Set(changedPaths) {
            guard path.hasPrefix(root + "/") else {
                // The content folder itself, or a path outside the site: walk. Another entry of
                // the site (templates/, nashra.yaml) does not change the content folder.
                if path == root || !path.hasPrefix(site) { return nil }
                continue
            }
            let relative = String(path.dropFirst(root.count + 1))
            if treeIndex == nil { treeIndex = Dictionary(tree.files.indices.map { (PathKey(tree.files[$0].relativePath), $0) }) { first, _ in first } }
            var info = stat()
            let exists = lstat(path, &info) == 0
            if let position = treeIndex?[PathKey(relative)] {
                guard exists, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
                let stamp = FileStamp(info)
                if stamp != tree.files[position].stamp {
                    tree.files[position].stamp = stamp
                    restamped.append(relative)
                }
                continue
            }
            // Not a listed file. The walk skips hidden names, and reads only Markdown files:
            // such a file changing changes nothing. Anything else may (a new bulletin, a folder
            // made, removed or renamed).
            let hidden = relative.split(separator: "/").contains { $0.utf8.first == UInt8(ascii: ".") }
            if hidden { continue }
            guard exists, (info.st_mode & S_IFMT) == S_IFREG,
                  ContentLoader.markdownStem(Substring(relative.split(separator: "/").last ?? "").utf8) == nil else { return nil }
        }
        return (tree, restamped)
    }

    /// The previous build's content with the files of `restamped` read again: what
    /// `ContentLoader.load` would give now, when the tree has the same files as the previous one's
    /// (`patchedTree`), the previous load had no problems and was made under `parseKey`, and every
    /// restamped file was and still is a bulletin. The standing pages and section indexes are
    /// read again as a full load reads them; nil otherwise.
    func patchedContent(tree: InputTree, restamped: [String], parseKey: UInt64,
                        load: (InputTree) -> ContentLoader.Loaded) -> ContentLoader.Loaded? {
        guard var content = loaded, loadedKey == parseKey, content.problems.isEmpty, tree.problems.isEmpty else { return nil }
        // Let go of it so that the bulletins are replaced in place, not in a copy of the list;
        // `rememberContent` keeps what this build loaded, patched or not.
        loaded = nil
        let changed = Set(restamped.map { PathKey($0) })
        guard changed.allSatisfy({ content.cacheEntries[$0] != nil }) else { return nil }
        // The files a full load reads again: the restamped ones, and those that are not bulletins.
        if treeIndex == nil { treeIndex = Dictionary(tree.files.indices.map { (PathKey(tree.files[$0].relativePath), $0) }) { first, _ in first } }
        if otherFiles == nil { otherFiles = tree.files.indices.filter { content.cacheEntries[PathKey(tree.files[$0].relativePath)] == nil } }
        guard let treeIndex, let otherFiles else { return nil }
        let positions = restamped.compactMap { treeIndex[PathKey($0)] }
        guard positions.count == restamped.count else { return nil }
        var again = InputTree()
        again.files = (otherFiles + positions).sorted().map { tree.files[$0] }
        let fresh = load(again)
        guard fresh.problems.isEmpty, fresh.bulletins.count == changed.count else { return nil }
        let places = contentPositions ?? Dictionary(content.bulletins.indices.map { (PathKey(content.bulletins[$0].source.relativePath), $0) }) { first, _ in first }
        contentPositions = places
        for (key, entry) in fresh.cacheEntries {
            guard changed.contains(key), content.cacheEntries[key] != nil, let position = places[key] else { return nil }
            content.bulletins[position] = entry.bulletin
            content.cacheEntries[key] = entry
        }
        content.pages = fresh.pages
        content.sectionIndexes = fresh.sectionIndexes
        content.warnings = fresh.warnings
        content.reused = content.bulletins.count - changed.count
        content.parsedPaths = fresh.parsedPaths
        return content
    }

    /// Keeps what the content stage found, for the next build's `patchedTree` and `patchedContent`.
    /// `treePatched` and `contentPatched` say whether they came from `patchedTree` and
    /// `patchedContent` (which keep the same files, each a bulletin as before, at the same places).
    func rememberContent(tree: InputTree, loaded: ContentLoader.Loaded, parseKey: UInt64, treePatched: Bool, contentPatched: Bool,
                         restamped: [String] = []) {
        if !treePatched { treeIndex = nil }
        if contentPatched {
            changedSinceCache?.formUnion(restamped.map { PathKey($0) })
        } else {
            changedSinceCache = nil
        }
        if !treePatched || !contentPatched {
            otherFiles = nil
            contentPositions = nil
        }
        self.tree = tree
        self.loaded = loaded
        loadedKey = parseKey
        changedPaths = watched ? [] : nil
    }

    /// The theme the previous build loaded, if this build may take it as it is: `nashra.yaml` is
    /// the same and every change since was a Markdown file in the content folder (the theme is
    /// made of `themes/`, `templates/` and `static/`).
    func rememberedTheme(config: UInt64, contentFolder: URL) -> Theme? {
        guard let theme, themeKey == config, let changedPaths, !changedPaths.isEmpty else { return nil }
        let root = contentFolder.standardizedFileURL.path + "/"
        let onlyContent = changedPaths.allSatisfy { path in
            path.hasPrefix(root) && ContentLoader.markdownStem(Substring(path.split(separator: "/").last ?? "").utf8) != nil
        }
        return onlyContent ? theme : nil
    }

    /// Keeps the theme this build loaded (or forgets it, when it could not be loaded).
    func rememberTheme(_ theme: Theme?, config: UInt64) {
        self.theme = theme
        themeKey = config
    }

    /// The previous build's output paths and their hash, if the files beside the pages are `others` again.
    func rememberedOutputPaths(others: [String]) -> (paths: Set<PathKey>, hash: UInt64)? {
        guard let outputPaths, outputPaths.others == others else { return nil }
        return (outputPaths.paths, outputPaths.hash)
    }

    func rememberOutputPaths(_ paths: Set<PathKey>, hash: UInt64, others: [String]) {
        outputPaths = (paths, hash, others)
    }

    /// Drops what the previous build left: the output folder is about to change.
    func forget() {
        cache = nil
        sites = nil
        outputPaths = nil
        changedSinceCache = nil
        photos = nil
        searches = []
    }

    /// Keeps what a successful build leaves: its cache, its plan (without the photos, which the
    /// next build finds again) and what that plan was made from.
    func remember(cache: BuildCache, sites: [Site], planInputs: UInt64, patched: Bool, planKeys: [(global: UInt64, key: UInt64)],
                  photos: (editions: [[Photo?]], developed: PhotoDesk.Developed), searches: [SearchMemory?]) {
        if !patched {
            bulletinPositions = nil
            bodyPages = []
            nextTimeChange = nil
        }
        self.cache = cache
        changedSinceCache = []
        self.planKeys = planKeys
        self.photos = photos
        self.searches = searches
        self.sites = sites.map { site in
            var site = site
            site.photos = []
            return site
        }
        self.planInputs = planInputs
    }
}
