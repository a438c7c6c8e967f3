import Foundation

/// Places by every spelling: the default gazetteer (the Arab world's and the world's main cities
/// and their countries, from GeoNames) with a site's `content/_data/places.yaml` over it. A pure
/// lookup: made once per build, read from every stage after it.
public struct Gazetteer: Sendable {
    public private(set) var places: [String: Place] = [:]
    /// `PlaceName.key` → the places it may stand for, best first (see `rank`).
    private var index: [String: [String]] = [:]
    /// A spelling exactly as written (NFC, marks kept) → its places: `عُمان` is Oman, `عمّان` Amman.
    private var exact: [String: [String]] = [:]
    private var countries: [String: String] = [:]
    /// Places given by the site, which win over the default ones of the same spelling.
    private var siteIDs: Set<String> = []

    public static let empty = Gazetteer(places: [])

    public init(places: [Place], sitePlaces: Set<String> = []) {
        siteIDs = sitePlaces
        self.places.reserveCapacity(places.count)
        for place in places { self.places[place.id] = place }
        // About five spellings a place: reserved, so that the tables are not rehashed as they grow.
        var index: [String: [String]] = [:]
        var exact: [String: [String]] = [:]
        index.reserveCapacity(places.count * 5)
        exact.reserveCapacity(places.count * 5)
        primaryKeys.reserveCapacity(places.count)
        // Each spelling reduced once: its key with the article (for running text) and without.
        let spellings = places.map(\.spellings)
        let keysKeepingArticle = spellings.map { $0.map(PlaceName.keyKeepingArticle) }
        for (position, place) in places.enumerated() {
            if place.kind == .country, let code = place.countryCode { countries[code] = place.id }
            for (number, spelling) in spellings[position].enumerated() {
                let key = PlaceName.withoutArticle(keysKeepingArticle[position][number])
                guard !key.isEmpty else { continue }
                if !(index[key]?.contains(place.id) ?? false) { index[key, default: []].append(place.id) }
                let written = spelling.nfc
                if !(exact[written]?.contains(place.id) ?? false) { exact[written, default: []].append(place.id) }
                if number < place.names.count { primaryKeys[place.id, default: []].insert(key) }
            }
        }
        for (position, place) in places.enumerated() {
            let site = sitePlaces.contains(place.id)
            guard site || place.kind != .city || place.population >= PlaceMentions.minimumPopulation else { continue }
            // A place's names are its first spellings (the order of a place's keys does not matter
            // here: each adds the place once).
            for key in keysKeepingArticle[position].prefix(site ? spellings[position].count : place.names.count) {
                if !key.isEmpty, !(mentionIndex[key]?.contains(place.id) ?? false) { mentionIndex[key, default: []].append(place.id) }
            }
        }
        let ranked = self
        // In a fixed order whatever order the places came in (a dictionary's, for places.yaml).
        for (key, ids) in mentionIndex where ids.count > 1 {
            mentionIndex[key] = ids.sorted { ranked.rank($0, "") < ranked.rank($1, "") }
        }
        for (key, ids) in index where ids.count > 1 { index[key] = ids.sorted { ranked.rank($0, key) < ranked.rank($1, key) } }
        self.index = index
        for (written, ids) in exact where ids.count > 1 {
            let key = PlaceName.key(written)
            exact[written] = ids.sorted { ranked.rank($0, key) < ranked.rank($1, key) }
        }
        self.exact = exact
    }

    /// The keys of each place's own names (not its aliases).
    private var primaryKeys: [String: Set<String>] = [:]
    /// For running text: the keys (article kept) of the names of countries, regions, cities of some size and the
    /// site's places (with the site's aliases), and their places (see `PlaceMentions`).
    private var mentionIndex: [String: [String]] = [:]

    /// Every key of running text `mentionCandidates(forKey:)` knows.
    var mentionKeys: Dictionary<String, [String]>.Keys { mentionIndex.keys }

