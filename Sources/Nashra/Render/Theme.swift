import Foundation
import Mustache
import NashraCore

/// A theme ready to render: compiled templates, the theme's fixed strings (`t.*`), and the static
/// files to copy. Templates are parsed and checked once per build, or, for a theme whose every
/// byte this program has checked before, only compiled (`CheckedThemes`).
public struct Theme: Sendable {
    /// A file copied as is into the site (stylesheets, fonts, images).
    public struct StaticFile: Sendable {
        public enum Contents: Sendable {
            case file(path: String)
            case bytes(Data)
        }

        public var outputPath: String
        public var contents: Contents
    }

    /// swift-mustache's parse of the templates: it checks their syntax and renders the themes
    /// the compiled renderer does not cover (transforms, dynamic partials). Made at load, or for
    /// a theme this program checked before (`CheckedThemes`), only if something asks for it.
    private let parsed: MadeOnFirstUse<MustacheLibrary>
    var library: MustacheLibrary { parsed.value }
    /// The same templates compiled for `TemplateLibrary`, or nil when one of them uses what it
    /// does not cover.
    let compiled: TemplateLibrary?
    public let strings: [String: String]
    /// The same strings in other languages (`languages:` in theme.yaml), by primary language subtag:
    /// the words a bulletin in that language shows in its own parts (its byline, update line, badge).
    public let translations: [String: [String: String]]
    public let staticFiles: [StaticFile]
    /// A hash of every template and string: pages rendered with another theme are rendered again.
    public let fingerprint: UInt64
    /// The list-entry keys the page templates name inside `{{#bulletins}}`, or nil for all of
    /// them (`TemplateChecker.listEntryKeys`): the only values a build keeps of every bulletin
    /// for its lists.
    let listEntryKeys: Set<String>?

    /// The templates every theme provides, one per kind of page; `base` and partials are optional.
    public static let pageTemplates = ["bulletin", "home", "terms", "term", "archive", "404", "search"]
    /// Templates for standing pages and section front pages: checked when a theme has them, and
    /// needed only by a site that has pages or sections (a theme made before them still works
    /// for a site without them; one with them is told which template is missing).
    public static let laterPageTemplates = ["page", "section"]

    /// A list entry's HTML, rendered once per bulletin and handed to every list as `item`: most of
    /// a build's template work is list entries, and each bulletin appears in several lists.
    static let itemTemplate = "partials/bulletin-item"

    var hasItemTemplate: Bool { compiled.map { $0.templates[Self.itemTemplate] != nil } ?? (library.getTemplate(named: Self.itemTemplate) != nil) }

    /// Whether the templates were only compiled, as a theme this program had already checked.
    let checkedBefore: Bool

    /// The theme as an edition of a multilingual site renders with it: its fixed strings in the
    /// edition's language when theme.yaml translates them (`languages:`), and, for every edition
    /// but the first, without static files (the site has one set, at its root).
    func forEdition(language: String, isDefault: Bool) -> Theme {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? language
        let words = translations[primary].map { strings.merging($0) { _, translated in translated } } ?? strings
        return Theme(parsed: parsed, compiled: compiled, strings: words, translations: translations,
                     staticFiles: isDefault ? staticFiles : [], fingerprint: fingerprint, listEntryKeys: listEntryKeys, checkedBefore: checkedBefore)
    }

    /// This theme rendered by swift-mustache alone (the reference the compiled templates match).
    func withoutCompiledTemplates() -> Theme {
        Theme(parsed: parsed, compiled: nil, strings: strings, translations: translations, staticFiles: staticFiles,
              fingerprint: fingerprint, listEntryKeys: listEntryKeys, checkedBefore: checkedBefore)
    }

