import Foundation
import Yams
import NashraCore

/// The YAML block at the top of a bulletin, between `---` lines, and the Markdown after it.
struct FrontMatter {
    var yaml: Substring
    var body: Substring
    /// UTF-8 offset of the body in the file text, and its first line number.
    var bodyOffset: Int
    var bodyLine: Int

    /// Splits a file's text. Returns nil when the file does not start with a `---` line or the
    /// block is never closed (by `---` or `...`).
    static func split(_ text: String) -> FrontMatter? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---".utf8) else { return nil }
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") || utf8[index] == UInt8(ascii: "\r") { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") else { return nil }
        let yamlStart = utf8.index(after: index)
        var lineStart = yamlStart
        var line = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var content = utf8[lineStart..<lineEnd]
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") { content = content.dropLast() }
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return FrontMatter(yaml: text[yamlStart..<lineStart], body: text[bodyStart...],
                                   bodyOffset: utf8.distance(from: utf8.startIndex, to: bodyStart), bodyLine: line + 1)
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            line += 1
        }
        return nil
    }
}

/// What a bulletin needs from the site to be read: its language, time zone and Markdown settings.
struct BulletinReading: Sendable {
    var siteLanguage: String
    var timeZone: TimeZone
}

extension Bulletin {
    static let knownKeys: Set<String> = ["title", "date", "location", "agency", "author", "tags", "summary", "slug",
                                         "draft", "lang", "dir", "updated", "urgent", "image", "expires", "corrections", "source", "sourceID"]

    /// Reads a bulletin from a file's text, reporting every problem of its front matter.
    static func parse(text: String, source: SourceFile, reading: BulletinReading) -> Result<Bulletin, Diagnostics> {
        let path = source.displayPath
        guard let parts = FrontMatter.split(text) else {
            return .failure(Diagnostics([Diagnostic("a bulletin starts with front matter: a '---' line, `title:` and `date:`, then '---'", at: SourceLocation(path: path))]))
        }
        let yaml: YAMLMapping
        switch YAMLMapping.parse(String(parts.yaml), path: path, lineOffset: 1, what: "front matter") {
        case .success(let mapping): yaml = mapping
        case .failure(let problems): return .failure(problems)
        }
        var source = source
        source.bodyOffset = parts.bodyOffset
        source.bodyLine = parts.bodyLine

        var problems = yaml.problems
        var title: String?
        var date: BulletinDate?
        var bulletin = Bulletin(source: source)
        var language: String?
        var explicitDirection: TextDirection?
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
            default:
                bulletin.params[key] = ParamValue(node)
            }
        }
        if title == nil && !yaml.entries.contains(where: { $0.key == "title" }) {
            problems.append(Diagnostic("missing 'title': every bulletin needs a headline", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if date == nil && !yaml.entries.contains(where: { $0.key == "date" }) {
            problems.append(Diagnostic("missing 'date': give when the bulletin was filed, e.g. date: 2026-11-20 09:30", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if bulletin.slug.isEmpty {
            bulletin.slug = Slug.make(Self.fileStem(of: source.relativePath))
            if bulletin.slug.isEmpty { bulletin.slug = Slug.make(title ?? "") }
            if bulletin.slug.isEmpty {
                problems.append(Diagnostic("cannot make a URL from the file name or title; add a 'slug:'", at: SourceLocation(path: path)))
            }
        }
        guard problems.isEmpty, let title, let date else { return .failure(Diagnostics(problems)) }
        bulletin.title = title
        bulletin.date = date
        bulletin.hasWrittenSummary = !bulletin.summary.isEmpty
        if bulletin.summary.isEmpty {
            bulletin.summary = Markdown.firstParagraphText(String(parts.body)).removingControlCharacters()
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