    /// The places a key of running text may stand for: the site's own ones when it gives any.
    func mentionCandidates(forKey key: String) -> [String] {
        let all = mentionIndex[key] ?? []
        let site = all.filter(siteIDs.contains)
        return site.isEmpty ? all : site
    }

    /// The site's places first; then a place so named before one merely also called so; a city
    /// before a region before a country (a dateline names a city: `تونس` is Tunis); the larger first.
    private func rank(_ id: String, _ key: String) -> (Int, Int, Int, Int, String) {
        let place = places[id]!
        let kind = Place.Kind.allCases.firstIndex(of: place.kind)!
        return (siteIDs.contains(id) ? 0 : 1, primaryKeys[id]?.contains(key) == true ? 0 : 1, kind, -place.population, id)
    }

    public func place(_ id: String) -> Place? { places[id] }

    /// The country place of an ISO 3166 code.
    public func country(code: String) -> Place? { countries[code].flatMap { places[$0] } }

    /// The place a dateline or `location:` names: the spelling exactly as written if some place has
    /// it, else the best place of its key. Nil for a name the gazetteer does not know.
    public func resolve(_ spelling: String) -> Place? {
        candidates(for: spelling).first
    }

    /// Every place a spelling may stand for, best first.
    public func candidates(for spelling: String) -> [Place] {
        let trimmed = spelling.trimmingCharacters(in: .whitespacesAndNewlines)
        if let ids = exact[trimmed.nfc] {
            return ids.compactMap { places[$0] } + (index[PlaceName.key(trimmed)] ?? []).filter { !ids.contains($0) }.compactMap { places[$0] }
        }
        return (index[PlaceName.key(trimmed)] ?? []).compactMap { places[$0] }
    }

    /// The places a key stands for, best first (for matching running text).
    func places(forKey key: String) -> [String] { index[key] ?? [] }

    /// The place's parent, and its parent, up to the country; nearest first. A city of the default
    /// gazetteer lies in its country. Stops at a repeat (`places.yaml` cycles are refused earlier).
    public func ancestors(of place: Place) -> [Place] {
        var chain: [Place] = []
        var seen: Set<String> = [place.id]
        var current = place
        while let next = parent(of: current), seen.insert(next.id).inserted {
            chain.append(next)
            current = next
        }
        return chain
    }

    public func parent(of place: Place) -> Place? {
        if let parent = place.parent { return places[parent] }
        guard place.kind != .country, let code = place.countryCode else { return nil }
        return country(code: code)
    }

    /// Known names closest to an unknown one (for "did you mean حلب?"), in the unknown name's script
    /// (Arabic for Arabic, English otherwise), nearest first, at most `limit`. Only names within a
    /// third of their length in edits (at least 2) are offered.
    public func closestNames(to spelling: String, limit: Int = 3) -> [String] {
        let key = PlaceName.key(spelling)
        guard !key.isEmpty, limit > 0 else { return [] }
        let arabic = spelling.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
        let language = arabic ? "ar" : "en"
        let target = Array(key.unicodeScalars)
        var scored: [(distance: Int, population: Int, name: String)] = []
        var seen: Set<String> = []
        for place in places.values {
            guard let name = place.names[language] ?? (arabic ? nil : place.names.values.first) else { continue }
            let candidate = Array(PlaceName.key(name).unicodeScalars)
            let allowed = max(2, candidate.count / 3)
            guard abs(candidate.count - target.count) <= allowed else { continue }
            let distance = Self.editDistance(target, candidate, limit: allowed)
            if distance <= allowed, seen.insert(name).inserted {
                scored.append((distance, place.population, name))
            }
        }
        scored.sort { ($0.distance, -$0.population, $0.name) < ($1.distance, -$1.population, $1.name) }
        return scored.prefix(limit).map(\.name)
    }

    /// Levenshtein distance, giving up (limit + 1) once every path costs more than `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = current[0]
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                best = min(best, current[j])
            }
            if best > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
