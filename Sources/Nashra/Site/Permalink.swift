import Foundation
import NashraCore

/// Where a page lives: its URL path inside the site and the file that holds it.
///
/// The only type that turns a page into a URL or an output path, so that templates, feeds and the
/// writer can never disagree. Paths are NFC UTF-8 (Arabic folder names stay readable on disk);
/// `href` is percent-encoded for HTML.
public struct Permalink: Sendable, Hashable, Comparable {
    /// Path below the site root, starting with `/`: `/2026/11/أمطار-حلب/`, `/tags/`, `/404.html`.
    public let path: String
    /// The file under the output folder: a folder-style path gets `index.html`. Stored, because
    /// every stage of an incremental build looks up every page by it.
    public let outputPath: String
    /// `path` percent-encoded, made once: pages, feeds and sitemaps link to a bulletin dozens of
    /// times in a build. Empty for a permalink made by `encodingWhenLinked` (a path hardly ever
    /// linked, or one of a plan that renders few pages), which encodes it at each link instead.
    private let encodedPath: String

    public init(_ path: String) {
        self.init(normalized: path.nfc)
    }

    /// A path already in NFC: made of slugs (which `Slug` normalizes), digits and ASCII.
    init(normalized path: String) {
        self.init(normalized: path, keepingEncoded: true)
    }

    /// A permalink that encodes its path each time it is linked, for files pages hardly ever
    /// link to (a bulletin's ninjs document; an archive holds one per bulletin), and for a plan
    /// that renders only a few pages (`SitePlanner`, from kept decisions). `path` is kept
    /// as given, so give it at its exact size (as `String(joining:)` makes it).
    static func encodingWhenLinked(_ path: String) -> Permalink {
        Permalink(normalized: path, keepingEncoded: false, exact: true)
    }

    /// A path in NFC that is already a string of its exact size (`PermalinkPattern.expand` makes
    /// it from bytes): kept as it is rather than copied.
    init(exactNormalized path: String) {
        self.init(normalized: path, keepingEncoded: true, exact: true)
    }

    private init(normalized path: String, keepingEncoded: Bool, exact: Bool = false) {
        precondition(path.utf8.first == UInt8(ascii: "/"), "permalink paths start with /")
        // Every page keeps its three strings through the build: each made at its exact size (a
        // path put together by appending has up to as much spare capacity as it has text).
        self.path = exact ? path : String(joining: path[...])
        // On UTF-8 bytes (`/` is ASCII): dropFirst and hasSuffix on the String walk grapheme clusters.
        let relative = Substring(path.utf8.dropFirst())
        outputPath = relative.isEmpty || relative.utf8.last == UInt8(ascii: "/") ? String(joining: relative, "index.html") : String(joining: relative)
        encodedPath = keepingEncoded ? Self.percentEncode(path) : ""
    }

    public static func < (a: Permalink, b: Permalink) -> Bool { a.path < b.path }
    public static func == (a: Permalink, b: Permalink) -> Bool { a.path == b.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }

    /// The URL as written in HTML: the site's root path, then this path, percent-encoded.
    public func href(root: String) -> String {
        let encoded = encodedPath.isEmpty ? Self.percentEncode(path) : encodedPath
        return root == "/" ? encoded : Self.percentEncode(root) + String(Substring(encoded.utf8.dropFirst()))
    }

    /// The feed of `format` for the list that starts here (`/index.xml`, `/tags/طقس/atom.xml`).
    public func feed(_ format: FeedFormat) -> Permalink {
        Permalink(normalized: String(joining: path[...], format.fileName[...]), keepingEncoded: true, exact: true)
    }

    /// A bulletin's ninjs document, beside its page (`/2026/11/أمطار-حلب/ninjs.json`); on the
    /// home page's permalink, the site's ninjs stream.
    public var ninjs: Permalink {
        // A page at a file's path (`url: /2016/old.html`) has its document beside it, not inside.
        let name: Substring = path.utf8.last == UInt8(ascii: "/") ? "ninjs.json" : ".ninjs.json"
        return .encodingWhenLinked(String(joining: path[...], name))
    }

    /// A standing page's URL: `/<slug>/`, unless its content gives an exact path (which the
    /// planner hands over as `explicit`, already checked).
    public static func standingPage(slug: String, explicit: String? = nil) -> Permalink {
        explicit.map { Permalink($0) } ?? Permalink(normalized: "/" + slug + "/")
    }

    /// The files every site has at its root, besides pages: named here once, for the planner that
    /// makes them and the writers and templates that link to them.
    public static let sitemap = Permalink(normalized: "/sitemap.xml")
    public static let newsSitemap = Permalink(normalized: "/news-sitemap.xml")
    public static let robots = Permalink(normalized: "/robots.txt")
    public static func sitemapPart(_ part: Int) -> Permalink { Permalink(normalized: "/sitemap-\(part).xml") }

    /// This path under an edition's prefix (`/en` + `/tags/` = `/en/tags/`); itself for `""`.
    public func prefixed(_ prefix: String) -> Permalink {
        prefix.isEmpty ? self : Permalink(normalized: prefix + path)
    }

    /// The page `number` (from 1) of a paginated list that starts here: page 1 is this permalink,
    /// page n is `page/n/` below it.
    public func paginated(_ number: Int) -> Permalink {
        number <= 1 ? self : Permalink(normalized: path + "page/\(number)/")
    }

    /// Encodes every byte but unreserved characters and `/`, straight into the new string's storage.
    /// The length is counted first: every page keeps its encoded path, and a capacity of three
    /// bytes per byte would leave a third of an Arabic path's string empty.
    public static func percentEncode(_ path: String) -> String {
        path.withUTF8Bytes { bytes in
            var escaped = 0
            for byte in bytes where !isKept(byte) { escaped += 1 }
            if escaped == 0 { return path }
            return encode(bytes, escaped: escaped)
        }
    }

    /// `bytes` with the `escaped` bytes that are not kept written as `%XX`.
    private static func encode(_ bytes: UnsafeRawBufferPointer, escaped: Int) -> String {
        String(unsafeUninitializedCapacity: bytes.count + 2 * escaped) { buffer in
            var count = 0
            for byte in bytes {
                if isKept(byte) {
                    buffer[count] = byte
                    count += 1
                } else {
                    buffer[count] = UInt8(ascii: "%")
                    buffer[count + 1] = hexDigit(byte >> 4)
                    buffer[count + 2] = hexDigit(byte & 0xF)
                    count += 3
                }
            }
            return count
        }
    }

    /// Unreserved characters and `/`: what a path keeps as it is. A bit per ASCII byte (`-./0-9`
    /// in the first word; `A-Z _ a-z ~` in the second): every byte of every path is asked.
    @inline(__always)
    private static func isKept(_ byte: UInt8) -> Bool {
        let lower: UInt64 = 0x03FF_E000_0000_0000  // - . / 0–9
        let upper: UInt64 = 0x47FF_FFFE_87FF_FFFE  // A–Z _ a–z ~
        return byte < 0x80 && ((byte < 0x40 ? lower : upper) >> UInt64(byte & 0x3F)) & 1 == 1
    }

    /// `0`–`9`, `A`–`F`.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") - 10 + value
    }
}
