import Yams
import NashraCore

/// A page that is not news: "about us", contact, a corrections policy. It has a title but no
/// date, lives at `/<slug>/`, and is never listed on the home page, in term lists, archives or
/// feeds (only in the sitemap, and in a menu if it asks to be).
///
/// A file is a standing page when it is under `content/pages/`, has `type: page`, or has neither
/// a `date:` nor a date in its file name nor any key only news has (see `ContentFile`).
public struct StandingPage: Sendable {
    public var source: SourceFile
    public var title: String
    public var slug: String
    /// Where `slug:` was written; nil when the slug came from the file name or title.
    var slugPosition: TextPosition?
    /// Plain text for `<meta name="description">`: `description:`, else the first paragraph.
    public var description: String
    public var language: String
    public var direction: TextDirection
    public var menu: MenuPlacement?
    public var isDraft = false
    /// An exact URL path (`/about-us/`) that replaces `/<slug>/`, when the content gives one.
    public var explicitPath: String?
    public var warnings: [Diagnostic] = []
    /// `translationKey:`: the versions of one page in the site's editions share it.
    public var translationKey: String?
    /// True for a file under an edition's folder (`content/en/pages/about.md`).
    public var inEditionFolder = false

    static let knownKeys: Set<String> = ["title", "slug", "description", "menu", "type", "lang", "dir", "draft", "url", "translationKey"]

    /// The path that links versions of one page when no `translationKey:` does: below the edition's folder.
    public var editionPath: String {
        guard inEditionFolder, let slash = source.relativePath.firstIndex(of: "/") else { return source.relativePath }
        return String(source.relativePath[source.relativePath.index(after: slash)...])
    }

    /// Reads a page's front matter (already split and parsed). `why` says what made the file a
    /// page, for the message about a `date:` it must not have.
    static func read(yaml: YAMLMapping, body: Substring, source: SourceFile, reading: BulletinReading,
                     why: String) -> Result<StandingPage, Diagnostics> {
        let path = source.displayPath
        var problems = yaml.problems
        var warnings: [Diagnostic] = []
        var title: String?
        var slug = ""
        var slugPosition: TextPosition?
        var description = ""
        var language: String?
        var explicitDirection: TextDirection?
        var menu: MenuPlacement?
        var isDraft = false
        var explicitPath: String?
        var translationKey: String?
        func take<T>(_ result: Result<T, Diagnostic>, _ assign: (T) -> Void) {
            switch result {
            case .success(let value): assign(value)
            case .failure(let problem): problems.append(problem)
            }
        }
        for (key, node, keyLocation) in yaml.entries {
            switch key {
            case "title":
                take(yaml.text(node, key: key)) { value in
                    let trimmed = value.trimmed()
                    if trimmed.isEmpty { problems.append(Diagnostic("'title' is empty", at: yaml.location(of: node))) }
                    title = trimmed
                }
            case "slug":
                take(yaml.text(node, key: key)) { value in
                    let made = Slug.make(value.trimmed())
                    if made.isEmpty {
                        problems.append(Diagnostic("'slug' has no letters or digits to make a URL from", at: yaml.location(of: node)))
                    } else {
                        slug = made
                        let at = yaml.location(of: node)
                        slugPosition = TextPosition(line: at.line, column: at.column)
                    }
                }
            case "description": take(yaml.text(node, key: key)) { description = $0.trimmed() }
            // The page's exact path (an old site's `/about-us.html`), checked as a bulletin's `url:`;
            // a clash with another page is reported here.
            case "url":
                take(yaml.text(node, key: key)) { value in
                    guard !value.trimmed().isEmpty else { return }
                    switch Bulletin.sitePath(value) {
                    case .success(let path):
                        explicitPath = path
                        let at = yaml.location(of: node)
                        slugPosition = TextPosition(line: at.line, column: at.column)
                    case .failure(let refusal): problems.append(Diagnostic("'url' \(refusal.message)", at: yaml.location(of: node)))
                    }
                }
            case "menu": take(MenuPlacement.parse(node, yaml: yaml)) { menu = $0 }
            case "type": break
            case "translationKey": take(yaml.text(node, key: key)) { translationKey = $0.trimmed().isEmpty ? nil : $0.trimmed() }
            case "draft": take(yaml.flag(node, key: key)) { isDraft = $0 }
            case "lang":
                take(yaml.text(node, key: key)) { value in
                    let value = value.trimmed()
                    if !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                        language = value
                    } else {
                        problems.append(Diagnostic("'lang' must be a language code such as ar, en or fa", at: yaml.location(of: node)))
                    }
                }
            case "dir":
                take(yaml.text(node, key: key)) { value in
                    switch value.trimmed().lowercased() {
                    case "rtl": explicitDirection = .rtl
                    case "ltr": explicitDirection = .ltr
                    case "auto", "": explicitDirection = nil
                    default: problems.append(Diagnostic("'dir' must be rtl, ltr or auto", at: yaml.location(of: node)))
                    }
                }
            case "date":
                problems.append(Diagnostic("a page has no date (\(why)); remove 'date:', or write 'type: bulletin' to publish the file as news",
                                           at: keyLocation))
            default:
                warnings.append(Diagnostic("'\(key)' is not used on a page and is ignored; a page takes \(knownKeys.sorted().joined(separator: ", "))",
                                           at: keyLocation, severity: .warning))
            }
        }
        if title == nil && !yaml.entries.contains(where: { $0.key == "title" }) {
            problems.append(Diagnostic("missing 'title': every page needs one (\(why))", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if slug.isEmpty {
            slug = Slug.make(Bulletin.fileStem(of: source.relativePath))
            if slug.isEmpty { slug = Slug.make(title ?? "") }
            if slug.isEmpty {
                problems.append(Diagnostic("cannot make a URL from the file name or title; add a 'slug:'", at: SourceLocation(path: path)))
            }
        }
        guard problems.isEmpty, let title else { return .failure(Diagnostics(problems)) }
        if description.isEmpty {
            description = Markdown.firstParagraphText(String(body)).removingControlCharacters()
        }
        let siteDirection = TextDirection(language: reading.siteLanguage)
        let direction: TextDirection
        let resolvedLanguage: String
        if let language {
            resolvedLanguage = language
            direction = explicitDirection ?? TextDirection(language: language)
        } else {
            direction = explicitDirection ?? TextDirection.firstStrong(in: title) ?? siteDirection
            resolvedLanguage = direction == siteDirection ? reading.siteLanguage : "und"
        }
        return .success(StandingPage(source: source, title: title, slug: slug, slugPosition: slugPosition, description: description,
                                     language: resolvedLanguage, direction: direction, menu: menu, isDraft: isDraft,
                                     explicitPath: explicitPath, warnings: warnings, translationKey: translationKey,
                                     inEditionFolder: reading.inEditionFolder))
    }
}
