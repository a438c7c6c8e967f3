import NashraCore

extension Site {
    /// One fingerprint per page, in `pages` order: a hash of everything its HTML is made from.
    /// `global` covers what every page depends on (Nashra itself, the settings, the theme).
    ///
    /// What a page shows of a bulletin is hashed at the level it shows it: its own page hashes the
    /// whole file; lists hash its entry (headline, date, summary, terms…); its neighbours hash
    /// only the headline and URL they link with. So correcting a sentence in the body renders one
    /// page, and retitling a bulletin renders its lists and its neighbours too.
    func pageFingerprints(global: Fingerprint) -> [UInt64] {
        let entries = Array(bulletins.indices).parallelMap { entryFingerprint($0) }
        let links = Array(bulletins.indices).parallelMap { linkFingerprint($0) }
        // The sitemap's and the news sitemap's inputs are whole-site; hash them once.
        let sitemapInputs = sitemapFingerprint()
        let allVersions = allVersionsFingerprint()
        let shared = SharedInputs(entry: { entries[$0] }, link: { links[$0] }, sitemap: { sitemapInputs }, allVersions: { allVersions },
                                  menus: menuFingerprint(), placePages: placePagesInputs())
        return pages.parallelMap { fingerprint(of: $0, global: global, shared: shared) }
    }

    /// The fingerprints of the pages at `indices` only (in that order), each equal to what
    /// `pageFingerprints(global:)` gives it: for a rebuild that reuses the others.
    func pageFingerprints(global: Fingerprint, of indices: [Int]) -> [UInt64] {
        guard !indices.isEmpty else { return [] }
        let shared = SharedInputs(entry: { entryFingerprint($0) }, link: { linkFingerprint($0) }, sitemap: { sitemapFingerprint() },
                                  allVersions: { allVersionsFingerprint() }, menus: menuFingerprint(), placePages: placePagesInputs())
        return indices.map { fingerprint(of: pages[$0], global: global, shared: shared) }
    }

    /// The pages whose fingerprint hashes a bulletin's body (`addBody`): its own page and ninjs
    /// document, and the feeds and ninjs stream that carry its full text. When only bodies
    /// changed, these are the only pages whose fingerprint can differ: no page shows another
    /// edition's bulletins, and a page's versions in other editions (`Page.versions`) show only
    /// their URLs and editions' names.
    func pagesShowingFiles(of changed: Set<Int>) -> [Int] {
        guard !changed.isEmpty else { return [] }
        return pages.indices.filter { position in
            switch pages[position].kind {
            case .bulletin(let index), .ninjs(let index): return changed.contains(index)
            case .ninjsStream: return feedItems(.site).contains(where: changed.contains)
            case .feed(let scope, _): return feedPolicy(scope).content == .full && feedItems(scope).contains(where: changed.contains)
            default: return false
            }
        }
    }

    /// For each bulletin, the pages `pagesShowingFiles(of:)` finds for it, ascending: made once
    /// for a plan that is patched again and again (`BuildMemory`), so that each edit finds its
    /// pages without looking at every page.
    func pagesShowingEachBody() -> [[Int]] {
        var showing = [[Int]](repeating: [], count: bulletins.count)
        for position in pages.indices {
            switch pages[position].kind {
            case .bulletin(let index), .ninjs(let index): showing[index].append(position)
            case .ninjsStream: for item in feedItems(.site) { showing[item].append(position) }
            case .feed(let scope, _) where feedPolicy(scope).content == .full: for item in feedItems(scope) { showing[item].append(position) }
            default: break
            }
        }
        return showing
    }

    /// What the pages' fingerprints take from the site beyond its bulletins' front matter and
    /// bodies: the edition, which bulletins are published and in which order, what the news
    /// sitemap lists, the pages, sections and menus, the photos, each page's versions in the other
    /// editions and their sitemaps. Two builds with the same key whose bulletins differ only in
    /// their bodies give every page the same fingerprint but those of `pagesShowingFiles(of:)`.
    /// `global` is what every fingerprint starts from.
    func planKey(global: Fingerprint) -> UInt64 {
        var key = global
        key.add(config.language)
        key.add(config.pathPrefix)
        key.add(bulletins.count)
        // Which bulletins are published, in order: as the planner's positions in its list, with
        // that list's hash of its paths, when the plan says so (cheaper than every path again).
        if plannedOrder.count == bulletins.count, plannedInputs != 0 {
            key.add(plannedInputs)
            for position in plannedOrder { key.add(position) }
        } else {
            for bulletin in bulletins { key.add(bulletin.source.relativePath) }
        }
        key.add(newsItems.count)
        for item in newsItems { key.add(item) }
        key.add(pages.count)
        key.add(standingPages.count)
        for page in standingPages {
            key.add(page.source.relativePath)
            key.add(page.source.contentHash)
        }
        key.add(sections.count)
        for section in sections {
            key.add(section.name)
            key.add(section.description)
            key.add(section.permalink.path)
            key.add(section.bulletins.count)
            key.add(section.index?.source.contentHash ?? 0)
        }
        key.add(menuFingerprint())
        for index in bulletins.indices {
            guard let photo = photo(index) else { continue }
            key.add(index)
            photo.add(to: &key)
        }
        key.add(allVersionsFingerprint())
        key.add(otherSitemaps.count)
        for sitemap in otherSitemaps { key.add(sitemap) }
        return key.value
    }

