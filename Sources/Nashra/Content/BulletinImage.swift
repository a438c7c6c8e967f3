import NashraCore

/// A bulletin's lead photograph as `image:` names it: a path (beside the bulletin, or `/…` under
/// the site's `static/`) or a web address, and the words that go with it. Whether the file exists
/// and what it holds is decided at build time (`PhotoDesk`), since a bulletin read from the cache
/// is not parsed again when its photo changes.
public struct BulletinImage: Sendable, Hashable {
    public var src: String
    /// What the photo shows, for readers who cannot see it.
    public var alt: String?
    public var caption: String?
    /// The photographer or agency.
    public var credit: String?
    /// Where `src` is written in the front matter, for errors about the file.
    public var position: TextPosition

    public init(src: String, alt: String? = nil, caption: String? = nil, credit: String? = nil,
                position: TextPosition = TextPosition(line: 1, column: 1)) {
        self.src = src
        self.alt = alt
        self.caption = caption
        self.credit = credit
        self.position = position
    }

    /// True for an http(s) address: used as written, never fetched or resized.
    public var isRemote: Bool { URLPolicy.scheme(of: src) != nil }
}
