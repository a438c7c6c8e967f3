import NashraCore

/// A `location:` the site's gazetteer does not know. The build keeps it as a plain name (its own
/// location page, no map, no country), which is usually a misspelling: the rule offers the
/// closest known names. Silent on sites without a gazetteer.
struct UnknownPlaceRule: CheckRule {
    static let id = "unknown-place"

    func check(_ context: CheckContext) -> [Diagnostic] {
        guard let gazetteer = context.gazetteer else { return [] }
        var suggestions: [String: [String]] = [:]
        return context.bulletins.compactMap { checked in
            guard let name = checked.bulletin.location?.trimmed(), !name.isEmpty, gazetteer.resolve(name) == nil else { return nil }
            let closest = suggestions[name] ?? gazetteer.closestNames(to: name)
            suggestions[name] = closest
            var message = "'\(name)' is not in the gazetteer: it gets a location page of its own, without map or country"
            if !closest.isEmpty {
                message += "; did you mean " + closest.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            message += " (a place of the site's own goes in content/_data/places.yaml)"
            return Diagnostic(message, at: checked.location(ofKey: "location"), severity: .warning)
        }
    }
}
