import Foundation

/// Builds what templates receive (the keys listed in `TemplateShape`), as dictionaries: Mustache
/// reads them about three times faster than structs through reflection.
///
/// A bulletin's list entry is built once and shared by every list it appears in. Empty optional
/// values are left out, because Mustache treats an empty string as true.
struct PageContexts: @unchecked Sendable {
    // @unchecked: the dictionaries hold only immutable values (strings, booleans, arrays and
    // dictionaries of those), built before rendering starts and never mutated after.
    let site: Site
    let strings: [String: String]
    let siteContext: [String: Any]
    /// The list entry of each bulletin some page being rendered needs; nil for the others.
    let entries: [[String: Any]?]
    private let root: String

    init(site: Site, theme: Theme, needed: [Bool]) {
        self.site = site
        self.strings = theme.strings
        let config = site.config
        let root = config.rootPath
        self.root = root
        var siteContext: [String: Any] = [
            "title": config.title, "lang": config.language, "dir": config.direction.rawValue,
            "root": Permalink.percentEncode(root), "homeURL": Permalink("/").href(root: root),
            "tagsURL": site.tags.permalink.href(root: root), "locationsURL": site.locations.permalink.href(root: root),
            "baseURL": config.baseURL, "generator": "Nashra", "archiveURL": Archive.permalink.href(root: root),
            "feedURL": Permalink(normalized: "/index.xml").href(root: root),
            "footer": config.footer.map { ["name": $0.name, "url": $0.url] },
        ]
        if !config.description.isEmpty { siteContext["description"] = config.description }
        self.siteContext = siteContext
        let indices = site.bulletins.indices.filter { needed[$0] }
        let shared = UncheckedDictionary(["site": siteContext, "t": theme.strings])
        let renderItems = theme.hasItemTemplate
        let built = indices.parallelMap { index in
            var entry = Self.entry(for: index, in: site)
            if renderItems {
                // The checker allows only the entry's keys, site and t in this template; they
                // never share a name, so one merged dictionary resolves exactly like the stack.
                let scope = entry.merging(shared.value) { own, _ in own }
                let html = theme.render(scope, template: Theme.itemTemplate) ?? ""
                entry["item"] = html.hasSuffix("\n") ? String(html.dropLast()) : html
            }
            return UncheckedDictionary(entry)
        }
        var entries = [[String: Any]?](repeating: nil, count: site.bulletins.count)
        for (index, entry) in zip(indices, built) { entries[index] = entry.value }
        self.entries = entries
    }

    // MARK: Pages

