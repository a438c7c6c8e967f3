import NashraCore

/// Where an imported bulletin came from, written as its `source:` key: a hash of the copy's text
/// (NFC, trimmed, line endings made one) and the name of the file it arrived in, e.g. `"5f0c2a9e81d3b7a4 wire-0930.txt"`.
///
/// Only the hash decides whether a story is already there: agencies resend the same copy under
/// other file names, and the file name is kept for the desk to read.
public struct ImportSource: Sendable, Hashable {
    public var hash: String
    public var fileName: String

    /// The source of copy whose text (as decoded from the file) is `text`. Line endings and
    /// spaces at the ends of lines do not count: the same copy relayed through another system
    /// often comes back with CRLF or trailing blanks, and is still the same story.
    public init(text: String, fileName: String) {
        let lines = text.nfc.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let bytes = Array(lines.map { String($0).trimmed(newlines: false) }.joined(separator: "\n").trimmed().utf8)
        let value = bytes.withUnsafeBytes { ByteHash.of($0) }
        self.hash = String(value, radix: 16).leftPadded(to: 16)
        self.fileName = fileName
    }

    /// The value of `source:`.
    public var text: String { fileName.isEmpty ? hash : "\(hash) \(fileName)" }

    /// The hash in a `source:` value Nashra wrote: its first word, if that is 16 hex digits.
    public static func hash(in value: String) -> String? {
        let word = value.trimmed().prefix(while: { $0 != " " })
        guard word.count == 16, word.allSatisfy({ $0.isHexDigit }) else { return nil }
        return word.lowercased()
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
