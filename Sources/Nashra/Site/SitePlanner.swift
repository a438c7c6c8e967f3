import Foundation
import NashraCore

/// Which bulletins a build publishes.
public struct PublishingRules: Sendable {
    public var includeDrafts = false
    public var includeFuture = false
    public var includeExpired = false
    public var now = Date()

    public init(includeDrafts: Bool = false, includeFuture: Bool = false, includeExpired: Bool = false, now: Date = Date()) {
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.includeExpired = includeExpired
        self.now = now
    }
}

/// Turns bulletins into the site plan: order, permalinks, terms and pages. Cheap (front matter
/// only), so it runs over the whole archive in memory.
public enum SitePlanner {
    /// Related bulletins as a previous build found them, with the key they were found for.
    struct KnownRelated: Sendable {
        var key: UInt64
        var related: [[Int]]
    }

    public static func plan(_ bulletins: [Bulletin], pages standing: [StandingPage] = [], sectionIndexes: [SectionIndex] = [],
                            config: SiteConfig, rules: PublishingRules, data: SiteData = .none) -> Result<Site, Diagnostics> {
        plan(bulletins, pages: standing, sectionIndexes: sectionIndexes, config: config, rules: rules, data: data, knownRelated: nil)
    }

    /// `known`: decisions a previous plan of the same bulletins' front matter made under the same
    /// inputs (`PlanDecisions`), taken instead of deciding again when they fit these bulletins.
    static func plan(_ bulletins: [Bulletin], pages standing: [StandingPage] = [], sectionIndexes: [SectionIndex] = [],
                     config: SiteConfig, rules: PublishingRules, data: SiteData = .none,
                     knownRelated: KnownRelated?, known: PlanDecisions? = nil) -> Result<Site, Diagnostics> {
        var laps = PartClock.Laps()
        let now = Int64(rules.now.timeIntervalSince1970)
        func isPublished(_ bulletin: Bulletin) -> Bool {
            (rules.includeDrafts || !bulletin.isDraft) && (rules.includeFuture || bulletin.date.secondsSinceEpoch <= now)
                && (rules.includeExpired || (bulletin.expires?.secondsSinceEpoch ?? .max) > now)
        }
        let inputs = inputsHash(bulletins)
        let kept = known.flatMap { $0.fit(bulletins, inputs: inputs, isPublished: isPublished) ? $0 : nil }
        let plannedOrder: [Int]
        if let kept {
            plannedOrder = kept.order
        } else {
            let candidates = bulletins.indices.filter { isPublished(bulletins[$0]) }
            // By instant alone: `!=` would also compare `hasTime`, so a date-only bulletin and one at
            // 00:00 that day would be neither a tie nor ordered, and their order would be the read order.
            // Among bulletins of one instant, Hugo's `weight` decides (lower first, unweighted last).
            // Sorted by keys read once per bulletin (each read goes through the bulletin's box), then
            // put in that order: the same order as comparing the bulletins themselves.
            let seconds = candidates.map { bulletins[$0].date.secondsSinceEpoch }
            let weights = candidates.map { bulletins[$0].weight }
            let order = candidates.indices.sorted { a, b in
                if seconds[a] != seconds[b] { return seconds[a] > seconds[b] }
                if weights[a] != weights[b] {
                    guard let first = weights[a] else { return false }
                    guard let second = weights[b] else { return true }
                    return first < second
                }
                return bulletins[candidates[a]].source.relativePath < bulletins[candidates[b]].source.relativePath
            }
            plannedOrder = order.map { candidates[$0] }
        }
        let published = plannedOrder.map { bulletins[$0] }
        laps.mark("plan: order")

        // An edition's pages live under its prefix (`/en/…`); the default edition's, and a
        // single-language site's, at the root.
        let prefix = config.pathPrefix
        var tagCollector = TermCollector(identify: tagIdentity(data.tags, language: config.language))
        var locationCollector = TermCollector(identify: data.gazetteer.map { placeIdentity($0, language: config.language) })
        var categoryCollector = TermCollector()
        // Each bulletin's terms by their number in collection order, turned into taxonomy
        // positions once the taxonomies are sorted: no slug is made or hashed again.
        var categoryNumbers: [[Int]] = []
        var tagNumbers: [[Int]] = []
        var locationNumbers: [Int?] = []
        var permalinks: [Permalink] = []
        var dates: [CivilDate] = []
        dates.reserveCapacity(published.count)
        if kept == nil {
            tagNumbers.reserveCapacity(published.count)
            locationNumbers.reserveCapacity(published.count)
            categoryNumbers.reserveCapacity(published.count)
        }
        permalinks.reserveCapacity(published.count)
        // Dates and permalinks are per bulletin, so they are made in parallel; terms are collected
        // in order meanwhile.
        let placed = kept != nil ? nil : BackgroundWork { [published] in
            Array(published.indices).parallelMap { index -> (CivilDate, Permalink) in
                let bulletin = published[index]
                let civil = config.timeZone.localTime(at: bulletin.date.secondsSinceEpoch).civil
                // `url:` is the page's path, exactly (Hugo's and Jekyll's old URLs).
                let permalink = bulletin.url.map { Permalink(normalized: $0) }
                    ?? config.permalink.expand(date: civil, slug: bulletin.slug, section: bulletin.sectionName ?? bulletin.section).prefixed(prefix)
                return (civil, permalink)
            }
        }
        for (index, bulletin) in published.enumerated() where kept == nil {
            tagNumbers.append(tagCollector.addTerms(bulletin.tags, bulletin: index))
            locationNumbers.append(bulletin.location.flatMap { locationCollector.addTerms(CollectionOfOne($0), bulletin: index).first })
            categoryNumbers.append(bulletin.categories.isEmpty ? [] : categoryCollector.addTerms(bulletin.categories, bulletin: index))
        }
        laps.mark("plan: terms")
        if let placed {
            for (civil, permalink) in placed.value {
                dates.append(civil)
                permalinks.append(permalink)
            }
        } else if let kept {
            // Encoded when linked: a plan made from kept decisions renders the few pages an edit
            // of bodies changed, which link a few dozen of these, not the 10,000 a clean build does.
            permalinks = kept.paths.parallelMap { Permalink.encodingWhenLinked($0) }
            dates = kept.months.map { CivilDate(year: $0 >> 4, month: $0 & 15, day: 1) }
        }
        laps.mark("plan: permalinks")
        let tags, locations, categories: Taxonomy
        let tagTerms, categoryTerms: [[Int]]
        let locationTerms: [Int?]
        if let kept {
            tags = withLanguages(Taxonomy(kept.tags, .tags, prefix: prefix), published, config)
            locations = withLanguages(Taxonomy(kept.locations, .locations, prefix: prefix), published, config)
            categories = withLanguages(Taxonomy(kept.categories, .categories, prefix: prefix), published, config)
            (tagTerms, locationTerms, categoryTerms) = (kept.tagTerms, kept.locationTerm, kept.categoryTerms)
        } else {
            let (sortedTags, tagPosition) = tagCollector.sorted(.tags, prefix: prefix)
            let (sortedLocations, locationPosition) = locationCollector.sorted(.locations, prefix: prefix)
            let (sortedCategories, categoryPosition) = categoryCollector.sorted(.categories, prefix: prefix)
            tags = withLanguages(sortedTags, published, config)
            locations = withLanguages(sortedLocations, published, config)
            categories = withLanguages(sortedCategories, published, config)
            categoryTerms = renumbered(consume categoryNumbers, categoryPosition)
            tagTerms = renumbered(consume tagNumbers, tagPosition)
            locationTerms = locationNumbers.map { $0.map { locationPosition[$0] } }
        }
        // Categories have pages when nashra.yaml names them, or when a bulletin has one.
        let taxonomyKinds: [Taxonomy.Kind] = config.taxonomyNames?.compactMap(Taxonomy.Kind.init(rawValue:))
            ?? ([.tags, .locations] + (categories.terms.isEmpty ? [] : [.categories]))
        let taxonomies = taxonomyKinds.map { kind in kind == .tags ? tags : kind == .locations ? locations : categories }
        laps.mark("plan: taxonomies")
        // Related bulletins depend only on each bulletin's terms: reused when those are unchanged,
        // else found while the page list is made.
        var relatedKey = Fingerprint()
        // What the terms' bulletin lists are made from beyond each bulletin's own terms: a place's
        // term also lists the bulletins of the places in it, as the gazetteer says.
        relatedKey.add(data.fingerprint)
        relatedKey.add(tagTerms.count)
        for (terms, location) in zip(tagTerms, locationTerms) {
            relatedKey.add(terms.count)
            for term in terms { relatedKey.add(term) }
            relatedKey.add(location ?? -1)
        }
        let reusable = knownRelated.flatMap { $0.key == relatedKey.value && $0.related.count == published.count ? $0.related : nil }
        let related = BackgroundWork {
            reusable ?? RelatedBulletins.find(tagTerms: tagTerms, locationTerm: locationTerms, tags: tags, locations: locations)
        }

        var (sections, bulletinSection, sectionProblems) = Self.sections(sectionIndexes, bulletins: published)
        for index in sections.indices { sections[index].prefix = prefix }
        var standingPages = standing.filter { rules.includeDrafts || !$0.isDraft }
            .sorted { $0.source.relativePath < $1.source.relativePath }
        // An imported site's own search page (Hugo's `content/search.md`) would take the URL of
        // Nashra's: Nashra's, which works without a server, is kept, and the page is left out
        // with a warning (`search: false` publishes it instead).
        var searchPageWarnings: [Diagnostic] = []
        if config.searchEnabled {
            standingPages.removeAll { page in
                guard standingPermalink(page, prefix: prefix).path == prefix + "/search/" else { return false }
                searchPageWarnings.append(Diagnostic("this page is not published: /search/ is Nashra's own search page (set 'search: false' in nashra.yaml to publish this one instead)",
                                                     at: page.slugPosition?.location(in: page.source.displayPath) ?? SourceLocation(path: page.source.displayPath),
                                                     severity: .warning))
                return true
            }
        }
        let standingPermalinks = standingPages.map { standingPermalink($0, prefix: prefix) }
        let (headerMenu, headerProblems) = menu(.header, config: config, pages: standingPages, sections: sections)
        let (footerMenu, footerProblems) = menu(.footer, config: config, pages: standingPages, sections: sections)

        let archive = Archive(dates: dates, prefix: prefix)
        var pages: [Page] = []
        pages.reserveCapacity(expectedPageCount(bulletins: published, sections: sections, taxonomies: taxonomies, archive: archive,
                                                standingPages: standingPages.count, config: config))
        for (index, permalink) in permalinks.enumerated() {
            pages.append(Page(kind: .bulletin(index), permalink: permalink))
            // Next to its page, so that rendering, which works through pages in runs, reads and
            // renders the body once for both and drops it soon after.
            pages.append(Page(kind: .ninjs(index), permalink: permalink.ninjs))
        }
        let home = Paginator(count: published.count, size: config.paginate)
        for number in 1...home.pageCount {
            pages.append(Page(kind: .home, permalink: Permalink("/").prefixed(prefix).paginated(number), pageNumber: number,
                              pageCount: home.pageCount, items: home.items(onPage: number)))
        }
        for (index, permalink) in standingPermalinks.enumerated() {
            pages.append(Page(kind: .standingPage(index), permalink: permalink))
        }
        for (index, section) in sections.enumerated() {
            let paginator = Paginator(count: section.bulletins.count, size: config.paginate)
            for number in 1...paginator.pageCount {
                pages.append(Page(kind: .section(index), permalink: section.permalink.paginated(number), pageNumber: number,
                                  pageCount: paginator.pageCount, items: paginator.items(onPage: number)))
            }
        }
        for taxonomy in taxonomies {
            pages.append(Page(kind: .terms(taxonomy.kind), permalink: taxonomy.permalink))
            for (termIndex, term) in taxonomy.terms.enumerated() {
                let paginator = Paginator(count: term.bulletins.count, size: config.paginate)
                for number in 1...paginator.pageCount {
                    pages.append(Page(kind: .term(taxonomy.kind, termIndex), permalink: term.permalink.paginated(number),
                                      pageNumber: number, pageCount: paginator.pageCount, items: paginator.items(onPage: number)))
                }
            }
        }
        pages.append(Page(kind: .archiveYears, permalink: archive.permalink))
        for (yearIndex, year) in archive.years.enumerated() {
            pages.append(Page(kind: .archiveYear(yearIndex), permalink: archive.permalink(year: year.year)))
            for (monthIndex, month) in year.months.enumerated() {
                let paginator = Paginator(count: month.bulletins.count, size: config.paginate)
                let base = archive.permalink(year: year.year, month: month.month)
                for number in 1...paginator.pageCount {
                    pages.append(Page(kind: .archiveMonth(yearIndex, monthIndex), permalink: base.paginated(number),
                                      pageNumber: number, pageCount: paginator.pageCount, items: paginator.items(onPage: number)))
                }
            }
        }
        // One 404 page and one robots.txt for the whole site: servers look for them at the root.
        if prefix.isEmpty { pages.append(Page(kind: .notFound, permalink: Permalink("/404.html"))) }
        if config.searchEnabled { pages.append(Page(kind: .search, permalink: Permalink("/search/").prefixed(prefix))) }

        // Feeds for the site, every section and every term, then sitemaps (split past 50,000 URLs) and robots.txt.
        for format in FeedFormat.allCases {
            if config.feeds.site.formats.contains(format) {
                pages.append(Page(kind: .feed(.site, format), permalink: Permalink("/").prefixed(prefix).feed(format)))
                for (index, section) in sections.enumerated() {
                    pages.append(Page(kind: .feed(.section(index), format), permalink: section.permalink.feed(format)))
                }
            }
            guard config.feeds.terms.formats.contains(format) else { continue }
            for taxonomy in taxonomies {
                for (termIndex, term) in taxonomy.terms.enumerated() {
                    pages.append(Page(kind: .feed(.term(taxonomy.kind, termIndex), format),
                                      permalink: term.permalink.feed(format)))
                }
            }
        }
        pages.append(Page(kind: .ninjsStream, permalink: Permalink(normalized: "/").prefixed(prefix).ninjs))
        laps.mark("plan: pages")
        // By index: `reduce` would hand each page over as a copy, retaining its strings.
        var htmlPages = 0
        for index in pages.indices where pages[index].kind.isHTML && pages[index].kind != .notFound && pages[index].kind != .search { htmlPages += 1 }
        let parts = (htmlPages + config.urlsPerSitemap - 1) / config.urlsPerSitemap
        if parts <= 1 {
            pages.append(Page(kind: .sitemap(part: 0), permalink: Permalink.sitemap.prefixed(prefix)))
        } else {
            pages.append(Page(kind: .sitemapIndex(parts: parts), permalink: Permalink.sitemap.prefixed(prefix)))
            for part in 1...parts {
                pages.append(Page(kind: .sitemap(part: part), permalink: Permalink.sitemapPart(part).prefixed(prefix)))
            }
        }
        pages.append(Page(kind: .newsSitemap, permalink: Permalink.newsSitemap.prefixed(prefix)))
        if prefix.isEmpty { pages.append(Page(kind: .robots, permalink: .robots)) }
        // Old URLs last: one that takes a real page's place is reported below as a clash.
        for (index, bulletin) in published.enumerated() {
            for (aliasIndex, alias) in bulletin.aliases.enumerated() where alias != permalinks[index].path {
                pages.append(Page(kind: .alias(index, aliasIndex), permalink: Permalink(normalized: alias)))
            }
        }

        // Two pages at one URL would overwrite each other: say which files clash.
        var owners: [PathKey: Int] = [:]
        if kept == nil { owners.reserveCapacity(pages.count) }
        var problems = sectionProblems + headerProblems + footerProblems
        // Kept decisions come from a plan of the same pages, which had no clash.
        // (Not even walked: each page looked at is a copy.)
        for (position, page) in (kept == nil ? pages : []).enumerated() {
            let key = PathKey(page.permalink.outputPath)
            guard let first = owners[key] else {
                owners[key] = position
                continue
            }
            // Two bulletins' ninjs documents clash exactly when their pages do, which is reported.
            if case .ninjs = page.kind, case .ninjs = pages[first].kind { continue }
            problems.append(clash(pages[first], page, at: key.text, bulletins: published, taxonomies: taxonomies,
                                  standingPages: standingPages, sections: sections))
        }
        if !problems.isEmpty { return .failure(Diagnostics(problems)) }
        laps.mark("plan: clashes")

        // `ref` shortcodes: each must name a published bulletin; one that does not is linked to
        // `#` and reported.
        var warnings = searchPageWarnings
        var bulletinsByPath: [PathKey: Int] = [:]
        if published.contains(where: { !$0.references.isEmpty }) {
            bulletinsByPath = Dictionary(published.enumerated().map { (PathKey($1.source.relativePath), $0) }) { first, _ in first }
            for bulletin in published {
                for reference in bulletin.references
                where Site.resolve(reference.target, from: bulletin.source.relativePath, in: bulletinsByPath) == nil {
                    warnings.append(Diagnostic("'\(reference.target)' names no published bulletin; the link goes nowhere",
                                               at: reference.position.location(in: bulletin.source.displayPath), severity: .warning))
                }
            }
        }

        // Held through the whole build: without spare capacity, should growth past the reserve
        // above have left some (copying retains every page's strings, so only then).
        if pages.capacity > pages.count + pages.count / 64 + 64 { pages = pages.withUnsafeBufferPointer { Array($0) } }
        let relatedLists = related.value
        laps.mark("plan: related")
        var site = Site(
            config: config, bulletins: published, permalinks: permalinks,
            tagTerms: tagTerms, locationTerm: locationTerms, tags: tags, locations: locations,
            archive: archive,
            standingPages: standingPages, standingPermalinks: standingPermalinks,
            sections: sections, bulletinSection: bulletinSection, headerMenu: headerMenu, footerMenu: footerMenu,
            related: relatedLists, relatedKey: relatedKey.value,
            now: now, pages: pages, newsItems: newsItems(published, now: now), warnings: warnings,
            categories: categories, categoryTerms: categoryTerms, taxonomyKinds: taxonomyKinds, bulletinsByPath: bulletinsByPath,
            gazetteer: data.gazetteer, dataFingerprint: data.fingerprint.value)
        site.plannedOrder = plannedOrder
        site.plannedInputs = inputs
        site.decisionsKept = kept != nil
        return .success(site)
    }