    func context(for page: Page, content: String? = nil) -> [String: Any] {
        var context: [String: Any] = ["site": siteContext, "t": strings]
        var pageContext: [String: Any] = [
            "url": page.permalink.href(root: root), "lang": site.config.language, "dir": site.config.direction.rawValue,
            "canonical": site.absoluteURL(page.permalink),
            "isHome": false, "isBulletin": false, "isTerms": false, "isTerm": false, "isArchive": false, "is404": false,
        ]
        switch page.kind {
        case .bulletin(let index):
            let bulletin = site.bulletins[index]
            var entry = entries[index] ?? [:]
            entry["content"] = content ?? ""
            if !bulletin.hasWrittenSummary { entry["summary"] = nil }
            if index + 1 < site.bulletins.count { entry["prev"] = neighbour(index + 1) }
            if index > 0 { entry["next"] = neighbour(index - 1) }
            let related = site.related[index].map { other -> [String: Any] in
                var link = neighbour(other)
                link["date"] = Self.date(site.bulletins[other].date, language: site.bulletins[other].language, config: site.config)
                return link
            }
            entry["related"] = related
            entry["hasRelated"] = !related.isEmpty
            let corrections = bulletin.corrections.map { correction -> [String: Any] in
                var note: [String: Any] = ["text": correction.text]
                if let date = correction.date { note["date"] = Self.date(date, language: bulletin.language, config: site.config) }
                return note
            }
            entry["corrections"] = corrections
            entry["hasCorrections"] = !corrections.isEmpty
            entry["jsonLD"] = StructuredData.newsArticle(site: site, index: index)
            context["bulletin"] = entry
            if !bulletin.summary.isEmpty { pageContext["description"] = bulletin.summary }
            if let image = bulletin.image { pageContext["image"] = absolute(image) }
            pageContext["title"] = bulletin.title
            pageContext["lang"] = bulletin.language
            pageContext["dir"] = bulletin.direction.rawValue
            pageContext["kind"] = "bulletin"
            pageContext["isBulletin"] = true
        case .home:
            context["bulletins"] = page.items.compactMap { entries[$0] }
            pageContext["title"] = site.config.title
            pageContext["kind"] = "home"
            pageContext["isHome"] = true
            pageContext["pagination"] = pagination(page, base: Permalink("/"))
            pageContext["feeds"] = feeds(base: Permalink("/"), title: site.config.title)
            if !site.config.description.isEmpty { pageContext["description"] = site.config.description }
        case .terms(let kind):
            let taxonomy = site.taxonomy(kind)
            context["taxonomy"] = taxonomyContext(taxonomy)
            context["terms"] = taxonomy.terms.map(termContext)
            pageContext["title"] = taxonomyName(kind)
            pageContext["kind"] = kind.rawValue
            pageContext["isTerms"] = true
        case .term(let kind, let termIndex):
            let taxonomy = site.taxonomy(kind)
            let term = taxonomy.terms[termIndex]
            context["taxonomy"] = taxonomyContext(taxonomy)
            context["term"] = termContext(term)
            context["bulletins"] = page.items.compactMap { entries[term.bulletins[$0]] }
            pageContext["title"] = term.name
            pageContext["kind"] = kind == .tags ? "tag" : "location"
            pageContext["isTerm"] = true
            pageContext["pagination"] = pagination(page, base: term.permalink)
            pageContext["feeds"] = feeds(base: term.permalink, title: site.config.title + " — " + term.name)
        case .archiveYears, .archiveYear, .archiveMonth:
            context["archive"] = archiveContext(page)
            pageContext["kind"] = "archive"
            pageContext["isArchive"] = true
            pageContext["title"] = archiveTitle(page.kind)
            if case .archiveMonth(let year, let month) = page.kind {
                let list = site.archive.years[year].months[month].bulletins
                context["bulletins"] = page.items.compactMap { entries[list[$0]] }
                let number = site.archive.years[year].months[month].month
                pageContext["pagination"] = pagination(page, base: Archive.permalink(year: site.archive.years[year].year, month: number))
            }
        case .notFound:
            pageContext["title"] = strings["notFound"] ?? "404"
            pageContext["kind"] = "404"
            pageContext["is404"] = true
        case .feed, .sitemap, .sitemapIndex, .newsSitemap, .robots:
            break
        }
        context["page"] = pageContext
        return context
    }

    // MARK: Parts

    private func feeds(base: Permalink, title: String) -> [[String: Any]] {
        FeedFormat.allCases.map { format in
            ["type": format.mediaType, "url": Permalink(normalized: base.path + format.fileName).href(root: root), "title": title]
        }
    }

    /// An image given in front matter, as an absolute URL (for OpenGraph and structured data).
    private func absolute(_ url: String) -> String { StructuredData.absolute(url, site: site) }

    private func archiveTitle(_ kind: Page.Kind) -> String {
        let name = strings["archive"] ?? "الأرشيف"
        let style = site.config.dateStyle
        switch kind {
        case .archiveYear(let year): return name + " " + style.number(site.archive.years[year].year)
        case .archiveMonth(let year, let month):
            let number = site.archive.years[year].months[month].month
            return name + " " + monthName(number) + " " + style.number(site.archive.years[year].year)
        default: return name
        }
    }

    private func monthName(_ month: Int) -> String {
        site.config.language.hasPrefix("ar") ? site.config.dateStyle.monthName(month) : DateStyle.englishMonths[month - 1]
    }

    private func archiveContext(_ page: Page) -> [String: Any] {
        let style = site.config.dateStyle
        var archive: [String: Any] = ["url": Archive.permalink.href(root: root), "isYears": false, "isYear": false, "isMonth": false]
        switch page.kind {
        case .archiveYears:
            archive["isYears"] = true
            archive["years"] = site.archive.years.map { year -> [String: Any] in
                ["year": year.year, "yearDisplay": style.number(year.year), "url": Archive.permalink(year: year.year).href(root: root),
                 "count": year.count, "countDisplay": style.number(year.count), "countLabel": countLabel(year.count)]
            }
        case .archiveYear(let index), .archiveMonth(let index, _):
            let year = site.archive.years[index]
            archive["year"] = year.year
            archive["yearDisplay"] = style.number(year.year)
            archive["yearURL"] = Archive.permalink(year: year.year).href(root: root)
            archive["months"] = year.months.map { month -> [String: Any] in
                ["name": monthName(month.month), "url": Archive.permalink(year: year.year, month: month.month).href(root: root),
                 "count": month.bulletins.count, "countDisplay": style.number(month.bulletins.count),
                 "countLabel": countLabel(month.bulletins.count)]
            }
            if case .archiveMonth(_, let monthIndex) = page.kind {
                archive["isMonth"] = true
                archive["monthName"] = monthName(year.months[monthIndex].month)
            } else {
                archive["isYear"] = true
            }
        default:
            break
        }
        return archive
    }

