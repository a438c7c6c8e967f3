import NashraCore

/// One news bulletin: its front matter, decoded and checked, and where its body is.
///
/// Small on purpose (a few hundred bytes): the site model holds every bulletin, so the Markdown
/// body is not kept here; it is read again and rendered when the bulletin's own page is written.
///
/// A value type whose fields live in one copy-on-write box: the cache, the loader, the planner and
/// the fingerprints each copy bulletins, and copying nineteen strings and arrays one by one was a
/// seventh of a one-edit rebuild. A copy now shares the box until one of them changes.
public struct Bulletin: Sendable {
    struct Fields {
        var source: SourceFile
        var title = ""
        var date = BulletinDate(secondsSinceEpoch: 0, hasTime: false)
        var updated: BulletinDate?
        var location: String?
        var agency: String?
        var author: String?
        var tags: [String] = []
        var summary = ""
        var hasWrittenSummary = false
        var slug = ""
        var isDraft = false
        var isUrgent = false
        var language = "ar"
        var direction = TextDirection.rtl
        var sectionName: String?
        var inEditionFolder = false
        /// Nil while every field of `Rare` has its default, as for most bulletins.
        var rare: RareBox?
    }

    /// What few bulletins have (or, for a photo, not all): kept in a box of its own, so that an
    /// archive of wire copy does not carry a few hundred empty bytes per bulletin.
    struct Rare {
        /// Where `slug:` gave the slug in the file; nil when it came from the file name or title.
        var slugPosition: TextPosition?
        var image: BulletinImage?
        var expires: BulletinDate?
        var corrections: [Correction] = []
        var params: [String: ParamValue] = [:]
        var warnings: [Diagnostic] = []
        var categories: [String] = []
        var weight: Int?
        var url: String?
        var urlPosition: TextPosition?
        var aliases: [String] = []
        var aliasPositions: [TextPosition] = []
        var references: [Reference] = []
        var translationKey: String?
        var translationKeyPosition: TextPosition?
    }

    final class RareBox: @unchecked Sendable {
        var fields: Rare
        init(_ fields: Rare) { self.fields = fields }
    }

