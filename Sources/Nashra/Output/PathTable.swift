import Foundation
import NashraCore

/// The build cache index's path table as written: one row per output path, sorted by its bytes,
/// with the page's fingerprint and the output file's stamp (either may be missing). It stays the
/// file's bytes: a row is found by binary search and decoded only when asked for, so a rebuild
/// after one edit, which looks up a few dozen paths, makes neither a string per path (35,000 at
/// 10,000 bulletins) nor two dictionaries of them. Reading it only checks the rows' shape and
/// order (`scan`).
///
/// A row: the path (its UTF-8 length in 8 bytes, then the bytes), flags (8 bytes: 1 a fingerprint
/// follows, 2 a stamp follows), the fingerprint (8 bytes), the stamp (hash, size, modification
/// time: 8 bytes each), integers little-endian (`ByteWriter`).
final class PathTable: Sendable {
    private let bytes: [UInt8]
    /// Where each row starts in `bytes`, in path order.
    private let starts: [Int]

    /// Whose row, in the table, is a page's fingerprint or an output's stamp.
    enum Column { case fingerprint, stamp }

    private init(bytes: [UInt8], starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
    }

    var count: Int { starts.count }

    /// The `count` rows that start at `start` in `bytes` and the offset after them; nil if they
    /// are not whole rows before `end`, or not in strictly increasing path order.
    static func scan(_ bytes: [UInt8], from start: Int, count: Int, end: Int) -> (table: PathTable, next: Int)? {
        guard count >= 0, start >= 0, end <= bytes.count, count <= (end - start) / 16 else { return nil }
        var starts: [Int] = []
        starts.reserveCapacity(count)
        let next = bytes.withUnsafeBytes { raw -> Int? in
            var position = start
            var previous: UnsafeRawBufferPointer?
            for _ in 0..<count {
                starts.append(position)
                guard position + 8 <= end else { return nil }
                let length = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: Int64.self)))
                guard length >= 0, length <= end - position - 16 else { return nil }
                let path = UnsafeRawBufferPointer(rebasing: raw[position + 8..<position + 8 + length])
                if let previous, compare(previous, path) >= 0 { return nil }
                previous = path
                position += 8 + length
                let flags = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
                guard flags & ~3 == 0 else { return nil }
                position += 8 + (flags & 1 != 0 ? 8 : 0) + (flags & 2 != 0 ? 24 : 0)
                guard position <= end else { return nil }
            }
            return position
        }
        guard let next else { return nil }
        return (PathTable(bytes: bytes, starts: starts), next)
    }

    /// The row of `key`, if the table has one.
    func row(of key: PathKey) -> Int? {
        key.text.withUTF8Bytes { wanted in
            bytes.withUnsafeBytes { raw in
                var low = 0, high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    let order = Self.compare(path(at: middle, in: raw), wanted)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// The row's path, or nil if it is not UTF-8 (a row that cannot be looked up either: the
    /// table then knows nothing of that path, which only makes a build do more).
    func key(at row: Int) -> PathKey? {
        bytes.withUnsafeBytes { raw in
            let path = path(at: row, in: raw)
            let text = String(decoding: path, as: UTF8.self)
            let same = text.withUTF8Bytes { $0.count == path.count && (path.isEmpty || memcmp($0.baseAddress!, path.baseAddress!, path.count) == 0) }
            return same ? PathKey(text) : nil
        }
    }

    func fingerprint(at row: Int) -> UInt64? {
        bytes.withUnsafeBytes { raw in
            let (flags, values) = fields(at: row, in: raw)
            return flags & 1 != 0 ? raw.loadUnaligned(fromByteOffset: values, as: UInt64.self).littleEndian : nil
        }
    }

    func stamp(at row: Int) -> OutputStamp? {
        bytes.withUnsafeBytes { raw in
            let (flags, values) = fields(at: row, in: raw)
            guard flags & 2 != 0 else { return nil }
            let at = values + (flags & 1 != 0 ? 8 : 0)
            func number(_ index: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: at + 8 * index, as: UInt64.self).littleEndian }
            return OutputStamp(hash: number(0), size: Int(Int64(bitPattern: number(1))), modified: Int(Int64(bitPattern: number(2))))
        }
    }

    private func path(at row: Int, in raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let start = starts[row]
        let length = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: Int64.self)))
        return UnsafeRawBufferPointer(rebasing: raw[start + 8..<start + 8 + length])
    }

    /// The row's flags and where its values start.
    private func fields(at row: Int, in raw: UnsafeRawBufferPointer) -> (UInt64, Int) {
        let start = starts[row]
        let length = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: Int64.self)))
        let flags = raw.loadUnaligned(fromByteOffset: start + 8 + length, as: UInt64.self).littleEndian
        return (flags, start + 16 + length)
    }

    /// Byte order, `PathKey`'s.
    private static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int32 {
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? order : x.count < y.count ? -1 : x.count > y.count ? 1 : 0
    }
}

/// A value a `PathTable` row may hold.
protocol PathTableValue: Equatable, Sendable {
    static func read(from table: PathTable, row: Int) -> Self?
}

/// A page's fingerprint.
extension UInt64: PathTableValue {
    static func read(from table: PathTable, row: Int) -> UInt64? { table.fingerprint(at: row) }
}

extension OutputStamp: PathTableValue {
    static func read(from table: PathTable, row: Int) -> OutputStamp? { table.stamp(at: row) }
}

/// Paths to values (pages' fingerprints, output files' stamps), as a dictionary would map them,
/// that may start as a `PathTable`'s rows, not decoded: lookups read the table (behind the
/// changes made since), and only going through every entry (`dictionary`, when a cache index is
/// written whole) decodes it. Reading from several threads at once is safe; writing is not.
struct PathMap<Value: PathTableValue>: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var table: PathTable?
    /// Without a table: the entries.
    private var plain: [PathKey: Value] = [:]
    /// With a table: what was set since (nil: removed).
    private var changes: [PathKey: Value?] = [:]

    init(_ dictionary: [PathKey: Value]) { plain = dictionary }

    init(dictionaryLiteral elements: (PathKey, Value)...) {
        plain = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    init(_ table: PathTable) { self.table = table }

    subscript(key: PathKey) -> Value? {
        get {
            guard let table else { return plain[key] }
            if !changes.isEmpty, let changed = changes[key] { return changed }
            return table.row(of: key).flatMap { Value.read(from: table, row: $0) }
        }
        set {
            if table == nil {
                plain[key] = newValue
            } else {
                changes.updateValue(newValue, forKey: key)
            }
        }
    }

    /// Every entry, decoded.
    var dictionary: [PathKey: Value] {
        guard let table else { return plain }
        var entries: [PathKey: Value] = [:]
        entries.reserveCapacity(table.count + changes.count)
        for row in 0..<table.count {
            guard let value = Value.read(from: table, row: row), let key = table.key(at: row) else { continue }
            entries[key] = value
        }
        for (key, value) in changes { entries[key] = value }
        return entries
    }

    var isEmpty: Bool { table == nil ? plain.isEmpty : dictionary.isEmpty }

    /// About how many entries there are (the table's rows count whether they hold this value or not).
    var estimatedCount: Int { (table?.count ?? 0) + plain.count + changes.count }

    static func == (a: PathMap, b: PathMap) -> Bool { a.dictionary == b.dictionary }
}
