import Yams
import NashraCore

/// The two menus a site has: the header's navigation and the footer's links.
public enum MenuName: String, Sendable, CaseIterable {
    case header, footer
}

/// `menus:` in nashra.yaml: for each menu, its links in the order given. A link is a URL with a
/// name (`{name, url}`), or a page or section of the site named by its slug (`{page: about}`,
/// `{section: اقتصاد}`), which the planner turns into that page's URL and title.
public struct SiteMenus: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case url(String)
        case page(String)
        case section(String)
    }

    public struct Item: Sendable, Hashable {
        /// Nil for a page or section named without `name:`: its title is used.
        public var name: String?
        public var target: Target
        /// Where the item was written, to report a page that does not exist.
        public var location: SourceLocation
    }

    public var header: [Item] = []
    public var footer: [Item] = []

    public subscript(menu: MenuName) -> [Item] {
        get { menu == .header ? header : footer }
        set { if menu == .header { header = newValue } else { footer = newValue } }
    }

    static func parse(_ node: Node, yaml: YAMLMapping) -> (SiteMenus, [Diagnostic]) {
        var menus = SiteMenus()
        guard case .mapping(let mapping) = node else {
            return (menus, [Diagnostic("'menus' must be a mapping with 'header' and/or 'footer' lists", at: yaml.location(of: node))])
        }
        let section = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
        var problems = section.problems
        for (key, value, keyLocation) in section.entries {
            guard let menu = MenuName(rawValue: key) else {
                problems.append(Diagnostic("unknown key 'menus.\(key)'; known keys: header, footer", at: keyLocation))
                continue
            }
            guard case .sequence(let items) = value else {
                problems.append(Diagnostic("'menus.\(key)' must be a list of links", at: section.location(of: value)))
                continue
            }
            for item in items {
                let at = section.location(of: item)
                let name = item["name"]?.text?.trimmed()
                let named = name?.isEmpty == false ? name : nil
                if let page = item["page"]?.text?.trimmed(), !page.isEmpty {
                    menus[menu].append(Item(name: named, target: .page(Slug.make(page)), location: at))
                } else if let sectionName = item["section"]?.text?.trimmed(), !sectionName.isEmpty {
                    menus[menu].append(Item(name: named, target: .section(Slug.make(sectionName)), location: at))
                } else if let named, let urlNode = item["url"], urlNode.text?.isEmpty == false {
                    switch section.url(urlNode, key: "menus.\(key).url", as: .link) {
                    case .success(let url): menus[menu].append(Item(name: named, target: .url(url), location: at))
                    case .failure(let problem): problems.append(problem)
                    }
                } else {
                    problems.append(Diagnostic("each item of 'menus.\(key)' is {name, url}, {page: slug} or {section: name}", at: at))
                }
            }
        }
        return (menus, problems)
    }
}
