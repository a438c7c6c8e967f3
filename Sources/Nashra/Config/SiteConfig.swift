import Foundation
import Yams
import NashraCore

/// The site's settings from `nashra.yaml`; every key is optional and the defaults make an Arabic,
/// right-to-left site.
public struct SiteConfig: Sendable {
    public struct Link: Sendable, Hashable {
        public var name: String
        public var url: String
    }

    public var title = "نشرة"
    public var description = ""
    /// Absolute URL of the site's root, always ending with `/`.
    public var baseURL = "http://localhost/" {
        // Every absolute URL of a build starts with these two: parse `baseURL` once, not per URL.
        didSet { (origin, rootPath) = Self.split(baseURL) }
    }
    /// `baseURL` without its path: `https://news.example`.
    public private(set) var origin = "http://localhost"
    /// The path part of `baseURL` (`/` or `/news/`): every URL in the site starts with it.
    public private(set) var rootPath = "/"
    public var language = "ar"
    public var timeZone = TimeZone(identifier: "Asia/Damascus")!
    public var theme = "default"
    public var paginate = 20
    public var permalink = PermalinkPattern.default
    public var dateStyle = DateStyle()
    public var unsafeHTML = false
    public var footer: [Link] = []
    /// `feeds:`: how many bulletins each feed carries, and the formats and content of the site's
    /// and the terms' feeds.
    public var feeds = FeedSettings()
    /// `menus:`: the header's and footer's links in the order given (`footer:` links come first
    /// in the footer).
    public var menus = SiteMenus()
    /// How many of the newest bulletins each feed carries.
    public var feedLimit: Int { feeds.limit }
    /// The publisher named in structured data and the news sitemap (default: the site's title),
    /// and its logo (a URL, absolute or below the site).
    /// URLs per sitemap file (the protocol's limit); a test may lower it to see the split.
    var urlsPerSitemap = 50_000
    public var publisherName: String?
    public var publisherLogo: String?
    /// The largest bulletin, template or theme.yaml a build reads (`limits.fileSize`).
    public var fileSizeLimit = FileSize.defaultLimit
    /// The most pixels a photo may have (`images.maxPixels`): a larger one is refused from its
    /// header, before it is decoded (a small file can claim a huge image and take the machine's memory).
    public var maxImagePixels = 50_000_000
    /// `deploy:` as written, for `nashra deploy`, which knows publishing targets.
    public var deploySection: ConfigSection?
    /// `import.boilerplate`: regular expressions for agency footer lines `nashra import` drops.
    public var importBoilerplate: [String] = []
    /// `taxonomies:`, the taxonomies with pages, as named (`tags`, `locations`, `categories`);
    /// nil: tags and locations, and categories when a bulletin has one.
    public var taxonomyNames: [String]?
    /// `gazetteer:`: whether locations and places in bodies resolve through the gazetteer. Nil when
    /// not given: then a `content/_data/places.yaml` turns it on, and a site without one is grouped
    /// by spelling exactly as before the gazetteer existed.
    public var gazetteer: Bool?
    /// `search`: false turns the search index and `/search/` off; `search.exclude` lists
    /// glob patterns (`fnmatch`) of content paths never indexed (`opinion/*`).
    public var searchEnabled = true
    public var searchExclude: [String] = []
    /// `languages:`: the site's editions, the default first; empty for a single-language site.
    public var editions: [Edition] = []
    /// The edition these settings plan and render (see `forEdition`); nil on a single-language site.
    public var edition: Edition?
    /// What every permalink of this edition starts with: `""` for the root, `/en` for `/en/`.
    public var pathPrefix: String { edition?.pathPrefix ?? "" }

    public init() {}

    public var direction: TextDirection { edition?.direction ?? TextDirection(language: language) }

    private static func split(_ baseURL: String) -> (origin: String, rootPath: String) {
        guard let components = URLComponents(string: baseURL) else { return ("", "/") }
        var origin = ""
        if let scheme = components.scheme, let host = components.host {
            origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        }
        let path = components.path.isEmpty ? "/" : components.path
        return (origin, path.hasSuffix("/") ? path : path + "/")
    }

    static let knownKeys = ["title", "description", "baseURL", "language", "timezone", "theme", "paginate",
                            "permalink", "dates", "markdown", "footer", "menus", "feeds", "publisher", "limits", "deploy", "import", "taxonomies", "gazetteer", "search", "images", "languages"]

