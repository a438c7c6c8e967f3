extension String {
    /// Calls `body` with the text's UTF-8 bytes, read in place from the string's own storage.
    ///
    /// The usual `var copy = text; copy.withUTF8 { … }` costs a retain and a release per call
    /// (the copy), and hashing, escaping and fingerprinting do this for every path and value of a
    /// build. Only a string without contiguous UTF-8 (bridged from Objective-C) is copied.
    public func withUTF8Bytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = self
        return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}