    /// This theme without the static files read from `paths` (real paths): a lead photo under
    /// `static/` is published only as the photo desk made it, never with its metadata.
    func withoutStaticFiles(from paths: Set<String>) -> Theme {
        guard !paths.isEmpty else { return self }
        let kept = staticFiles.filter { file in
            guard case .file(let path) = file.contents else { return true }
            return !paths.contains(InputBoundary.realPath(path) ?? path)
        }
        return Theme(parsed: parsed, compiled: compiled, strings: strings, translations: translations, staticFiles: kept,
                     fingerprint: fingerprint, listEntryKeys: listEntryKeys, checkedBefore: checkedBefore)
    }

    func render(_ context: TemplateValue, template: String) -> String? {
        if let compiled { return compiled.render(context, template: template) }
        return library.render(context.anyValue, withTemplate: template)
    }

    /// Loads theme `name`: `<site>/themes/<name>/` if the site has it, else the default theme built
    /// into Nashra. Templates in `<site>/templates/` and files in `<site>/static/` override the
    /// theme's files of the same name.
    /// Templates and theme.yaml larger than `fileSizeLimit` are refused; static files are not
    /// limited (images and fonts may be large), but like every input they must be regular files
    /// inside the site folder.
    public static func load(name: String, site: URL?, sitePrefix: String, fileSizeLimit: FileSize = .defaultLimit) -> Result<Theme, Diagnostics> {
        load(name: name, site: site, sitePrefix: sitePrefix, fileSizeLimit: fileSizeLimit, checked: nil)
    }

