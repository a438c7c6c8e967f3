extension String {
    /// The same as Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` (or
    /// `.whitespaces` when `newlines` is false), without bridging through `NSString` for every
    /// front-matter value; a string with nothing to trim is returned as is.
    func trimmed(newlines: Bool = true) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "\t": return true
            case "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}": return newlines
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator: return true
                case .lineSeparator, .paragraphSeparator: return newlines
                default: return false
                }
            }
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
