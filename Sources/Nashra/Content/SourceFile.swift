import Foundation
import NashraCore

/// One Markdown file of the content folder, as read from disk.
public struct SourceFile: Sendable, Hashable {
    /// Path below the content folder, NFC, with `/`: `bulletins/2026/أمطار-حلب.md`.
    public var relativePath: String
    /// The folder the file was found in. A build hands every file the same value, so its paths
    /// are stored once, not once per bulletin.
    public var folder: Folder
    /// Hash of the file's bytes (`ByteHash`): proves at render time that the body is the one parsed.
    public var contentHash: UInt64
    /// Where the Markdown body starts, as a UTF-8 offset and a line number.
    public var bodyOffset: Int
    public var bodyLine: Int

    /// The content folder as the user named it (for diagnostics) and on disk (for reading).
    public struct Folder: Sendable, Hashable {
        public var display: String
        public var absolute: String
        /// `display` and `absolute` are the file's own paths, not a folder's (see the init below).
        var holdsWholePaths = false

        public init(display: String, absolute: String) {
            self.display = display
            self.absolute = absolute
        }
    }

    public init(relativePath: String, folder: Folder, contentHash: UInt64, bodyOffset: Int, bodyLine: Int) {
        self.relativePath = relativePath
        self.folder = folder
        self.contentHash = contentHash
        self.bodyOffset = bodyOffset
        self.bodyLine = bodyLine
    }

    /// A file whose printed and absolute paths are given whole (tests, files outside `content/`).
    public init(relativePath: String, displayPath: String, absolutePath: String, contentHash: UInt64, bodyOffset: Int, bodyLine: Int) {
        var folder = Folder(display: displayPath, absolute: absolutePath)
        folder.holdsWholePaths = true
        self.init(relativePath: relativePath, folder: folder, contentHash: contentHash, bodyOffset: bodyOffset, bodyLine: bodyLine)
    }

    /// The path printed in diagnostics (as the user named the folder, then the relative path).
    public var displayPath: String {
        if folder.holdsWholePaths { return folder.display }
        return folder.display.isEmpty ? relativePath : String(joining: folder.display[...], "/", relativePath[...])
    }

    /// Absolute path on disk, used to read the body again when its page is rendered.
    public var absolutePath: String {
        folder.holdsWholePaths ? folder.absolute : String(joining: folder.absolute[...], "/", relativePath[...])
    }
}
