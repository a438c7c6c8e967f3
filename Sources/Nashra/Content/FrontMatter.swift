import Foundation
import Yams
import NashraCore

/// The block at the top of a content file and the Markdown after it. Three notations, as Hugo
/// reads them: YAML between `---` lines, TOML between `+++` lines, or a JSON object that starts
/// on the first line with `{`. Each is read into the same `YAMLMapping` (values as Yams nodes with
/// their line and column), so every key is checked by the same code whatever the notation.
struct FrontMatter {
    enum Format: String, Sendable {
        case yaml = "YAML", toml = "TOML", json = "JSON"
    }

    var format: Format
    /// The block's text, without its delimiters (a JSON block keeps its braces).
    var block: Substring
    var body: Substring
    /// UTF-8 offset of the body in the file text, and its first line number.
    var bodyOffset: Int
    var bodyLine: Int
    /// Lines of the file before the block's first line (1 for `---` and `+++`, 0 for JSON).
    var lineOffset: Int

    /// The YAML block, for readers that only look at files Nashra itself wrote (`nashra import`).
    var yaml: Substring { format == .yaml ? block : "" }

    /// Splits a file's text. Returns nil when the file does not start with a `---` or `+++` line
    /// or a `{`, or when the block is never closed (by `---` or `...`, by `+++`, by the `}` that
    /// matches the first).
    static func split(_ text: String) -> FrontMatter? {
        let utf8 = text.utf8
        if utf8.first == UInt8(ascii: "{") { return splitJSON(text) }
        let format: Format
        if utf8.starts(with: "---".utf8) { format = .yaml } else if utf8.starts(with: "+++".utf8) { format = .toml } else { return nil }
        let closers = format == .yaml ? ["---", "..."] : ["+++"]
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") || utf8[index] == UInt8(ascii: "\r") { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") else { return nil }
        let blockStart = utf8.index(after: index)
        var lineStart = blockStart
        var line = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var content = utf8[lineStart..<lineEnd]
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") { content = content.dropLast() }
            if closers.contains(where: { content.elementsEqual($0.utf8) }) {
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return FrontMatter(format: format, block: text[blockStart..<lineStart], body: text[bodyStart...],
                                   bodyOffset: utf8.distance(from: utf8.startIndex, to: bodyStart), bodyLine: line + 1, lineOffset: 1)
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            line += 1
        }
        return nil
    }

    /// A JSON object from the first byte to the `}` that closes it (braces inside strings do not
    /// count); the body starts on the line after it.
    private static func splitJSON(_ text: String) -> FrontMatter? {
        let utf8 = text.utf8
        var depth = 0
        var inString = false
        var escaped = false
        var line = 1
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    let blockEnd = utf8.index(after: index)
                    // The rest of the closing line (spaces) belongs to the block, not the body.
                    var bodyStart = blockEnd
                    while bodyStart < utf8.endIndex, utf8[bodyStart] == UInt8(ascii: " ") || utf8[bodyStart] == UInt8(ascii: "\r") { bodyStart = utf8.index(after: bodyStart) }
                    var bodyLine = line
                    if bodyStart < utf8.endIndex, utf8[bodyStart] == UInt8(ascii: "\n") {
                        bodyStart = utf8.index(after: bodyStart)
                        bodyLine += 1
                    } else if bodyStart < utf8.endIndex {
                        bodyStart = blockEnd
                    }
                    return FrontMatter(format: .json, block: text[..<blockEnd], body: text[bodyStart...],
                                       bodyOffset: utf8.distance(from: utf8.startIndex, to: bodyStart), bodyLine: bodyLine, lineOffset: 0)
                }
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    /// The one reader of front matter, for bulletins and for every other content file: the block
    /// read into a mapping with positions (duplicate keys refused in every notation), or every
    /// problem found, at its line and column in the file.
    func mapping(path: String) -> Result<YAMLMapping, Diagnostics> {
        switch format {
        case .yaml:
            return YAMLMapping.parse(String(block), path: path, lineOffset: lineOffset, what: "front matter")
        case .toml:
            return TOMLMapping.parse(String(block), path: path, lineOffset: lineOffset)
        case .json:
            return JSONMapping.parse(String(block), path: path, lineOffset: lineOffset)
        }
    }
}

