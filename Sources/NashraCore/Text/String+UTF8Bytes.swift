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

extension String {
    /// The parts one after another, in a string of exactly their size: for the paths a build keeps
    /// for every file and page (`a + b` leaves up to as much spare capacity as there is text).
    public init(joining parts: Substring...) {
        let count = parts.reduce(0) { $0 + $1.utf8.count }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for part in parts {
                // Copied as one block from the part's storage: through the sequence, byte by byte,
                // this was a tenth of planning a large site (its permalinks).
                let copied = part.utf8.withContiguousStorageIfAvailable { bytes -> Int in
                    if let source = bytes.baseAddress, !bytes.isEmpty {
                        (buffer.baseAddress! + end).initialize(from: source, count: bytes.count)
                    }
                    return bytes.count
                }
                end += copied ?? UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: part.utf8).1
            }
            return end
        }
    }
}
