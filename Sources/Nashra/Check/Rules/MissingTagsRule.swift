import NashraCore

/// A bulletin without `tags:`: it is in no tag's list and its related bulletins are found by its
/// location alone.
struct MissingTagsRule: CheckRule {
    static let id = "missing-tags"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.compactMap { checked in
            guard checked.bulletin.tags.allSatisfy({ $0.trimmed().isEmpty }) else { return nil }
            return Diagnostic("no 'tags:': the bulletin is in no tag's list and readers find no related bulletins by subject; "
                              + "give one or two, e.g. tags: [اقتصاد]",
                              at: checked.location(ofKey: "tags"), severity: .warning)
        }
    }
}
