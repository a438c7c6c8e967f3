/// One change under a watched folder, as a watcher saw it: which path, and what happened to it.
public struct FileChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case created
        case modified
        case removed
        /// The watcher lost track (its event queue overflowed): anything may have changed.
        case rescan
    }

    /// Absolute path of the file or folder.
    public var path: String
    public var kind: Kind

    public init(_ kind: Kind, _ path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String { "\(kind) \(path)" }

    /// Files that editors write beside the one being edited (vim's `.swp` and its `4913` probe,
    /// emacs's `#name#` and `.#name` locks, backups ending in `~`). They change while someone
    /// types, and a rebuild for them would reload the page for nothing.
    static func isEditorScratch(_ name: String) -> Bool {
        name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo") || name.hasSuffix("~")
            || name == "4913" || name.hasPrefix(".#") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }
}
