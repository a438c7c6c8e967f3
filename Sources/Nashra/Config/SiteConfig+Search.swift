import Foundation
import Yams
import NashraCore

extension SiteConfig {
    /// `search: false`, `search: true`, or `search: { exclude: [pattern, …] }`.
    static func parseSearch(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        let hint = "'search' must be true, false or a mapping such as search: { exclude: [\"opinion/*\"] }"
        switch node {
        case .scalar:
            switch yaml.flag(node, key: "search") {
            case .success(let flag):
                config.searchEnabled = flag
                return []
            case .failure: return [Diagnostic(hint, at: yaml.location(of: node))]
            }
        case .sequence: return [Diagnostic(hint, at: yaml.location(of: node))]
        case .mapping(let mapping):
            let section = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
            var problems = section.problems
            for (key, value, keyLocation) in section.entries {
                guard key == "exclude" else {
                    problems.append(Diagnostic("unknown key 'search.\(key)'; known keys: exclude", at: keyLocation))
                    continue
                }
                let list = section.textItems(value, key: "search.exclude", what: "path patterns such as opinion/*")
                problems += list.problems
                for (pattern, item) in list.items {
                    if pattern.isEmpty {
                        problems.append(Diagnostic("'search.exclude' has an empty pattern", at: section.location(of: item)))
                    } else {
                        config.searchExclude.append(pattern)
                    }
                }
            }
            return problems
        }
    }

    /// Whether the bulletin at `relativePath` (below the content folder) is left out of search.
    public func isExcludedFromSearch(_ relativePath: String) -> Bool {
        searchExclude.contains { fnmatch($0, relativePath, 0) == 0 }
    }
}