    /// About as many pages as `plan` lists, counted from what makes them (the bulletins' pages and
    /// documents, the paginated lists, every feed, every old URL), a few over rather than under:
    /// reserved at once, the list is made without growing.
    static func expectedPageCount(bulletins: [Bulletin], sections: [Section], taxonomies: [Taxonomy], archive: Archive,
                                          standingPages: Int, config: SiteConfig) -> Int {
        func pages(_ count: Int) -> Int { Paginator(count: count, size: config.paginate).pageCount }
        let terms = taxonomies.reduce(0) { $0 + $1.terms.count }
        let termPages = taxonomies.reduce(0) { sum, taxonomy in sum + 1 + taxonomy.terms.reduce(0) { $0 + pages($1.bulletins.count) } }
        let sectionPages = sections.reduce(0) { $0 + pages($1.bulletins.count) }
        let archivePages = archive.years.reduce(1) { sum, year in sum + 1 + year.months.reduce(0) { $0 + pages($1.bulletins.count) } }
        let feeds = FeedFormat.allCases.count * (1 + sections.count + terms)
        let aliases = bulletins.reduce(0) { $0 + $1.aliases.count }
        // The rest: 404, search, the site's ninjs stream, sitemaps, the news sitemap and robots.txt.
        return 2 * bulletins.count + pages(bulletins.count) + standingPages + sectionPages + termPages + archivePages + feeds + aliases + 16
    }

