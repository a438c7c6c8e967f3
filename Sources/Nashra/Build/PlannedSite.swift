import NashraCore

/// What a build's first stages make of a site folder, without writing anything (`Builder.plan`):
/// the settings, the theme, every bulletin read, the site plan, and every problem found on the way.
/// A stage that failed leaves its value nil (or empty) and its errors in `problems`.
struct PlannedSite {
    var config: SiteConfig
    var theme: Theme?
    var content = ContentLoader.Loaded()
    /// `content/_data/` as the build reads it (the gazetteer, tag aliases); `.none` when it failed.
    var data: SiteData = .none
    /// The default edition (the whole site when it has one language).
    var site: Site?
    /// Every edition, the default first; `[site]` for a single-language site.
    var editions: [Site] = []
    /// The errors (and the warnings of failed stages) a build would stop on, in stage order.
    var problems: [Diagnostic]

    /// What a build would report and go on: the bulletins' warnings and the planner's.
    var warnings: [Diagnostic] { content.warnings + (editions.isEmpty ? site?.warnings ?? [] : editions.flatMap(\.warnings)) }
}
