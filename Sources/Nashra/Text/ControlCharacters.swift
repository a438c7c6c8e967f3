import NashraCore

extension String {
    /// The text without C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) other than
    /// tab, line feed and carriage return.
    ///
    /// YAML's escapes (`"\0"`, `"\x01"`, `"\e"`, `"\N"`) make them out of plain ASCII. They are
    /// invisible to the newsroom, a NUL ends the string for C readers, and XML allows almost none of
    /// them, so front matter and settings drop them where they are read and no writer has to.
    func removingControlCharacters() -> String {
        // One pass on the bytes first: almost no text has one. C1 controls are C2 80 … C2 9F.
        let clean = withUTF8Bytes { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if Self.isDropped(byte) { return false }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return false }
                index += 1
            }
            return true
        }
        if clean { return self }
        var kept = String.UnicodeScalarView()
        for scalar in unicodeScalars where !Self.isControl(scalar) { kept.append(scalar) }
        return String(kept)
    }

    /// `removingControlCharacters` on valid UTF-8 in place (C1 controls are C2 80 … C2 9F).
    static func removeControlCharacters(from utf8: inout [UInt8]) {
        let count = utf8.count
        let kept = utf8.withUnsafeMutableBufferPointer { bytes -> Int in
            var kept = 0
            var index = 0
            while index < count {
                let byte = bytes[index]
                if isDropped(byte) {
                    index += 1
                } else if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                    index += 2
                } else {
                    bytes[kept] = byte
                    kept += 1
                    index += 1
                }
            }
            return kept
        }
        if kept < count { utf8.removeLast(count - kept) }
    }

    private static func isDropped(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? isDropped(UInt8(scalar.value)) : scalar.value <= 0x9F
    }
}
