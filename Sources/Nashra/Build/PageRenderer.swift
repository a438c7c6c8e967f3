import Foundation
import NashraCore

/// The render-and-write stage: pages to HTML, XML, JSON and text, written into the staging folder.
enum PageRenderer {
    /// Renders the given pages and writes them at once, on all cores; bodies are read, rendered
    /// and dropped one page at a time (those that feeds also carry are kept for them). Static
    /// files are staged too: publishing skips those whose bytes did not change.
    /// `search`, in a clean build, takes each indexed body's plain text from the parse that renders it.
    static func render(_ site: Site, pages: [Int], theme: Theme, into writer: SiteWriter,
                       progress: (@Sendable (BuildProgress) -> Void)?, search: SearchCollector? = nil) -> [Diagnostic] {
        var entryUses = [Int32](repeating: 0, count: site.bulletins.count)
        var inFeeds = Set<Int>()
        var bodyUses = [Int32](repeating: 0, count: site.bulletins.count)
        for index in pages {
            let page = site.pages[index]
            switch page.kind {
            case .bulletin(let bulletin):
                entryUses[bulletin] += 1
                bodyUses[bulletin] += 1
            case .ninjs(let bulletin): bodyUses[bulletin] += 1
            case .feed(let scope, _) where site.feedPolicy(scope).content == .full: inFeeds.formUnion(site.feedItems(scope))
            case .ninjsStream: inFeeds.formUnion(site.feedItems(.site))
            default: for item in site.listedBulletins(on: page) { entryUses[item] += 1 }
            }
        }
        let contexts = PageContexts(site: site, theme: theme, uses: entryUses)
        let bodies = BodyCache(site: site, keep: inFeeds, uses: bodyUses, search: search)
        let feedWriter = FeedWriter(site: site, body: { bodies.html(of: $0) }, strings: theme.strings)
        let ninjsWriter = NinjsWriter(site: site, body: { bodies.html(of: $0) })
        let sitemaps = SitemapWriter(site: site)
        let counter = ProgressCounter(total: pages.count, report: progress)
        let order = renderOrder(pages, of: site)
        let problemsInOrder = order.parallelMap { index -> [Diagnostic] in
            defer { counter.advance() }
            let page = site.pages[index]
            let text: String
            switch page.kind {
            case .feed(let scope, let format):
                text = feedWriter.write(scope, format, at: page.permalink)
            case .ninjs(let bulletin):
                // As its page does: a body that cannot be read fails the build, not just this file.
                switch bodies.result(of: bulletin) {
                case .success(let html): text = ninjsWriter.document(bulletin, body: html)
                case .failure(let problem): return [problem]
                }
            case .ninjsStream: text = ninjsWriter.stream(at: page.permalink)
            case .sitemap(let part): text = sitemaps.sitemap(part: part)
            case .sitemapIndex(let parts): text = sitemaps.index(parts: parts)
            case .newsSitemap: text = sitemaps.news()
            case .robots: text = sitemaps.robots()
            case .alias(let bulletin, _): text = RedirectPage.html(to: bulletin, in: site)
            default:
                var content: String?
                if case .bulletin(let bulletin) = page.kind {
                    switch bodies.result(of: bulletin) {
                    case .success(let html): content = html
                    case .failure(let problem): return [problem]
                    }
                }
                if case .standingPage(let index) = page.kind {
                    let standing = site.standingPages[index]
                    switch ContentLoader.body(of: standing.source) {
                    case .success(let markdown):
                        content = Markdown.html(markdown, unsafeHTML: site.config.unsafeHTML, keepingLatinRuns: standing.direction == .rtl)
                    case .failure(let problem): return [problem]
                    }
                }
                let template = Self.template(for: page.kind)
                guard let html = theme.render(contexts.context(for: page, content: content), template: template) else {
                    return [Diagnostic("the theme has no template '\(template)'", at: nil)]
                }
                text = html
            }
            do throws(Diagnostics) {
                try writer.write(text.utf8, to: page.permalink.outputPath)
                return []
            } catch {
                return error.diagnostics
            }
        }
        // Reported in the pages' own order, whatever order they were rendered in.
        var pageProblems = [[Diagnostic]](repeating: [], count: site.pages.count)
        for (index, found) in zip(order, problemsInOrder) where !found.isEmpty { pageProblems[index] = found }
        var problems = pageProblems.flatMap { $0 } + bodies.problems
        for file in theme.staticFiles {
            do throws(Diagnostics) {
                switch file.contents {
                case .bytes(let data): try writer.write(data, to: file.outputPath)
                case .file(let path):
                    switch InputFile.read(path, display: path, limit: nil) {
                    case .success(let bytes): try writer.write(bytes, to: file.outputPath)
                    case .failure(let problem): problems.append(problem)
                    }
                }
            } catch {
                problems += error.diagnostics
            }
        }
        return problems
    }

