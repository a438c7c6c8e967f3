/// What a template may name: the data contract between Nashra and themes, as a tree of keys.
/// Used to report a misspelt `{{bulletin.titel}}` as an error instead of an empty string.
indirect enum TemplateShape: Sendable {
    /// A string, number or boolean: it has no keys.
    case value
    case object([String: TemplateShape])
    case list(of: TemplateShape)
    /// Free-form (front-matter `params`): any key below is accepted.
    case open

    static let date = TemplateShape.object(["iso": .value, "display": .value])
    static let link = TemplateShape.object(["name": .value, "url": .value])
    /// A tag or location: its name is marked with its own language and direction.
    static let termLink = TemplateShape.object(["name": .value, "url": .value, "lang": .value, "dir": .value])
    static let neighbour = TemplateShape.object(["title": .value, "url": .value, "lang": .value, "dir": .value])
    /// What lists show of a bulletin: declared with its values and inputs in `ListEntry`.
    static var listEntry: [String: TemplateShape] { ListEntry.shape }
    /// A term; a location page's term also has the places it lies in, its map and coordinates.
    static let term = TemplateShape.object(["name": .value, "url": .value, "slug": .value, "count": .value, "countDisplay": .value,
                                            "countLabel": .value, "lang": .value, "dir": .value,
                                            "ancestors": .list(of: termLink), "hasAncestors": .value, "map": .value, "geoPosition": .value, "geoRegion": .value])
    static let taxonomy = TemplateShape.object(["key": .value, "name": .value, "url": .value])
    /// A menu link; `current` is true on the page it leads to (`aria-current="page"`).
    static let menuLink = TemplateShape.object(["name": .value, "url": .value, "current": .value])
    static let section = TemplateShape.object(["name": .value, "url": .value, "slug": .value, "description": .value,
                                               "count": .value, "countDisplay": .value, "countLabel": .value])

    /// Every key any page receives; `strings` are the theme's `t.*` strings.
    static func root(strings: some Sequence<String>) -> TemplateShape {
        var bulletin = listEntry
        bulletin["content"] = .value
        bulletin["prev"] = neighbour
        bulletin["next"] = neighbour
        var relatedLink: [String: TemplateShape] = ["title": .value, "url": .value, "lang": .value, "dir": .value]
        relatedLink["date"] = date
        bulletin["related"] = .list(of: .object(relatedLink))
        bulletin["hasRelated"] = .value
        bulletin["corrections"] = .list(of: .object(["text": .value, "date": date]))
        bulletin["hasCorrections"] = .value
        bulletin["jsonLD"] = .value
        // Places the gazetteer finds in the body; `url` only when the place has a location page.
        bulletin["places"] = .list(of: termLink)
        bulletin["hasPlaces"] = .value
        let stringsShape = TemplateShape.object(Dictionary(uniqueKeysWithValues: strings.map { ($0, TemplateShape.value) }))
        // The theme's strings in the bulletin's language when it has them, and the language they are in.
        bulletin["t"] = stringsShape
        bulletin["tLang"] = .value
        bulletin["tDir"] = .value
        let archiveEntry = TemplateShape.object(["name": .value, "url": .value, "count": .value, "countDisplay": .value,
                                                 "countLabel": .value, "year": .value, "yearDisplay": .value])
        return .object([
            "site": .object([
                "title": .value, "description": .value, "lang": .value, "dir": .value, "root": .value,
                "homeURL": .value, "tagsURL": .value, "locationsURL": .value, "categoriesURL": .value, "baseURL": .value,
                "archiveURL": .value, "feedURL": .value, "feedType": .value, "searchURL": .value,
                "footer": .list(of: link), "generator": .value,
                "menus": .object(["header": .list(of: menuLink), "footer": .list(of: menuLink)]),
            ]),
            "page": .object([
                "title": .value, "url": .value, "lang": .value, "dir": .value, "kind": .value,
                "isHome": .value, "isBulletin": .value, "isTerms": .value, "isTerm": .value, "isArchive": .value,
                "is404": .value, "isSearch": .value, "canonical": .value, "description": .value, "image": .value,
                "isPage": .value, "isSection": .value, "locale": .value, "content": .value,
                "imageWidth": .value, "imageHeight": .value, "imageAlt": .value,
                "feeds": .list(of: .object(["type": .value, "url": .value, "title": .value])),
                // A multilingual site's: the page's translations (`hreflang`), and every edition
                // for the language switcher (its version, or that edition's home).
                "alternates": .list(of: .object(["lang": .value, "url": .value])),
                "editions": .list(of: .object(["lang": .value, "name": .value, "dir": .value, "url": .value,
                                               "current": .value, "isTranslation": .value])),
                "hasEditions": .value,
                "pagination": .object([
                    "current": .value, "total": .value, "currentDisplay": .value, "totalDisplay": .value,
                    "prevURL": .value, "nextURL": .value, "isPaginated": .value,
                ]),
            ]),
            "t": stringsShape,
            "bulletin": .object(bulletin),
            "bulletins": .list(of: .object(listEntry)),
            "term": term,
            "terms": .list(of: term),
            "taxonomy": taxonomy,
            "section": section,
            "archive": .object([
                "url": .value, "isYears": .value, "isYear": .value, "isMonth": .value, "year": .value,
                "yearDisplay": .value, "yearURL": .value, "monthName": .value,
                "years": .list(of: archiveEntry), "months": .list(of: archiveEntry),
            ]),
        ])
    }

    /// What `partials/bulletin-item` may name: the list entry, `site` and `t`. It is rendered once
    /// per bulletin and shared by every list, so it must not depend on the page it appears on.
    static func itemScopes(strings: some Sequence<String>) -> [TemplateShape] {
        guard case .object(let root) = root(strings: strings) else { return [] }
        var entry = listEntry
        entry["item"] = nil
        return [.object(["site": root["site"]!, "t": root["t"]!]), .object(entry)]
    }

    func child(_ key: String) -> TemplateShape? {
        switch self {
        case .object(let keys): keys[key]
        case .open: .open
        case .value, .list: nil
        }
    }
}
