/// Which `Cache-Control` header each object gets: the site's own rules in order, then the defaults;
/// the first rule that matches wins.
///
/// The defaults keep pages, feeds and unversioned CSS and JavaScript short-lived, since they change
/// with each build and must change together; a file whose name carries a content hash
/// (`app.3f9a8c2e.css`) never changes under that name, so readers may keep it for a year.
public struct CachePolicy: Sendable {
    /// One rule: files whose path matches get this header value.
    public struct Rule: Sendable, Hashable {
        public enum Match: Sendable, Hashable {
            case pattern(PathPattern)
            /// A file name with a content hash in it: see `CachePolicy.isFingerprinted`.
            case fingerprinted
        }

        public var match: Match
        public var value: String

        public init(_ match: Match, _ value: String) {
            self.match = match
            self.value = value
        }

        func applies(to path: String) -> Bool {
            switch match {
            case .pattern(let pattern): return pattern.matches(path)
            case .fingerprinted: return CachePolicy.isFingerprinted(path)
            }
        }
    }

    public static let short = "public, max-age=300"
    public static let immutable = "public, max-age=31536000, immutable"

    public static let defaultRules: [Rule] = [
        Rule(.fingerprinted, immutable),
        Rule(.pattern(PathPattern("*.{html,htm,xml,rss,atom,json,txt,css,js,mjs,webmanifest}")), short),
        Rule(.pattern(PathPattern("*.{png,jpg,jpeg,gif,webp,avif,svg,ico,woff,woff2,ttf,otf,eot,pdf,mp3,mp4,webm,ogg}")),
             "public, max-age=86400"),
    ]

    public var rules: [Rule]

    /// `rules` come first; the defaults still apply to files that none of them match.
    public init(rules: [Rule] = []) {
        self.rules = rules + CachePolicy.defaultRules
    }

    public func cacheControl(for path: String) -> String {
        rules.first { $0.applies(to: path) }?.value ?? CachePolicy.short
    }

    /// True when one dot- or dash-separated part of the file name (not the first, not the
    /// extension) is at least 8 hexadecimal characters with a digit among them: `main.5d41402a.js`,
    /// `font-9f86d081884c.woff2`. Words such as `deadbeef` without a digit are not taken for hashes.
    public static func isFingerprinted(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var parts = name.split(whereSeparator: { $0 == "." || $0 == "-" })
        guard parts.count >= 3 else { return false }
        parts.removeFirst()
        parts.removeLast()
        return parts.contains { part in
            part.count >= 8 && part.allSatisfy(\.isHexDigit) && part.contains(where: \.isNumber)
        }
    }
}
