import Yams
import NashraCore

/// Where a page or section asks to appear in the site's menus, from its front matter:
/// `menu: footer`, or `menu: {menu: footer, weight: 2}` (lighter first, then by file path);
/// `menu: false` keeps a section out of the header menu it would otherwise be in.
public struct MenuPlacement: Sendable, Hashable {
    public var menu: MenuName
    public var weight: Int

    /// nil for `menu: false` (or `none`).
    static func parse(_ node: Node, yaml: YAMLMapping) -> Result<MenuPlacement?, Diagnostic> {
        let expected = "'menu' is header, footer, false, or a mapping such as {menu: footer, weight: 2}"
        switch node {
        case .scalar(let scalar):
            switch scalar.string.trimmed().lowercased() {
            case "false", "no", "off", "none": return .success(nil)
            case let name:
                guard let menu = MenuName(rawValue: name) else { return .failure(Diagnostic(expected, at: yaml.location(of: node))) }
                return .success(MenuPlacement(menu: menu, weight: 0))
            }
        case .mapping:
            guard let name = node["menu"]?.text, let menu = MenuName(rawValue: name.trimmed().lowercased()) else {
                return .failure(Diagnostic(expected, at: yaml.location(of: node)))
            }
            var weight = 0
            if let weightNode = node["weight"] {
                guard let value = weightNode.text.flatMap({ Int($0.trimmed()) }) else {
                    return .failure(Diagnostic("'menu.weight' must be a whole number", at: yaml.location(of: weightNode)))
                }
                weight = value
            }
            if case .mapping(let mapping) = node,
               let other = mapping.first(where: { $0.key.string != "menu" && $0.key.string != "weight" }) {
                return .failure(Diagnostic("unknown key 'menu.\(other.key.string ?? "")'; known keys: menu, weight", at: yaml.location(of: other.key)))
            }
            return .success(MenuPlacement(menu: menu, weight: weight))
        case .sequence:
            return .failure(Diagnostic(expected, at: yaml.location(of: node)))
        }
    }
}