    /// `checked`: the themes this program checked before, to compile such a theme without parsing
    /// and checking it again, and to remember this one when it checks whole.
    static func load(name: String, site: URL?, sitePrefix: String, fileSizeLimit: FileSize = .defaultLimit,
                     checked: CheckedThemes?) -> Result<Theme, Diagnostics> {
        var files = ThemeFiles(boundary: site.map { InputBoundary(folder: $0, name: "the site folder") })
        if let site, FileManager.default.fileExists(atPath: site.appendingPathComponent("themes/\(name)").path) {
            files.addFolder(site.appendingPathComponent("themes/\(name)"), display: join(sitePrefix, "themes/\(name)"))
        } else if name == "default" {
            files.addEmbedded()
        } else {
            let at = site.map { _ in SourceLocation(path: join(sitePrefix, "nashra.yaml")) }
            return .failure(Diagnostics([Diagnostic("theme '\(name)' not found: expected a folder themes/\(name)/", at: at)]))
        }
        if let site {
            files.addFolder(site.appendingPathComponent("templates"), display: join(sitePrefix, "templates"), under: "templates/")
            files.addFolder(site.appendingPathComponent("static"), display: join(sitePrefix, "static"), under: "static/")
        }

        var problems = files.problems
        var strings: [String: String] = [:]
        var translations: [String: [String: String]] = [:]
        if let themeYAML = files.entries["theme.yaml"] {
            switch themeYAML.data(limit: fileSizeLimit).mapError({ Diagnostics([$0]) }).flatMap({
                YAMLMapping.parse(String(decoding: $0, as: UTF8.self), path: themeYAML.display, lineOffset: 0, what: "theme.yaml")
            }) {
            case .failure(let failure): problems += failure.diagnostics
            case .success(let yaml):
                problems += yaml.problems
                for (key, node, _) in yaml.entries where key == "strings" {
                    guard let mapping = node.mapping else {
                        problems.append(Diagnostic("'strings' must be a mapping of names to text", at: yaml.location(of: node)))
                        continue
                    }
                    for (stringKey, value) in mapping {
                        strings[stringKey.string ?? ""] = value.text ?? ""
                    }
                }
                for (key, node, _) in yaml.entries where key == "languages" {
                    guard let mapping = node.mapping else {
                        problems.append(Diagnostic("'languages' must map language codes to strings", at: yaml.location(of: node)))
                        continue
                    }
                    for (language, words) in mapping {
                        guard let words = words.mapping else {
                            problems.append(Diagnostic("'languages.\(language.string ?? "")' must be a mapping of names to text",
                                                       at: yaml.location(of: words)))
                            continue
                        }
                        let code = (language.string ?? "").lowercased()
                        for (stringKey, value) in words {
                            let name = stringKey.string ?? ""
                            // A name `strings` lacks would be a misspelling that templates never see.
                            guard strings[name] != nil else {
                                problems.append(Diagnostic("'languages.\(code).\(name)' is not one of the theme's strings",
                                                           at: yaml.location(of: stringKey)))
                                continue
                            }
                            translations[code, default: [:]][name] = value.string ?? ""
                        }
                    }
                }
            }
        }

        var templates: [String: MustacheTemplate] = [:]
        var compiled: [String: [TemplateNode]]? = [:]
        var sources: [String: TemplateChecker.Source] = [:]
        HTMLEscaping.register
        let templateFiles = files.entries.sorted(by: { $0.key < $1.key })
            .filter { $0.key.hasPrefix("templates/") && $0.key.hasSuffix(".mustache") }
        let templateData = templateFiles.parallelMap { $0.value.data(limit: fileSizeLimit) }
        let checkKey = checked.flatMap { checked -> UInt64? in
            guard problems.isEmpty else { return nil }
            var read: [(name: String, bytes: Data)] = []
            for (file, data) in zip(templateFiles, templateData) {
                guard case .success(let bytes) = data else { return nil }
                read.append((file.key, bytes))
            }
            return checked.key(templates: read, stringNames: strings.keys)
        }
        if let checked, let checkKey, let verdict = checked.verdict(checkKey),
           let theme = compiledOnly(templateFiles.map(\.key), templateData, verdict: verdict, files: files, strings: strings, translations: translations) {
            return .success(theme)
        }
        // Each template checked, parsed and compiled on its own, on all cores (nothing else runs
        // in this stage); gathered in name order.
        for parsed in Array(zip(templateFiles, templateData)).parallelMap({ parseTemplate(path: $0.0.key, entry: $0.0.value, data: $0.1) }) {
            switch parsed {
            case .problem(let problem): problems.append(problem)
            case .template(let name, let template, let nodes, let source):
                templates[name] = template
                if let nodes {
                    compiled?[name] = nodes
                } else {
                    compiled = nil
                }
                sources[name] = source
            }
        }
        // A refused folder's templates are missing because of it: that one message says enough.
        for required in pageTemplates where files.entries["templates/\(required).mustache"] == nil && !files.refusedFolder {
            problems.append(Diagnostic("the theme has no templates/\(required).mustache", at: nil))
        }
        // Templates that parsed are checked even when others did not, so that one build reports
        // every template error. A reference to a template that failed to parse is not reported twice.
        let failed = Set(files.entries.keys.filter { $0.hasPrefix("templates/") && $0.hasSuffix(".mustache") }
            .map { String($0.dropFirst("templates/".count).dropLast(".mustache".count)) }).subtracting(sources.keys)
        let checker = TemplateChecker(templates: sources, root: .root(strings: strings.keys), unavailable: failed)
        problems += checker.check(pageTemplates: pageTemplates + laterPageTemplates)
        problems += checker.inclusionCycles()
        problems += checker.check(template: itemTemplate, scopes: TemplateShape.itemScopes(strings: strings.keys),
                                  why: "; \(itemTemplate) is rendered once per bulletin for every list, so it may use only the entry's own keys, site and t")
        guard problems.isEmpty else { return .failure(Diagnostics(problems)) }
        let listEntryKeys = checker.listEntryKeys(pageTemplates: pageTemplates + laterPageTemplates)
        if let checked, let checkKey, compiled != nil { checked.remember(checkKey, CheckedThemes.Verdict(listEntryKeys: listEntryKeys)) }
        return .success(Theme(parsed: MadeOnFirstUse { [templates] in MustacheLibrary(templates: templates) }, compiled: compiled.map(TemplateLibrary.init),
                              strings: strings, translations: translations, staticFiles: staticFiles(files),
                              fingerprint: fingerprint(sources.mapValues(\.text), strings: strings, translations: translations),
                              listEntryKeys: listEntryKeys, checkedBefore: false))
    }

