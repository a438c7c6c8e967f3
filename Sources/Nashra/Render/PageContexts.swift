import Foundation
import NashraCore

/// Builds what templates receive (the keys listed in `TemplateShape`), as `TemplateValue`s.
///
/// A bulletin's list entry is built once and shared by every list it appears in. Empty optional
/// values are left out, because Mustache treats an empty string as true.
struct PageContexts: Sendable {
    let site: Site
    let strings: [String: String]
    let siteContext: [String: TemplateValue]
    /// The theme's strings, as templates read them (`t.*`).
    let stringsContext: TemplateValue
    /// The list entry of each bulletin the pages being rendered show (only the keys lists name,
    /// unless `keepsWholeEntries`), made when first asked for and dropped after its last page.
    let entries: CountedMemo<[String: TemplateValue]>
    /// Whether `entries` hold every key (a theme whose lists name the entry as a whole).
    private let keepsWholeEntries: Bool
    /// The theme's strings in each language it translates them to (over the site's), as `bulletin.t`.
    private let translatedStrings: [String: TemplateValue]
    private let root: String
    /// The header's and footer's links (name, URL, what they lead to), marked `current` per page.
    private let menus: [(MenuName, [(entry: MenuEntry, name: String, url: String)])]
    /// Location terms by the place they stand for (`place:<id>`).
    private let placeTerms: [String: Int]
    /// Finds the places bodies name, knowing each word once for all bulletins.
    private let placeFinder: PlaceMentions.Finder?

    /// `uses[i]`: how many of the pages to be rendered will ask for bulletin `i`'s entry (its
    /// own page and each list showing it).
    init(site: Site, theme: Theme, uses: [Int32]) {
        self.site = site
        self.strings = theme.strings
        let config = site.config
        let root = config.rootPath
        self.root = root
        var placeTerms: [String: Int] = [:]
        for (index, term) in site.locations.terms.enumerated() {
            if let identity = term.identity { placeTerms[identity] = index }
        }
        self.placeTerms = placeTerms
        self.placeFinder = site.gazetteer.map(PlaceMentions.Finder.init)
        var siteContext: [String: TemplateValue] = [
            "title": .string(config.title), "lang": .string(config.language), "dir": .string(config.direction.rawValue),
            "root": .string(Permalink.percentEncode(root)), "homeURL": .string(site.home.href(root: root)),
            "tagsURL": .string(site.tags.permalink.href(root: root)),
            "locationsURL": .string(site.locations.permalink.href(root: root)),
            "categoriesURL": site.taxonomyKinds.contains(.categories) ? .string(site.categories.permalink.href(root: root)) : .bool(false),
            "baseURL": .string(config.baseURL), "generator": "Nashra", "archiveURL": .string(site.archive.permalink.href(root: root)),
            "footer": .list(config.footer.map { ["name": .string($0.name), "url": .string($0.url)] }),
        ]
        if !config.description.isEmpty { siteContext["description"] = .string(config.description) }
        // The footer links the site's first feed format (RSS unless `feeds.site.formats` leaves it out).
        if let format = FeedFormat.allCases.first(where: config.feeds.site.formats.contains) {
            siteContext["feedURL"] = .string(site.home.feed(format).href(root: root))
            siteContext["feedType"] = .string(format.mediaType)
        }
        if config.searchEnabled { siteContext["searchURL"] = .string(Permalink("/search/").prefixed(config.pathPrefix).href(root: root)) }
        self.siteContext = siteContext
        self.menus = MenuName.allCases.map { name in
            (name, site.menu(name).map { (entry: $0, name: $0.name, url: site.href($0)) })
        }
        let stringsContext = TemplateValue.object(theme.strings.mapValues(TemplateValue.string))
        self.stringsContext = stringsContext
        self.translatedStrings = theme.translations.mapValues { words in
            .object(theme.strings.merging(words) { _, translated in translated }.mapValues(TemplateValue.string))
        }
        let shared: [String: TemplateValue] = ["site": .object(siteContext), "t": stringsContext]
        let renderItems = theme.hasItemTemplate
        let listKeys = theme.listEntryKeys
        self.keepsWholeEntries = listKeys == nil
        self.entries = CountedMemo(uses: uses) { index in
            var entry = ListEntry.values(for: index, in: site)
            if renderItems {
                // The checker allows only the entry's keys, site and t in this template; they
                // never share a name, so one merged dictionary resolves exactly like the stack.
                let scope = entry.merging(shared) { own, _ in own }
                let html = theme.render(.object(scope), template: Theme.itemTemplate) ?? ""
                entry["item"] = .string(Self.droppingFinalLineFeed(html))
            }
            // Kept until the last page showing it is rendered: only what lists name (a
            // bulletin's own page makes its entry again, `bulletinEntry`).
            guard let listKeys else { return entry }
            return entry.filter { listKeys.contains($0.key) || $0.key == "item" }
        }
    }