    /// Written only while uniquely referenced (see `unique`), so sharing it between threads is safe.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(source: SourceFile) {
        box = Box(Fields(source: source))
    }

    /// The fields, for changing: the box is copied first if another bulletin shares it.
    private var unique: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Changes the rare fields; a change that leaves a field at its default (`isDefault`) makes
    /// no box. Either box is copied first if another bulletin shares it.
    private mutating func changeRare(isDefault: Bool, _ change: (inout Rare) -> Void) {
        if isDefault && box.fields.rare == nil { return }
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        if box.fields.rare == nil {
            box.fields.rare = RareBox(Rare())
        } else if !isKnownUniquelyReferenced(&box.fields.rare!) {
            box.fields.rare = RareBox(box.fields.rare!.fields)
        }
        change(&box.fields.rare!.fields)
    }

    private var rare: Rare? { box.fields.rare?.fields }

    /// Whether this bulletin has a box for its rare fields (for tests of memory, not behaviour).
    var holdsRareFields: Bool { box.fields.rare != nil }

    /// Whether the two share their fields' box (for tests of copying, not behaviour).
    func sharesFields(with other: Bulletin) -> Bool { box === other.box }

    public var source: SourceFile { get { box.fields.source } _modify { yield &unique.source } }
    public var title: String { get { box.fields.title } _modify { yield &unique.title } }
    public var date: BulletinDate { get { box.fields.date } _modify { yield &unique.date } }
    public var updated: BulletinDate? { get { box.fields.updated } _modify { yield &unique.updated } }
    /// The dateline city, as written.
    public var location: String? { get { box.fields.location } _modify { yield &unique.location } }
    public var agency: String? { get { box.fields.agency } _modify { yield &unique.agency } }
    public var author: String? { get { box.fields.author } _modify { yield &unique.author } }
    public var tags: [String] { get { box.fields.tags } _modify { yield &unique.tags } }
    /// Plain text: the front-matter `summary`, else the first paragraph of the body.
    public var summary: String { get { box.fields.summary } _modify { yield &unique.summary } }
    /// True when `summary` came from the front matter, not from the first paragraph; only then is
    /// it shown above the body as a lede (else the page would say it twice).
    public var hasWrittenSummary: Bool { get { box.fields.hasWrittenSummary } _modify { yield &unique.hasWrittenSummary } }
    public var slug: String { get { box.fields.slug } _modify { yield &unique.slug } }
    var slugPosition: TextPosition? {
        get { rare?.slugPosition ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.slugPosition = newValue } }
    }
    public var isDraft: Bool { get { box.fields.isDraft } _modify { yield &unique.isDraft } }
    public var isUrgent: Bool { get { box.fields.isUrgent } _modify { yield &unique.isUrgent } }
    /// BCP 47 language (`ar`, `en`; `und` when unknown) and the base direction of the text.
    public var language: String { get { box.fields.language } _modify { yield &unique.language } }
    public var direction: TextDirection { get { box.fields.direction } _modify { yield &unique.direction } }
    /// The lead photograph, if `image:` names one.
    public var image: BulletinImage? {
        get { rare?.image ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.image = newValue } }
    }
    /// After this instant the bulletin is no longer published (like Hugo's expiryDate).
    public var expires: BulletinDate? {
        get { rare?.expires ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.expires = newValue } }
    }
    /// Corrections printed in a box on the bulletin's page.
    public var corrections: [Correction] {
        get { rare?.corrections ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.corrections = newValue } }
    }
    /// Front-matter keys Nashra does not know, for templates.
    public var params: [String: ParamValue] {
        get { rare?.params ?? [:] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.params = newValue } }
    }
    /// What parsing found wrong but not fatal (a missing alt text, say), reported by the build that
    /// read the file. Not kept in the build cache: a file taken from the cache unread was reported
    /// when it was read; `nashra check` reads every file and reports them all.
    public var warnings: [Diagnostic] {
        get { rare?.warnings ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.warnings = newValue } }
    }
    /// Hugo's and Jekyll's `categories`: a taxonomy of their own, beside tags.
    public var categories: [String] {
        get { rare?.categories ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.categories = newValue } }
    }
    /// Hugo's `weight`: among bulletins of the same instant, the lower weight comes first.
    public var weight: Int? {
        get { rare?.weight ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.weight = newValue } }
    }
    /// `url:`, the page's exact path below the site root (`/2016/01/old-post/`), decoded and
    /// NFC; it replaces the permalink pattern's.
    public var url: String? {
        get { rare?.url ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.url = newValue } }
    }
    var urlPosition: TextPosition? {
        get { rare?.urlPosition ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.urlPosition = newValue } }
    }
    /// `aliases:`, old paths of the page, each written as a redirect to it; with where each was given.
    public var aliases: [String] {
        get { rare?.aliases ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.aliases = newValue } }
    }
    var aliasPositions: [TextPosition] {
        get { rare?.aliasPositions ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.aliasPositions = newValue } }
    }
    /// The `ref`/`relref` shortcodes of the body, resolved to pages when the site is planned.
    public var references: [Reference] {
        get { rare?.references ?? [] }
        set { changeRare(isDefault: newValue.isEmpty) { $0.references = newValue } }
    }

    /// `translationKey:` (Hugo's name): the versions of one story in the site's editions share it.
    public var translationKey: String? {
        get { rare?.translationKey ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.translationKey = newValue } }
    }
    var translationKeyPosition: TextPosition? {
        get { rare?.translationKeyPosition ?? nil }
        set { changeRare(isDefault: newValue == nil) { $0.translationKeyPosition = newValue } }
    }
    /// True for a file under an edition's folder (`content/en/…`): its section is the folder below.
    public var inEditionFolder: Bool { get { box.fields.inEditionFolder } _modify { yield &unique.inEditionFolder } }

    /// The path that links the versions of one story when no `translationKey:` does (Hugo's rule):
    /// the path below the edition's folder (`en/2026/x.md` and `2026/x.md` are one story).
    public var editionPath: String {
        guard inEditionFolder, let slash = source.relativePath.firstIndex(of: "/") else { return source.relativePath }
        return String(source.relativePath[source.relativePath.index(after: slash)...])
    }

    /// `section:` as written: the section the bulletin is in, whatever its folder.
    public var sectionName: String? { get { box.fields.sectionName } _modify { yield &unique.sectionName } }

    /// The first folder below content/ (`bulletins`): its section when that folder has an
    /// `_index.md`, and the `:section` permalink token when the bulletin is in no section.
    public var section: String {
        // Found on the UTF-8 bytes: `split` walks grapheme clusters, and this runs per bulletin.
        var path = Substring(source.relativePath)
        if inEditionFolder, let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) { path = path[path.index(after: slash)...] }
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }
}

/// A body's link to another content file by its path (Hugo's `ref` and `relref`), and where it is.
public struct Reference: Sendable, Hashable {
    /// As written, without its `#fragment`.
    public var target: String
    public var position: TextPosition
}

/// A correction note on a bulletin, with the date it was made if given.
public struct Correction: Sendable, Hashable {
    public var date: BulletinDate?
    public var text: String
}