    /// What several pages' fingerprints share: each bulletin's list entry and link, and the
    /// whole-site inputs. Computed for every bulletin at once for a full fingerprinting, or one at
    /// a time for the few pages a patched rebuild fingerprints again.
    private struct SharedInputs {
        var entry: @Sendable (Int) -> UInt64
        var link: @Sendable (Int) -> UInt64
        var sitemap: @Sendable () -> UInt64
        /// On a multilingual site a page links its versions in the other editions (and the
        /// sitemap lists them all): a translation's change re-renders its partners.
        var allVersions: @Sendable () -> UInt64
        /// Every HTML page shows the menus, whose links come from pages' and sections' files too.
        var menus: UInt64
        /// A bulletin page links the places its body names to their location pages: which places
        /// have one is site-wide.
        var placePages: UInt64
    }

    private func placePagesInputs() -> UInt64 { gazetteer == nil ? 0 : placePagesFingerprint() }

    private func allVersionsFingerprint() -> UInt64 {
        config.edition == nil ? 0 : pages.reduce(into: Fingerprint()) { $0.add(Self.versionsFingerprint($1.versions)) }.value
    }

    private func fingerprint(of page: Page, global: Fingerprint, shared: SharedInputs) -> UInt64 {
        let entries = shared.entry, links = shared.link
        let menuInputs = shared.menus, placePages = shared.placePages
        var fingerprint = global
        if !page.versions.isEmpty { fingerprint.add(Self.versionsFingerprint(page.versions)) }
        fingerprint.add(page.permalink.path)
        fingerprint.add(page.pageNumber)
        fingerprint.add(page.pageCount)
        if page.kind.isHTML { fingerprint.add(menuInputs) }
        switch page.kind {
        case .bulletin(let index):
            fingerprint.add("bulletin")
            addBody(index, to: &fingerprint)
            fingerprint.add(entries(index))
            fingerprint.add(index + 1 < bulletins.count ? links(index + 1) : 0)
            fingerprint.add(index > 0 ? links(index - 1) : 0)
            fingerprint.add(placePages)
            for other in related[index] {
                fingerprint.add(links(other))
                fingerprint.add(Int(bulletins[other].date.secondsSinceEpoch))
            }
        case .ninjs(let index):
            // Its bulletin's file, and what lists show of it (term names, merged spellings):
            // the page's other inputs, its neighbours and related bulletins, are not in it.
            fingerprint.add("ninjs")
            addBody(index, to: &fingerprint)
            fingerprint.add(entries(index))
        case .ninjsStream:
            fingerprint.add("ninjs-stream")
            for item in feedItems(.site) {
                fingerprint.add(entries(item))
                addBody(item, to: &fingerprint)
            }
        case .home:
            fingerprint.add("home")
            for item in listedBulletins(on: page) { fingerprint.add(entries(item)) }
        case .terms(let kind):
            fingerprint.add(kind.rawValue)
            for term in taxonomy(kind).terms {
                ListEntry.add(term, to: &fingerprint)
                fingerprint.add(term.bulletins.count)
            }
        case .term(let kind, let termIndex):
            let term = taxonomy(kind).terms[termIndex]
            fingerprint.add(kind.rawValue)
            ListEntry.add(term, to: &fingerprint)
            fingerprint.add(term.identity ?? "")
            for ancestor in term.ancestors { ListEntry.add(taxonomy(kind).terms[ancestor], to: &fingerprint) }
            fingerprint.add(term.bulletins.count)
            for item in listedBulletins(on: page) { fingerprint.add(entries(item)) }
        case .archiveYears:
            fingerprint.add("archive")
            for year in archive.years {
                fingerprint.add(year.year)
                fingerprint.add(year.count)
            }
        case .archiveYear(let year):
            fingerprint.add("archive-year")
            for month in archive.years[year].months {
                fingerprint.add(month.month)
                fingerprint.add(month.bulletins.count)
            }
        case .archiveMonth(let year, let month):
            fingerprint.add("archive-month")
            fingerprint.add(archive.years[year].months[month].month)
            for item in listedBulletins(on: page) { fingerprint.add(entries(item)) }
        case .notFound:
            fingerprint.add("404")
        case .standingPage(let index):
            // The whole file: title, description, language, body.
            fingerprint.add("page")
            fingerprint.add(standingPages[index].source.contentHash)
        case .section(let index):
            let section = sections[index]
            fingerprint.add("section")
            fingerprint.add(section.name)
            fingerprint.add(section.description)
            fingerprint.add(section.bulletins.count)
            for item in listedBulletins(on: page) { fingerprint.add(entries(item)) }
        case .search:
            fingerprint.add("search")
        case .feed(let scope, let format):
            fingerprint.add(format.rawValue)
            if case .term(let kind, let term) = scope { fingerprint.add(taxonomy(kind).terms[term].name) }
            // A summary feed does not show bodies: editing one leaves it alone.
            let carriesBodies = feedPolicy(scope).content == .full
            if case .section(let section) = scope {
                fingerprint.add(sections[section].name)
                fingerprint.add(sections[section].description)
            }
            for item in feedItems(scope) {
                fingerprint.add(entries(item))
                if carriesBodies { addBody(item, to: &fingerprint) }
            }
        case .sitemap, .sitemapIndex:
            fingerprint.add("sitemap")
            fingerprint.add(shared.sitemap())
            fingerprint.add(shared.allVersions())
        case .newsSitemap:
            fingerprint.add("news")
            for item in newsItems { fingerprint.add(entries(item)) }
        case .robots:
            fingerprint.add("robots")
            for sitemap in otherSitemaps { fingerprint.add(sitemap) }
        case .alias(let index, _):
            fingerprint.add("alias")
            fingerprint.add(links(index))
        }
        return fingerprint.value
    }

