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

    /// Decodes file bytes as UTF-8 (a byte-order mark is dropped), or says where the first invalid
    /// byte is.
    static func decodeUTF8(_ data: some Collection<UInt8>, path: String) -> Result<String, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                return .failure(Diagnostic("file is not UTF-8 text (invalid byte here); save it as UTF-8", at: SourceLocation(path: path, line: line, column: column)))
            }
        }
        return .failure(Diagnostic("file is not UTF-8 text; save it as UTF-8", at: SourceLocation(path: path)))
    }
}
