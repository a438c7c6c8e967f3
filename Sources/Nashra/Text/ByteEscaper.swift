import NashraCore

/// Escaping byte by byte from a table, for HTML and XML text: one pass to see whether anything
/// needs it (almost never: most headlines and names have no `<`, `&` or quote), and only then a
/// second that writes the escaped bytes. Every table entry is an ASCII byte, so a multi-byte
/// UTF-8 sequence is never split.
struct ByteEscaper: Sendable {
    /// For each byte value, what replaces it (empty: dropped); nil keeps it.
    private let replacements: [[UInt8]?]

    init(_ table: [UInt8: String]) {
        var replacements = [[UInt8]?](repeating: nil, count: 256)
        for (byte, replacement) in table {
            precondition(byte < 0x80, "only ASCII bytes are escaped")
            replacements[Int(byte)] = Array(replacement.utf8)
        }
        self.replacements = replacements
    }

    func escape(_ text: String) -> String {
        let clean = text.withUTF8Bytes { bytes in !bytes.contains { replacements[Int($0)] != nil } }
        if clean { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for byte in text.utf8 {
            if let replacement = replacements[Int(byte)] {
                escaped += replacement
            } else {
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