    /// What the decisions a plan makes are tied to beyond the front matter: the bulletins it was
    /// given, by path and in order (`PlanDecisions` number them by their place in that list).
    static func inputsHash(_ bulletins: [Bulletin]) -> UInt64 {
        var key = Fingerprint()
        key.add(bulletins.count)
        for bulletin in bulletins { key.add(bulletin.source.relativePath) }
        return key.value
    }

    /// Each list's term numbers (in collection order) as positions in the sorted taxonomy, in place.
    private static func renumbered(_ lists: consuming [[Int]], _ position: [Int]) -> [[Int]] {
        var lists = lists
        for list in lists.indices where !lists[list].isEmpty {
            for item in lists[list].indices { lists[list][item] = position[lists[list][item]] }
        }
        return lists
    }

    /// A standing page's URL, under the edition's prefix unless the page gives its exact path.
    static func standingPermalink(_ page: StandingPage, prefix: String) -> Permalink {
        page.explicitPath != nil ? Permalink.standingPage(slug: page.slug, explicit: page.explicitPath)
            : Permalink.standingPage(slug: page.slug).prefixed(prefix)
    }

    /// A location the gazetteer knows, as one term named in the site's language, in its places.
    static func placeIdentity(_ gazetteer: Gazetteer, language: String) -> (String) -> TermIdentity? {
        { spelling in
            guard let place = gazetteer.resolve(spelling) else { return nil }
            return TermIdentity(id: "place:" + place.id, name: place.name(in: language),
                                ancestors: gazetteer.ancestors(of: place).map { ("place:" + $0.id, $0.name(in: language)) })
        }
    }