    /// Reads `nashra.yaml`; every problem is reported, not only the first.
    public static func parse(_ text: String, path: String) -> Result<SiteConfig, Diagnostics> {
        let yaml: YAMLMapping
        switch YAMLMapping.parse(text, path: path, lineOffset: 0, what: "nashra.yaml") {
        case .success(let mapping): yaml = mapping
        case .failure(let problems): return .failure(problems)
        }
        var config = SiteConfig()
        var problems = yaml.problems
        func take<T>(_ result: Result<T, Diagnostic>, _ assign: (T) -> Void) {
            switch result {
            case .success(let value): assign(value)
            case .failure(let problem): problems.append(problem)
            }
        }
        var languagesNode: Node?
        for (key, node, keyLocation) in yaml.entries {
            let at = yaml.location(of: node)
            switch key {
            case "title": take(yaml.text(node, key: key)) { config.title = $0 }
            case "description": take(yaml.text(node, key: key)) { config.description = $0 }
            case "baseURL":
                take(yaml.url(node, key: key, as: .siteAddress)) { value in
                    if value.isEmpty {
                        problems.append(Diagnostic("'baseURL' must be an absolute http(s) URL such as https://news.example/", at: at))
                    } else {
                        config.baseURL = value.hasSuffix("/") ? value : value + "/"
                    }
                }
            case "language":
                take(yaml.text(node, key: key)) { value in
                    guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_" || $0.isNumber) }) else {
                        problems.append(Diagnostic("'language' must be a language code such as ar, fa or en", at: at))
                        return
                    }
                    config.language = value
                }
            case "timezone":
                take(yaml.text(node, key: key)) { value in
                    guard let zone = TimeZone(identifier: value) else {
                        problems.append(Diagnostic("'timezone' \(value) is not a time zone: use a name such as Asia/Damascus or UTC", at: at))
                        return
                    }
                    config.timeZone = zone
                }
            case "theme": take(yaml.text(node, key: key)) { config.theme = $0 }
            case "paginate": take(yaml.integer(node, key: key, minimum: 1)) { config.paginate = $0 }
            case "permalink":
                take(yaml.text(node, key: key)) { value in
                    switch PermalinkPattern.parse(value) {
                    case .success(let pattern): config.permalink = pattern
                    case .failure(let invalid): problems.append(Diagnostic(invalid.message, at: at))
                    }
                }
            case "dates": problems += parseDates(node, yaml: yaml, into: &config)
            case "markdown": problems += parseMarkdown(node, yaml: yaml, into: &config)
            case "footer": problems += parseFooter(node, yaml: yaml, into: &config)
            case "menus":
                let (menus, menuProblems) = SiteMenus.parse(node, yaml: yaml)
                config.menus = menus
                problems += menuProblems
            case "feeds": problems += parseFeeds(node, yaml: yaml, into: &config)
            case "publisher": problems += parsePublisher(node, yaml: yaml, into: &config)
            case "limits": problems += parseLimits(node, yaml: yaml, into: &config)
            case "images":
                problems += parseSection(node, yaml: yaml, section: "images", only: "maxPixels") { section, value in
                    section.integer(value, key: "images.maxPixels", minimum: 1).map { config.maxImagePixels = $0 }
                }
            case "deploy": config.deploySection = ConfigSection(node: node, path: path)
            case "import": problems += parseImport(node, yaml: yaml, into: &config)
            case "taxonomies":
                take(yaml.textList(node, key: key)) { names in
                    if let unknown = names.first(where: { !["tags", "locations", "categories"].contains($0) }) {
                        problems.append(Diagnostic("'taxonomies' has '\(unknown)'; Nashra's taxonomies are tags, locations and categories", at: at))
                    } else if !names.contains("tags") || !names.contains("locations") {
                        problems.append(Diagnostic("'taxonomies' must name tags and locations (every bulletin page links to them); add categories to give categories pages", at: at))
                    } else {
                        var seen: Set<String> = []
                        config.taxonomyNames = names.filter { seen.insert($0).inserted }
                    }
                }
            case "gazetteer": take(yaml.flag(node, key: key)) { config.gazetteer = $0 }
            case "search": problems += parseSearch(node, yaml: yaml, into: &config)
            case "languages":
                languagesNode = node
            default:
                problems.append(Diagnostic("unknown key '\(key)'; known keys: \(knownKeys.joined(separator: ", "))", at: keyLocation))
            }
        }
        // After `dates:`, which an edition's own dates start from.
        if let languagesNode {
            let (editions, editionProblems) = Edition.parse(languagesNode, yaml: yaml, siteDates: config.dateStyle)
            problems += editionProblems
            if editions.count > 1 {
                config.editions = editions
                config.language = editions[0].code
            } else if let only = editions.first {
                // One edition is a single-language site in that language.
                config.language = only.code
            }
        }
        return problems.isEmpty ? .success(config) : .failure(Diagnostics(problems))
    }

    private static func subMapping(_ node: Node, yaml: YAMLMapping, key: String) -> Result<YAMLMapping, Diagnostics> {
        guard case .mapping(let mapping) = node else {
            return .failure(Diagnostics([Diagnostic("'\(key)' must be a mapping", at: yaml.location(of: node))]))
        }
        return .success(YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset))
    }

    private static func parseDates(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        let dates: YAMLMapping
        switch subMapping(node, yaml: yaml, key: "dates") {
        case .success(let mapping): dates = mapping
        case .failure(let problems): return problems.diagnostics
        }
        var problems = dates.problems
        for (key, value, keyLocation) in dates.entries {
            let text = value.string ?? ""
            switch key {
            case "months":
                if let months = DateStyle.Months(rawValue: text) { config.dateStyle.months = months } else {
                    problems.append(Diagnostic("'dates.months' must be one of \(DateStyle.Months.allCases.map(\.rawValue).joined(separator: ", "))", at: yaml.location(of: value)))
                }
            case "digits":
                if let digits = DateStyle.Digits(rawValue: text) { config.dateStyle.digits = digits } else {
                    problems.append(Diagnostic("'dates.digits' must be one of \(DateStyle.Digits.allCases.map(\.rawValue).joined(separator: ", "))", at: yaml.location(of: value)))
                }
            default:
                problems.append(Diagnostic("unknown key 'dates.\(key)'; known keys: months, digits", at: keyLocation))
            }
        }
        return problems
    }

    private static func parseMarkdown(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        parseSection(node, yaml: yaml, section: "markdown", only: "unsafeHTML") { section, value in
            section.flag(value, key: "markdown.unsafeHTML").map { config.unsafeHTML = $0 }
        }
    }

    private static func parseFeeds(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        switch FeedSettings.parse(node, in: yaml) {
        case .success(let feeds):
            config.feeds = feeds
            return []
        case .failure(let problems): return problems.diagnostics
        }
    }

    private static func parseLimits(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        parseSection(node, yaml: yaml, section: "limits", only: "fileSize") { section, value in
            section.text(value, key: "limits.fileSize").flatMap { text in
                FileSize.parse(text).mapError { Diagnostic("'limits.fileSize' \($0.message)", at: section.location(of: value)) }
            }.map { config.fileSizeLimit = $0 }
        }
    }

    /// A section of `nashra.yaml` with a single key (`feeds: { limit: 20 }`): any other key is
    /// reported with the one it may have, and the key's value is read by `read`.
    private static func parseSection(_ node: Node, yaml: YAMLMapping, section name: String, only key: String,
                                     _ read: (YAMLMapping, Node) -> Result<Void, Diagnostic>) -> [Diagnostic] {
        let section: YAMLMapping
        switch subMapping(node, yaml: yaml, key: name) {
        case .success(let mapping): section = mapping
        case .failure(let problems): return problems.diagnostics
        }
        var problems = section.problems
        for (entry, value, keyLocation) in section.entries {
            guard entry == key else {
                problems.append(Diagnostic("unknown key '\(name).\(entry)'; known keys: \(key)", at: keyLocation))
                continue
            }
            if case .failure(let problem) = read(section, value) { problems.append(problem) }
        }
        return problems
    }

    private static func parsePublisher(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        let publisher: YAMLMapping
        switch subMapping(node, yaml: yaml, key: "publisher") {
        case .success(let mapping): publisher = mapping
        case .failure(let problems): return problems.diagnostics
        }
        var problems = publisher.problems
        for (key, value, keyLocation) in publisher.entries {
            switch key {
            case "name":
                switch publisher.text(value, key: "publisher.name") {
                case .success(let name): config.publisherName = name
                case .failure(let problem): problems.append(problem)
                }
            case "logo":
                switch publisher.url(value, key: "publisher.logo", as: .image) {
                case .success(let logo): config.publisherLogo = logo.isEmpty ? nil : logo
                case .failure(let problem): problems.append(problem)
                }
            default:
                problems.append(Diagnostic("unknown key 'publisher.\(key)'; known keys: name, logo", at: keyLocation))
            }
        }
        return problems
    }

    private static func parseFooter(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        guard case .sequence(let sequence) = node else {
            return [Diagnostic("'footer' must be a list of links, each with name and url", at: yaml.location(of: node))]
        }
        var problems: [Diagnostic] = []
        for item in sequence {
            guard let name = item["name"]?.text, let urlNode = item["url"], !name.isEmpty, urlNode.text?.isEmpty == false else {
                problems.append(Diagnostic("each footer link needs 'name' and 'url'", at: yaml.location(of: item)))
                continue
            }
            switch yaml.url(urlNode, key: "footer.url", as: .link) {
            case .success(let url): config.footer.append(Link(name: name, url: url))
            case .failure(let problem): problems.append(problem)
            }
        }
        return problems
    }
}
