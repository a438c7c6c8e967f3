import NashraCore

/// A bulletin's lead photograph as the site publishes it: its files at each width and format, its
/// real size in pixels (after EXIF orientation), and the words that go with it. Made by
/// `PhotoDesk` after planning; a photo given as a web address is published as written.
public struct Photo: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case webp, jpeg, png, gif, svg

        public var mediaType: String {
            switch self {
            case .webp: "image/webp"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .gif: "image/gif"
            case .svg: "image/svg+xml"
            }
        }
    }

    /// One file of the photo in the site.
    public struct Variant: Sendable, Hashable {
        public var width: Int
        public var height: Int
        public var format: Format
        /// Relative to the output folder: `images/1a2b3c4d5e6f/rain-960.webp`.
        public var outputPath: String

        public init(width: Int, height: Int, format: Format, outputPath: String) {
            self.width = width
            self.height = height
            self.format = format
            self.outputPath = outputPath
        }
    }

    public var image: BulletinImage
    /// The files, narrowest first within each format; empty for a web address.
    public var variants: [Variant]
    /// A hash of the source file's bytes and of how it was processed (0 for a web address): pages
    /// showing the photo are fingerprinted with it, so new bytes re-render them.
    public var contentHash: UInt64

    public init(image: BulletinImage, variants: [Variant] = [], contentHash: UInt64 = 0) {
        self.image = image
        self.variants = variants
        self.contentHash = contentHash
    }

    /// The format browsers that read none of the `<source>`s get: the original's.
    public var fallbackFormat: Format? {
        variants.first(where: { $0.format != .webp })?.format ?? variants.first?.format
    }

    /// The widest file in the fallback format: the `src`, `og:image` and JSON-LD image.
    public var fallback: Variant? {
        guard let format = fallbackFormat else { return nil }
        return variants.last(where: { $0.format == format })
    }

    /// The narrowest file in the fallback format, for thumbnails.
    public var smallest: Variant? {
        guard let format = fallbackFormat else { return nil }
        return variants.first(where: { $0.format == format })
    }

    /// The variants of one format, narrowest first.
    public func variants(_ format: Format) -> [Variant] { variants.filter { $0.format == format } }
}

extension Site {
    /// Bulletin `index`'s lead photo: as processed by the build, or (before that stage, or for a
    /// web address) as written.
    public func photo(_ index: Int) -> Photo? {
        if index < photos.count { return photos[index] }
        return bulletins[index].image.map { Photo(image: $0) }
    }
}
