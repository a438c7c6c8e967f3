import NashraCore

/// What every list shows of a bulletin (the home page, term pages, archives, and the start of the
/// bulletin's own page), declared once. Each field says, in one row, its key and shape (what the
/// template checker accepts), how its value is made (what `PageContexts` hands templates), and what
/// of the site that value is made from (what the page fingerprints hash). A field added here is
/// checked, rendered and fingerprinted; there is no second list to keep in step.
///
/// The inputs are hashed rather than the values themselves because a rebuild fingerprints every
/// bulletin, and making every entry's values (dates, URLs) would cost more than the rendering it saves.
struct ListEntry {
    struct Field: Sendable {
        let key: String
        let shape: TemplateShape
        /// Nil leaves the key out: Mustache treats an empty string as true.
        let value: @Sendable (Site, Int) -> TemplateValue?
        let inputs: @Sendable (Site, Int, inout Fingerprint) -> Void

        init(_ key: String, _ shape: TemplateShape, value: @escaping @Sendable (Site, Int) -> TemplateValue?,
             inputs: @escaping @Sendable (Site, Int, inout Fingerprint) -> Void) {
            self.key = key
            self.shape = shape
            self.value = value
            self.inputs = inputs
        }
    }

    static let fields: [Field] = [
        Field("title", .value, value: { site, index in .string(PageContexts.shown(site.bulletins[index].title, of: site.bulletins[index])) },
              inputs: { site, index, print in print.add(site.bulletins[index].title); print.add(site.bulletins[index].direction.rawValue) }),
        Field("url", .value, value: { site, index in .string(site.permalinks[index].href(root: site.config.rootPath)) },
              inputs: { site, index, print in print.add(site.permalinks[index].path) }),
        Field("lang", .value, value: { site, index in .string(site.bulletins[index].language) },
              inputs: { site, index, print in print.add(site.bulletins[index].language) }),
        Field("dir", .value, value: { site, index in .string(site.bulletins[index].direction.rawValue) },
              inputs: { site, index, print in print.add(site.bulletins[index].direction.rawValue) }),
        Field("date", TemplateShape.date,
              value: { site, index in PageContexts.date(site.bulletins[index].date, language: site.bulletins[index].language, config: site.config) },
              inputs: { site, index, print in add(site.bulletins[index].date, to: &print) }),
        Field("updated", TemplateShape.date,
              value: { site, index in
                  site.bulletins[index].updated.map { PageContexts.date($0, language: site.bulletins[index].language, config: site.config) }
              },
              inputs: { site, index, print in add(site.bulletins[index].updated, to: &print) }),
        // Terms are shown by their merged name (the most used spelling), the same on every page.
        Field("location", TemplateShape.termLink,
              value: { site, index in site.locationTerm[index].map { link(to: site.locations.terms[$0], in: site) } },
              inputs: { site, index, print in
                  print.add(site.locationTerm[index] != nil)
                  if let term = site.locationTerm[index] { add(site.locations.terms[term], to: &print) }
              }),
        // The section's name and front page: the breadcrumb of a bulletin's page.
        Field("section", TemplateShape.link,
              value: { site, index in
                  site.section(of: index).map { section in
                      ["name": .string(site.sections[section].name),
                       "url": .string(site.sections[section].permalink.href(root: site.config.rootPath))]
                  }
              },
              inputs: { site, index, print in
                  if let section = site.section(of: index) {
                      print.add(site.sections[section].name)
                      print.add(site.sections[section].slug)
                  } else {
                      print.add("\u{0}")
                  }
              }),
        Field("agency", .value, value: { site, index in site.bulletins[index].agency.map(TemplateValue.string) },
              inputs: { site, index, print in print.add(site.bulletins[index].agency ?? "\u{0}") }),
        Field("author", .value, value: { site, index in site.bulletins[index].author.map(TemplateValue.string) },
              inputs: { site, index, print in print.add(site.bulletins[index].author ?? "\u{0}") }),
        Field("summary", .value,
              value: { site, index in
                  let bulletin = site.bulletins[index]
                  return bulletin.summary.isEmpty ? nil : .string(PageContexts.shown(bulletin.summary, of: bulletin))
              },
              inputs: { site, index, print in print.add(site.bulletins[index].summary) }),
        Field("urgent", .value, value: { site, index in site.bulletins[index].isUrgent ? true : nil },
              inputs: { site, index, print in print.add(site.bulletins[index].isUrgent) }),
        // The lead photo: `image` its URL (as before photos were processed), `photo` the whole of
        // it for the bulletin's figure, `thumbnail` for a list that shows it small.
        Field("image", .value, value: { site, index in site.photo(index).map { .string($0.src(root: site.config.rootPath)) } },
              inputs: { site, index, print in addPhoto(site.photo(index), to: &print) }),
        Field("photo", Photo.shape, value: { site, index in site.photo(index).map { $0.leadValue(root: site.config.rootPath) } },
              inputs: { site, index, print in addPhoto(site.photo(index), to: &print) }),
        Field("thumbnail", Photo.thumbnailShape, value: { site, index in site.photo(index).map { $0.thumbnailValue(root: site.config.rootPath) } },
              inputs: { site, index, print in addPhoto(site.photo(index), to: &print) }),
        Field("tags", .list(of: TemplateShape.termLink),
              value: { site, index in .list(site.tagTerms[index].map { link(to: site.tags.terms[$0], in: site) }) },
              inputs: { site, index, print in
                  print.add(site.tagTerms[index].count)
                  for term in site.tagTerms[index] { add(site.tags.terms[term], to: &print) }
              }),
        Field("hasTags", .value, value: { site, index in .bool(!site.tagTerms[index].isEmpty) },
              inputs: { site, index, print in print.add(site.tagTerms[index].isEmpty) }),
        // Categories are linked only when they have pages (`Site.taxonomyKinds`).
        Field("categories", .list(of: TemplateShape.termLink),
              value: { site, index in
                  site.taxonomyKinds.contains(.categories) ? .list(site.categoryTerms[index].map { link(to: site.categories.terms[$0], in: site) }) : nil
              },
              inputs: { site, index, print in
                  print.add(site.taxonomyKinds.contains(.categories))
                  print.add(site.categoryTerms[index].count)
                  for term in site.categoryTerms[index] { add(site.categories.terms[term], to: &print) }
              }),
        Field("hasCategories", .value,
              value: { site, index in .bool(site.taxonomyKinds.contains(.categories) && !site.categoryTerms[index].isEmpty) },
              inputs: { site, index, print in print.add(site.taxonomyKinds.contains(.categories) && !site.categoryTerms[index].isEmpty) }),
        Field("params", .open,
              value: { site, index in
                  let params = site.bulletins[index].params
                  return params.isEmpty ? nil : .object(params.mapValues(\.templateValue))
              },
              inputs: { site, index, print in
                  for (key, value) in site.bulletins[index].params.sorted(by: { $0.key < $1.key }) {
                      print.add(key)
                      value.templateValue.add(to: &print)
                  }
              }),
    ]

