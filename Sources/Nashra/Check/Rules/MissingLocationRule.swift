import NashraCore

/// A bulletin without `location:`: it has no dateline and is in no location's list.
struct MissingLocationRule: CheckRule {
    static let id = "missing-location"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.compactMap { checked in
            guard (checked.bulletin.location ?? "").trimmed().isEmpty else { return nil }
            return Diagnostic("no 'location:': the bulletin has no dateline and is in no location's list; "
                              + "give the city it was filed from, e.g. location: دمشق",
                              at: checked.location(ofKey: "location"), severity: .warning)
        }
    }
}
