import Yams
import NashraCore

/// The three feed formats a scope may get, and their file names.
public enum FeedFormat: String, Sendable, CaseIterable {
    case rss, atom, json

    public var fileName: String {
        switch self {
        case .rss: "index.xml"
        case .atom: "atom.xml"
        case .json: "feed.json"
        }
    }

    public var mediaType: String {
        switch self {
        case .rss: "application/rss+xml"
        case .atom: "application/atom+xml"
        case .json: "application/feed+json"
        }
    }
}

/// What a feed's items carry: the bulletin's whole body, or its summary and a link.
public enum FeedContent: String, Sendable, CaseIterable {
    case full, summary
}

/// The formats and content of one kind of feed (the site's, or every term's).
public struct FeedPolicy: Sendable, Hashable {
    public var formats: [FeedFormat]
    public var content: FeedContent

    public init(formats: [FeedFormat] = FeedFormat.allCases, content: FeedContent) {
        self.formats = formats
        self.content = content
    }
}

/// `feeds:` in nashra.yaml. The site's feeds carry full text; a tag's or a location's carry the
/// summary and a link by default: readers subscribe to a term to be told, and full text in every
/// term feed was a third of a large site's bytes. An agency that syndicates full text per term
/// sets `terms: { content: full }`.
public struct FeedSettings: Sendable, Hashable {
    /// How many of the newest bulletins each feed carries.
    public var limit = 20
    public var site = FeedPolicy(content: .full)
    public var terms = FeedPolicy(content: .summary)

    public init() {}

    static let knownKeys = ["limit", "site", "terms"]

    /// Reads `feeds:`; each problem at its position.
    static func parse(_ node: Node, in yaml: YAMLMapping) -> Result<FeedSettings, Diagnostics> {
        guard case .mapping(let mapping) = node else {
            return .failure(Diagnostics([Diagnostic("'feeds' must be a mapping (limit, site, terms)", at: yaml.location(of: node))]))
        }
        let feeds = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
        var settings = FeedSettings()
        var problems = feeds.problems
        for (key, value, keyLocation) in feeds.entries {
            switch key {
            case "limit":
                switch feeds.integer(value, key: "feeds.limit", minimum: 1) {
                case .success(let limit): settings.limit = limit
                case .failure(let problem): problems.append(problem)
                }
            case "site", "terms":
                let current = key == "site" ? settings.site : settings.terms
                switch policy(value, key: "feeds." + key, in: feeds, default: current) {
                case .success(let policy): if key == "site" { settings.site = policy } else { settings.terms = policy }
                case .failure(let failure): problems += failure.diagnostics
                }
            default:
                problems.append(Diagnostic("unknown key 'feeds.\(key)'; known keys: \(knownKeys.joined(separator: ", "))", at: keyLocation))
            }
        }
        return problems.isEmpty ? .success(settings) : .failure(Diagnostics(problems))
    }

    private static func policy(_ node: Node, key: String, in yaml: YAMLMapping, default current: FeedPolicy) -> Result<FeedPolicy, Diagnostics> {
        guard case .mapping(let mapping) = node else {
            return .failure(Diagnostics([Diagnostic("'\(key)' must be a mapping (formats, content)", at: yaml.location(of: node))]))
        }
        let section = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
        var policy = current
        var problems = section.problems
        for (entry, value, keyLocation) in section.entries {
            switch entry {
            case "formats":
                switch section.textList(value, key: "\(key).formats") {
                case .success(let names):
                    var formats: [FeedFormat] = []
                    for name in names {
                        if let format = FeedFormat(rawValue: name.lowercased()) {
                            if !formats.contains(format) { formats.append(format) }
                        } else {
                            // At the item when the list is a YAML sequence, else at the text.
                            var at = value
                            if case .sequence(let items) = value, let item = items.first(where: { $0.string?.trimmed() == name }) { at = item }
                            problems.append(Diagnostic("'\(key).formats' has '\(name)'; formats are \(FeedFormat.allCases.map(\.rawValue).joined(separator: ", "))", at: section.location(of: at)))
                        }
                    }
                    policy.formats = formats
                case .failure(let problem): problems.append(problem)
                }
            case "content":
                if let content = value.string.flatMap(FeedContent.init(rawValue:)) { policy.content = content } else {
                    problems.append(Diagnostic("'\(key).content' must be one of \(FeedContent.allCases.map(\.rawValue).joined(separator: ", "))", at: section.location(of: value)))
                }
            default:
                problems.append(Diagnostic("unknown key '\(key).\(entry)'; known keys: formats, content", at: keyLocation))
            }
        }
        return problems.isEmpty ? .success(policy) : .failure(Diagnostics(problems))
    }
}
