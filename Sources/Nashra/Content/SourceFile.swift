import Foundation
import NashraCore

/// One Markdown file of the content folder, as read from disk.
public struct SourceFile: Sendable, Hashable {
    /// Path below the content folder, NFC, with `/`: `bulletins/2026/أمطار-حلب.md`.
    public var relativePath: String
    /// The path printed in diagnostics (as the user named the folder, then the relative path).
    public var displayPath: String
    /// Absolute path on disk, used to read the body again when its page is rendered.
    public var absolutePath: String
    /// Hash of the file's bytes (`ByteHash`): proves at render time that the body is the one parsed.
    public var contentHash: UInt64
    /// Where the Markdown body starts, as a UTF-8 offset and a line number.
    public var bodyOffset: Int
    public var bodyLine: Int
}