    /// A tag `tags.yaml` gives, as one term named in the site's language.
    static func tagIdentity(_ tags: TagAliases, language: String) -> ((String) -> TermIdentity?)? {
        guard !tags.isEmpty else { return nil }
        return { spelling in tags.resolve(spelling).map { TermIdentity(id: "tag:" + $0.id, name: $0.name(in: language)) } }
    }

    /// Each term's name marked with its language (see `PartLanguage`), from the bulletins using it.
    private static func withLanguages(_ taxonomy: Taxonomy, _ bulletins: [Bulletin], _ config: SiteConfig) -> Taxonomy {
        var taxonomy = taxonomy
        for index in taxonomy.terms.indices {
            let term = taxonomy.terms[index]
            taxonomy.terms[index].language = PartLanguage.of(name: term.name, usedBy: term.bulletins.lazy.map { bulletins[$0].language },
                                                             siteLanguage: config.language)
        }
        return taxonomy
    }

    /// What the news sitemap lists: bulletins of the 48 hours before the build's "now", newest
    /// first, at most 1,000 (Google News' limits).
    static func newsItems(_ bulletins: [Bulletin], now: Int64) -> [Int] {
        // Newest first, so the window's bulletins come first: the rest of an archive is not read.
        Array(bulletins.indices.lazy
            .prefix { now - bulletins[$0].date.secondsSinceEpoch <= Site.newsWindow }
            .prefix(Site.newsLimit))
    }

