import NashraCore

/// A news section (سياسة، اقتصاد، رياضة): a first-level content folder with an `_index.md`, or a
/// name given by bulletins' `section:`. It has a paginated front page at `/<slug>/` and its own
/// feeds; its bulletins are newest first.
public struct Section: Sendable {
    public var name: String
    public var slug: String
    public var description: String
    /// Its `_index.md`, if it has one (a section named only by `section:` has none).
    public var index: SectionIndex?
    /// nil when the section stays out of the menus (`menu: false`).
    public var menu: MenuPlacement?
    /// Indices into `Site.bulletins`, newest first.
    public var bulletins: [Int] = []

    /// An edition's prefix (`/en`), or `""`.
    public var prefix = ""

    public var permalink: Permalink { Permalink(normalized: prefix + "/" + slug + "/") }
}

/// One link of a site menu, as the planner resolved it.
public struct MenuEntry: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A URL from `nashra.yaml`, as written there.
        case url(String)
        /// Indices into `Site.standingPages` and `Site.sections`.
        case page(Int)
        case section(Int)
    }

    public var name: String
    public var target: Target
}
