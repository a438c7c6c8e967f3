import Foundation
import NashraCore

/// Turns files a wire desk receives into bulletins under `content/bulletins/YYYY/MM/<slug>.md`:
/// never overwriting one, never importing the same copy twice (`source:`), never leaving half a
/// file behind.
public struct Importer {
    /// What the desk says on the command line; each one wins over what the copy says.
    public struct Options: Sendable {
        public var title: String?
        public var date: Date?
        public var location: String?
        public var agency: String?
        public var tags: [String] = []
        public var draft = false
        public var language: String?
        public var dryRun = false
        public init() {}
    }

    /// What became of one story.
    public enum Outcome: Sendable, Equatable {
        /// Written (or, in a dry run, would be) at this path below the destination.
        case imported(String)
        /// A bulletin with the same `source:` hash exists, at this path (below the destination,
        /// or in full if it is elsewhere).
        case alreadyThere(String)
        /// A newer version of a story imported before replaced its bulletin, at this path.
        case updated(String)
        case failed
    }

    /// One story's outcome, with every warning and error about it.
    public struct Report: Sendable {
        public var file: String
        public var outcome: Outcome
        /// Imported as a draft under a provisional title: a person must write the headline.
        public var needsHeadline = false
        public var diagnostics: [Diagnostic] = []
        public var droppedLines: [String] = []
        /// The text written (or that a dry run would write).
        public var text: String?
    }

    public let destination: URL
    public let config: SiteConfig
    public let options: Options
    /// The time an import without a date of its own gets; a watch sets it for each file.
    public var now: Date
    private let filter: BoilerplateFilter
    /// `source:` hashes of the bulletins already in the content folder → their paths.
    private var knownSources: [String: String]
    /// Senders' story identities (`sourceID:`, as written there) → the bulletins made from them.
    private var knownIDs: [String: URL]

    /// `destination` is where bulletins are written (`content/bulletins/`); `contentFolders` are
    /// searched for bulletins already imported (the site's content folder, and the destination
    /// if it lies elsewhere).
    public init(destination: URL, contentFolders: [URL], config: SiteConfig, options: Options, now: Date) {
        self.destination = destination
        self.config = config
        self.options = options
        self.now = now
        self.filter = BoilerplateFilter(patterns: config.importBoilerplate)
        var known: [String: String] = [:]
        var ids: [String: URL] = [:]
        for folder in contentFolders {
            let found = Self.imported(in: folder, relativeTo: destination, timeZone: config.timeZone)
            known.merge(found.sources) { first, _ in first }
            ids.merge(found.ids) { first, _ in first }
        }
        self.knownSources = known
        self.knownIDs = ids
    }