    private static func clash(_ first: Page, _ second: Page, at path: String, bulletins: [Bulletin], taxonomies: [Taxonomy],
                              standingPages: [StandingPage], sections: [Section]) -> Diagnostic {
        // In words: interpolating `page.kind` would print Swift type names to the user.
        func describe(_ page: Page) -> String {
            switch page.kind {
            case .bulletin(let index): return bulletins[index].source.displayPath
            case .ninjs(let index): return "the ninjs document of " + bulletins[index].source.displayPath
            case .home: return "the home page"
            case .terms(let kind): return "the \(kind.rawValue) page"
            case .term(let kind, let index):
                let name = taxonomies.first { $0.kind == kind }?.terms[index].name ?? ""
                return "the \(kind.rawValue) page of '\(name)'"
            case .notFound: return "the 404 page"
            case .standingPage(let index): return standingPages[index].source.displayPath
            case .section(let index):
                return sections[index].index.map { "the front page of section '\(sections[index].name)' (\($0.source.displayPath))" }
                    ?? "the front page of section '\(sections[index].name)'"
            case .search: return "the search page"
            case .archiveYears, .archiveYear, .archiveMonth: return "the archive page \(page.permalink.path)"
            case .feed, .ninjsStream, .sitemap, .sitemapIndex, .newsSitemap, .robots: return "the file \(page.permalink.path)"
            case .alias(let index, _): return "an old URL ('aliases:') of " + bulletins[index].source.displayPath
            }
        }
        // At the `slug:` that made the URL, or at the file whose name made it.
        func location(of page: Page) -> SourceLocation? {
            let index: Int
            switch page.kind {
            case .bulletin(let bulletin), .ninjs(let bulletin): index = bulletin
            case .standingPage(let page):
                let source = standingPages[page].source
                return standingPages[page].slugPosition?.location(in: source.displayPath) ?? SourceLocation(path: source.displayPath)
            case .section(let section): return sections[section].index.map { SourceLocation(path: $0.source.displayPath) }
            case .alias(let bulletin, let alias):
                return bulletins[bulletin].aliasPositions[alias].location(in: bulletins[bulletin].source.displayPath)
            default: return nil
            }
            let source = bulletins[index].source
            return (bulletins[index].urlPosition ?? bulletins[index].slugPosition)?.location(in: source.displayPath)
                ?? SourceLocation(path: source.displayPath)
        }
        let location = location(of: second) ?? location(of: first)
        let remedy: String
        switch (second.kind, first.kind) {
        case (.alias, _), (_, .alias): remedy = "remove that old URL from 'aliases:', or change it"
        case (.bulletin(let a), _) where bulletins[a].url != nil: remedy = "give one of them a different 'url:'"
        case (_, .bulletin(let b)) where bulletins[b].url != nil: remedy = "give one of them a different 'url:'"
        default: remedy = "give one of them a different 'slug:'"
        }
        return Diagnostic("\(describe(second)) and \(describe(first)) would both be written to \(path); \(remedy)", at: location)
    }
}
