import NashraCore

/// schema.org `NewsArticle` JSON-LD for a bulletin page. Every string goes through
/// `XMLText.json`, which also escapes `<`, `>` and `&`, so a headline holding `</script>` stays
/// inside the script element.
enum StructuredData {
    static func newsArticle(site: Site, index: Int, mentions: [Place] = []) -> String {
        let bulletin = site.bulletins[index]
        let config = site.config
        let url = site.absoluteURL(site.permalinks[index])
        func iso(_ date: BulletinDate) -> String { config.timeZone.iso8601(at: date.secondsSinceEpoch) }
        let publisherName = config.publisherName ?? config.title
        var publisher = "{\"@type\": \"Organization\", \"name\": \(XMLText.json(publisherName))"
        if let logo = config.publisherLogo {
            publisher += ", \"logo\": {\"@type\": \"ImageObject\", \"url\": \(XMLText.json(absolute(logo, site: site)))}"
        }
        publisher += "}"
        let author: String
        if let name = bulletin.author {
            author = "{\"@type\": \"Person\", \"name\": \(XMLText.json(name))}"
        } else {
            author = "{\"@type\": \"Organization\", \"name\": \(XMLText.json(bulletin.agency ?? publisherName))}"
        }
        let keywords = site.tagTerms[index].map { site.tags.terms[$0].name }
        var fields = [
            "\"@context\": \"https://schema.org\"",
            "\"@type\": \"NewsArticle\"",
            "\"headline\": \(XMLText.json(bulletin.title))",
            "\"url\": \(XMLText.json(url))",
            "\"mainEntityOfPage\": \(XMLText.json(url))",
            "\"datePublished\": \(XMLText.json(iso(bulletin.date)))",
            "\"dateModified\": \(XMLText.json(iso(bulletin.updated ?? bulletin.date)))",
            "\"inLanguage\": \(XMLText.json(bulletin.language == "und" ? config.language : bulletin.language))",
            "\"author\": \(author)",
            "\"publisher\": \(publisher)",
            "\"keywords\": [\(keywords.map(XMLText.json).joined(separator: ", "))]",
        ]
        if let term = site.locationTerm[index] {
            fields.append("\"dateline\": \(XMLText.json(site.locations.terms[term].name))")
        }
        if let gazetteer = site.gazetteer {
            if let term = site.locationTerm[index], let place = PageContexts.place(of: site.locations.terms[term], in: gazetteer) {
                fields.append("\"locationCreated\": \(self.place(place, in: gazetteer, language: config.language))")
            }
            if !mentions.isEmpty {
                fields.append("\"contentLocation\": [\(mentions.map { self.place($0, in: gazetteer, language: config.language) }.joined(separator: ", "))]")
            }
        }
        // The bulletin's section; a site without sections names the first tag, as before.
        if let section = site.section(of: index).map({ site.sections[$0].name }) ?? keywords.first {
            fields.append("\"articleSection\": \(XMLText.json(section))")
        }
        if !bulletin.summary.isEmpty { fields.append("\"description\": \(XMLText.json(bulletin.summary))") }
        if let photo = site.photo(index) {
            var object = ["\"@type\": \"ImageObject\"", "\"url\": \(XMLText.json(photo.absoluteURL(in: site)))"]
            if let fallback = photo.fallback, fallback.width > 0 {
                object += ["\"width\": \(fallback.width)", "\"height\": \(fallback.height)"]
            }
            if let caption = photo.image.caption { object.append("\"caption\": \(XMLText.json(caption))") }
            if let credit = photo.image.credit { object.append("\"creditText\": \(XMLText.json(credit))") }
            fields.append("\"image\": {" + object.joined(separator: ", ") + "}")
        }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }

    /// A schema.org `Place` (`Country` for a country): its name, coordinates, GeoNames page and the
    /// place it lies in.
    static func place(_ place: Place, in gazetteer: Gazetteer, language: String, depth: Int = 0) -> String {
        var fields = ["\"@type\": \(place.kind == .country ? "\"Country\"" : "\"Place\"")",
                      "\"name\": \(XMLText.json(place.name(in: language)))"]
        if let latitude = place.latitude, let longitude = place.longitude {
            fields.append("\"geo\": {\"@type\": \"GeoCoordinates\", \"latitude\": \(PageContexts.coordinate(latitude)), \"longitude\": \(PageContexts.coordinate(longitude))}")
        }
        if let id = place.geonamesID { fields.append("\"sameAs\": \(XMLText.json("https://www.geonames.org/\(id)/"))") }
        if depth < 4, let parent = gazetteer.parent(of: place) {
            fields.append("\"containedInPlace\": \(self.place(parent, in: gazetteer, language: language, depth: depth + 1))")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func absolute(_ url: String, site: Site) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return url }
        let path = url.hasPrefix("/") ? String(url.dropFirst()) : url
        return site.config.origin + Permalink.percentEncode(site.config.rootPath + path)
    }
}
