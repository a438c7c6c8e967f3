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
    /// The previous build's cache file being written, waited for before the next one is.
    var saving: BackgroundWork<Bool>?

    public init() {}

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
        if now != before {
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
        let positions = Dictionary(edited.map { (PathKey($0.source.relativePath), $0) }) { first, _ in first }
        for edition in sites.indices {
            for index in sites[edition].bulletins.indices {
                if let bulletin = positions[PathKey(sites[edition].bulletins[index].source.relativePath)] { sites[edition].bulletins[index] = bulletin }
            }
        }
        return sites
    }

    /// Drops what the previous build left: the output folder is about to change.
    func forget() {
        cache = nil
        sites = nil
    }

    /// Keeps what a successful build leaves: its cache, its plan (without the photos, which the
    /// next build finds again) and what that plan was made from.
    func remember(cache: BuildCache, sites: [Site], planInputs: UInt64) {
        self.cache = cache
        self.sites = sites.map { site in
            var site = site
            site.photos = []
            return site
        }
        self.planInputs = planInputs
    }
}
