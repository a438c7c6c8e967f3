import Foundation

/// A file path as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// Swift's `String` normalizes non-ASCII text to NFC each time it is hashed or compared, which made
/// set and dictionary work on Arabic paths a fifth of an incremental build. Nashra's paths are
/// already NFC (see `Permalink`), so their bytes say the same, for much less.
public struct PathKey: Hashable, Sendable, ExpressibleByStringLiteral, Comparable {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public func hash(into hasher: inout Hasher) {
        text.withUTF8Bytes { hasher.combine(bytes: $0) }
    }

    public static func == (a: PathKey, b: PathKey) -> Bool {
        a.text.utf8.count == b.text.utf8.count && compare(a, b) == 0
    }

    /// Byte order, which is also the order of code points.
    public static func < (a: PathKey, b: PathKey) -> Bool { compare(a, b) < 0 }

    /// memcmp on the UTF-8 bytes: the generic `elementsEqual` on `utf8` goes a byte at a time, for
    /// every path an incremental build looks up.
    private static func compare(_ a: PathKey, _ b: PathKey) -> Int32 {
        a.text.withUTF8Bytes { x in b.text.withUTF8Bytes { y in byteOrder(x, y) } }
    }

    /// `PathKey`'s order of two paths' UTF-8 bytes, wherever they are held: negative, zero or
    /// positive, as `memcmp`, a shorter path before a longer one it starts.
    public static func byteOrder(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int32 {
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? order : x.count < y.count ? -1 : x.count > y.count ? 1 : 0
    }
}
