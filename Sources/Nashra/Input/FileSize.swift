import NashraCore

/// A number of bytes as people write it in `nashra.yaml`: `512KiB`, `5MiB`, `10MB` or `1048576`.
public struct FileSize: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    /// How large one bulletin, template or theme.yaml may be unless `limits.fileSize` says
    /// otherwise: a 10 MB body already makes over 100 MB of output, since full-text feeds copy it.
    public static let defaultLimit = FileSize(bytes: 5 * 1024 * 1024)

    /// Binary units first, so that `KiB` is not read as `K` followed by junk.
    private static let units: [(suffix: String, factor: Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ]

    /// A size with an optional unit (a space before it is allowed); units are case-sensitive,
    /// since `mb` could be megabits.
    public static func parse(_ text: String) -> Result<FileSize, InvalidValue> {
        let trimmed = text.trimmed(newlines: true)
        var digits = Substring(trimmed)
        var factor = 1
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            digits = trimmed.dropLast(unit.suffix.count)
            factor = unit.factor
            break
        }
        while digits.last == " " { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits),
              count > 0, count <= Int.max / factor else {
            return .failure(InvalidValue("must be a size above zero such as 512KiB, 5MiB, 10MB or a number of bytes"))
        }
        return .success(FileSize(bytes: count * factor))
    }

    /// `5 MiB`, `1.5 MiB`, `700 bytes`: binary units, one decimal when not whole.
    public var description: String {
        if bytes < 1024 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        for (suffix, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor {
            // In Double: a size near Int.max times ten would overflow.
            let tenths = Int((Double(bytes) * 10 / Double(factor)).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10) \(suffix)" : "\(tenths / 10).\(tenths % 10) \(suffix)"
        }
        return "\(bytes) bytes"
    }

    public static func < (a: FileSize, b: FileSize) -> Bool { a.bytes < b.bytes }
}
