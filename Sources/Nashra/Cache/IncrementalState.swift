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
    let stored: BuildCache?
    /// What this build may reuse of it: nothing for a clean build. Even a clean build may skip
    /// rewriting files it knows to be the same, from `stored`.
    let previous: BuildCache?
    /// This build's bulletin records, encoded in the background while the site is planned.
    private var head: BackgroundWork<[UInt8]>?

    /// Reads the previous cache on another thread while `work` runs (the content walk), and
    /// returns both. With no previous site there is nothing to update, so a first build is clean.
    static func load<Walked>(cacheFolder: URL, output: String, rules: PublishingRules, config: Fingerprint,
                             hasPreviousSite: Bool, clean: Bool, while work: () -> Walked) -> (IncrementalState, Walked) {
        var cacheKey = Fingerprint()
        cacheKey.add(output)
        cacheKey.add(rules.includeDrafts)
        cacheKey.add(rules.includeFuture)
        let url = cacheFolder.appendingPathComponent(String(cacheKey.value, radix: 16) + ".cache")
        var parsing = config
        parsing.add(BuildCache.programIdentity)
        let key = parsing.value
        let loading = BackgroundWork { hasPreviousSite ? BuildCache.load(from: url, parseKey: key) : nil }
        let walked = work()
        let stored = loading.value
        return (IncrementalState(url: url, parsing: parsing, stored: stored, previous: clean ? nil : stored), walked)
    }

    /// Starts encoding the bulletins' records for the next build, while later stages run.
    mutating func beginSaving(_ bulletins: [PathKey: ParsedBulletin]) {
        let parseKey = parseKey
        head = BackgroundWork { BuildCache.encodeHead(parseKey: parseKey, bulletins: bulletins) }
    }

    /// Every page's fingerprint, and the pages whose fingerprint changed or whose file is missing:
    /// the ones to render.
    func pagesToRender(_ site: Site, theme: Theme, outputRoot: String) -> (fingerprints: [UInt64], pages: [Int]) {
        var global = parsing
        global.add(theme.fingerprint)
        // Every page's menu links to the taxonomies that have pages.
        for kind in site.taxonomyKinds { global.add(kind.rawValue) }
        // `content/_data/` (places, tag aliases) can rename any term on any page.
        global.add(site.dataFingerprint)
        let fingerprints = site.pageFingerprints(global: global)
        let root = outputRoot.hasSuffix("/") ? outputRoot : outputRoot + "/"
        let stale = Array(site.pages.indices).parallelMap { index in
            let path = site.pages[index].permalink.outputPath
            guard let old = previous?.pages[PathKey(path)], old == fingerprints[index] else { return true }
            return access(root + path, F_OK) != 0
        }
        return (fingerprints, site.pages.indices.filter { stale[$0] })
    }

    /// Leaves for the next build what this one parsed, fingerprinted and published. A build that
    /// cannot save its cache is still a good build; the next one is just slower.
    /// `sites` are the site's editions (one for a single-language site), the default first; its
    /// related lists are the ones kept.
    func save(bulletins: [PathKey: ParsedBulletin], sites: [Site], fingerprints: [[UInt64]], writer: SiteWriter) -> BuildCache {
        var cache = BuildCache(parseKey: parseKey)
        cache.bulletins = bulletins
        for (site, fingerprints) in zip(sites, fingerprints) {
            for (page, fingerprint) in zip(site.pages, fingerprints) { cache.pages[PathKey(page.permalink.outputPath)] = fingerprint }
        }
        guard let site = sites.first else { return cache }
        cache.outputs = writer.outputs
        cache.manifest = writer.manifestRecord
        cache.related = SitePlanner.KnownRelated(key: site.relatedKey, related: site.related)
        try? cache.save(to: url, head: head?.value)
        return cache
    }
}
