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
        // Every HTML page shows the menus, whose links come from pages' and sections' files too.
        let menuInputs = menuFingerprint()
        // A bulletin page links the places its body names to their location pages: which places
        // have one is site-wide.
        let placePages = gazetteer == nil ? 0 : placePagesFingerprint()
        // On a multilingual site a page links its versions in the other editions (and the sitemap
        // lists them all): a translation's change re-renders its partners.
        let allVersions = config.edition == nil ? 0 : pages.reduce(into: Fingerprint()) { $0.add(Self.versionsFingerprint($1.versions)) }.value
        return pages.parallelMap { page in
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
                fingerprint.add(entries[index])
                fingerprint.add(index + 1 < bulletins.count ? links[index + 1] : 0)
                fingerprint.add(index > 0 ? links[index - 1] : 0)
                fingerprint.add(placePages)
                for other in related[index] {
                    fingerprint.add(links[other])
                    fingerprint.add(Int(bulletins[other].date.secondsSinceEpoch))
                }
            case .ninjs(let index):
                // Its bulletin's file, and what lists show of it (term names, merged spellings):
                // the page's other inputs, its neighbours and related bulletins, are not in it.
                fingerprint.add("ninjs")
                addBody(index, to: &fingerprint)
                fingerprint.add(entries[index])
            case .ninjsStream:
                fingerprint.add("ninjs-stream")
                for item in feedItems(.site) {
                    fingerprint.add(entries[item])
                    addBody(item, to: &fingerprint)
                }
            case .home:
                fingerprint.add("home")
                for item in listedBulletins(on: page) { fingerprint.add(entries[item]) }
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
                for item in listedBulletins(on: page) { fingerprint.add(entries[item]) }
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
                for item in listedBulletins(on: page) { fingerprint.add(entries[item]) }
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
                for item in listedBulletins(on: page) { fingerprint.add(entries[item]) }
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
                    fingerprint.add(entries[item])
                    if carriesBodies { addBody(item, to: &fingerprint) }
                }
            case .sitemap, .sitemapIndex:
                fingerprint.add("sitemap")
                fingerprint.add(sitemapInputs)
                fingerprint.add(allVersions)
            case .newsSitemap:
                fingerprint.add("news")
                for item in newsItems { fingerprint.add(entries[item]) }
            case .robots:
                fingerprint.add("robots")
                for sitemap in otherSitemaps { fingerprint.add(sitemap) }
            case .alias(let index, _):
                fingerprint.add("alias")
                fingerprint.add(links[index])
            }
            return fingerprint.value
        }
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