/// What a bulletin needs from the site to be read: its language, time zone and Markdown settings.
struct BulletinReading: Sendable {
    var siteLanguage: String
    var timeZone: TimeZone
    /// The editions' codes other than the default's (`languages:`): a file under `content/<code>/`
    /// is in that language unless it says otherwise. Empty on a single-language site.
    var editionFolders: Set<String> = []
    /// True while reading a file of such a folder (set per file by the loader).
    var inEditionFolder = false

    /// The reading of one file: under `content/<code>/`, that edition's language is the default.
    func reading(relativePath: String) -> BulletinReading {
        guard !editionFolders.isEmpty, let slash = relativePath.firstIndex(of: "/"),
              editionFolders.contains(String(relativePath[..<slash])) else { return self }
        var reading = self
        reading.siteLanguage = String(relativePath[..<slash])
        reading.inEditionFolder = true
        return reading
    }
}

extension Bulletin {
    static let knownKeys: Set<String> = ["title", "date", "location", "agency", "author", "tags", "summary", "slug",
                                         "draft", "lang", "dir", "updated", "urgent", "image", "expires", "corrections", "source", "sourceID",
                                         "section", "type", "translationKey",
                                         // Hugo's and Jekyll's, read as Nashra's (see `parse`).
                                         "publishDate", "lastmod", "expiryDate", "description", "published", "weight",
                                         "images", "featured_image", "authors", "categories", "url", "aliases",
                                         // Jekyll's names for `url` and `aliases` (jekyll-redirect-from).
                                         "permalink", "redirect_from"]

    /// Reads a bulletin from a file's text, reporting every problem of its front matter. (The
    /// loader reads files through `ContentFile.parse`, which also knows pages and sections.)
    static func parse(text: String, source: SourceFile, reading: BulletinReading) -> Result<Bulletin, Diagnostics> {
        ContentFile.frontMatter(text: text, source: source).flatMap { parsed in
            read(yaml: parsed.0, body: parsed.1.body, source: parsed.2, reading: reading)
        }
    }

