/// A file path as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// Swift's `String` normalizes non-ASCII text to NFC each time it is hashed or compared, which made
/// set and dictionary work on Arabic paths a fifth of an incremental build. Nashra's paths are
/// already NFC (see `Permalink`), so their bytes say the same, for much less.
struct PathKey: Hashable, Sendable, ExpressibleByStringLiteral, Comparable {
    let text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: PathKey, b: PathKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    /// Byte order, which is also the order of code points.
    static func < (a: PathKey, b: PathKey) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }
}
