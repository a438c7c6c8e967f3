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
}

/// Gathers terms from bulletins, merging spellings by slug.
///
/// Keyed by bytes (see `PathKey`): slugs are NFC, and a spelling is only compared with itself.
/// An archive repeats a few hundred spellings tens of thousands of times, so each spelling's slug
/// is made once, and each term is found by one lookup.
struct TermCollector {
    private var slugs: [String] = []
    private var spellings: [[PathKey: Int]] = []
    private var bulletins: [[Int]] = []
    private var termIndex: [PathKey: Int] = [:]
    /// The term of each spelling seen (nil: its slug is empty).
    private var termOfSpelling: [PathKey: Int?] = [:]

    /// Adds the bulletin at `index` (bulletins are added newest first) under each of `names`;
    /// returns the slugs, without repeats, in the order given.
    mutating func add(_ names: [String], bulletin index: Int) -> [String] {
        var terms: [Int] = []
        for name in names {
            let spelling = PathKey(name)
            let term: Int?
            if let known = termOfSpelling[spelling] {
                term = known
            } else {
                let slug = Slug.make(name)
                if slug.isEmpty {
                    term = nil
                } else if let existing = termIndex[PathKey(slug)] {
                    term = existing
                } else {
                    term = slugs.count
                    termIndex[PathKey(slug)] = slugs.count
                    slugs.append(slug)
                    spellings.append([:])
                    bulletins.append([])
                }
                termOfSpelling[spelling] = term
            }
            guard let term, !terms.contains(term) else { continue }
            terms.append(term)
            spellings[term][spelling, default: 0] += 1
            bulletins[term].append(index)
        }
        return terms.map { slugs[$0] }
    }

    func taxonomy(_ kind: Taxonomy.Kind) -> Taxonomy {
        let base = Permalink("/\(kind.rawValue)/")
        var terms = slugs.indices.map { term -> Term in
            let counts = Dictionary(uniqueKeysWithValues: spellings[term].map { ($0.key.text, $0.value) })
            let name = counts.max { a, b in
                if a.value != b.value { return a.value < b.value }
                if a.key.count != b.key.count { return a.key.count > b.key.count }
                return a.key > b.key
            }!.key
            return Term(slug: slugs[term], name: name, spellings: counts, bulletins: bulletins[term],
                        permalink: Permalink(normalized: base.path + slugs[term] + "/"))
        }
        terms.sort { ($0.bulletins.count, $1.name) > ($1.bulletins.count, $0.name) }
        return Taxonomy(kind: kind, permalink: base, terms: terms)
    }
}