    /// A theme this program parsed and checked whole before (`verdict`), only compiled; nil if a
    /// template does not compile after all, for the whole load to say why.
    private static func compiledOnly(_ paths: [String], _ data: [Result<Data, Diagnostic>], verdict: CheckedThemes.Verdict, files: ThemeFiles,
                                     strings: [String: String], translations: [String: [String: String]]) -> Theme? {
        let compiledTemplates = Array(zip(paths, data)).parallelMap { path, data -> (name: String, text: String, nodes: [TemplateNode])? in
            guard case .success(let bytes) = data, let text = String(validating: bytes, as: UTF8.self)?.removingControlCharacters(),
                  let nodes = TemplateCompiler.compile(HTMLEscaping.pragma + text) else { return nil }
            return (String(path.dropFirst("templates/".count).dropLast(".mustache".count)), text, nodes)
        }
        guard compiledTemplates.allSatisfy({ $0 != nil }) else { return nil }
        var texts: [String: String] = [:]
        var compiled: [String: [TemplateNode]] = [:]
        for case let template? in compiledTemplates {
            texts[template.name] = template.text
            compiled[template.name] = template.nodes
        }
        let parsed = MadeOnFirstUse { [texts] in
            MustacheLibrary(templates: texts.compactMapValues { try? MustacheTemplate(string: HTMLEscaping.pragma + $0) })
        }
        return Theme(parsed: parsed, compiled: TemplateLibrary(templates: compiled), strings: strings, translations: translations,
                     staticFiles: staticFiles(files), fingerprint: fingerprint(texts, strings: strings, translations: translations),
                     listEntryKeys: verdict.listEntryKeys, checkedBefore: true)
    }

    private static func staticFiles(_ files: ThemeFiles) -> [StaticFile] {
        files.entries.sorted(by: { $0.key < $1.key }).compactMap { path, entry -> StaticFile? in
            guard path.hasPrefix("static/") else { return nil }
            return StaticFile(outputPath: String(path.dropFirst("static/".count)), contents: entry.contents)
        }
    }