    /// A multilingual site's page: its translations as `hreflang` alternates (with `x-default`,
    /// the default edition's version), and every edition in the language switcher, linking the
    /// page's version there or, without one, that edition's home.
    static func versionValues(_ versions: [PageVersion]) -> [String: TemplateValue] {
        var alternates: [TemplateValue] = versions.filter(\.isTranslation).map {
            ["lang": .string($0.language), "url": .string($0.url)]
        }
        if let first = versions.first, first.isTranslation, alternates.count > 1 {
            alternates.append(["lang": "x-default", "url": .string(first.url)])
        } else if alternates.count <= 1 {
            alternates = []
        }
        let editions: [TemplateValue] = versions.map { version in
            var values: [String: TemplateValue] = ["lang": .string(version.language), "name": .string(version.name),
                                                   "dir": .string(version.direction.rawValue), "url": .string(version.url)]
            if version.isCurrent { values["current"] = true }
            if version.isTranslation { values["isTranslation"] = true }
            return .object(values)
        }
        return ["alternates": .list(alternates), "editions": .list(editions), "hasEditions": true]
    }

    /// The rendered item without the line feed its template file ends with (so `{{{item}}}` fits
    /// on its line). On UTF-8 bytes: `hasSuffix`/`dropLast` walk grapheme clusters, once per
    /// bulletin. A final CRLF is one Character, which `hasSuffix("\n")` did not match: kept.
    static func droppingFinalLineFeed(_ html: String) -> String {
        let utf8 = html.utf8
        guard utf8.last == UInt8(ascii: "\n") else { return html }
        let beforeLast = utf8.index(before: utf8.endIndex)
        if beforeLast > utf8.startIndex, utf8[utf8.index(before: beforeLast)] == UInt8(ascii: "\r") { return html }
        return String(Substring(utf8[..<beforeLast]))
    }

    // MARK: Pages

