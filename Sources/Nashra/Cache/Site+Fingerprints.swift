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
        return pages.parallelMap { page in
            var fingerprint = global
            fingerprint.add(page.permalink.path)
            fingerprint.add(page.pageNumber)
            fingerprint.add(page.pageCount)
            switch page.kind {
            case .bulletin(let index):
                fingerprint.add("bulletin")
                fingerprint.add(bulletins[index].source.contentHash)
                fingerprint.add(entries[index])
                fingerprint.add(index + 1 < bulletins.count ? links[index + 1] : 0)
                fingerprint.add(index > 0 ? links[index - 1] : 0)
                for other in related[index] {
                    fingerprint.add(links[other])
                    fingerprint.add(Int(bulletins[other].date.secondsSinceEpoch))
                }
            case .ninjs(let index):
                // Its bulletin's file, and what lists show of it (term names, merged spellings):
                // the page's other inputs, its neighbours and related bulletins, are not in it.
                fingerprint.add("ninjs")
                fingerprint.add(bulletins[index].source.contentHash)
                fingerprint.add(entries[index])
            case .ninjsStream:
                fingerprint.add("ninjs-stream")
                for item in feedItems(.site) {
                    fingerprint.add(entries[item])
                    fingerprint.add(bulletins[item].source.contentHash)
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
            case .search:
                fingerprint.add("search")
            case .feed(let scope, let format):
                fingerprint.add(format.rawValue)
                if case .term(let kind, let term) = scope { fingerprint.add(taxonomy(kind).terms[term].name) }
                for item in feedItems(scope) {
                    fingerprint.add(entries[item])
                    fingerprint.add(bulletins[item].source.contentHash)
                }
            case .sitemap, .sitemapIndex:
                fingerprint.add("sitemap")
                fingerprint.add(sitemapInputs)
            case .newsSitemap:
                fingerprint.add("news")
                for item in newsItems { fingerprint.add(entries[item]) }
            case .robots:
                fingerprint.add("robots")
            }
            return fingerprint.value
        }
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
