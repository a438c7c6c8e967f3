import NashraCore
import Yams

/// `content/_data/tags.yaml`: tags that are one tag whatever the spelling, named per language.
///
/// ```yaml
/// energy:
///   names: {ar: طاقة, en: energy}
///   aliases: [الطاقة, Energy]
/// ```
/// A spelling given to two tags is an error at its line.
public struct TagAliases: Sendable {
    public struct Tag: Sendable, Hashable {
        public var id: String
        public var names: [String: String]
        public var aliases: [String]

        public func name(in language: String) -> String {
            let primary = String(language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
            return names[language] ?? names[primary] ?? names["en"] ?? names["ar"] ?? names.values.sorted().first ?? id
        }
    }

    public private(set) var tags: [String: Tag] = [:]
    private var index: [String: String] = [:]

    public static let empty = TagAliases()

    public init(tags: [Tag] = []) {
        for tag in tags {
            self.tags[tag.id] = tag
            for spelling in [tag.id] + tag.names.keys.sorted().compactMap({ tag.names[$0] }) + tag.aliases {
                let key = PlaceName.key(spelling)
                if !key.isEmpty, index[key] == nil { index[key] = tag.id }
            }
        }
    }

    /// The tag a spelling names, if the file gives it.
    public func resolve(_ spelling: String) -> Tag? {
        index[PlaceName.key(spelling)].flatMap { tags[$0] }
    }

    public var isEmpty: Bool { tags.isEmpty }

    public static func parse(_ text: String, path: String) -> Result<TagAliases, Diagnostics> {
        let yaml: YAMLMapping
        switch YAMLMapping.parse(text, path: path, lineOffset: 0, what: "tags.yaml") {
        case .success(let mapping): yaml = mapping
        case .failure(let problems): return .failure(problems)
        }
        var problems = yaml.problems
        var claims = NameClaims(what: "tag")
        var tags: [Tag] = []
        for (key, node, keyLocation) in yaml.entries {
            guard case .mapping(let mapping) = node else {
                problems.append(Diagnostic("tag '\(key)' must be a mapping (names, aliases)", at: keyLocation))
                continue
            }
            var tag = Tag(id: key, names: [:], aliases: [])
            problems += claims.claim(key, by: key, label: key, at: keyLocation)
            let fields = YAMLMapping.reading(mapping, path: path, lineOffset: 0)
            problems += fields.problems
            for (field, value, fieldLocation) in fields.entries {
                switch field {
                case "names":
                    guard case .mapping(let names) = value else {
                        problems.append(Diagnostic("'names' must be a mapping of language → name (ar: طاقة)", at: fields.location(of: value)))
                        continue
                    }
                    let languages = YAMLMapping.reading(names, path: path, lineOffset: 0)
                    problems += languages.problems
                    for (language, nameNode, _) in languages.entries {
                        guard let name = nameNode.text?.trimmed(), !name.isEmpty else {
                            problems.append(Diagnostic("the '\(language)' name must be text", at: languages.location(of: nameNode)))
                            continue
                        }
                        tag.names[language] = name
                        problems += claims.claim(name, by: key, label: key, at: languages.location(of: nameNode))
                    }
                case "aliases":
                    switch fields.textList(value, key: field) {
                    case .success(let aliases):
                        tag.aliases = aliases
                        let items: [Node] = if case .sequence(let sequence) = value { Array(sequence) } else { [] }
                        for (number, alias) in aliases.enumerated() {
                            let at = number < items.count ? fields.location(of: items[number]) : fields.location(of: value)
                            problems += claims.claim(alias, by: key, label: key, at: at)
                        }
                    case .failure(let problem): problems.append(problem)
                    }
                default:
                    problems.append(Diagnostic("unknown key '\(field)'; known keys: names, aliases", at: fieldLocation))
                }
            }
            tags.append(tag)
        }
        return problems.isEmpty ? .success(TagAliases(tags: tags)) : .failure(Diagnostics(problems))
    }
}
