import NashraCore

/// A way of grouping bulletins: tags, dateline locations, or (from Hugo and Jekyll) categories.
public struct Taxonomy: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tags, locations, categories

        /// The word a page uses for one of its terms (`page.kind` of a term page).
        public var singular: String {
            switch self {
            case .tags: "tag"
            case .locations: "location"
            case .categories: "category"
            }
        }
    }

    public var kind: Kind
    public var permalink: Permalink
    /// Most used first, then by name.
    public var terms: [Term]
}

/// One tag or one location: every spelling whose slug is the same is the same term.
public struct Term: Sendable {
    public var slug: String
    /// The most used spelling (ties: the shortest, then the first in Unicode order).
    public var name: String
    public var spellings: [String: Int]
    /// Indices into `Site.bulletins`, newest first.
    public var bulletins: [Int]
    public var permalink: Permalink
    /// How the name is marked on pages (`lang`, `dir`): decided at plan time from the bulletins
    /// using it, so that every page showing it, and its fingerprint, see the same value.
    var language = PartLanguage(language: "", direction: .rtl)
    /// The gazetteer place (or `tags.yaml` tag) it stands for, by id; nil for a plain spelling.
    public var identity: String?
    /// For a place: the terms of the places it lies in, nearest first (حلب → سوريا), as indices
    /// into the same taxonomy.
    public var ancestors: [Int] = []
}

/// What a spelling stands for when the gazetteer or `tags.yaml` knows it: one id whatever the
/// spelling, named in the site's language, and (for a place) the places it lies in, nearest first.
struct TermIdentity: Sendable {
    var id: String
    var name: String
    var ancestors: [(id: String, name: String)] = []
}

/// Gathers terms from bulletins, merging spellings by slug, and spellings the gazetteer or
/// `tags.yaml` knows by what they stand for (`Halab`, `حلب` and `Aleppo` are one term, named in
/// the site's language, its slug made from that name). A place's bulletins are also listed under
/// the places it lies in: a country's term gathers its cities'.
///
/// Keyed by bytes (see `PathKey`): slugs are NFC, and a spelling is only compared with itself.
/// An archive repeats a few hundred spellings tens of thousands of times, so each spelling's slug
/// is made once, and each term is found by one lookup.
struct TermCollector {
    private var slugs: [String] = []
    private var bulletins: [[Int]] = []
    private var termIndex: [PathKey: Int] = [:]
    /// Each spelling seen, numbered in the order first seen: one lookup a name finds its term and
    /// counts its use (`spellingUses`: the bulletins that gave the term in this spelling first).
    private var spellingNumber: [PathKey: Int] = [:]
    private var spellingKeys: [PathKey] = []
    /// The term of each spelling (-1: its slug is empty).
    private var spellingTerm: [Int] = []
    private var spellingUses: [Int] = []
    /// What a spelling stands for; nil: group by slug alone.
    private let identify: ((String) -> TermIdentity?)?
    private var identities: [String?] = []
    private var fixedNames: [String?] = []
    private var ancestorTerms: [[Int]] = []
    private var termOfIdentity: [String: Int] = [:]

    init(identify: ((String) -> TermIdentity?)? = nil) {
        self.identify = identify
    }

    /// Adds the bulletin at `index` (bulletins are added newest first) under each of `names`;
    /// returns the slugs, without repeats, in the order given.
    mutating func add(_ names: [String], bulletin index: Int) -> [String] {
        addTerms(names, bulletin: index).map { slugs[$0] }
    }

    /// `add`, returning the terms by number in collection order (`sorted` says where each ends up
    /// in the taxonomy): the planner needs no slug made or hashed again.
    mutating func addTerms(_ names: some Sequence<String>, bulletin index: Int) -> [Int] {
        var terms: [Int] = []
        var listed: [Int] = []
        for name in names {
            let spelling = PathKey(name)
            let number: Int
            if let known = spellingNumber[spelling] {
                number = known
            } else {
                let term: Int?
                if let identity = identify?(name) {
                    term = self.term(for: identity)
                } else {
                    term = self.term(slug: Slug.make(name))
                }
                number = spellingKeys.count
                spellingNumber[spelling] = number
                spellingKeys.append(spelling)
                spellingTerm.append(term ?? -1)
                spellingUses.append(0)
            }
            let term = spellingTerm[number]
            guard term >= 0, !terms.contains(term) else { continue }
            terms.append(term)
            spellingUses[number] += 1
            if !listed.contains(term) {
                listed.append(term)
                bulletins[term].append(index)
            }
            for listing in ancestorTerms[term] where !listed.contains(listing) {
                listed.append(listing)
                bulletins[listing].append(index)
            }
        }
        return terms
    }

