import NashraCore

/// What planning decides from the bulletins' front matter alone, which a rebuild after edits of
/// bodies only can take from the build cache instead of deciding again (`SitePlanner.plan`'s
/// `known`): which of the planner's bulletins are published and in which order, each one's
/// permalink path and archive month (which take the time zone to work out), each bulletin's
/// terms, and the taxonomies' terms (without their permalinks, which the planner makes from their
/// slugs). A plan made with them has no clashing pages: the plan they were kept from had none.
struct PlanDecisions: Sendable {
    /// `SitePlanner.inputsHash` of the bulletins they were decided for (their paths, in order).
    var inputs: UInt64
    /// The published bulletins, newest first, as positions in the planner's list.
    var order: [Int]
    /// Each published bulletin's permalink path, and its month in the site's time zone
    /// (`year * 16 + month`), in `order`.
    var paths: [String]
    var months: [Int]
    var tagTerms: [[Int]]
    var locationTerm: [Int?]
    var categoryTerms: [[Int]]
    /// The terms of tags, locations and categories, sorted as the taxonomies hold them.
    var tags: [Term]
    var locations: [Term]
    var categories: [Term]

    /// The decisions a planned site holds, for the build cache to keep.
    init(_ site: Site) {
        inputs = site.plannedInputs
        order = site.plannedOrder
        paths = site.permalinks.map(\.path)
        var months = [Int](repeating: 0, count: site.bulletins.count)
        for year in site.archive.years {
            for month in year.months {
                for index in month.bulletins where index < months.count { months[index] = year.year * 16 + month.month }
            }
        }
        // Stored as four-byte numbers: a year they cannot hold leaves none, and the plan is made again.
        self.months = site.archive.years.allSatisfy { (0...9_999).contains($0.year) } ? months : []
        tagTerms = site.tagTerms
        locationTerm = site.locationTerm
        categoryTerms = site.categoryTerms
        tags = site.tags.terms
        locations = site.locations.terms
        categories = site.categories.terms
    }

    init(inputs: UInt64, order: [Int], paths: [String], months: [Int], tagTerms: [[Int]], locationTerm: [Int?], categoryTerms: [[Int]],
         tags: [Term], locations: [Term], categories: [Term]) {
        self.inputs = inputs
        self.order = order
        self.paths = paths
        self.months = months
        self.tagTerms = tagTerms
        self.locationTerm = locationTerm
        self.categoryTerms = categoryTerms
        self.tags = tags
        self.locations = locations
        self.categories = categories
    }

    /// Whether these decisions are whole and fit `bulletins` as `isPublished` picks them now: the
    /// same paths in the same order, exactly the published ones in `order` (a date or expiry that
    /// passed since publishes or withdraws one, and then they do not fit), and every term and
    /// bulletin number in range. Anything else is planned again.
    func fit(_ bulletins: [Bulletin], inputs: UInt64, isPublished: (Bulletin) -> Bool) -> Bool {
        guard inputs == self.inputs else { return false }
        var seen = [Bool](repeating: false, count: bulletins.count)
        for index in order {
            guard index >= 0, index < bulletins.count, !seen[index] else { return false }
            seen[index] = true
        }
        for index in bulletins.indices where seen[index] != isPublished(bulletins[index]) { return false }
        let count = order.count
        guard tagTerms.count == count, locationTerm.count == count, categoryTerms.count == count, paths.count == count, months.count == count,
              paths.allSatisfy({ $0.utf8.first == UInt8(ascii: "/") }), months.allSatisfy({ (1...12).contains($0 & 15) })
        else { return false }
        func inRange(_ terms: [Term]) -> Bool {
            terms.allSatisfy { term in
                term.bulletins.allSatisfy { $0 >= 0 && $0 < count } && term.ancestors.allSatisfy { $0 >= 0 && $0 < terms.count }
            }
        }
        guard inRange(tags), inRange(locations), inRange(categories) else { return false }
        func listsInRange(_ lists: [[Int]], _ terms: Int) -> Bool {
            lists.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 < terms } }
        }
        return listsInRange(tagTerms, tags.count) && listsInRange(categoryTerms, categories.count)
            && locationTerm.allSatisfy { $0.map { $0 >= 0 && $0 < locations.count } ?? true }
    }
}

extension Taxonomy {
    /// Kept terms (`PlanDecisions`) as a taxonomy under `prefix`, each at the permalink
    /// `TermCollector.sorted` gives a term of its slug.
    init(_ terms: [Term], _ kind: Kind, prefix: String) {
        let base = Permalink("/\(kind.rawValue)/").prefixed(prefix)
        var terms = terms
        for index in terms.indices { terms[index].permalink = Permalink(normalized: base.path + terms[index].slug + "/") }
        self.init(kind: kind, permalink: base, terms: terms)
    }
}
