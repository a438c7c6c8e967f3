import Foundation

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site folder (nashra.yaml, content/, themes/, templates/, static/), or nil for a bare
    /// content folder built with the defaults and the built-in theme.
    public var siteFolder: URL?
    public var contentFolder: URL
    public var outputFolder: URL
    public var rules: PublishingRules
    /// How paths are printed in diagnostics: the site folder as the user named it.
    public var displayPrefix: String

    public init(siteFolder: URL?, contentFolder: URL? = nil, outputFolder: URL? = nil,
                rules: PublishingRules = PublishingRules(), displayPrefix: String? = nil) {
        self.siteFolder = siteFolder
        let base = siteFolder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.contentFolder = contentFolder ?? base.appendingPathComponent("content")
        self.outputFolder = outputFolder ?? base.appendingPathComponent("site")
        self.rules = rules
        self.displayPrefix = displayPrefix ?? ""
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var bulletins: Int
    public var pages: Int
    public var filesWritten: Int
    public var tags: Int
    public var locations: Int
    public var seconds: Double
}

/// Runs the stages in order: config → theme → content → plan → render and write → swap in.
/// Every stage's errors are collected before the build gives up, so one run reports them all.
public enum Builder {
    public static func build(_ options: BuildOptions) throws(Diagnostics) -> BuildReport {
        let start = DispatchTime.now()
        var clock = StageClock()
        var problems: [Diagnostic] = []
        let prefix = options.displayPrefix

        var config = SiteConfig()
        if let site = options.siteFolder {
            let configURL = site.appendingPathComponent("nashra.yaml")
            if let data = FileManager.default.contents(atPath: configURL.path) {
                let path = join(prefix, "nashra.yaml")
                switch SourceFile.decodeUTF8(data, path: path).mapError({ Diagnostics([$0]) }).flatMap({ SiteConfig.parse($0, path: path) }) {
                case .success(let parsed): config = parsed
                case .failure(let failure): problems += failure.diagnostics
                }
            }
        }

        clock.lap("config")
        var theme: Theme?
        switch Theme.load(name: config.theme, site: options.siteFolder, sitePrefix: prefix) {
        case .success(let loaded): theme = loaded
        case .failure(let failure): problems += failure.diagnostics
        }

        clock.lap("theme")
        guard FileManager.default.fileExists(atPath: options.contentFolder.path) else {
            throw Diagnostics(problems + [Diagnostic("no content folder at \(options.contentFolder.path)", at: nil)])
        }
        let contentDisplay = options.siteFolder == nil ? options.contentFolder.path : join(prefix, options.contentFolder.lastPathComponent)
        let reading = BulletinReading(siteLanguage: config.language, timeZone: config.timeZone)
        let loaded = ContentLoader.load(folder: options.contentFolder, displayPrefix: contentDisplay, reading: reading)
        problems += loaded.problems
        clock.lap("load+parse")

        var site: Site?
        switch SitePlanner.plan(loaded.bulletins, config: config, rules: options.rules) {
        case .success(let planned): site = planned
        case .failure(let failure): problems += failure.diagnostics
        }
        guard problems.isEmpty, let site, let theme else { throw Diagnostics(problems) }
        clock.lap("plan")

        let writer = try SiteWriter(output: options.outputFolder, inputs: options.siteFolder.map { [$0] } ?? [],
                                    content: options.contentFolder)
        let renderProblems = render(site, theme: theme, into: writer)
        guard renderProblems.isEmpty else {
            writer.abandon()
            throw Diagnostics(renderProblems)
        }
        clock.lap("render+write")
        let files = try writer.commit()
        clock.lap("commit")
        clock.report()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildReport(bulletins: site.bulletins.count, pages: site.pages.count, filesWritten: files,
                           tags: site.tags.terms.count, locations: site.locations.terms.count, seconds: seconds)
    }

    /// Renders every page and writes it at once, on all cores; bodies are read, rendered and
    /// dropped one page at a time.
    static func render(_ site: Site, theme: Theme, into writer: SiteWriter) -> [Diagnostic] {
        let contexts = PageContexts(site: site, theme: theme)
        let unsafeHTML = site.config.unsafeHTML
        let pageProblems = site.pages.parallelMap { page -> [Diagnostic] in
            var content: String?
            let template: String
            switch page.kind {
            case .bulletin(let index):
                switch ContentLoader.body(of: site.bulletins[index].source) {
                case .success(let body): content = Markdown.html(body, unsafeHTML: unsafeHTML)
                case .failure(let problem): return [problem]
                }
                template = "bulletin"
            case .home: template = "home"
            case .terms: template = "terms"
            case .term: template = "term"
            case .notFound: template = "404"
            }
            guard let html = theme.render(contexts.context(for: page, content: content), template: template) else {
                return [Diagnostic("the theme has no template '\(template)'", at: nil)]
            }
            do throws(Diagnostics) {
                try writer.write(html.utf8, to: page.permalink.outputPath)
                return []
            } catch {
                return error.diagnostics
            }
        }
        var problems = pageProblems.flatMap { $0 }
        for file in theme.staticFiles {
            do throws(Diagnostics) {
                switch file.contents {
                case .bytes(let data): try writer.write(data, to: file.outputPath)
                case .file(let path):
                    guard let data = FileManager.default.contents(atPath: path) else {
                        problems.append(Diagnostic("cannot read static file", at: SourceLocation(path: path)))
                        continue
                    }
                    try writer.write(data, to: file.outputPath)
                }
            } catch {
                problems += error.diagnostics
            }
        }
        return problems
    }

    private static func join(_ prefix: String, _ path: String) -> String {
        prefix.isEmpty || prefix == "." ? path : prefix + "/" + path
    }
}

/// Stage durations, printed to stderr when NASHRA_TIMINGS is set: where a build spends its time.
struct StageClock {
    private var last = DispatchTime.now()
    private var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6))
        last = now
    }

    func report() {
        guard ProcessInfo.processInfo.environment["NASHRA_TIMINGS"] != nil else { return }
        let line = laps.map { String(format: "%@ %.1f ms", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data(("timings: " + line + "\n").utf8))
    }
}
