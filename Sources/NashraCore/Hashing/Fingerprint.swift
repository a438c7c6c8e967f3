/// A 64-bit hash of everything that goes into one output: if two builds give a page the
/// same fingerprint, they write the same bytes, so the second one can skip it.
public struct Fingerprint: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        text.withUTF8Bytes { add(bytes: $0) }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        add(byte: 0xFF)
    }

    public mutating func add(_ number: UInt64) {
        value = (value ^ number) &* 0x9e37_79b9_7f4a_7c15
        value ^= value >> 29
    }

    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    public mutating func add(_ flag: Bool) { add(byte: flag ? 1 : 0) }
    public mutating func add(_ other: Fingerprint) { add(other.value) }

    /// Eight bytes per step (see `ByteHash`), then folded in with the length.
    public mutating func add(bytes: UnsafeRawBufferPointer) {
        value = (value ^ ByteHash.of(bytes)) &* 0x100_0000_01b3
        value ^= value >> 31
    }

    @inline(__always) private mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }
}
