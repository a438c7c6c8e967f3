/// A 64-bit hash of bytes, for change detection (not against an adversary): source files, output
/// files, paths. Every output file is hashed as it is written, so a build reads its whole output
/// once more: this takes eight bytes per step, where FNV-1a takes one.
public enum ByteHash {
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x100_0000_01b3
            offset += 1
        }
        return hash ^ (hash >> 32)
    }
}
