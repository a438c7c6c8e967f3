import Foundation
import Yams
import NashraCore

/// The `deploy:` section of `nashra.yaml`: named targets, the one `nashra deploy` uses by default,
/// and cache rules shared by every target.
///
/// ```yaml
/// deploy:
///   default: production
///   cacheControl:
///     - { match: "*.html", value: "public, max-age=60" }
///   targets:
///     production: { to: "s3://news-site/ar", region: eu-central-1 }
///     mirror: { to: "deploy@mirror.example:/var/www/news" }
/// ```
/// Credentials never come from here: a key in this file ends up in version control.
public struct DeployConfig: Sendable, Equatable {
    public var targets: [String: TargetSettings] = [:]
    public var defaultTarget: String?
    public var cacheRules: [CachePolicy.Rule] = []

    public init() {}

    /// Reads the `deploy:` section of `nashra.yaml` (nil: the file has none), as the pipeline's
    /// one reader of that file parsed it; `path` is the file as messages name it.
    public init(section: Node?, path: String) throws {
        guard let section else { return }
        self = try ConfigReader(path: path).deployConfig(section)
    }

    /// The settings of the target called `name`, or of the default target: the one `default:`
    /// names, or the only one there is. Nil when the file names none.
    public func target(named name: String?) throws -> TargetSettings? {
        let chosen = name ?? defaultTarget ?? (targets.count == 1 ? targets.keys.first : nil)
        guard let chosen else { return nil }
        guard var settings = targets[chosen] else {
            throw DeployError.unknownTarget(chosen, known: targets.keys.sorted())
        }
        settings.name = chosen
        settings.cacheRules += cacheRules
        return settings
    }
}

/// Turns YAML nodes into settings, with the position of every bad value in its error.
private struct ConfigReader {
    let path: String

    func deployConfig(_ node: Node) throws -> DeployConfig {
        var config = DeployConfig()
        for (key, value) in try mapping(node, "deploy") {
            switch try name(of: key) {
            case "default": config.defaultTarget = try text(value, "deploy.default")
            case "cacheControl": config.cacheRules = try cacheRules(value, "deploy.cacheControl")
            case "targets":
                for (targetKey, targetValue) in try mapping(value, "deploy.targets") {
                    let target = try name(of: targetKey)
                    config.targets[target] = try settings(targetValue, "deploy.targets.\(target)")
                }
            case let other:
                throw failure(at: key, "unknown key 'deploy.\(other)'; known keys: default, targets, cacheControl")
            }
        }
        if let name = config.defaultTarget, config.targets[name] == nil {
            let known = config.targets.keys.sorted().joined(separator: ", ")
            throw failure(at: node, "deploy.default names '\(name)', which is not in deploy.targets (\(known.isEmpty ? "none" : known))")
        }
        return config
    }

    static let targetKeys = ["to", "region", "endpoint", "addressing", "cacheControl", "multipartThreshold",
                             "partSize", "jobs", "timeout", "attempts", "delete", "rsh"]

    func settings(_ node: Node, _ what: String) throws -> TargetSettings {
        if node.scalar != nil { return TargetSettings(destination: try text(node, what)) }
        var settings = TargetSettings()
        for (key, value) in try mapping(node, what) {
            let field = try name(of: key)
            let at = "\(what).\(field)"
            switch field {
            case "to": settings.destination = try text(value, at)
            case "region": settings.region = try text(value, at)
            case "endpoint": settings.endpoint = try text(value, at)
            case "addressing":
                let raw = try text(value, at)
                guard let addressing = S3Addressing(rawValue: raw) else {
                    throw failure(at: value, "'\(at)' must be path or virtual-host")
                }
                settings.addressing = addressing
            case "cacheControl": settings.cacheRules = try cacheRules(value, at)
            case "multipartThreshold": settings.multipartThreshold = try byteCount(value, at)
            case "partSize": settings.partSize = try byteCount(value, at)
            case "jobs": settings.jobs = Int(try integer(value, at, minimum: 1))
            case "attempts": settings.attempts = Int(try integer(value, at, minimum: 1))
            case "timeout":
                guard let seconds = Double(try text(value, at)), seconds > 0 else {
                    throw failure(at: value, "'\(at)' must be a number of seconds, such as 30")
                }
                settings.timeout = seconds
            case "delete":
                guard let flag = value.bool else { throw failure(at: value, "'\(at)' must be true or false") }
                settings.delete = flag
            case "rsh": settings.rsh = try text(value, at)
            default:
                throw failure(at: key, "unknown key '\(at)'; known keys: \(Self.targetKeys.joined(separator: ", "))")
            }
        }
        return settings
    }

    /// A list of `{match: GLOB, value: HEADER}`.
    func cacheRules(_ node: Node, _ what: String) throws -> [CachePolicy.Rule] {
        guard case .sequence(let list) = node else {
            throw failure(at: node, "'\(what)' must be a list of { match: \"*.html\", value: \"public, max-age=300\" }")
        }
        return try list.map { item in
            var match: String?
            var value: String?
            for (key, entry) in try mapping(item, what) {
                switch try name(of: key) {
                case "match": match = try text(entry, "\(what).match")
                case "value": value = try text(entry, "\(what).value")
                case let other: throw failure(at: key, "unknown key '\(other)' in \(what); a rule has match and value")
                }
            }
            guard let match, let value, !match.isEmpty, !value.isEmpty else {
                throw failure(at: item, "a rule of '\(what)' needs both match (a glob such as \"*.css\") and value (a Cache-Control header)")
            }
            guard !value.contains(where: { $0 == "\n" || $0 == "\r" }) else {
                throw failure(at: item, "a Cache-Control value must be one line")
            }
            return CachePolicy.Rule(.pattern(PathPattern(match)), value)
        }
    }

    /// `8388608`, `8MiB`, `8 MB`, `512KiB`: powers of 1024 either way, since part sizes are.
    func byteCount(_ node: Node, _ what: String) throws -> Int64 {
        let raw = try text(node, what).replacingOccurrences(of: " ", with: "")
        let digits = raw.prefix { $0.isNumber }
        let unit = raw.dropFirst(digits.count).lowercased()
        let factors: [String: Int64] = ["": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
                                        "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30]
        guard let number = Int64(digits), number > 0, let factor = factors[unit] else {
            throw failure(at: node, "'\(what)' must be a size such as 16MiB or 8388608")
        }
        return number * factor
    }

    func integer(_ node: Node, _ what: String, minimum: Int) throws -> Int {
        guard let value = node.int, value >= minimum else {
            throw failure(at: node, "'\(what)' must be a whole number of at least \(minimum)")
        }
        return value
    }

    func text(_ node: Node, _ what: String) throws -> String {
        guard let scalar = node.scalar else { throw failure(at: node, "'\(what)' must be a single value") }
        return scalar.string
    }

    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard case .mapping(let mapping) = node else { throw failure(at: node, "'\(what)' must be a mapping of keys to values") }
        var seen = Set<String>()
        for (key, _) in mapping {
            // Yams keeps the last of two equal keys silently; a typo'd duplicate should not pass.
            let name = try name(of: key)
            guard seen.insert(name).inserted else { throw failure(at: key, "'\(what)' has '\(name)' twice") }
        }
        return mapping
    }

    func name(of key: Node) throws -> String {
        guard let name = key.scalar?.string else { throw failure(at: key, "a key must be a plain name") }
        return name
    }

    func failure(at node: Node, _ message: String) -> DeployError {
        DeployError.config(Diagnostic(message, at: SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)))
    }
}
