/// Reading valid UTF-8 (a `String`'s own bytes) a scalar at a time without making the scalars:
/// how the scanners that see every word of every body (search terms, place names) read text.
enum UTF8Scalar {
    /// The scalar value that starts at `index`, and how many bytes it takes.
    @inline(__always)
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(utf8[index])
        switch lead {
        case ..<0x80:
            return (lead, 1)
        case ..<0xE0:
            return ((lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F), 2)
        case ..<0xF0:
            return ((lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F), 3)
        default:
            return ((lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12 | UInt32(utf8[index + 2] & 0x3F) << 6
                | UInt32(utf8[index + 3] & 0x3F), 4)
        }
    }
}