    private static func entry(for index: Int, in site: Site) -> [String: Any] {
        let bulletin = site.bulletins[index]
        let root = site.config.rootPath
        var entry: [String: Any] = [
            "title": bulletin.title, "url": site.permalinks[index].href(root: root),
            "lang": bulletin.language, "dir": bulletin.direction.rawValue,
            "date": date(bulletin.date, language: bulletin.language, config: site.config),
        ]
        if let updated = bulletin.updated { entry["updated"] = date(updated, language: bulletin.language, config: site.config) }
        // Terms are shown by their merged name (the most used spelling), the same on every page.
        if let term = site.locationTerm[index] {
            entry["location"] = ["name": site.locations.terms[term].name, "url": site.locations.terms[term].permalink.href(root: root)]
        }
        if let agency = bulletin.agency { entry["agency"] = agency }
        if let author = bulletin.author { entry["author"] = author }
        if !bulletin.summary.isEmpty { entry["summary"] = bulletin.summary }
        if bulletin.isUrgent { entry["urgent"] = true }
        if let image = bulletin.image { entry["image"] = image }
        let tags: [[String: Any]] = site.tagTerms[index].map { term in
            ["name": site.tags.terms[term].name, "url": site.tags.terms[term].permalink.href(root: root)]
        }
        entry["tags"] = tags
        entry["hasTags"] = !tags.isEmpty
        if !bulletin.params.isEmpty { entry["params"] = bulletin.params.mapValues(\.templateValue) }
        return entry
    }

    static func date(_ date: BulletinDate, language: String, config: SiteConfig) -> [String: Any] {
        let offset = config.timeZone.offset(at: date.secondsSinceEpoch)
        let civil = CivilDate(secondsSinceEpochAsUTC: date.secondsSinceEpoch + Int64(offset))
        return ["iso": DateStyle.iso(civil, offset: offset),
                "display": config.dateStyle.display(civil, hasTime: date.hasTime, language: language)]
    }

    private func neighbour(_ index: Int) -> [String: Any] {
        let bulletin = site.bulletins[index]
        return ["title": bulletin.title, "url": site.permalinks[index].href(root: root),
                "lang": bulletin.language, "dir": bulletin.direction.rawValue]
    }

    private func pagination(_ page: Page, base: Permalink) -> [String: Any] {
        let style = site.config.dateStyle
        var pagination: [String: Any] = [
            "current": page.pageNumber, "total": page.pageCount,
            "currentDisplay": style.number(page.pageNumber), "totalDisplay": style.number(page.pageCount),
            "isPaginated": page.pageCount > 1,
        ]
        if page.pageNumber > 1 { pagination["prevURL"] = base.paginated(page.pageNumber - 1).href(root: root) }
        if page.pageNumber < page.pageCount { pagination["nextURL"] = base.paginated(page.pageNumber + 1).href(root: root) }
        return pagination
    }

    /// "٥ أخبار", "خبران", "١١ خبراً": the count with the noun in the form the number calls for,
    /// from the theme's `count<Category>` strings (`{n}` stands for the number), else the number
    /// and `bulletinsCount`.
    private func countLabel(_ count: Int) -> String {
        let category = PluralCategory(count: count, language: site.config.language)
        let number = site.config.dateStyle.number(count)
        let key = "count" + category.rawValue.prefix(1).uppercased() + category.rawValue.dropFirst()
        guard let form = strings[key] ?? strings["countOther"] else {
            return number + " " + (strings["bulletinsCount"] ?? "")
        }
        return form.replacingOccurrences(of: "{n}", with: number)
    }

    private func taxonomyName(_ kind: Taxonomy.Kind) -> String {
        strings[kind.rawValue] ?? (kind == .tags ? "الوسوم" : "المواقع")
    }

    private func taxonomyContext(_ taxonomy: Taxonomy) -> [String: Any] {
        ["key": taxonomy.kind.rawValue, "name": taxonomyName(taxonomy.kind), "url": taxonomy.permalink.href(root: root)]
    }

    private func termContext(_ term: Term) -> [String: Any] {
        ["name": term.name, "slug": term.slug, "url": term.permalink.href(root: root),
         "count": term.bulletins.count, "countDisplay": site.config.dateStyle.number(term.bulletins.count),
         "countLabel": countLabel(term.bulletins.count)]
    }
}

/// A template dictionary crossing from a worker thread; see `PageContexts`.
private struct UncheckedDictionary: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}
