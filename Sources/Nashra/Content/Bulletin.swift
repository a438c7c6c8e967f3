/// One news bulletin: its front matter, decoded and checked, and where its body is.
///
/// Small on purpose (a few hundred bytes): the site model holds every bulletin, so the Markdown
/// body is not kept here; it is read again and rendered when the bulletin's own page is written.
public struct Bulletin: Sendable {
    public var source: SourceFile
    public var title = ""
    public var date = BulletinDate(secondsSinceEpoch: 0, hasTime: false)
    public var updated: BulletinDate?
    /// The dateline city, as written.
    public var location: String?
    public var agency: String?
    public var author: String?
    public var tags: [String] = []
    /// Plain text: the front-matter `summary`, else the first paragraph of the body.
    public var summary = ""
    /// True when `summary` came from the front matter, not from the first paragraph; only then is
    /// it shown above the body as a lede (else the page would say it twice).
    public var hasWrittenSummary = false
    public var slug = ""
    public var isDraft = false
    public var isUrgent = false
    /// BCP 47 language (`ar`, `en`; `und` when unknown) and the base direction of the text.
    public var language = "ar"
    public var direction = TextDirection.rtl
    public var image: String?
    /// After this instant the bulletin is no longer published (like Hugo's expiryDate).
    public var expires: BulletinDate?
    /// Corrections printed in a box on the bulletin's page.
    public var corrections: [Correction] = []
    /// Front-matter keys Nashra does not know, for templates.
    public var params: [String: ParamValue] = [:]

    init(source: SourceFile) {
        self.source = source
    }

    /// The first folder below content/ (`bulletins`), for the `:section` permalink token.
    public var section: String {
        // Found on the UTF-8 bytes: `split` walks grapheme clusters, and this runs per bulletin.
        guard let slash = source.relativePath.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(source.relativePath[..<slash])
    }
}

/// A correction note on a bulletin, with the date it was made if given.
public struct Correction: Sendable, Hashable {
    public var date: BulletinDate?
    public var text: String
}