    /// A hash of every template's text (by name) and every string.
    private static func fingerprint(_ texts: [String: String], strings: [String: String], translations: [String: [String: String]]) -> UInt64 {
        var fingerprint = Fingerprint()
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            fingerprint.add(name)
            fingerprint.add(text)
        }
        for (key, value) in strings.sorted(by: { $0.key < $1.key }) {
            fingerprint.add(key)
            fingerprint.add(value)
        }
        for (code, words) in translations.sorted(by: { $0.key < $1.key }) {
            for (key, value) in words.sorted(by: { $0.key < $1.key }) {
                fingerprint.add(code + "." + key)
                fingerprint.add(value)
            }
        }
        return fingerprint.value
    }

    /// One template file: parsed by swift-mustache and compiled, or its problem.
    private enum ParsedTemplate: Sendable {
        case problem(Diagnostic)
        case template(name: String, MustacheTemplate, nodes: [TemplateNode]?, source: TemplateChecker.Source)
    }

    private static func parseTemplate(path: String, entry: ThemeFiles.Entry, data read: Result<Data, Diagnostic>) -> ParsedTemplate {
        let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
        let display = entry.display
        let data: Data
        switch read {
        case .success(let bytes): data = bytes
        case .failure(let problem): return .problem(problem)
        }
        // Control bytes in a template would be written into every page it renders.
        guard let text = String(validating: data, as: UTF8.self)?.removingControlCharacters() else {
            return .problem(Diagnostic("template is not UTF-8 text", at: SourceLocation(path: display)))
        }
        if let (line, column) = TemplateNesting.firstTooDeepTag(in: text) {
            return .problem(Diagnostic("template sections nested more than \(TemplateNesting.maximumDepth) deep; close the sections above before opening more",
                                       at: SourceLocation(path: display, line: line, column: column)))
        }
        do {
            // The pragma stands on the template's first line, so only that line's columns shift.
            let template = try MustacheTemplate(string: HTMLEscaping.pragma + text)
            return .template(name: name, template, nodes: TemplateCompiler.compile(HTMLEscaping.pragma + text),
                             source: TemplateChecker.Source(text: text, path: display))
        } catch let error as MustacheTemplate.ParserError {
            if let unclosed = unclosedSectionProblem(error, text: text, path: display) { return .problem(unclosed) }
            let line = error.context.lineNumber
            let column = error.context.columnNumber - (line == 1 ? HTMLEscaping.pragma.count : 0)
            return .problem(Diagnostic(describe(error.error), at: SourceLocation(path: display, line: line, column: max(1, column))))
        } catch {
            return .problem(Diagnostic("cannot read template: \(error)", at: SourceLocation(path: display)))
        }
    }

    private static func join(_ prefix: String, _ path: String) -> String {
        prefix.isEmpty || prefix == "." ? path : prefix + "/" + path
    }

    /// swift-mustache reports a section left open where it gave up (a later closing tag, or the
    /// end); the user needs the opening tag.
    private static func unclosedSectionProblem(_ error: MustacheTemplate.ParserError, text: String, path: String) -> Diagnostic? {
        guard let kind = error.error as? MustacheTemplate.Error, kind == .sectionCloseNameIncorrect || kind == .expectedSectionEnd,
              let (open, stoppedAt) = TemplateChecker.unclosedSection(in: text) else { return nil }
        let found = stoppedAt.map { " (found {{/\($0.name)}} on line \($0.line) first)" } ?? ""
        return Diagnostic("template syntax error: section '\(open.name)' is opened here but never closed\(found); add {{/\(open.name)}} where it ends",
                          at: SourceLocation(path: path, line: open.line, column: open.column))
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "template syntax error: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "template syntax error: this closing tag does not match the open section"
        case .unfinishedName: return "template syntax error: a tag is not closed with }}"
        case .expectedSectionEnd: return "template syntax error: a section is opened but never closed with {{/name}}"
        case .invalidSetDelimiter: return "template syntax error: invalid delimiter change"
        case .transformAppliedToInheritanceSection: return "template syntax error: a transform cannot apply to a parent or block"
        case .illegalTokenInsideInheritSection: return "template syntax error: only blocks may stand inside a parent tag"
        case .textInsideInheritSection: return "template syntax error: only blocks may stand inside a parent tag"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "template syntax error: unknown pragma"
        @unknown default: return "template syntax error: \(error)"
        }
    }
}

/// The files of a theme, keyed by their path in the theme (`templates/home.mustache`,
/// `static/style.css`, `theme.yaml`); later additions override earlier ones.
private struct ThemeFiles {
    struct Entry: Sendable {
        var display: String
        var contents: Theme.StaticFile.Contents

        func data(limit: FileSize?) -> Result<Data, Diagnostic> {
            switch contents {
            case .bytes(let data): .success(data)
            case .file(let path): InputFile.read(path, display: display, limit: limit).map { Data($0) }
            }
        }
    }

    /// The site folder, outside which no link is followed; nil for the built-in theme alone.
    let boundary: InputBoundary?
    var entries: [String: Entry] = [:]
    /// Links and special files refused while walking the folders.
    var problems: [Diagnostic] = []
    /// Whether a whole folder was refused (a link out of the site).
    var refusedFolder = false

    mutating func addEmbedded() {
        for (path, base64) in EmbeddedTheme.files {
            entries[path] = Entry(display: "(built-in theme)/" + path, contents: .bytes(Data(base64Encoded: base64) ?? Data()))
        }
    }

    mutating func addFolder(_ folder: URL, display: String, under prefix: String = "") {
        guard let boundary else { return }
        let root = folder.standardizedFileURL.path
        let tree = InputTree.walk(folder, display: display, boundary: boundary, including: { _ in true })
        problems += tree.problems
        if tree.problems.contains(where: { $0.location?.path == display }) { refusedFolder = true }
        for file in tree.files {
            entries[prefix + file.relativePath.precomposedStringWithCanonicalMapping] =
                Entry(display: display + "/" + file.relativePath, contents: .file(path: root + "/" + file.relativePath))
        }
    }
}
