/// A way of grouping bulletins: tags, or dateline locations.
public struct Taxonomy: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tags, locations
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
}

/// Gathers terms from bulletins, merging spellings by slug.
struct TermCollector {
    private var order: [String] = []
    // Keyed by bytes (see PathKey): slugs are NFC, and a spelling only memoizes its slug.
    private var entries: [PathKey: (spellings: [String: Int], bulletins: [Int])] = [:]
    /// Slugs by spelling: an archive repeats a few hundred spellings tens of thousands of times.
    private var slugs: [PathKey: String] = [:]

    /// Adds the bulletin at `index` (bulletins are added newest first) under each of `names`;
    /// returns the slugs, without repeats, in the order given.
    mutating func add(_ names: [String], bulletin index: Int) -> [String] {
        var slugs: [String] = []
        for name in names {
            let slug: String
            if let known = self.slugs[PathKey(name)] {
                slug = known
            } else {
                slug = Slug.make(name)
                self.slugs[PathKey(name)] = slug
            }
            guard !slug.isEmpty, !slugs.contains(slug) else { continue }
            slugs.append(slug)
            let key = PathKey(slug)
            if entries[key] == nil {
                order.append(slug)
                entries[key] = ([:], [])
            }
            entries[key]!.spellings[name, default: 0] += 1
            entries[key]!.bulletins.append(index)
        }
        return slugs
    }

    func taxonomy(_ kind: Taxonomy.Kind) -> Taxonomy {
        let base = Permalink("/\(kind.rawValue)/")
        var terms = order.map { slug -> Term in
            let entry = entries[PathKey(slug)]!
            let name = entry.spellings.max { a, b in
                if a.value != b.value { return a.value < b.value }
                if a.key.count != b.key.count { return a.key.count > b.key.count }
                return a.key > b.key
            }!.key
            return Term(slug: slug, name: name, spellings: entry.spellings, bulletins: entry.bulletins,
                        permalink: Permalink(normalized: base.path + slug + "/"))
        }
        terms.sort { ($0.bulletins.count, $1.name) > ($1.bulletins.count, $0.name) }
        return Taxonomy(kind: kind, permalink: base, terms: terms)
    }
}
