import NashraCore

extension SitePlanner {
    /// The sections: one per first-level folder with an `_index.md`, and one per name given by
    /// `section:` that no folder has; each bulletin is in the one its `section:` names (matched by
    /// slug), else in its folder's if that folder is a section. Sorted by slug.
    static func sections(_ indexes: [SectionIndex], bulletins: [Bulletin]) -> (sections: [Section], membership: [Int?], problems: [Diagnostic]) {
        var sections: [Section] = []
        var bySlug: [PathKey: Int] = [:]
        var problems: [Diagnostic] = []
        for index in indexes.sorted(by: { $0.source.relativePath < $1.source.relativePath }) {
            let slug = Slug.make(index.folder)
            guard !slug.isEmpty else {
                problems.append(Diagnostic("the folder name '\(index.folder)' has no letters or digits to make the section's URL from",
                                           at: SourceLocation(path: index.source.displayPath)))
                continue
            }
            bySlug[PathKey(slug)] = sections.count
            sections.append(Section(name: index.title, slug: slug, description: index.description, index: index, menu: index.menu))
        }
        var folderSections: [PathKey: Int] = [:]
        for index in sections.indices { if let folder = sections[index].index?.folder { folderSections[PathKey(folder)] = index } }
        var membership: [Int?] = []
        membership.reserveCapacity(bulletins.count)
        // A section name is repeated by many bulletins: its slug is made once.
        var slugOfName: [PathKey: String] = [:]
        for (position, bulletin) in bulletins.enumerated() {
            var section: Int?
            if let name = bulletin.sectionName {
                let slug = slugOfName[PathKey(name)] ?? {
                    let made = Slug.make(name)
                    slugOfName[PathKey(name)] = made
                    return made
                }()
                if let known = bySlug[PathKey(slug)] {
                    section = known
                } else if !slug.isEmpty {
                    bySlug[PathKey(slug)] = sections.count
                    section = sections.count
                    sections.append(Section(name: name, slug: slug, description: "", index: nil, menu: MenuPlacement(menu: .header, weight: 0)))
                }
            } else if !folderSections.isEmpty, !bulletin.section.isEmpty {
                section = folderSections[PathKey(bulletin.section)]
            }
            if let section { sections[section].bulletins.append(position) }
            membership.append(section)
        }
        // Sorted by slug, so that adding a section never reorders the others' pages.
        let order = sections.indices.sorted { sections[$0].slug < sections[$1].slug }
        var newIndex = [Int](repeating: 0, count: sections.count)
        for (new, old) in order.enumerated() { newIndex[old] = new }
        return (order.map { sections[$0] }, membership.map { $0.map { newIndex[$0] } }, problems)
    }

    /// A menu's entries: for the footer, `footer:` first; then `menus.<name>` of nashra.yaml in
    /// the order given; then the pages and sections whose front matter places them there, by
    /// weight, then by file path (those already named in nashra.yaml are not repeated).
    static func menu(_ name: MenuName, config: SiteConfig, pages: [StandingPage], sections: [Section]) -> ([MenuEntry], [Diagnostic]) {
        var entries: [MenuEntry] = []
        var problems: [Diagnostic] = []
        if name == .footer {
            entries += config.footer.map { MenuEntry(name: $0.name, target: .url($0.url)) }
        }
        let pageBySlug = Dictionary(pages.indices.map { (PathKey(pages[$0].slug), $0) }) { first, _ in first }
        let sectionBySlug = Dictionary(uniqueKeysWithValues: sections.indices.map { (PathKey(sections[$0].slug), $0) })
        for item in config.menus[name] {
            switch item.target {
            case .url(let url):
                entries.append(MenuEntry(name: item.name ?? url, target: .url(url)))
            case .page(let slug):
                if let page = pageBySlug[PathKey(slug)] {
                    entries.append(MenuEntry(name: item.name ?? pages[page].title, target: .page(page)))
                } else if let section = sectionBySlug[PathKey(slug)] {
                    entries.append(MenuEntry(name: item.name ?? sections[section].name, target: .section(section)))
                } else {
                    problems.append(Diagnostic("menus.\(name.rawValue): no page has the slug '\(slug)'", at: item.location))
                }
            case .section(let slug):
                if let section = sectionBySlug[PathKey(slug)] {
                    entries.append(MenuEntry(name: item.name ?? sections[section].name, target: .section(section)))
                } else {
                    problems.append(Diagnostic("menus.\(name.rawValue): no section has the slug '\(slug)'", at: item.location))
                }
            }
        }
        let named = Set(entries.map(\.target))
        var placed: [(weight: Int, path: String, entry: MenuEntry)] = []
        for (index, page) in pages.enumerated() where page.menu?.menu == name && !named.contains(.page(index)) {
            placed.append((page.menu!.weight, page.source.relativePath, MenuEntry(name: page.title, target: .page(index))))
        }
        for (index, section) in sections.enumerated() where section.menu?.menu == name && !named.contains(.section(index)) {
            placed.append((section.menu!.weight, section.index?.source.relativePath ?? section.slug, MenuEntry(name: section.name, target: .section(index))))
        }
        placed.sort { $0.weight != $1.weight ? $0.weight < $1.weight : $0.path < $1.path }
        return (entries + placed.map(\.entry), problems)
    }
}
