#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash set of byte strings that numbers them as they come (0, 1, 2 …), its keys kept in one
/// buffer. The search index looks up every word of the archive: `[UInt8]` as a `Dictionary` key
/// hashes byte by byte through `Hasher` and allocates an array per key, this hashes a word in one
/// loop and compares it eight bytes at a time.
struct SearchByteTable {
    private var bytes: [UInt8] = []
    /// Entry i's key is `bytes[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Entry number + 1, or 0 for an empty slot; a power of two long.
    private var slots: [Int32]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
    }

    var count: Int { hashes.count }

    /// Eight bytes at a time, each word mixed in by a multiply (a byte at a time, as FNV does, was
    /// a multiply per byte for every word of the archive). Only where keys go in the table
    /// depends on it, never their numbers.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = key.count
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: count)
        guard let base = key.baseAddress else { return hash }
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 32
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ hash >> 32
    }

    /// The number of `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                hashes.withUnsafeBufferPointer { hashes in
                    starts.withUnsafeBufferPointer { starts in
                        while true {
                            let entry = Int(slots[slot]) - 1
                            if entry < 0 { return nil }
                            if hashes[entry] == hash {
                                let start = starts[entry], length = starts[entry + 1] - start
                                if length == key.count, length == 0 || Self.same(stored.baseAddress! + start, key.baseAddress!, length) {
                                    return entry
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are the same: eight at a time, in line (the keys are
    /// words, a call to `memcmp` for each was a tenth of looking one up).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self) {
                return false
            }
            index += 8
        }
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    func find(_ key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { find($0, hash: Self.hash($0)) }
    }

    /// Adds `key`, which must not be in the table yet, and returns its number.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if (count + 1) * 2 > slots.count { grow() }
        let entry = count
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(hash)
        place(entry)
        return entry
    }

    /// The number of `key`, added if new.
    mutating func number(_ key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { key in
            let hash = Self.hash(key)
            return find(key, hash: hash) ?? insert(key, hash: hash)
        }
    }

    /// The number of `key`, added if new.
    mutating func number(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(key)
        return find(key, hash: hash) ?? insert(key, hash: hash)
    }

    /// The key numbered `entry`.
    func key(_ entry: Int) -> [UInt8] { Array(bytes[starts[entry]..<starts[entry + 1]]) }

    /// Calls `body` with the key numbered `entry`.
    func withKey<T>(_ entry: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[entry]..<starts[entry + 1]])) }
    }

    /// Calls `body` with the keys' bytes and where each starts (key i is `bytes[starts[i]..<starts[i + 1]]`),
    /// for a loop over many keys without reference counting per key.
    func withStorage<T>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>) -> T) -> T {
        bytes.withUnsafeBufferPointer { bytes in starts.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        let hash = hashes[entry]
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for entry in 0..<count { place(entry) }
    }
}