    /// The pages in the order they are rendered: first those that show no list entry (feeds,
    /// sitemaps, redirects, term indexes), then bulletin pages (each with its ninjs document, as
    /// planned) and lists, newest first — a list by its newest bulletin. A bulletin's entry is then
    /// made at the first list showing it and dropped soon after its own page, so the entries held
    /// at once are about those of the lists being written, not the archive's.
    static func renderOrder(_ pages: [Int], of site: Site) -> [Int] {
        let keys = pages.map { index -> Int in
            let page = site.pages[index]
            switch page.kind {
            case .bulletin(let bulletin), .ninjs(let bulletin): return bulletin
            default: return site.listedBulletins(on: page).min() ?? -1
            }
        }
        // Stable: pages of the same key keep their planned order.
        return pages.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { pages[$0] }
    }

    static func template(for kind: Page.Kind) -> String {
        switch kind {
        case .bulletin: "bulletin"
        case .home: "home"
        case .terms: "terms"
        case .term: "term"
        case .archiveYears, .archiveYear, .archiveMonth: "archive"
        case .standingPage: "page"
        case .section: "section"
        case .search: "search"
        default: "404"
        }
    }
}

/// Bulletin bodies rendered to HTML. A body is rendered when its page is, and kept only if a feed
/// being written carries it too, so memory stays bounded by the feeds, not by the archive. A body
/// that its page and its ninjs document both show is kept until the second of them takes it;
/// the planner puts the two side by side, so that is soon after.
private final class BodyCache: @unchecked Sendable {
    private let site: Site
    private let bodies: CountedMemo<Result<String, Diagnostic>>
    private let lock = NSLock()
    private(set) var problems: [Diagnostic] = []

    /// `uses[i]`: how many pages being rendered show body `i`; `keep`: the bodies feeds carry.
    init(site: Site, keep: Set<Int>, uses: [Int32], search: SearchCollector?) {
        self.site = site
        bodies = CountedMemo(uses: uses, keeping: keep) { index in Self.render(index, of: site, search: search) }
    }

    func result(of index: Int) -> Result<String, Diagnostic> {
        bodies.take(index)
    }

    /// With `search`, an indexed body's plain text goes to it too: from the same parse, or, when
    /// shortcodes change the Markdown that is rendered, from the body as written (as the search
    /// stage would read it).
    private static func render(_ index: Int, of site: Site, search: SearchCollector?) -> Result<String, Diagnostic> {
        let search = search.flatMap { $0.wants(index) ? $0 : nil }
        let body = ContentLoader.body(of: site.bulletins[index].source)
        if case .failure = body { search?.fail() }
        return body.map { markdown in
            let rtl = site.bulletins[index].direction == .rtl
            // Links to other bulletins' files (`[…](other.md)`) as their URLs, known now.
            let fileLinks: ((String) -> String?)? = site.bulletins[index].references.isEmpty ? nil : { site.referenceURL($0, from: index) }
            guard Shortcodes.mayApply(to: markdown) else {
                guard let search else {
                    return Markdown.html(markdown, unsafeHTML: site.config.unsafeHTML, keepingLatinRuns: rtl, fileLinks: fileLinks)
                }
                let rendered = Markdown.htmlAndPlainText(markdown, unsafeHTML: site.config.unsafeHTML, keepingLatinRuns: rtl, fileLinks: fileLinks)
                search.add(index, plainText: rendered.plainText)
                return rendered.html
            }
            search?.add(index, plainText: Markdown.plainTextUTF8(markdown))
            // Hugo shortcodes and Liquid: expanded now that every bulletin's URL is known; what
            // they warn of was reported when the file was read.
            let expansion = Shortcodes.expand(String(decoding: markdown, as: UTF8.self), firstLine: site.bulletins[index].source.bodyLine,
                                              resolve: { site.referenceURL($0, from: index) })
            return Markdown.html(expansion.markdown, unsafeHTML: site.config.unsafeHTML, keepingLatinRuns: rtl, inserts: expansion.inserts,
                                 fileLinks: fileLinks)
        }
    }

    /// For feeds: a body that cannot be read is reported once, and the feed gets its summary.
    func html(of index: Int) -> String {
        switch result(of: index) {
        case .success(let html): return html
        case .failure(let problem):
            lock.withLock { if !problems.contains(problem) { problems.append(problem) } }
            return site.bulletins[index].summary
        }
    }
}

/// Counts rendered pages across threads and reports every few hundred.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (BuildProgress) -> Void)?

    init(total: Int, report: (@Sendable (BuildProgress) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance() {
        guard let report else { return }
        let now = lock.withLock { () -> Int in
            done += 1
            return done
        }
        if now % 250 == 0 || now == total { report(BuildProgress(stage: "rendering", done: now, total: total)) }
    }
}
