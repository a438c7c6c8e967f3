import Foundation
import Yams
import NashraCore

extension SiteConfig {
    /// `import: { boilerplate: [pattern, …] }`. Each pattern is compiled here, so a typo in a
    /// regular expression is reported at its line when the site is read, not mid-import.
    static func parseImport(_ node: Node, yaml: YAMLMapping, into config: inout SiteConfig) -> [Diagnostic] {
        guard case .mapping(let mapping) = node else {
            return [Diagnostic("'import' must be a mapping, e.g. import: { boilerplate: [\"^تابعونا\"] }", at: yaml.location(of: node))]
        }
        let section = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
        var problems = section.problems
        for (key, value, keyLocation) in section.entries {
            guard key == "boilerplate" else {
                problems.append(Diagnostic("unknown key 'import.\(key)'; known keys: boilerplate", at: keyLocation))
                continue
            }
            let list = section.textItems(value, key: "import.boilerplate", what: "regular expressions")
            problems += list.problems
            for (pattern, item) in list.items {
                // Compiled as the importer compiles it (case-insensitive ICU), to be refused here.
                do {
                    _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                    config.importBoilerplate.append(pattern)
                } catch {
                    problems.append(Diagnostic("'import.boilerplate' pattern \(pattern) is not a regular expression (ICU syntax): "
                                               + error.localizedDescription, at: section.location(of: item)))
                }
            }
        }
        return problems
    }
}
