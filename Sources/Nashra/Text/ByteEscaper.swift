import NashraCore

/// Escaping byte by byte from a table, for HTML and XML text: one pass to see whether anything
/// needs it (almost never: most headlines and names have no `<`, `&` or quote), and only then a
/// second that writes the escaped bytes. Every table entry is an ASCII byte, so a multi-byte
/// UTF-8 sequence is never split.
struct ByteEscaper: Sendable {
    /// For each byte value, what replaces it (empty: dropped); nil keeps it.
    private let replacements: [[UInt8]?]
    /// U+FFFE and U+FFFF (EF BF BE, EF BF BF) are valid UTF-8 but outside XML 1.0's `Char`: one
    /// in a feed makes it ill-formed, so the XML escaper drops them.
    private let dropsFFFEAndFFFF: Bool
    /// Bytes the first pass stops at: those with a replacement, and EF when the above is dropped
    /// (EF also starts Arabic presentation forms, which are kept).
    private let flagged: [Bool]

    init(_ table: [UInt8: String], droppingFFFEAndFFFF: Bool = false) {
        var replacements = [[UInt8]?](repeating: nil, count: 256)
        for (byte, replacement) in table {
            precondition(byte < 0x80, "only ASCII bytes are escaped")
            replacements[Int(byte)] = Array(replacement.utf8)
        }
        self.replacements = replacements
        self.dropsFFFEAndFFFF = droppingFFFEAndFFFF
        var flagged = replacements.map { $0 != nil }
        if droppingFFFEAndFFFF { flagged[0xEF] = true }
        self.flagged = flagged
    }

    func escape(_ text: String) -> String {
        let clean = text.withUTF8Bytes { bytes in !bytes.contains { flagged[Int($0)] } }
        if clean { return text }
        return text.withUTF8Bytes { bytes -> String in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + bytes.count / 8)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if let replacement = replacements[Int(byte)] {
                    escaped += replacement
                } else if dropsFFFEAndFFFF, byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF,
                          bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                    index += 2
                } else {
                    escaped.append(byte)
                }
                index += 1
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }
}
