import NashraCore

/// What a Markdown file of the content folder is: a bulletin (news, dated), a standing page
/// (about, contact: no date), or a section's `_index.md`.
///
/// The rules, in order:
/// - `_index.md` is never a bulletin. In a first-level folder (`content/اقتصاد/_index.md`) it
///   describes that section; anywhere else it is ignored, with a warning.
/// - `type: page` or `type: bulletin` decides.
/// - A file under `content/pages/` is a page.
/// - A file with no `date:`, no date in its file name (`2026-11-20-…`) and no key only news has
///   (`tags`, `location`, `agency`, `urgent`…) is a page. Any of those marks a bulletin whose
///   date was forgotten, which stays an error ("missing 'date'").
public enum ContentFile: Sendable {
    case bulletin(Bulletin)
    case page(StandingPage)
    case sectionIndex(SectionIndex)
    /// An `_index.md` below the first level: read, reported, not used.
    case ignored([Diagnostic])

    /// The keys that make a dateless file a bulletin: those only news has.
    static let newsKeys = Bulletin.knownKeys.subtracting(StandingPage.knownKeys)

    static func parse(text: String, source: SourceFile, reading: BulletinReading) -> Result<ContentFile, Diagnostics> {
        // An edition's folder (`content/en/`) holds a site of its own: its sections and pages one level down.
        let components = Array(source.relativePath.split(separator: "/", omittingEmptySubsequences: true).dropFirst(reading.inEditionFolder ? 1 : 0))
        let stem = components.last.flatMap { ContentLoader.markdownStem(Substring($0).utf8).map { String(Substring($0)) } }
        if stem == "_index" {
            guard components.count == 2 else {
                return .success(.ignored([Diagnostic(
                    "only a first-level folder's _index.md describes a section (content/<section>/_index.md); this one is not used",
                    at: SourceLocation(path: source.displayPath), severity: .warning)]))
            }
            let folder = String(components[0])
            guard FrontMatter.split(text) != nil else {
                return SectionIndex.read(yaml: nil, source: source, folder: folder).map(ContentFile.sectionIndex)
            }
            return frontMatter(text: text, source: source).flatMap { parsed in
                SectionIndex.read(yaml: parsed.0, source: parsed.2, folder: folder).map(ContentFile.sectionIndex)
            }
        }
        return frontMatter(text: text, source: source).flatMap { parsed -> Result<ContentFile, Diagnostics> in
            let (yaml, parts, source) = parsed
            var type: String?
            for (key, node, _) in yaml.entries where key == "type" {
                guard let value = node.text?.trimmed().lowercased(), value == "page" || value == "bulletin" else {
                    return .failure(Diagnostics([Diagnostic("'type' is page or bulletin", at: yaml.location(of: node))]))
                }
                type = value
            }
            let why: String
            switch type {
            case "bulletin":
                return Bulletin.read(yaml: yaml, body: parts.body, source: source, reading: reading).map(ContentFile.bulletin)
            case "page": why = "it has 'type: page'"
            default:
                if components.count > 1, components[0] == "pages" {
                    why = "it is in content/pages/"
                } else if !yaml.entries.contains(where: { newsKeys.contains($0.key) }) && !hasDate(stem ?? "") {
                    why = "it has no date"
                } else {
                    return Bulletin.read(yaml: yaml, body: parts.body, source: source, reading: reading).map(ContentFile.bulletin)
                }
            }
            return StandingPage.read(yaml: yaml, body: parts.body, source: source, reading: reading, why: why).map(ContentFile.page)
        }
    }

    /// The front matter of a file, parsed, and the file's source with where its body starts.
    static func frontMatter(text: String, source: SourceFile) -> Result<(YAMLMapping, FrontMatter, SourceFile), Diagnostics> {
        let path = source.displayPath
        guard let parts = FrontMatter.split(text) else {
            return .failure(Diagnostics([Diagnostic("a bulletin starts with front matter: a '---' line, `title:` and `date:`, then '---' (or TOML between '+++' lines, or a JSON object)", at: SourceLocation(path: path))]))
        }
        var source = source
        source.bodyOffset = parts.bodyOffset
        source.bodyLine = parts.bodyLine
        return parts.mapping(path: path).map { ($0, parts, source) }
    }

    /// Whether a file name holds a date, `YYYY-MM-DD` (Jekyll's `2026-11-20-title.md`).
    static func hasDate(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 10 else { return false }
        func digits(_ range: Range<Int>, at start: Int) -> Bool {
            range.allSatisfy { bytes[start + $0] >= UInt8(ascii: "0") && bytes[start + $0] <= UInt8(ascii: "9") }
        }
        for start in 0...(bytes.count - 10)
        where digits(0..<4, at: start) && bytes[start + 4] == UInt8(ascii: "-") && digits(5..<7, at: start)
            && bytes[start + 7] == UInt8(ascii: "-") && digits(8..<10, at: start) {
            return true
        }
        return false
    }
}
