import Foundation
import NashraCore

/// A story's identity at its sender (a ninjs `uri`, a feed item's `guid` or `id`) and the version
/// imported, written as `sourceID:` with a hash of the file Nashra wrote:
/// `"urn:example:wire:2026:2002 2026-11-27T08:00:00+03:00 9c1e0f3a5b7d2e41"`.
///
/// `source:` hashes the copy, so it cannot tell whether someone edited the bulletin since; the
/// hash here covers the written text itself (every line but this one), so a newer version of
/// the story replaces the bulletin only while it is still exactly what the import wrote.
public struct SourceIdentity: Sendable, Equatable {
    public var id: String
    /// The sender's version (`versionCreated`, Atom `updated`), if it gives one.
    public var version: Date?

    public init(id: String, version: Date?) {
        self.id = id
        self.version = version
    }

    /// What `sourceID:` holds for this identity and written text.
    func value(writtenHash: String, in timeZone: TimeZone) -> String {
        "\(id) \(version.map { ImportedBulletin.iso($0, in: timeZone) } ?? "-") \(writtenHash)"
    }

    /// A `sourceID:` value Nashra wrote, read back; the id may hold spaces (an RSS guid is any
    /// text), so the version and hash are taken from the end.
    static func parse(_ value: String, in timeZone: TimeZone) -> (identity: SourceIdentity, writtenHash: String)? {
        var words = value.trimmed().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 3, let hash = ImportSource.hash(in: words.removeLast()) else { return nil }
        let versionText = words.removeLast()
        let version = versionText == "-" ? nil : BulletinDate.parse(versionText, in: timeZone)?.foundationDate
        return (SourceIdentity(id: words.joined(separator: " "), version: version), hash)
    }

    /// The hash of a bulletin's text as `sourceID:` records it: the text without its `sourceID:`
    /// line, with line endings and trailing spaces not counting (as in `source:`).
    static func writtenHash(of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("sourceID:") }
        return ImportSource(text: lines.joined(separator: "\n"), fileName: "").hash
    }

    /// The value of the first `sourceID:` line of front matter (quotes taken off).
    static func value(inFrontMatter yaml: Substring, key: String = "sourceID") -> String? {
        for line in yaml.split(separator: "\n") where line.hasPrefix(key + ":") {
            var value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
