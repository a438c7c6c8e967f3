/// A bulletin as parsed from its file, with the file's size and modification time: what one build
/// hands the next, so that a file whose size and time are unchanged is taken from here unread.
struct ParsedBulletin {
    var size: Int
    var modified: Int
    var bulletin: Bulletin
    /// This bulletin's record as the previous cache file held it, if it came from there
    /// unchanged: saved again by copying it instead of encoding the bulletin again.
    var record: ArraySlice<UInt8>?
    /// Where that record lies in the cache's records file: the file's id, the record's offset and
    /// length. A save that appends to that file writes nothing for it.
    var stored: (log: UInt64, offset: Int, length: Int)?
}
