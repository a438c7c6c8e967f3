import Foundation
import NashraCore

/// Places by every spelling: the default gazetteer (the Arab world's and the world's main cities
/// and their countries, from GeoNames) with a site's `content/_data/places.yaml` over it. A pure
/// lookup: made once per build, read from every stage after it.
public struct Gazetteer: Sendable {
    public private(set) var places: [String: Place] = [:]
    private var countries: [String: String] = [:]
    /// Places given by the site, which win over the default ones of the same spelling.
    private var siteIDs: Set<String> = []
    /// For running text: the keys (article kept) of the names of countries, regions, cities of some size and the
    /// site's places (with the site's aliases), and their places (see `PlaceMentions`).
    private var mentionIndex: [String: [String]] = [:]
    /// The tables that find a place by any of its spellings (`resolve`), made the first time one is
    /// looked up: they reduce every spelling of every place, and a build that plans from the cache
    /// after edits of bodies only finds mentions, which `mentionIndex` answers alone.
    private let spellings: MadeOnFirstUse<SpellingTables>

    public static let empty = Gazetteer(places: [])

    public init(places: [Place], sitePlaces: Set<String> = []) {
        siteIDs = sitePlaces
        var byID: [String: Place] = [:]
        byID.reserveCapacity(places.count)
        for place in places {
            byID[place.id] = place
            if place.kind == .country, let code = place.countryCode { countries[code] = place.id }
        }
        self.places = byID
        var mentionIndex: [String: [String]] = [:]
        for place in places {
            let site = sitePlaces.contains(place.id)
            guard site || place.kind != .city || place.population >= PlaceMentions.minimumPopulation else { continue }
            // A place's names are its first spellings (the order of a place's keys does not matter
            // here: each adds the place once).
            let spellings = place.spellings
            for spelling in spellings.prefix(site ? spellings.count : place.names.count) {
                let key = PlaceName.keyKeepingArticle(spelling)
                if !key.isEmpty, !(mentionIndex[key]?.contains(place.id) ?? false) { mentionIndex[key, default: []].append(place.id) }
            }
        }
        // In a fixed order whatever order the places came in (a dictionary's, for places.yaml).
        for (key, ids) in mentionIndex where ids.count > 1 {
            mentionIndex[key] = ids.sorted { Self.rank($0, in: byID, site: sitePlaces) < Self.rank($1, in: byID, site: sitePlaces) }
        }
        self.mentionIndex = mentionIndex
        spellings = MadeOnFirstUse { [byID] in SpellingTables(places, byID: byID, site: sitePlaces) }
    }

    /// Places by every spelling, and each place's own names' keys.
    private struct SpellingTables: Sendable {
        /// `PlaceName.key` → the places it may stand for, best first (see `rank`).
        var index: [String: [String]] = [:]
        /// A spelling exactly as written (NFC, marks kept) → its places: `عُمان` is Oman, `عمّان` Amman.
        var exact: [String: [String]] = [:]
        /// The keys of each place's own names (not its aliases).
        var primaryKeys: [String: Set<String>] = [:]

        init(_ places: [Place], byID: [String: Place], site: Set<String>) {
            // About five spellings a place: reserved, so that the tables are not rehashed as they grow.
            index.reserveCapacity(places.count * 5)
            exact.reserveCapacity(places.count * 5)
            primaryKeys.reserveCapacity(places.count)
            for place in places {
                for (number, spelling) in place.spellings.enumerated() {
                    let key = PlaceName.key(spelling)
                    guard !key.isEmpty else { continue }
                    if !(index[key]?.contains(place.id) ?? false) { index[key, default: []].append(place.id) }
                    let written = spelling.nfc
                    if !(exact[written]?.contains(place.id) ?? false) { exact[written, default: []].append(place.id) }
                    if number < place.names.count { primaryKeys[place.id, default: []].insert(key) }
                }
            }
            let primaryKeys = primaryKeys
            func isNamed(_ id: String, _ key: String) -> Bool { primaryKeys[id]?.contains(key) == true }
            func ranked(_ ids: [String], _ key: String) -> [String] {
                ids.sorted { Gazetteer.rank($0, in: byID, site: site, named: isNamed($0, key)) < Gazetteer.rank($1, in: byID, site: site, named: isNamed($1, key)) }
            }
            for (key, ids) in index where ids.count > 1 { index[key] = ranked(ids, key) }
            for (written, ids) in exact where ids.count > 1 { exact[written] = ranked(ids, PlaceName.key(written)) }
        }
    }

    /// Whether a lookup by spelling has made the spelling tables yet.
    var madeSpellingTables: Bool { spellings.isMade }

    /// Every key of running text `mentionCandidates(forKey:)` knows.
    var mentionKeys: Dictionary<String, [String]>.Keys { mentionIndex.keys }

    /// The places a key of running text may stand for: the site's own ones when it gives any.
    func mentionCandidates(forKey key: String) -> [String] {
        let all = mentionIndex[key] ?? []
        let site = all.filter(siteIDs.contains)
        return site.isEmpty ? all : site
    }

    /// The site's places first; then a place so named (`named`: the key is one of its own names' keys)
    /// before one merely also called so; a city before a region before a country (a dateline names a
    /// city: `تونس` is Tunis); the larger first.
    private static func rank(_ id: String, in places: [String: Place], site: Set<String>, named: Bool = false) -> (Int, Int, Int, Int, String) {
        let place = places[id]!
        let kind = Place.Kind.allCases.firstIndex(of: place.kind)!
        return (site.contains(id) ? 0 : 1, named ? 0 : 1, kind, -place.population, id)
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
        let tables = spellings.value
        if let ids = tables.exact[trimmed.nfc] {
            return ids.compactMap { places[$0] } + (tables.index[PlaceName.key(trimmed)] ?? []).filter { !ids.contains($0) }.compactMap { places[$0] }
        }
        return (tables.index[PlaceName.key(trimmed)] ?? []).compactMap { places[$0] }
    }

    /// The places a key stands for, best first (for matching running text).
    func places(forKey key: String) -> [String] { spellings.value.index[key] ?? [] }

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
