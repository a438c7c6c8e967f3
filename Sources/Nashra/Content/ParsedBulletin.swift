/// A bulletin as parsed from its file, with the file's size and modification time: what one build
/// hands the next, so that a file whose size and time are unchanged is taken from here unread.
struct ParsedBulletin {
    var size: Int
    var modified: Int
    var bulletin: Bulletin
    /// This bulletin's record as the previous cache file held it, if it came from there
    /// unchanged: saved again by copying it instead of encoding the bulletin again.
    var record: ArraySlice<UInt8>?
}