    /// A bulletin from its front matter, already split and parsed.
    static func read(yaml: YAMLMapping, body: Substring, source: SourceFile, reading: BulletinReading) -> Result<Bulletin, Diagnostics> {
        let path = source.displayPath
        var problems = yaml.problems
        var title: String?
        var date: BulletinDate?
        var bulletin = Bulletin(source: source)
        bulletin.inEditionFolder = reading.inEditionFolder
        var language: String?
        var explicitDirection: TextDirection?
        // Hugo's and Jekyll's names for Nashra's keys: used when Nashra's own key is not given.
        var publishDate: BulletinDate?
        var lastmod: BulletinDate?
        var expiryDate: BulletinDate?
        var description: String?
        var published: Bool?
        // Hugo's and Jekyll's image keys carry no alt text (`nashra check` and the build warn only of `image:`).
        var images: BulletinImage?
        var featuredImage: BulletinImage?
        var authors: [String] = []
        func take<T>(_ result: Result<T, Diagnostic>, _ assign: (T) -> Void) {
            switch result {
            case .success(let value): assign(value)
            case .failure(let problem): problems.append(problem)
            }
        }
        func parseDate(_ node: Node, key: String) -> BulletinDate? {
            guard case .scalar(let scalar) = node, let parsed = BulletinDate.parse(scalar.string, in: reading.timeZone) else {
                problems.append(Diagnostic("'\(key)' is not a date: \(BulletinDate.expectedForms)", at: yaml.location(of: node)))
                return nil
            }
            return parsed
        }
        /// True when `key` is the second of `pair` in the file (both were given).
        func givenTwice(_ pair: [String], both key: String) -> Bool {
            yaml.entries.filter { pair.contains($0.key) }.count > 1 && yaml.entries.first { pair.contains($0.key) }?.key != key
        }
        func optionalText(_ node: Node, key: String) -> String? {
            var value: String?
            take(yaml.text(node, key: key)) { value = $0.trimmed() }
            return value?.isEmpty == false ? value : nil
        }

        for (key, node, _) in yaml.entries {
            switch key {
            case "title":
                take(yaml.text(node, key: key)) { value in
                    let trimmed = value.trimmed()
                    if trimmed.isEmpty { problems.append(Diagnostic("'title' is empty", at: yaml.location(of: node))) }
                    title = trimmed
                }
            case "date": date = parseDate(node, key: key)
            case "updated": bulletin.updated = parseDate(node, key: key)
            case "location": bulletin.location = optionalText(node, key: key)
            case "agency": bulletin.agency = optionalText(node, key: key)
            case "author": bulletin.author = optionalText(node, key: key)
            case "summary": bulletin.summary = optionalText(node, key: key) ?? ""
            case "image":
                var warnings: [Diagnostic] = []
                bulletin.image = parseImage(node, yaml: yaml, problems: &problems, warnings: &warnings)
                bulletin.warnings += warnings
            case "expires": bulletin.expires = parseDate(node, key: key)
            case "corrections":
                // A list of notes, each plain text or `{date: …, text: …}`.
                guard case .sequence(let items) = node else {
                    problems.append(Diagnostic("'corrections' must be a list of notes", at: yaml.location(of: node)))
                    break
                }
                for item in items {
                    if case .scalar = item, let text = item.text, !text.isEmpty {
                        bulletin.corrections.append(Correction(date: nil, text: text))
                    } else if case .mapping = item, let text = item["text"]?.text, !text.isEmpty {
                        let date = item["date"].flatMap { parseDate($0, key: "corrections.date") }
                        bulletin.corrections.append(Correction(date: date, text: text))
                    } else {
                        problems.append(Diagnostic("each correction is a text, or a mapping with 'text' (and 'date')", at: yaml.location(of: item)))
                    }
                }
            case "tags": take(yaml.textList(node, key: key)) { bulletin.tags = $0 }
            // The section the bulletin belongs to, whatever its folder (see `SitePlanner`).
            case "section": bulletin.sectionName = optionalText(node, key: key)
            case "translationKey":
                if let value = optionalText(node, key: key)?.trimmed(), !value.isEmpty {
                    bulletin.translationKey = value
                    let at = yaml.location(of: node)
                    bulletin.translationKeyPosition = TextPosition(line: at.line, column: at.column)
                }
            // `type: bulletin` keeps a file under pages/ (or a dateless one) a bulletin; the loader
            // read it before this (see `ContentFile`).
            case "type": break
            // Written by `nashra import` (text hash and file name) to know what it already imported;
            // kept for templates like any param, but it must be text.
            case "source": take(yaml.text(node, key: key)) { bulletin.params[key] = .text($0) }
            // Also `nashra import`'s: the story's identity at its sender, its version and a hash of
            // the text written, so a newer version can replace an untouched bulletin.
            case "sourceID": take(yaml.text(node, key: key)) { bulletin.params[key] = .text($0) }
            case "draft": take(yaml.flag(node, key: key)) { bulletin.isDraft = $0 }
            case "urgent": take(yaml.flag(node, key: key)) { bulletin.isUrgent = $0 }
            case "slug":
                if let value = optionalText(node, key: key) {
                    let slug = Slug.make(value)
                    if slug.isEmpty {
                        problems.append(Diagnostic("'slug' has no letters or digits to make a URL from", at: yaml.location(of: node)))
                    } else {
                        bulletin.slug = slug
                        let at = yaml.location(of: node)
                        bulletin.slugPosition = TextPosition(line: at.line, column: at.column)
                    }
                }
            case "lang":
                if let value = optionalText(node, key: key) {
                    if value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                        language = value
                    } else {
                        problems.append(Diagnostic("'lang' must be a language code such as ar, en or fa", at: yaml.location(of: node)))
                    }
                }
            case "dir":
                if let value = optionalText(node, key: key) {
                    switch value.lowercased() {
                    case "rtl": explicitDirection = .rtl
                    case "ltr": explicitDirection = .ltr
                    case "auto": explicitDirection = nil
                    default: problems.append(Diagnostic("'dir' must be rtl, ltr or auto", at: yaml.location(of: node)))
                    }
                }
            case "publishDate": publishDate = parseDate(node, key: key)
            case "lastmod": lastmod = parseDate(node, key: key)
            case "expiryDate": expiryDate = parseDate(node, key: key)
            case "description": description = optionalText(node, key: key)
            // Jekyll's `published: false` is a draft.
            // (Hugo reads a date there, as `publishDate`.)
            case "published":
                if case .success(let flag) = yaml.flag(node, key: key) { published = flag } else { publishDate = parseDate(node, key: key) }
            case "weight": take(yaml.integer(node, key: key, minimum: Int.min)) { bulletin.weight = $0 }
            case "images":
                // Hugo's list of images: the first is the bulletin's.
                take(yaml.textList(node, key: key)) { list in
                    guard let first = list.first else { return }
                    switch URLPolicy.check(first, as: .image) {
                    case .success(let url):
                        let at = yaml.location(of: node)
                        images = BulletinImage(src: url, position: TextPosition(line: at.line, column: at.column))
                    case .failure(let refusal): problems.append(Diagnostic("'images' \(refusal.message)", at: yaml.location(of: node)))
                    }
                }
            case "featured_image":
                take(yaml.url(node, key: key, as: .image)) {
                    let at = yaml.location(of: node)
                    featuredImage = $0.isEmpty ? nil : BulletinImage(src: $0, position: TextPosition(line: at.line, column: at.column))
                }
            case "authors": take(yaml.textList(node, key: key)) { authors = $0 }
            case "categories": take(yaml.textList(node, key: key)) { bulletin.categories = $0 }
            case "url", "permalink":
                if let value = optionalText(node, key: key) {
                    if givenTwice(["url", "permalink"], both: key) {
                        problems.append(Diagnostic("give the page's URL once, as 'url' or 'permalink'", at: yaml.location(of: node)))
                        break
                    }
                    if value.contains(":"), !value.contains("://") {
                        problems.append(Diagnostic("'\(key)' is a pattern; give the page's exact path, such as /2015/08/24/deep-wound/", at: yaml.location(of: node)))
                        break
                    }
                    switch Self.sitePath(value) {
                    case .success(let path):
                        bulletin.url = path
                        let at = yaml.location(of: node)
                        bulletin.urlPosition = TextPosition(line: at.line, column: at.column)
                    case .failure(let refusal): problems.append(Diagnostic("'\(key)' \(refusal.message)", at: yaml.location(of: node)))
                    }
                }
            case "aliases", "redirect_from":
                let items: [Node]
                if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
                for item in items {
                    guard case .success(let value) = yaml.text(item, key: key) else {
                        problems.append(Diagnostic("each item of 'aliases' must be a path such as /2016/01/old-name/", at: yaml.location(of: item)))
                        continue
                    }
                    let at = yaml.location(of: item)
                    if value.trimmed().isEmpty { continue }
                    switch Self.sitePath(value) {
                    case .success(let path):
                        bulletin.aliases.append(path)
                        bulletin.aliasPositions.append(TextPosition(line: at.line, column: at.column))
                    case .failure(let refusal): problems.append(Diagnostic("alias \(refusal.message)", at: at))
                    }
                }
            default:
                bulletin.params[key] = ParamValue(node)
            }
        }
        let given = Set(yaml.entries.map(\.key))
        if date == nil, !given.contains("date") { date = publishDate }
        if !given.contains("updated") { bulletin.updated = lastmod }
        if !given.contains("expires") { bulletin.expires = expiryDate }
        if !given.contains("summary"), let description { bulletin.summary = description }
        if !given.contains("draft"), let published { bulletin.isDraft = !published }
        if !given.contains("image") { bulletin.image = images ?? featuredImage }
        if !given.contains("author"), !authors.isEmpty { bulletin.author = authors.joined(separator: "، ") }
        // Jekyll's `_posts/2015-08-24-deep-wound.md`: the date when front matter has none.
        let stem = Self.fileStem(of: source.relativePath)
        let datedName = Self.datedFileName(stem)
        if date == nil, !given.contains("date"), !given.contains("publishDate"), let datedName {
            date = BulletinDate.parse(datedName.date, in: reading.timeZone)
        }
        if title == nil && !given.contains("title") {
            problems.append(Diagnostic("missing 'title': every bulletin needs a headline", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if date == nil && !given.contains("date") && !given.contains("publishDate") {
            problems.append(Diagnostic("missing 'date': give when the bulletin was filed, e.g. date: 2026-11-20 09:30 (or start the file name with it: 2026-11-20-name.md)", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if bulletin.slug.isEmpty {
            bulletin.slug = Slug.make(datedName?.rest ?? stem)
            if bulletin.slug.isEmpty { bulletin.slug = Slug.make(title ?? "") }
            if bulletin.slug.isEmpty {
                problems.append(Diagnostic("cannot make a URL from the file name or title; add a 'slug:'", at: SourceLocation(path: path)))
            }
        }
        guard problems.isEmpty, let title, let date else { return .failure(Diagnostics(problems)) }
        bulletin.title = title
        bulletin.date = date
        bulletin.hasWrittenSummary = !bulletin.summary.isEmpty
        // Shortcodes and Liquid: reported now, from the file as read, and expanded when the page is
        // rendered (a `ref` needs the site's other pages).
        var markdown = String(body)
        if Shortcodes.mayApply(to: body.utf8) {
            let expansion = Shortcodes.expand(markdown, firstLine: source.bodyLine)
            markdown = expansion.markdown
            bulletin.references = expansion.references
            bulletin.warnings += expansion.warnings.map {
                Diagnostic($0.message, at: $0.position.location(in: path), severity: .warning)
            }
        }
        // Links to other bulletins' files (`[…](other.md)`): they become those bulletins' URLs when
        // the page is rendered, and the page's fingerprint follows where they lead.
        if Markdown.mayLinkToFiles(body.utf8) {
            bulletin.references += Markdown.fileLinks(in: body.utf8).map { link in
                Reference(target: link.path, position: TextPosition(line: source.bodyLine + link.position.line - 1, column: link.position.column))
            }
        }
        if bulletin.summary.isEmpty {
            bulletin.summary = Shortcodes.removingPlaceholders(Markdown.firstParagraphText(markdown)).removingControlCharacters()
        }
        // Direction: `dir:` wins, then the language's, then the headline's first strong letter.
        let siteDirection = TextDirection(language: reading.siteLanguage)
        if let language {
            bulletin.language = language
            bulletin.direction = explicitDirection ?? TextDirection(language: language)
        } else {
            let direction = explicitDirection ?? TextDirection.firstStrong(in: title) ?? siteDirection
            bulletin.direction = direction
            // An unlabelled bulletin in the other direction is not in the site's language, and we
            // cannot tell which language it is: BCP 47 `und` says exactly that.
            bulletin.language = direction == siteDirection ? reading.siteLanguage : "und"
        }
        return .success(bulletin)
    }

    /// `2015-08-24-deep-wound` → (`2015-08-24`, `deep-wound`): Jekyll's dated post names. Nil
    /// when the name does not start with a valid date, a hyphen and more.
    static func datedFileName(_ stem: String) -> (date: String, rest: String)? {
        let bytes = Array(stem.utf8)
        guard bytes.count > 11, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "-"),
              bytes[0..<10].enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }) else { return nil }
        let date = String(decoding: bytes[0..<10], as: UTF8.self)
        guard BulletinDate.parse(date, in: TimeZone(identifier: "UTC")!) != nil else { return nil }
        return (date, String(decoding: bytes[11...], as: UTF8.self))
    }

    /// A path within the site from `url:` or `aliases:` (`/2016/01/old-name/`, `old.html`):
    /// percent-decoded, NFC, starting with `/`; a last part without an extension is a folder
    /// (`/about` → `/about/`). Refused: addresses of other sites, queries and fragments, `.`,
    /// `..` and empty parts.
    static func sitePath(_ text: String) -> Result<String, URLPolicy.Refusal> {
        let trimmed = text.trimmed()
        if trimmed.contains("://") || trimmed.hasPrefix("//") {
            return .failure(URLPolicy.Refusal(message: "must be a path within the site such as /2016/01/old-name/, not an address of another site"))
        }
        if trimmed.contains("?") || trimmed.contains("#") {
            return .failure(URLPolicy.Refusal(message: "must be a path without a query or fragment ('?', '#')"))
        }
        let decoded = (trimmed.removingPercentEncoding ?? trimmed).nfc
        if decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || decoded.contains("\\") {
            return .failure(URLPolicy.Refusal(message: "must not hold control characters or backslashes"))
        }
        var parts = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        let folder = parts.last == ""
        if folder { parts.removeLast() }
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return .failure(URLPolicy.Refusal(message: "must not have empty, '.' or '..' parts"))
        }
        guard let last = parts.last else { return .success("/") }
        let isFile = !folder && last.contains(".")
        return .success("/" + parts.joined(separator: "/") + (isFile ? "" : "/"))
    }

    /// `image:` as a path or web address, or as `{src, alt, caption, credit}`. A photo without
    /// `alt` is published, with a warning: the newsroom should describe it.
    static func parseImage(_ node: Node, yaml: YAMLMapping, problems: inout [Diagnostic], warnings: inout [Diagnostic]) -> BulletinImage? {
        var image: BulletinImage?
        func at(_ node: Node) -> TextPosition {
            let location = yaml.location(of: node)
            return TextPosition(line: location.line, column: location.column)
        }
        switch node {
        case .mapping(let mapping):
            let fields = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
            problems += fields.problems
            var alt: String?, caption: String?, credit: String?
            var found: BulletinImage?
            for (key, value, keyLocation) in fields.entries {
                func text() -> String? {
                    switch fields.text(value, key: "image.\(key)") {
                    case .success(let text): let trimmed = text.trimmed(); return trimmed.isEmpty ? nil : trimmed
                    case .failure(let problem): problems.append(problem); return nil
                    }
                }
                switch key {
                case "src":
                    switch fields.url(value, key: "image.src", as: .image) {
                    case .success(let src) where !src.isEmpty: found = BulletinImage(src: src, position: at(value))
                    case .success: problems.append(Diagnostic("'image.src' is empty: give the photo's path or address", at: fields.location(of: value)))
                    case .failure(let problem): problems.append(problem)
                    }
                case "alt": alt = text()
                case "caption": caption = text()
                case "credit": credit = text()
                default: problems.append(Diagnostic("unknown key 'image.\(key)'; known keys: src, alt, caption, credit", at: keyLocation))
                }
            }
            if found == nil, !fields.entries.contains(where: { $0.key == "src" }) {
                problems.append(Diagnostic("'image' needs 'src': the photo's path or address", at: yaml.location(of: node)))
            }
            found?.alt = alt
            found?.caption = caption
            found?.credit = credit
            image = found
        default:
            switch yaml.url(node, key: "image", as: .image) {
            case .success(let src) where !src.isEmpty: image = BulletinImage(src: src, position: at(node))
            case .success: break
            case .failure(let problem): problems.append(problem)
            }
        }
        if let image, image.alt == nil {
            warnings.append(Diagnostic("the photo has no 'alt' text: describe what it shows for readers who cannot see it "
                                       + "(image: {src: \(image.src), alt: …})", at: SourceLocation(path: yaml.path, line: image.position.line, column: image.position.column),
                                       severity: .warning))
        }
        return image
    }

    /// `bulletins/2026/أمطار-حلب.md` → `أمطار-حلب`; `x/index.md` → `x` (a page bundle). The
    /// loader also reads `.markdown` files, so that extension is dropped too.
    static func fileStem(of relativePath: String) -> String {
        // On UTF-8 bytes: `/` and the extensions are ASCII, and splitting a String by Characters
        // walks grapheme clusters through every Arabic file name.
        let components = relativePath.utf8.split(separator: UInt8(ascii: "/"))
        guard let last = components.last else { return "" }
        let name = String(Substring(ContentLoader.markdownStem(last) ?? last))
        if name == "index" || name == "_index", components.count > 1 { return String(Substring(components[components.count - 2])) }
        return name
    }
}
