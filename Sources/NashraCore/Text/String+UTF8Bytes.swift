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
        // Reserved at the exact size (an empty string grows to what is asked), then appended:
        // the parts are strings already, so their bytes are copied as they are. Made through
        // `String(unsafeUninitializedCapacity:)`, the bytes were checked as UTF-8 again, for every
        // path of every page.
        var joined = ""
        joined.reserveCapacity(count)
        for part in parts { joined.append(contentsOf: part) }
        self = joined
    }
}