    func context(for page: Page, content: String? = nil) -> TemplateValue {
        var siteValues = siteContext
        siteValues["menus"] = menusContext(on: page)
        var context: [String: TemplateValue] = ["site": .object(siteValues), "t": stringsContext]
        var pageContext: [String: TemplateValue] = [
            "url": .string(page.permalink.href(root: root)), "lang": .string(site.config.language),
            "dir": .string(site.config.direction.rawValue), "canonical": .string(site.absoluteURL(page.permalink)),
            "isHome": false, "isBulletin": false, "isTerms": false, "isTerm": false, "isArchive": false, "is404": false, "isSearch": false,
            "isPage": false, "isSection": false,
        ]
        switch page.kind {
        case .bulletin(let index):
            let bulletin = site.bulletins[index]
            var entry = bulletinEntry(index)
            entry["content"] = .string(content ?? "")
            if !bulletin.hasWrittenSummary { entry["summary"] = nil }
            if index + 1 < site.bulletins.count { entry["prev"] = .object(neighbour(index + 1)) }
            if index > 0 { entry["next"] = .object(neighbour(index - 1)) }
            let related = site.related[index].map { other -> TemplateValue in
                var link = neighbour(other)
                link["date"] = Self.date(site.bulletins[other].date, language: site.bulletins[other].language, config: site.config)
                return .object(link)
            }
            entry["related"] = .list(related)
            entry["hasRelated"] = .bool(!related.isEmpty)
            let corrections = bulletin.corrections.map { correction -> TemplateValue in
                var note: [String: TemplateValue] = ["text": .string(correction.text)]
                if let date = correction.date { note["date"] = Self.date(date, language: bulletin.language, config: site.config) }
                return .object(note)
            }
            entry["corrections"] = .list(corrections)
            entry["hasCorrections"] = .bool(!corrections.isEmpty)
            let mentioned = mentions(in: content ?? "")
            if !mentioned.isEmpty {
                entry["places"] = .list(mentioned.map { .object(placeLink($0)) })
                entry["hasPlaces"] = true
            }
            entry["jsonLD"] = .string(StructuredData.newsArticle(site: site, index: index, mentions: mentioned))
            // The bulletin's own words (byline, update line, badge) in its language when the theme
            // has them, marked with the language they are actually in.
            if let words = translatedStrings[Self.primarySubtag(bulletin.language)],
               Self.primarySubtag(bulletin.language) != Self.primarySubtag(site.config.language) {
                entry["t"] = words
                entry["tLang"] = .string(bulletin.language)
                entry["tDir"] = .string(bulletin.direction.rawValue)
            } else {
                entry["t"] = stringsContext
                entry["tLang"] = .string(site.config.language)
                entry["tDir"] = .string(site.config.direction.rawValue)
            }
            context["bulletin"] = .object(entry)
            if !bulletin.summary.isEmpty { pageContext["description"] = .string(bulletin.summary) }
            if let photo = site.photo(index) {
                pageContext["image"] = .string(photo.absoluteURL(in: site))
                if let fallback = photo.fallback, fallback.width > 0 {
                    pageContext["imageWidth"] = .int(fallback.width)
                    pageContext["imageHeight"] = .int(fallback.height)
                }
                if let alt = photo.image.alt { pageContext["imageAlt"] = .string(alt) }
            }
            pageContext["title"] = .string(bulletin.title)
            pageContext["lang"] = .string(bulletin.language)
            pageContext["dir"] = .string(bulletin.direction.rawValue)
            pageContext["kind"] = "bulletin"
            pageContext["isBulletin"] = true
        case .home:
            context["bulletins"] = listed(on: page)
            pageContext["title"] = .string(site.config.title)
            pageContext["kind"] = "home"
            pageContext["isHome"] = true
            pageContext["pagination"] = pagination(page, base: site.home)
            // The site's ninjs stream is offered beside its feeds, for newsroom systems.
            pageContext["feeds"] = .list(feeds(base: site.home, title: site.config.title, formats: site.config.feeds.site.formats)
                + [["type": "application/json", "url": .string(site.home.ninjs.href(root: root)),
                    "title": .string(site.config.title + " — ninjs")]])
            if !site.config.description.isEmpty { pageContext["description"] = .string(site.config.description) }
        case .terms(let kind):
            let taxonomy = site.taxonomy(kind)
            context["taxonomy"] = taxonomyContext(taxonomy)
            context["terms"] = .list(taxonomy.terms.indices.map { termContext(taxonomy.terms[$0], index: $0, kind: kind) })
            pageContext["title"] = .string(taxonomyName(kind))
            pageContext["kind"] = .string(kind.rawValue)
            pageContext["isTerms"] = true
        case .term(let kind, let termIndex):
            let taxonomy = site.taxonomy(kind)
            let term = taxonomy.terms[termIndex]
            context["taxonomy"] = taxonomyContext(taxonomy)
            var termValues = termValues(term, index: termIndex, kind: kind)
            if kind == .locations { termValues.merge(placeValues(term, in: taxonomy)) { own, _ in own } }
            context["term"] = .object(termValues)
            context["bulletins"] = listed(on: page)
            pageContext["title"] = .string(term.name)
            pageContext["kind"] = .string(kind.singular)
            pageContext["isTerm"] = true
            pageContext["pagination"] = pagination(page, base: term.permalink)
            pageContext["feeds"] = .list(feeds(base: term.permalink, title: site.config.title + " — " + term.name,
                                               formats: site.config.feeds.terms.formats))
        case .archiveYears, .archiveYear, .archiveMonth:
            context["archive"] = archiveContext(page)
            pageContext["kind"] = "archive"
            pageContext["isArchive"] = true
            pageContext["title"] = .string(archiveTitle(page.kind))
            if case .archiveMonth(let year, let month) = page.kind {
                context["bulletins"] = listed(on: page)
                let number = site.archive.years[year].months[month].month
                pageContext["pagination"] = pagination(page, base: site.archive.permalink(year: site.archive.years[year].year, month: number))
            }
        case .standingPage(let index):
            let standing = site.standingPages[index]
            pageContext["title"] = .string(standing.title)
            pageContext["lang"] = .string(standing.language)
            pageContext["dir"] = .string(standing.direction.rawValue)
            pageContext["kind"] = "page"
            pageContext["isPage"] = true
            pageContext["content"] = .string(content ?? "")
            if !standing.description.isEmpty { pageContext["description"] = .string(standing.description) }
        case .section(let index):
            let section = site.sections[index]
            var values: [String: TemplateValue] = [
                "name": .string(section.name), "slug": .string(section.slug), "url": .string(section.permalink.href(root: root)),
                "count": .int(section.bulletins.count), "countDisplay": .string(site.config.dateStyle.number(section.bulletins.count)),
                "countLabel": .string(countLabel(section.bulletins.count)),
            ]
            if !section.description.isEmpty {
                values["description"] = .string(section.description)
                pageContext["description"] = .string(section.description)
            }
            context["section"] = .object(values)
            context["bulletins"] = listed(on: page)
            pageContext["title"] = .string(section.name)
            pageContext["kind"] = "section"
            pageContext["isSection"] = true
            pageContext["pagination"] = pagination(page, base: section.permalink)
            pageContext["feeds"] = .list(feeds(base: section.permalink, title: site.config.title + " — " + section.name,
                                               formats: site.config.feeds.site.formats))
        case .notFound:
            pageContext["title"] = .string(strings["notFound"] ?? "404")
            pageContext["kind"] = "404"
            pageContext["is404"] = true
        case .search:
            pageContext["title"] = .string(strings["search"] ?? "بحث")
            pageContext["kind"] = "search"
            pageContext["isSearch"] = true
        case .feed, .ninjs, .ninjsStream, .sitemap, .sitemapIndex, .newsSitemap, .robots, .alias:
            break
        }
        if !page.versions.isEmpty { pageContext.merge(Self.versionValues(page.versions)) { _, new in new } }
        if case .string(let language)? = pageContext["lang"], let locale = OpenGraphLocale.of(language) {
            pageContext["locale"] = .string(locale)
        }
        context["page"] = .object(pageContext)
        return .object(context)
    }

