/// The language and direction a part of a page is marked with when it may differ from the page's
/// own (WCAG's "language of parts"): a tag named in English on an Arabic page, an Arabic place name
/// in an English bulletin.
struct PartLanguage: Sendable, Equatable {
    /// A BCP 47 tag, or "" when unknown (HTML's way to say so, rather than a wrong guess).
    var language: String
    var direction: TextDirection

    /// The language of a term's name. Its direction is that of its first strong letter. A name in
    /// the site's direction is taken to be in the site's language; another is in the language of the
    /// newest bulletin using it that is written in that direction (an English tag of English
    /// bulletins), else unknown.
    static func of(name: String, usedBy languages: some Sequence<String>, siteLanguage: String) -> PartLanguage {
        let siteDirection = TextDirection(language: siteLanguage)
        let direction = TextDirection.firstStrong(in: name) ?? siteDirection
        if direction == siteDirection { return PartLanguage(language: siteLanguage, direction: direction) }
        let language = languages.first { $0 != "und" && TextDirection(language: $0) == direction } ?? ""
        return PartLanguage(language: language, direction: direction)
    }
}