    /// The term of a slug, made if new (nil for an empty slug).
    private mutating func term(slug: String) -> Int? {
        if slug.isEmpty { return nil }
        if let existing = termIndex[PathKey(slug)] { return existing }
        termIndex[PathKey(slug)] = slugs.count
        slugs.append(slug)
        bulletins.append([])
        identities.append(nil)
        fixedNames.append(nil)
        ancestorTerms.append([])
        return slugs.count - 1
    }

    /// The term of a place or tag: found by its id; else made, with a slug from its name (a second
    /// place of the same name, such as Tripoli in Lebanon and in Libya, adds its parent's name).
    private mutating func term(for identity: TermIdentity) -> Int? {
        if let known = termOfIdentity[identity.id] { return known }
        var slug = Slug.make(identity.name)
        if let taken = termIndex[PathKey(slug)], let other = identities[taken], other != identity.id {
            slug = Slug.make(identity.name + " " + (identity.ancestors.first?.name ?? identity.id))
        }
        guard let term = term(slug: slug) else { return nil }
        termOfIdentity[identity.id] = term
        identities[term] = identity.id
        fixedNames[term] = identity.name
        // Each ancestor's own term, made from its own chain.
        var chain: [Int] = []
        for (position, ancestor) in identity.ancestors.enumerated() {
            let rest = Array(identity.ancestors.dropFirst(position + 1))
            if let ancestorTerm = self.term(for: TermIdentity(id: ancestor.id, name: ancestor.name, ancestors: rest)),
               ancestorTerm != term, !chain.contains(ancestorTerm) {
                chain.append(ancestorTerm)
            }
        }
        ancestorTerms[term] = chain
        return term
    }

    func taxonomy(_ kind: Taxonomy.Kind, prefix: String = "") -> Taxonomy {
        sorted(kind, prefix: prefix).taxonomy
    }

    /// The taxonomy, and for each term number `addTerms` returned, its index in `taxonomy.terms`.
    func sorted(_ kind: Taxonomy.Kind, prefix: String = "") -> (taxonomy: Taxonomy, position: [Int]) {
        let base = Permalink("/\(kind.rawValue)/").prefixed(prefix)
        var spellings = [[(String, Int)]](repeating: [], count: slugs.count)
        for (number, term) in spellingTerm.enumerated() where term >= 0 && spellingUses[number] > 0 {
            spellings[term].append((spellingKeys[number].text, spellingUses[number]))
        }
        var terms = slugs.indices.map { term -> Term in
            let counts = Dictionary(uniqueKeysWithValues: spellings[term])
            let name = fixedNames[term] ?? counts.max { a, b in
                if a.value != b.value { return a.value < b.value }
                if a.key.count != b.key.count { return a.key.count > b.key.count }
                return a.key > b.key
            }!.key
            var made = Term(slug: slugs[term], name: name, spellings: counts, bulletins: bulletins[term],
                            permalink: Permalink(normalized: base.path + slugs[term] + "/"))
            made.identity = identities[term]
            made.ancestors = ancestorTerms[term]
            return made
        }
        // Ancestors are collected by collection order; after sorting they point at sorted positions.
        let order = terms.indices.sorted { a, b in
            (terms[a].bulletins.count, terms[b].name, terms[b].slug) > (terms[b].bulletins.count, terms[a].name, terms[a].slug)
        }
        var position = [Int](repeating: 0, count: terms.count)
        for (sorted, original) in order.enumerated() { position[original] = sorted }
        terms = order.map { original in
            var term = terms[original]
            term.ancestors = term.ancestors.map { position[$0] }
            return term
        }
        return (Taxonomy(kind: kind, permalink: base, terms: terms), position)
    }
}