    /// The menus as `page` shows them: the link to `page` itself (or to the section whose front
    /// page it is, on any of its pages) is `current`.
    private func menusContext(on page: Page) -> TemplateValue {
        let href = page.permalink.href(root: root)
        var values: [String: TemplateValue] = [:]
        for (name, entries) in menus {
            values[name.rawValue] = .list(entries.map { link in
                let current: Bool
                switch (link.entry.target, page.kind) {
                case (.page(let target), .standingPage(let shown)): current = target == shown
                case (.section(let target), .section(let shown)): current = target == shown
                case (.url, _): current = link.url == href
                default: current = false
                }
                return ["name": .string(link.name), "url": .string(link.url), "current": .bool(current)]
            })
        }
        return .object(values)
    }

    // MARK: Places

    /// What a location page shows of its place: the places it lies in (حلب ← سوريا), a locator
    /// map, and the coordinates for `geo.*` meta tags. Nothing for a term the gazetteer does not know.
    private func placeValues(_ term: Term, in taxonomy: Taxonomy) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        if !term.ancestors.isEmpty {
            values["hasAncestors"] = true
            values["ancestors"] = .list(term.ancestors.map { ancestor in
                let parent = taxonomy.terms[ancestor]
                return ["name": .string(parent.name), "url": .string(parent.permalink.href(root: root)),
                        "lang": .string(parent.language.language), "dir": .string(parent.language.direction.rawValue)]
            })
        }
        guard let gazetteer = site.gazetteer, let place = Self.place(of: term, in: gazetteer) else { return values }
        if let latitude = place.latitude, let longitude = place.longitude {
            values["geoPosition"] = .string(Self.coordinate(latitude) + ";" + Self.coordinate(longitude))
        }
        if let code = place.countryCode { values["geoRegion"] = .string(code) }
        let title = (strings["mapTitle"] ?? "{name}").replacingOccurrences(of: "{name}", with: term.name)
        if let map = LocatorMap.svg(for: place, in: gazetteer, outlines: .standard, title: title, id: "locator-map-title") {
            values["map"] = .string(map)
        }
        return values
    }

    static func place(of term: Term, in gazetteer: Gazetteer) -> Place? {
        guard let identity = term.identity, identity.hasPrefix("place:") else { return nil }
        return gazetteer.place(String(identity.dropFirst(6)))
    }

    static func coordinate(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    /// The places named in a bulletin's body (its HTML, tags dropped).
    private func mentions(in html: String) -> [Place] {
        guard let placeFinder, !html.isEmpty else { return [] }
        return placeFinder.find(in: Self.text(ofHTML: html))
    }

    /// A place named in a body: linked to its location page when the site has one.
    private func placeLink(_ place: Place) -> [String: TemplateValue] {
        let name = place.name(in: site.config.language)
        var link: [String: TemplateValue] = ["name": .string(name)]
        if let term = placeTerms["place:" + place.id] {
            let found = site.locations.terms[term]
            link["url"] = .string(found.permalink.href(root: root))
            link["lang"] = .string(found.language.language)
            link["dir"] = .string(found.language.direction.rawValue)
        } else {
            let language = PartLanguage.of(name: name, usedBy: [], siteLanguage: site.config.language)
            link["lang"] = .string(language.language)
            link["dir"] = .string(language.direction.rawValue)
        }
        return link
    }

    /// The text of an HTML fragment: tags dropped (each as a space), the few entities cmark writes
    /// decoded. On UTF-8 bytes (only ASCII bytes are looked at), once per bulletin page.
    static func text(ofHTML html: String) -> String {
        var stripped: [UInt8] = []
        stripped.reserveCapacity(html.utf8.count)
        var inTag = false
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<") {
                inTag = true
                stripped.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if !inTag {
                stripped.append(byte)
            }
        }
        guard stripped.contains(UInt8(ascii: "&")) else { return String(decoding: stripped, as: UTF8.self) }
        // One pass: the four entities never overlap, so this is what replacing each in turn gave.
        let entities: [(name: [UInt8], character: UInt8)] = [
            (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&lt;".utf8), UInt8(ascii: "<")),
            (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&amp;".utf8), UInt8(ascii: "&")),
        ]
        var text: [UInt8] = []
        text.reserveCapacity(stripped.count)
        var index = 0
        scan: while index < stripped.count {
            if stripped[index] == UInt8(ascii: "&") {
                for entity in entities where stripped[index...].starts(with: entity.name) {
                    text.append(entity.character)
                    index += entity.name.count
                    continue scan
                }
            }
            text.append(stripped[index])
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: Parts

    private func listed(on page: Page) -> TemplateValue {
        .list(site.listedBulletins(on: page).map { .object(entries.take($0)) })
    }

    private func feeds(base: Permalink, title: String, formats: [FeedFormat]) -> [TemplateValue] {
        FeedFormat.allCases.filter(formats.contains).map { format in
            ["type": .string(format.mediaType), "url": .string(base.feed(format).href(root: root)),
             "title": .string(title)]
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

    private func archiveContext(_ page: Page) -> TemplateValue {
        let style = site.config.dateStyle
        var archive: [String: TemplateValue] = [
            "url": .string(site.archive.permalink.href(root: root)), "isYears": false, "isYear": false, "isMonth": false,
        ]
        switch page.kind {
        case .archiveYears:
            archive["isYears"] = true
            archive["years"] = .list(site.archive.years.map { year in
                ["year": .int(year.year), "yearDisplay": .string(style.number(year.year)),
                 "url": .string(site.archive.permalink(year: year.year).href(root: root)), "count": .int(year.count),
                 "countDisplay": .string(style.number(year.count)), "countLabel": .string(countLabel(year.count))]
            })
        case .archiveYear(let index), .archiveMonth(let index, _):
            let year = site.archive.years[index]
            archive["year"] = .int(year.year)
            archive["yearDisplay"] = .string(style.number(year.year))
            archive["yearURL"] = .string(site.archive.permalink(year: year.year).href(root: root))
            archive["months"] = .list(year.months.map { month in
                ["name": .string(monthName(month.month)),
                 "url": .string(site.archive.permalink(year: year.year, month: month.month).href(root: root)),
                 "count": .int(month.bulletins.count), "countDisplay": .string(style.number(month.bulletins.count)),
                 "countLabel": .string(countLabel(month.bulletins.count))]
            })
            if case .archiveMonth(_, let monthIndex) = page.kind {
                archive["isMonth"] = true
                archive["monthName"] = .string(monthName(year.months[monthIndex].month))
            } else {
                archive["isYear"] = true
            }
        default:
            break
        }
        return .object(archive)
    }

    /// A headline or summary as lists and pages show it: in right-to-left text, a number and the
    /// Latin word beside it are isolated together (`LatinNumberRun`). Only for display: titles in
    /// `<title>`, meta tags, structured data and feeds stay as written.
    static func shown(_ text: String, of bulletin: Bulletin) -> String {
        bulletin.direction == .rtl ? LatinNumberRun.isolated(text) : text
    }

    private static func primarySubtag(_ language: String) -> String {
        language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
    }

    static func date(_ date: BulletinDate, language: String, config: SiteConfig) -> TemplateValue {
        let (civil, offset) = config.timeZone.localTime(at: date.secondsSinceEpoch)
        return ["iso": .string(DateStyle.iso(civil, offset: offset)),
                "display": .string(config.dateStyle.display(civil, hasTime: date.hasTime, language: language))]
    }

    /// A bulletin's list entry, whole, for its own page: kept as it was made when lists name
    /// every key, else made again (lists keep only the keys they name) with the item kept for them.
    private func bulletinEntry(_ index: Int) -> [String: TemplateValue] {
        let kept = entries.take(index)
        guard !keepsWholeEntries else { return kept }
        var entry = ListEntry.values(for: index, in: site)
        entry["item"] = kept["item"]
        return entry
    }

    private func neighbour(_ index: Int) -> [String: TemplateValue] {
        let bulletin = site.bulletins[index]
        return ["title": .string(Self.shown(bulletin.title, of: bulletin)), "url": .string(site.permalinks[index].href(root: root)),
                "lang": .string(bulletin.language), "dir": .string(bulletin.direction.rawValue)]
    }

    private func pagination(_ page: Page, base: Permalink) -> TemplateValue {
        let style = site.config.dateStyle
        var pagination: [String: TemplateValue] = [
            "current": .int(page.pageNumber), "total": .int(page.pageCount),
            "currentDisplay": .string(style.number(page.pageNumber)), "totalDisplay": .string(style.number(page.pageCount)),
            "isPaginated": .bool(page.pageCount > 1),
        ]
        if page.pageNumber > 1 { pagination["prevURL"] = .string(base.paginated(page.pageNumber - 1).href(root: root)) }
        if page.pageNumber < page.pageCount {
            pagination["nextURL"] = .string(base.paginated(page.pageNumber + 1).href(root: root))
        }
        return .object(pagination)
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
        strings[kind.rawValue] ?? {
            switch kind {
            case .tags: "الوسوم"
            case .locations: "المواقع"
            case .categories: "التصنيفات"
            }
        }()
    }

    private func taxonomyContext(_ taxonomy: Taxonomy) -> TemplateValue {
        ["key": .string(taxonomy.kind.rawValue), "name": .string(taxonomyName(taxonomy.kind)),
         "url": .string(taxonomy.permalink.href(root: root))]
    }

    private func termContext(_ term: Term, index: Int, kind: Taxonomy.Kind) -> TemplateValue {
        .object(termValues(term, index: index, kind: kind))
    }

    private func termValues(_ term: Term, index: Int, kind: Taxonomy.Kind) -> [String: TemplateValue] {
        let language = term.language
        return ["name": .string(term.name), "slug": .string(term.slug), "url": .string(term.permalink.href(root: root)),
                "lang": .string(language.language), "dir": .string(language.direction.rawValue),
                "count": .int(term.bulletins.count), "countDisplay": .string(site.config.dateStyle.number(term.bulletins.count)),
                "countLabel": .string(countLabel(term.bulletins.count))]
    }
}