    /// The entry's keys as templates may name them; `item` is the entry rendered through
    /// `partials/bulletin-item` (see `PageContexts`).
    static let shape: [String: TemplateShape] = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.shape) })
        .merging(["item": .value]) { own, _ in own }

    static func values(for index: Int, in site: Site) -> [String: TemplateValue] {
        var entry: [String: TemplateValue] = [:]
        entry.reserveCapacity(fields.count + 1)
        for field in fields {
            if let value = field.value(site, index) { entry[field.key] = value }
        }
        return entry
    }

    /// A hash of everything the entry of bulletin `index` is made from.
    static func fingerprint(for index: Int, in site: Site) -> UInt64 {
        var print = Fingerprint()
        for field in fields {
            print.add(field.key)
            field.inputs(site, index, &print)
        }
        return print.value
    }

    // MARK: Parts

    private static func link(to term: Term, in site: Site) -> TemplateValue {
        ["name": .string(term.name), "url": .string(term.permalink.href(root: site.config.rootPath)),
         "lang": .string(term.language.language), "dir": .string(term.language.direction.rawValue)]
    }

    /// What a page shows of a term wherever it appears: its name, slug and how the name is marked.
    static func add(_ term: Term, to print: inout Fingerprint) {
        print.add(term.name)
        print.add(term.slug)
        print.add(term.language.language)
        print.add(term.language.direction.rawValue)
    }

    private static func addPhoto(_ photo: Photo?, to print: inout Fingerprint) {
        print.add(photo != nil)
        photo?.add(to: &print)
    }

    private static func add(_ date: BulletinDate?, to print: inout Fingerprint) {
        print.add(Int(date?.secondsSinceEpoch ?? Int64.min))
        print.add(date?.hasTime ?? false)
    }
}

extension TemplateValue {
    /// Adds the value, with its structure, to a fingerprint.
    func add(to print: inout Fingerprint) {
        switch self {
        case .string(let text): print.add(0); print.add(text)
        case .bool(let flag): print.add(1); print.add(flag)
        case .int(let number): print.add(2); print.add(number)
        case .list(let values):
            print.add(3); print.add(values.count)
            for value in values { value.add(to: &print) }
        case .object(let keys):
            print.add(4); print.add(keys.count)
            for key in keys.keys.sorted() {
                print.add(key)
                keys[key]!.add(to: &print)
            }
        }
    }
}