    /// Imports the file at `path` (named `display` in messages).
    public mutating func importFile(at path: String, display: String) -> [Report] {
        var report = Report(file: display, outcome: .failed)
        let text: String
        switch InputFile.read(path, display: display, limit: config.fileSizeLimit)
            .flatMap({ InputFile.decodeUTF8($0, path: display) }) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            report.diagnostics.append(problem)
            return [report]
        }
        if text.trimmed().isEmpty {
            report.diagnostics.append(Diagnostic("the file is empty: there is nothing to import", at: SourceLocation(path: display)))
            return [report]
        }
        let fileName = (path as NSString).lastPathComponent
        // By content, not by name: an agency's API saves JSON and XML under any name.
        let start = text.trimmed()
        if start.hasPrefix("{") || fileName.lowercased().hasSuffix(".json") {
            return [importNinjs(text, fileName: fileName, report: report)]
        }
        if start.hasPrefix("<") || [".xml", ".rss", ".atom"].contains(where: fileName.lowercased().hasSuffix) {
            return importFeed(text, fileName: fileName, report: report)
        }
        return [importWireCopy(text, fileName: fileName, report: report)]
    }

    private mutating func importNinjs(_ text: String, fileName: String, report: Report) -> Report {
        var report = report
        let document: NinjsDocument
        switch NinjsDocument.parse(text, path: report.file) {
        case .success(let parsed): document = parsed
        case .failure(let problem):
            report.diagnostics.append(problem)
            return report
        }
        func refuse(_ message: String, key: String) -> Report {
            var report = report
            report.diagnostics.append(Diagnostic(message, at: NinjsDocument.location(ofKey: key, in: text, path: report.file)))
            return report
        }
        if let status = document.pubStatus?.lowercased(), status == "canceled" || status == "cancelled" {
            return refuse("the sender withdrew this story (pubStatus: \(document.pubStatus!)); it is not imported, and a bulletin already made from it must be taken down by hand",
                          key: text.contains("\"pubStatus\"") ? "pubStatus" : "pubstatus")
        }
        if let type = document.type, type.lowercased() != "text" {
            return refuse("this ninjs item is of type '\(type)'; only text stories are imported", key: "type")
        }
        let source = ImportSource(text: text, fileName: fileName)
        let identity = document.uri.map { SourceIdentity(id: $0, version: document.versionCreated) }
        if let existing = alreadyThere(identity, source: source) {
            report.outcome = .alreadyThere(existing)
            return report
        }
        guard let headline = options.title ?? document.headline else {
            return refuse("the ninjs document has no headline ('headline', or 'headlines' with a 'value'); give --title", key: "headline")
        }
        var body = ""
        switch document.body {
        case .html(let html):
            switch HTMLMarkdown.convert(html) {
            case .success(let conversion):
                body = conversion.markdown
                for name in conversion.dropped {
                    report.diagnostics.append(Diagnostic("left out of the HTML body, which becomes Markdown: \(name)",
                                                         at: NinjsDocument.location(ofKey: text.contains("\"body_html\"") ? "body_html" : "bodies", in: text, path: report.file),
                                                         severity: .warning))
                }
            case .failure(let failure):
                return refuse("the HTML body is not well-formed: \(failure.message) (line \(failure.line), column \(failure.column) of the HTML)",
                              key: text.contains("\"body_html\"") ? "body_html" : "bodies")
            }
        case .text(let plain):
            let paragraphs = plain.nfc.components(separatedBy: "\n\n").map { $0.trimmed() }.filter { !$0.isEmpty }
            body = ImportedBulletin.markdown(paragraphs: paragraphs)
        case nil:
            break
        }
        guard !body.trimmed().isEmpty else {
            return refuse("the ninjs document has no body text ('body_html', 'body_text', or 'bodies' with a 'value')", key: text.contains("\"bodies\"") ? "bodies" : "body_html")
        }

        // The date the sender gives: first created, else this version's; an embargo moves it to
        // the embargo's end, so the build keeps the story unpublished until then.
        var date = document.firstCreated ?? document.versionCreated ?? now
        if let embargo = document.embargoedUntil, embargo > date { date = embargo }
        var bulletin = ImportedBulletin(title: headline, date: date, body: body)
        if let updated = document.versionCreated, updated > date { bulletin.updated = updated }
        bulletin.location = document.located
        bulletin.agency = document.agency
        bulletin.author = document.byline
        bulletin.tags = document.subjects
        bulletin.language = document.language
        // ninjs urgency runs from 1 (most urgent) to 9.
        bulletin.urgent = (document.urgency ?? 9) <= 2 && (document.urgency ?? 9) >= 1
        bulletin.source = source
        bulletin.identity = identity
        return write(bulletin, report: report)
    }

    private mutating func importWireCopy(_ text: String, fileName: String, report: Report) -> Report {
        var report = report
        let source = ImportSource(text: text, fileName: fileName)
        if let existing = alreadyThere(nil, source: source) {
            report.outcome = .alreadyThere(existing)
            return report
        }
        let copy = WireCopy.parse(text, path: report.file, filter: filter)
        report.diagnostics += copy.warnings
        report.droppedLines = copy.droppedLines
        guard let firstParagraph = copy.paragraphs.first else {
            report.diagnostics.append(Diagnostic("no story text after the headline and dateline", at: SourceLocation(path: report.file)))
            return report
        }
        var title = options.title ?? copy.headline
        if title == nil {
            let provisional = WireCopy.provisionalHeadline(from: firstParagraph)
            if !provisional.isEmpty {
                title = provisional
                report.needsHeadline = true
            }
        }
        guard let title else {
            report.diagnostics.append(Diagnostic("no headline, and no words in the first sentence to make one from: give --title", at: SourceLocation(path: report.file)))
            return report
        }
        var bulletin = ImportedBulletin(title: title, date: options.date ?? now, body: ImportedBulletin.markdown(paragraphs: copy.paragraphs))
        bulletin.location = copy.dateline?.location
        bulletin.agency = copy.dateline?.agency
        bulletin.needsHeadline = report.needsHeadline
        bulletin.source = source
        return write(bulletin, report: report)
    }

    private mutating func importFeed(_ text: String, fileName: String, report: Report) -> [Report] {
        let items: [AgencyFeed.Item]
        switch AgencyFeed.parse(text, path: report.file) {
        case .success(let parsed): items = parsed
        case .failure(let problem):
            var report = report
            report.diagnostics.append(problem)
            return [report]
        }
        return items.enumerated().map { index, item in importFeedItem(item, number: index + 1, fileName: fileName, report: report) }
    }

    private mutating func importFeedItem(_ item: AgencyFeed.Item, number: Int, fileName: String, report: Report) -> Report {
        var report = report
        let at = SourceLocation(path: report.file, line: item.line, column: item.column)
        // The same guid (or id, or link) is the same story, whether earlier in this feed or imported
        // from an earlier fetch of it; an item with none of them is known by its title and date.
        let identity = item.id.map { "id " + $0 } ?? "item \(item.title ?? "") \(item.date?.timeIntervalSince1970 ?? 0)"
        let source = ImportSource(text: identity, fileName: fileName)
        // An item's version: Atom's `updated`, else its date (RSS has nothing better).
        let story = item.id.map { SourceIdentity(id: $0, version: item.updated ?? item.date) }
        if let existing = alreadyThere(story, source: source) {
            report.outcome = .alreadyThere(existing)
            return report
        }
        guard let title = options.title ?? item.title else {
            report.diagnostics.append(Diagnostic("item \(number) has no title; it was not imported", at: at))
            return report
        }
        var body = ""
        var dropped: [String] = []
        switch item.body {
        case .html(let html):
            switch HTMLMarkdown.convert(html) {
            case .success(let conversion): (body, dropped) = (conversion.markdown, conversion.dropped)
            case .failure(let failure):
                report.diagnostics.append(Diagnostic("item \(number): the HTML content is not well-formed: \(failure.message) (line \(failure.line), column \(failure.column) of the HTML)", at: at))
                return report
            }
        case .xhtml(let nodes):
            let conversion = HTMLMarkdown.convert(nodes)
            (body, dropped) = (conversion.markdown, conversion.dropped)
        case .text(let plain):
            body = ImportedBulletin.markdown(paragraphs: plain.nfc.components(separatedBy: "\n\n").map { $0.trimmed() }.filter { !$0.isEmpty })
        case nil:
            break
        }
        for name in dropped {
            report.diagnostics.append(Diagnostic("item \(number): left out of the HTML content, which becomes Markdown: \(name)", at: at, severity: .warning))
        }
        guard !body.trimmed().isEmpty else {
            report.diagnostics.append(Diagnostic("item \(number) has no content or description; it was not imported", at: at))
            return report
        }
        var bulletin = ImportedBulletin(title: title, date: item.date ?? now, body: body)
        bulletin.updated = item.updated
        bulletin.tags = item.tags
        bulletin.language = item.language
        bulletin.author = item.author
        bulletin.source = source
        bulletin.identity = story
        return write(bulletin, report: report)
    }

    /// Applies the command line's options to `bulletin` and writes it.
    private mutating func write(_ bulletin: ImportedBulletin, report: Report) -> Report {
        var bulletin = bulletin
        var report = report
        if let title = options.title { bulletin.title = title; bulletin.needsHeadline = false }
        if let date = options.date { bulletin.date = date }
        if let location = options.location { bulletin.location = location }
        if let agency = options.agency { bulletin.agency = agency }
        if !options.tags.isEmpty { bulletin.tags = options.tags }
        if let language = options.language { bulletin.language = language }
        // A provisional title must not be published: a person writes the headline first.
        bulletin.draft = bulletin.draft || options.draft || bulletin.needsHeadline
        report.needsHeadline = bulletin.needsHeadline

        if let identity = bulletin.identity, let existing = knownIDs[Self.key(identity.id)] {
            return update(existing, with: bulletin, report: report)
        }
        let text = bulletin.render(in: config.timeZone)
        report.text = text
        let relativeFolder = bulletin.folder(in: config.timeZone)
        let folder = destination.appendingPathComponent(relativeFolder)
        let slug = bulletin.slug
        if !options.dryRun {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                report.diagnostics.append(Diagnostic("cannot create \(folder.path): \(error.localizedDescription)", at: SourceLocation(path: report.file)))
                return report
            }
        }
        switch Self.place(Data(text.utf8), in: folder.path, slug: slug, dryRun: options.dryRun) {
        case .success(let name):
            if name != slug + ".md" {
                report.diagnostics.append(Diagnostic("a bulletin named \(slug).md is already in \(relativeFolder); written as \(name)",
                                                     at: SourceLocation(path: report.file), severity: .warning))
            }
            let relativePath = relativeFolder + name
            report.outcome = .imported(relativePath)
            if let source = bulletin.source { knownSources[source.hash] = relativePath }
            if let identity = bulletin.identity, !options.dryRun {
                knownIDs[Self.key(identity.id)] = folder.appendingPathComponent(name)
            }
        case .failure(let problem):
            report.diagnostics.append(Diagnostic(problem.message, at: SourceLocation(path: report.file)))
        }
        return report
    }

    /// The bulletin already made from this story, if this version brings nothing newer: by the
    /// sender's identity when it has one, else (and for bulletins imported before `sourceID:`)
    /// by the copy's hash.
    /// A bulletin deleted since it was found (a desk deleting it to import it afresh, during a
    /// long `--watch`) is forgotten, so that the story imports again.
    private mutating func alreadyThere(_ identity: SourceIdentity?, source: ImportSource) -> String? {
        if let identity, let existing = knownIDs[Self.key(identity.id)], !FileManager.default.fileExists(atPath: existing.path) {
            knownIDs[Self.key(identity.id)] = nil
        }
        if let known = knownSources[source.hash],
           !FileManager.default.fileExists(atPath: known.hasPrefix("/") ? known : destination.appendingPathComponent(known).path) {
            knownSources[source.hash] = nil
        }
        if let identity, let existing = knownIDs[Self.key(identity.id)] {
            let recorded = Self.recordedIdentity(at: existing, timeZone: config.timeZone)
            guard let newer = identity.version, let older = recorded?.identity.version, newer > older else {
                return display(existing)
            }
            return nil
        }
        return knownSources[source.hash]
    }

    /// Replaces the bulletin at `file` with a newer version of its story, keeping its name (and
    /// so its URL) and its first date; refused when the file is no longer what the import wrote.
    private mutating func update(_ file: URL, with bulletin: ImportedBulletin, report: Report) -> Report {
        var report = report
        var bulletin = bulletin
        let shown = display(file)
        guard case .success(let bytes) = InputFile.read(file.path, display: shown, limit: config.fileSizeLimit),
              let old = String(validating: bytes, as: UTF8.self), let frontMatter = FrontMatter.split(old),
              let recorded = SourceIdentity.value(inFrontMatter: frontMatter.yaml).flatMap({ SourceIdentity.parse($0, in: config.timeZone) }) else {
            report.diagnostics.append(Diagnostic("a newer version of this story arrived, but \(shown), made from an earlier one, cannot be read back; nothing was changed",
                                                 at: SourceLocation(path: report.file)))
            return report
        }
        guard SourceIdentity.writtenHash(of: old) == recorded.writtenHash else {
            report.diagnostics.append(Diagnostic("a newer version of this story arrived, but \(shown) was edited since it was imported, so it is left as it is: bring the changes over by hand, or delete it and import again",
                                                 at: SourceLocation(path: report.file)))
            return report
        }
        // The bulletin keeps the date it was published with; the new version is its update.
        if let date = SourceIdentity.value(inFrontMatter: frontMatter.yaml, key: "date").flatMap({ BulletinDate.parse($0, in: config.timeZone) }) {
            bulletin.date = date.foundationDate
        }
        if let version = bulletin.identity?.version { bulletin.updated = version > bulletin.date ? version : nil }
        let text = bulletin.render(in: config.timeZone)
        report.text = text
        if !options.dryRun {
            // A whole new file renamed over the old: a reader never sees half of either.
            let temporary = file.deletingLastPathComponent().path + "/.nashra-import-\(getpid())-\(UUID().uuidString).tmp"
            let written = Data(text.utf8).withUnsafeBytes { RawFile.write($0, to: temporary) }
            guard written != nil, rename(temporary, file.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                report.diagnostics.append(Diagnostic("cannot update \(shown): \(reason)", at: SourceLocation(path: report.file)))
                return report
            }
        }
        if let source = bulletin.source { knownSources[source.hash] = shown }
        report.outcome = .updated(shown)
        return report
    }

    /// A file's path as reports give it: below the destination when in it, else in full.
    private func display(_ file: URL) -> String {
        let base = destination.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// An id as `sourceID:` holds it (escaped as in a double-quoted YAML text): what `knownIDs` is keyed by.
    static func key(_ id: String) -> String {
        String(Scaffold.quoted(id).dropFirst().dropLast())
    }

    static func recordedIdentity(at file: URL, timeZone: TimeZone) -> (identity: SourceIdentity, writtenHash: String)? {
        guard case .success(let bytes) = InputFile.read(file.path, display: file.path, limit: .defaultLimit),
              let text = String(validating: bytes, as: UTF8.self), let frontMatter = FrontMatter.split(text) else { return nil }
        return SourceIdentity.value(inFrontMatter: frontMatter.yaml).flatMap { SourceIdentity.parse($0, in: timeZone) }
    }

    /// Writes `data` as `<slug>.md` in `folder`, or `<slug>-2.md`, `-3`… if taken; returns the name.
    ///
    /// The bytes go to a temporary file beside it first, which is then hard-linked to the final
    /// name: `link` fails if the name exists (rename would replace it), so a bulletin that
    /// appeared meanwhile is never overwritten, and a reader never sees half a file.
    static func place(_ data: Data, in folder: String, slug: String, dryRun: Bool) -> Result<String, InvalidValue> {
        let temporary = folder + "/.nashra-import-\(getpid())-\(UUID().uuidString).tmp"
        if !dryRun {
            let written = data.withUnsafeBytes { RawFile.write($0, to: temporary) }
            guard written != nil else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return .failure(InvalidValue("cannot write in \(folder): \(reason)"))
            }
        }
        defer { if !dryRun { unlink(temporary) } }
        for number in 1...1000 {
            let name = number == 1 ? slug + ".md" : "\(slug)-\(number).md"
            let path = folder + "/" + name
            if dryRun {
                if !FileManager.default.fileExists(atPath: path) { return .success(name) }
                continue
            }
            // The temporary file keeps its name; the `defer` above removes it.
            switch RawFile.claim(path, for: temporary, keepingSource: true) {
            case .claimed: return .success(name)
            case .taken: continue
            case .failed(let reason): return .failure(InvalidValue("cannot write \(path): \(reason)"))
            }
        }
        return .failure(InvalidValue("\(slug).md and a thousand numbered names are taken in \(folder)"))
    }

    /// The `source:` hashes of the bulletins below `folder`, read from each file's front matter,
    /// with their paths: relative to `destination` when in it (as the importer names what it
    /// writes), else in full.
    static func sources(in folder: URL, relativeTo destination: URL) -> [String: String] {
        imported(in: folder, relativeTo: destination, timeZone: TimeZone(identifier: "UTC")!).sources
    }

    /// What `sources(in:relativeTo:)` finds, and the `sourceID:` identities (keyed as written) → their files.
    static func imported(in folder: URL, relativeTo destination: URL, timeZone: TimeZone) -> (sources: [String: String], ids: [String: URL]) {
        var found: [String: String] = [:]
        var ids: [String: URL] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return (found, ids) }
        let base = destination.standardizedFileURL.path
        for case let url as URL in walker where url.pathExtension == "md" || url.pathExtension == "markdown" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  case .success(let bytes) = InputFile.read(url.path, display: url.path, limit: .defaultLimit),
                  let text = String(validating: bytes, as: UTF8.self),
                  let frontMatter = FrontMatter.split(text) else { continue }
            if let recorded = SourceIdentity.value(inFrontMatter: frontMatter.yaml).flatMap({ SourceIdentity.parse($0, in: timeZone) }) {
                ids[recorded.identity.id] = ids[recorded.identity.id] ?? url.standardizedFileURL
            }
            for line in frontMatter.yaml.split(separator: "\n") where line.hasPrefix("source:") {
                var value = line.dropFirst("source:".count).drop(while: { $0 == " " })
                if value.first == "\"" || value.first == "'" { value = value.dropFirst() }
                if let hash = ImportSource.hash(in: String(value)) {
                    var path = url.standardizedFileURL.path
                    if path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
                    found[hash] = found[hash] ?? path
                }
            }
        }
        return (found, ids)
    }
}
