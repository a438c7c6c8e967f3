import Foundation
import NashraCore

/// A compact binary encoding for the build cache: little-endian integers and length-prefixed UTF-8.
/// Hand-written because the cache is read at the start of every incremental build, where JSON
/// decoding of tens of thousands of bulletins would cost more than the build it saves.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Continues after `start`, with room for `extraCapacity` more bytes.
    init(_ start: [UInt8], extraCapacity: Int) {
        bytes = start
        bytes.reserveCapacity(start.count + extraCapacity)
    }

    mutating func write(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ number: Int) { write(UInt64(bitPattern: Int64(number))) }

    /// Each number as `write(_:)` writes it (on a little-endian machine, the array's own bytes).
    mutating func write(_ numbers: [UInt64]) {
        if 1.littleEndian == 1 {
            numbers.withUnsafeBytes { bytes.append(contentsOf: $0) }
        } else {
            for number in numbers { write(number) }
        }
    }
    mutating func write(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    /// Bytes already encoded (a record copied from a previous file).
    mutating func append(_ encoded: ArraySlice<UInt8>) { bytes.append(contentsOf: encoded) }

    mutating func write(_ text: String) {
        text.withUTF8Bytes { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A short byte string (at most 255 bytes, as a search term is): one length byte, then it.
    mutating func write(shortBytes: some Collection<UInt8>) {
        bytes.append(UInt8(shortBytes.count))
        bytes.append(contentsOf: shortBytes)
    }

    mutating func write(byte: UInt8) { bytes.append(byte) }

    /// A number in LEB128: seven bits a byte, low first, one byte below 128.
    mutating func write(varint number: UInt32) {
        var number = number
        while number >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    mutating func write(bytes more: [UInt8]) {
        write(more.count)
        bytes.append(contentsOf: more)
    }

    /// Numbers below 2³² (positions, counts), four bytes each after their count.
    mutating func write(smallNumbers numbers: some Collection<Int>) {
        write(numbers.count)
        bytes.reserveCapacity(bytes.count + 4 * numbers.count)
        for number in numbers { withUnsafeBytes(of: UInt32(truncatingIfNeeded: number).littleEndian) { bytes.append(contentsOf: $0) } }
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }
}

/// Reads what `ByteWriter` wrote; any inconsistency throws, and the cache is then rebuilt.
struct ByteReader {
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private var position = 0
    /// Where reading stops: the end of the bytes, or of the record being read.
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    /// Reads only `range` of `bytes` (which are shared, not copied).
    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { position == end }

    /// Where the next read starts in the bytes.
    var offset: Int { position }

    /// Steps over a length-prefixed record; returns its bytes' range, length included.
    mutating func skipRecord() throws(Corrupt) -> Range<Int> {
        let start = position
        let count = try readCount(minimumSize: 1)
        position += count
        return start..<position
    }

    /// A count of items read from the file, checked against the bytes left (each item takes at
    /// least `minimumSize`), so that a corrupt count cannot make us reserve absurd memory.
    mutating func readCount(minimumSize: Int) throws(Corrupt) -> Int {
        let count = try readInt()
        guard count >= 0, count <= (end - position) / max(1, minimumSize) else { throw Corrupt() }
        return count
    }

    mutating func readUInt64() throws(Corrupt) -> UInt64 {
        guard position + 8 <= end else { throw Corrupt() }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
        position += 8
        return UInt64(littleEndian: value)
    }

    mutating func readInt() throws(Corrupt) -> Int { Int(Int64(bitPattern: try readUInt64())) }

    mutating func readBool() throws(Corrupt) -> Bool {
        guard position < end, bytes[position] <= 1 else { throw Corrupt() }
        position += 1
        return bytes[position - 1] == 1
    }

    mutating func readString() throws(Corrupt) -> String {
        let count = try readCount(minimumSize: 1)
        let start = position
        guard start + count <= end,
              let text = bytes.withUnsafeBufferPointer({ Self.validString(UnsafeBufferPointer(rebasing: $0[start..<start + count])) })
        else { throw Corrupt() }
        position += count
        return text
    }

    /// `utf8` as a string if it is valid UTF-8, else nil. `String(decoding:)` (specialized, and
    /// quick: `String(validating:)` went through the generic validator, for every string of every
    /// cached bulletin) repairs what is not UTF-8, so the bytes it keeps say whether anything was.
    /// (Compared through the standard library's own `withContiguousStorageIfAvailable`, which is
    /// specialized here: NashraCore's `withUTF8Bytes`, a generic function of another module, cost
    /// as much as making the string, for every string of every cached bulletin.)
    static func validString(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: utf8, as: UTF8.self)
        guard text.utf8.count == utf8.count else { return nil }
        guard !utf8.isEmpty else { return text }
        let same = text.utf8.withContiguousStorageIfAvailable { kept in memcmp(kept.baseAddress!, utf8.baseAddress!, utf8.count) == 0 }
            ?? text.utf8.elementsEqual(utf8)
        return same ? text : nil
    }

    mutating func readShortBytes() throws(Corrupt) -> [UInt8] {
        let count = Int(try readByte())
        guard position + count <= end else { throw Corrupt() }
        position += count
        return Array(bytes[position - count..<position])
    }

    mutating func readBytes() throws(Corrupt) -> [UInt8] {
        let count = try readCount(minimumSize: 1)
        position += count
        return Array(bytes[position - count..<position])
    }

    /// Steps over `count` bytes.
    mutating func skip(_ count: Int) throws(Corrupt) {
        guard count >= 0, count <= end - position else { throw Corrupt() }
        position += count
    }

    mutating func readByte() throws(Corrupt) -> UInt8 {
        guard position < end else { throw Corrupt() }
        position += 1
        return bytes[position - 1]
    }

    /// What `write(varint:)` wrote: at most five bytes, the last below 0x80, within 32 bits.
    mutating func readVarint() throws(Corrupt) -> UInt32 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw Corrupt() }
        }
        guard value <= UInt64(UInt32.max) else { throw Corrupt() }
        return UInt32(value)
    }

    /// What `write(smallNumbers:)` wrote.
    mutating func readSmallNumbers() throws(Corrupt) -> [Int] {
        let count = try readCount(minimumSize: 4)
        let start = position
        position += 4 * count
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * $0, as: UInt32.self))) }
        }
    }

    mutating func readOptionalString() throws(Corrupt) -> String? {
        try readBool() ? try readString() : nil
    }
}
