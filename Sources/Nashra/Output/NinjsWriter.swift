import NashraCore

/// IPTC ninjs 3.0 news items: each bulletin's `ninjs.json` beside its page, and `/ninjs.json`, the
/// site feed's bulletins as one document. Newsroom systems (Superdesk, an agency's partners) take
/// ninjs where they would scrape a feed, and `nashra import` reads it back into a bulletin.
///
/// ninjs describes one news object and has no collection form; a package of news objects is a
/// `composite` item whose `associations` carry the others, so the stream is that, and every file
/// written here is a ninjs document a validator accepts.
struct NinjsWriter: Sendable {
    let site: Site
    /// The Markdown of bulletin `index` rendered to HTML, for the stream (memoized by the caller
    /// across feeds).
    let body: @Sendable (Int) -> String

    /// 3.0 rather than 3.1: these documents use nothing 3.1 added, and a 3.0 document is read by
    /// receivers of either.
    static let standard = #"{"name": "ninjs", "version": "3.0", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json#"}"#

    /// IPTC's urgency runs from 1 (most urgent) to 9; 5 is its "normal". Every bulletin says one:
    /// a receiver that finds none applies its own default, which some take as the lowest.
    static let urgentUrgency = 1
    static let normalUrgency = 5

    /// Bulletin `index` as a ninjs document, with `body`, the HTML its page shows.
    func document(_ index: Int, body: String) -> String {
        object([("standard", Self.standard)] + fields(index, body: body), indent: 0) + "\n"
    }

    /// The newest `feeds.limit` bulletins, newest first, as the `associations` of one `composite`
    /// item named for the site.
    func stream(at permalink: Permalink) -> String {
        let items = site.feedItems(.site)
        let config = site.config
        var fields = [
            ("standard", Self.standard),
            ("uri", XMLText.json(site.absoluteURL(permalink))),
            ("altIds", "[{\"role\": \"url\", \"value\": \(XMLText.json(site.absoluteURL(site.home)))}]"),
            ("type", "\"composite\""),
            ("representationType", "\"full\""),
        ]
        if let newest = items.first { fields.append(("versionCreated", XMLText.json(site.iso(latest(newest))))) }
        fields += [
            ("pubStatus", "\"usable\""),
            ("language", XMLText.json(config.language)),
            ("headlines", "[{\"value\": \(XMLText.json(config.title)), \"role\": \"main\"}]"),
        ]
        if !config.description.isEmpty {
            fields.append(("descriptions", "[{\"value\": \(XMLText.json(config.description)), \"role\": \"summary\", \"contentType\": \"text/plain\"}]"))
        }
        // Associations must be named; the position is a name that stays unique and says the order.
        let associations = items.enumerated().map { position, index in
            object([("name", XMLText.json("item-\(position + 1)")), ("rel", "\"item\"")] + self.fields(index, body: body(index)), indent: 4)
        }
        fields.append(("associations", associations.isEmpty ? "[]" : "[\n    " + associations.joined(separator: ",\n    ") + "\n  ]"))
        return object(fields, indent: 0) + "\n"
    }

    // MARK: Parts

    /// What ninjs says of a bulletin, in the order a reader looks for it.
    private func fields(_ index: Int, body: String) -> [(String, String)] {
        let bulletin = site.bulletins[index]
        let url = XMLText.json(site.absoluteURL(site.permalinks[index]))
        var fields = [
            ("uri", url),
            ("altIds", "[{\"role\": \"url\", \"value\": \(url)}]"),
            ("type", "\"text\""),
            ("representationType", "\"full\""),
            ("version", XMLText.json(String(version(of: bulletin)))),
            ("firstCreated", XMLText.json(site.iso(bulletin.date))),
            ("versionCreated", XMLText.json(site.iso(latest(index)))),
        ]
        if let expires = bulletin.expires { fields.append(("expires", XMLText.json(site.iso(expires)))) }
        fields.append(("pubStatus", "\"usable\""))
        fields.append(("urgency", String(bulletin.isUrgent ? Self.urgentUrgency : Self.normalUrgency)))
        // "und" says only that the language is not known, which leaving it out says too.
        if bulletin.language != "und" { fields.append(("language", XMLText.json(bulletin.language))) }
        // The headline as written: urgency says "urgent", and `language` the text's direction.
        fields.append(("headlines", "[{\"value\": \(XMLText.json(bulletin.title)), \"role\": \"main\"}]"))
        if !bulletin.summary.isEmpty {
            fields.append(("descriptions", "[{\"value\": \(XMLText.json(bulletin.summary)), \"role\": \"summary\", \"contentType\": \"text/plain\"}]"))
        }
        fields.append(("bodies", "[{\"value\": \(XMLText.json(body)), \"contentType\": \"text/html\", \"role\": \"main\"}]"))
        if let author = bulletin.author { fields.append(("by", XMLText.json(author))) }
        if let term = site.locationTerm[index] { fields.append(("located", XMLText.json(site.locations.terms[term].name))) }
        let subjects = site.tagTerms[index].map { term in
            let tag = site.tags.terms[term]
            return "{\"name\": \(XMLText.json(tag.name)), \"uri\": \(XMLText.json(site.absoluteURL(tag.permalink)))}"
        }
        if !subjects.isEmpty { fields.append(("subjects", "[" + subjects.joined(separator: ", ") + "]")) }
        if let agency = bulletin.agency {
            fields.append(("infoSources", "[{\"name\": \(XMLText.json(agency)), \"role\": \"originatingAgency\"}]"))
        }
        return fields
    }

    /// Nashra keeps no revision count, so the version is what a reader can see of one: 1, plus one
    /// for each correction noted, and at least 2 once the bulletin has an `updated:` date.
    private func version(of bulletin: Bulletin) -> Int {
        max(1 + bulletin.corrections.count, bulletin.updated == nil ? 1 : 2)
    }

    private func latest(_ index: Int) -> BulletinDate { site.bulletins[index].updated ?? site.bulletins[index].date }

    /// `fields` as a JSON object, one key a line, `indent` spaces in from the left margin.
    private func object(_ fields: [(String, String)], indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        return "{\n" + fields.map { margin + "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n" + margin + "}"
    }
}