    /// A bulletin's body as pages show it: its file, and where its links to other bulletins (`ref`
    /// shortcodes, `[…](other.md)`) lead, which the rendered body writes as URLs.
    private func addBody(_ index: Int, to fingerprint: inout Fingerprint) {
        fingerprint.add(bulletins[index].source.contentHash)
        for reference in bulletins[index].references {
            fingerprint.add(referenceURL(reference.target, from: index) ?? "#")
        }
    }

    private static func versionsFingerprint(_ versions: [PageVersion]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(versions.count)
        for version in versions {
            fingerprint.add(version.language)
            fingerprint.add(version.name)
            fingerprint.add(version.url)
            fingerprint.add(version.isTranslation)
        }
        return fingerprint.value
    }

    /// Every page a sitemap lists, and each bulletin's last change.
    private func sitemapFingerprint() -> UInt64 {
        var fingerprint = Fingerprint()
        for other in pages where other.kind.isHTML {
            fingerprint.add(other.permalink.path)
            if case .bulletin(let index) = other.kind {
                fingerprint.add(Int((bulletins[index].updated ?? bulletins[index].date).secondsSinceEpoch))
            }
        }
        return fingerprint.value
    }

    /// The menus' links: their names and where they lead.
    private func menuFingerprint() -> UInt64 {
        var fingerprint = Fingerprint()
        for name in MenuName.allCases {
            let entries = menu(name)
            fingerprint.add(entries.count)
            for entry in entries {
                fingerprint.add(entry.name)
                fingerprint.add(href(entry))
                if case .page(let index) = entry.target { fingerprint.add(index) }
                if case .section(let index) = entry.target { fingerprint.add(-1 - index) }
            }
        }
        return fingerprint.value
    }

    /// The location pages of gazetteer places: their place, name, slug and how the name is marked.
    private func placePagesFingerprint() -> UInt64 {
        var fingerprint = Fingerprint()
        for term in locations.terms where term.identity != nil {
            fingerprint.add(term.identity!)
            ListEntry.add(term, to: &fingerprint)
        }
        return fingerprint.value
    }

    /// Everything a bulletin's list entry is made from, as `ListEntry` declares it.
    private func entryFingerprint(_ index: Int) -> UInt64 {
        ListEntry.fingerprint(for: index, in: self)
    }

    /// What a link to a bulletin shows: its headline, URL, language and direction.
    private func linkFingerprint(_ index: Int) -> UInt64 {
        let bulletin = bulletins[index]
        var fingerprint = Fingerprint()
        fingerprint.add(bulletin.title)
        fingerprint.add(permalinks[index].path)
        fingerprint.add(bulletin.language)
        fingerprint.add(bulletin.direction.rawValue)
        return fingerprint.value
    }
}
