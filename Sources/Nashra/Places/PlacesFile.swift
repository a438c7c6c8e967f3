import Foundation
import NashraCore
import Yams

/// `content/_data/places.yaml`: a site's own places, and its additions to the default gazetteer.
///
/// ```yaml
/// old-city:                       # a new place, by a key of this file
///   names: {ar: حلب القديمة, en: Old City of Aleppo}
///   aliases: [المدينة القديمة]
///   parent: حلب                   # a key of this file, a GeoNames id, or a name the gazetteer knows
///   coordinates: [36.199, 37.163] # latitude, longitude
///   kind: city                    # city (the default), region or country
/// 170063:                         # a GeoNames id (or `geonames: 170063`): adds to that place
///   aliases: [Alep]
/// ```
/// A cycle of parents and a spelling given to two places of the file are errors at their line.
public enum PlacesFile {
    static let knownKeys = ["names", "aliases", "parent", "coordinates", "geonames", "kind"]

    public static func parse(_ text: String, path: String, over base: Gazetteer) -> Result<Gazetteer, Diagnostics> {
        let yaml: YAMLMapping
        switch YAMLMapping.parse(text, path: path, lineOffset: 0, what: "places.yaml") {
        case .success(let mapping): yaml = mapping
        case .failure(let problems): return .failure(problems)
        }
        var problems = yaml.problems
        var places = base.places
        var siteIDs: Set<String> = []
        var order: [String] = []
        var parents: [(id: String, text: String, at: SourceLocation)] = []
        var keyIDs: [String: String] = [:]
        var spellings = NameClaims(what: "place")

        for (key, node, keyLocation) in yaml.entries {
            guard case .mapping(let mapping) = node else {
                problems.append(Diagnostic("place '\(key)' must be a mapping (names, aliases, parent, coordinates, geonames, kind)", at: keyLocation))
                continue
            }
            let fields = YAMLMapping.reading(mapping, path: path, lineOffset: 0)
            problems += fields.problems
            var geonames = Int(key).flatMap { base.place(String($0)) != nil ? $0 : nil }
            if let node = fields.entries.first(where: { $0.key == "geonames" })?.value {
                switch fields.integer(node, key: "geonames", minimum: 1) {
                case .success(let id): geonames = id
                case .failure(let problem): problems.append(problem)
                }
            }
            let id = geonames.map(String.init) ?? key
            var place = places[id] ?? Place(id: id, kind: .city, names: [:], geonamesID: geonames)
            if place.geonamesID == nil { place.geonamesID = geonames }
            for (field, value, fieldLocation) in fields.entries {
                let at = fields.location(of: value)
                switch field {
                case "names":
                    guard case .mapping(let names) = value else {
                        problems.append(Diagnostic("'names' must be a mapping of language → name (ar: حلب)", at: at))
                        continue
                    }
                    let languages = YAMLMapping.reading(names, path: path, lineOffset: 0)
                    problems += languages.problems
                    for (language, nameNode, _) in languages.entries {
                        switch languages.text(nameNode, key: language) {
                        case .success(let name) where !name.trimmed().isEmpty:
                            // A default place renamed keeps its old name as a spelling.
                            if let old = place.names[language], old != name.trimmed(), !place.aliases.contains(old) { place.aliases.append(old) }
                            place.names[language] = name.trimmed()
                            problems += spellings.claim(name, by: id, label: key, at: languages.location(of: nameNode))
                        case .success: problems.append(Diagnostic("the '\(language)' name is empty", at: languages.location(of: nameNode)))
                        case .failure(let problem): problems.append(problem)
                        }
                    }
                case "aliases":
                    guard case .sequence(let items) = value else {
                        problems.append(Diagnostic("'aliases' must be a list of spellings", at: at))
                        continue
                    }
                    for item in items {
                        guard let alias = item.text?.trimmed(), !alias.isEmpty else {
                            problems.append(Diagnostic("each alias must be text", at: fields.location(of: item)))
                            continue
                        }
                        place.aliases.append(alias)
                        problems += spellings.claim(alias, by: id, label: key, at: fields.location(of: item))
                    }
                case "parent":
                    switch fields.text(value, key: field) {
                    case .success(let parent): parents.append((id, parent.trimmed(), at))
                    case .failure(let problem): problems.append(problem)
                    }
                case "coordinates":
                    if case .sequence(let pair) = value, pair.count == 2, let latitude = pair[0].text.flatMap(Double.init),
                       let longitude = pair[1].text.flatMap(Double.init), abs(latitude) <= 90, abs(longitude) <= 180 {
                        place.latitude = latitude
                        place.longitude = longitude
                    } else {
                        problems.append(Diagnostic("'coordinates' must be [latitude, longitude] in degrees, such as [36.2, 37.16]", at: at))
                    }
                case "kind":
                    if let kind = value.text.flatMap(Place.Kind.init(rawValue:)) {
                        place.kind = kind
                    } else {
                        problems.append(Diagnostic("'kind' must be city, region or country", at: at))
                    }
                case "geonames": break
                default:
                    problems.append(Diagnostic("unknown key '\(field)'; known keys: \(knownKeys.joined(separator: ", "))", at: fieldLocation))
                }
            }
            if place.names.isEmpty && place.aliases.isEmpty {
                problems.append(Diagnostic("place '\(key)' needs 'names' (ar: …, en: …)", at: keyLocation))
            }
            places[id] = place
            siteIDs.insert(id)
            order.append(id)
            keyIDs[key] = id
        }

        // Parents name a key of this file, a GeoNames id, or any spelling the gazetteer knows.
        let named = Gazetteer(places: order.compactMap { places[$0] })
        var parentLocation: [String: SourceLocation] = [:]
        for (id, text, at) in parents {
            let parent = keyIDs[text] ?? (places[text] != nil ? text : nil) ?? named.resolve(text)?.id ?? base.resolve(text)?.id
            guard let parent else {
                problems.append(Diagnostic("'parent' \(text) is not a place of this file or of the gazetteer", at: at))
                continue
            }
            guard parent != id else {
                problems.append(Diagnostic("'parent' makes a cycle: \(text) is this place itself", at: at))
                continue
            }
            places[id]?.parent = parent
            parentLocation[id] = at
        }
        // A cycle is reported once, at the first of its places in the file.
        var reported: Set<String> = []
        for id in order where parentLocation[id] != nil && !reported.contains(id) {
            var chain = [id]
            var current = places[id]?.parent
            while let next = current, next != id, !chain.contains(next) {
                chain.append(next)
                current = places[next]?.parent
            }
            guard current == id else { continue }
            reported.formUnion(chain)
            let names = (chain + [id]).map { places[$0]?.name(in: "ar") ?? $0 }
            problems.append(Diagnostic("'parent' makes a cycle: \(names.joined(separator: " → ")); a place cannot lie in itself",
                                       at: parentLocation[id]))
        }
        guard problems.isEmpty else { return .failure(Diagnostics(problems)) }
        return .success(Gazetteer(places: Array(places.values), sitePlaces: siteIDs))
    }
}

/// Which entry of a data file first gave each spelling (by `PlaceName.key`): the same spelling given
/// to two entries is an error, at the second, naming the first.
struct NameClaims {
    let what: String
    private var claims: [String: (owner: String, label: String, at: SourceLocation)] = [:]

    init(what: String) { self.what = what }

    mutating func claim(_ spelling: String, by owner: String, label: String, at location: SourceLocation) -> [Diagnostic] {
        let key = PlaceName.key(spelling)
        guard !key.isEmpty else { return [] }
        if let first = claims[key] {
            guard first.owner != owner else { return [] }
            return [Diagnostic("'\(spelling)' already names the \(what) '\(first.label)' (line \(first.at.line)); a spelling may name only one \(what)",
                               at: location)]
        }
        claims[key] = (owner, label, location)
        return []
    }
}
