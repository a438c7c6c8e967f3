import Yams
import NashraCore

/// A section's `_index.md` (Hugo's branch-bundle convention): a first-level folder of `content/`
/// that has one is a news section (سياسة، اقتصاد، رياضة) with its own front page and feeds; a
/// folder without one stays a plain folder. The file is never a bulletin: it names the section,
/// describes it, and places it in the menus (the header, unless `menu:` says otherwise).
public struct SectionIndex: Sendable {
    public var source: SourceFile
    /// The folder under `content/` (NFC), whose slug is the section's URL.
    public var folder: String
    /// `title:`, else the folder's name.
    public var title: String
    public var description: String
    /// nil for `menu: false`.
    public var menu: MenuPlacement?
    public var warnings: [Diagnostic] = []

    static let knownKeys: Set<String> = ["title", "description", "menu"]

    static func read(yaml: YAMLMapping?, source: SourceFile, folder: String) -> Result<SectionIndex, Diagnostics> {
        var index = SectionIndex(source: source, folder: folder, title: folder, description: "",
                                 menu: MenuPlacement(menu: .header, weight: 0))
        guard let yaml else { return .success(index) }
        var problems = yaml.problems
        for (key, node, keyLocation) in yaml.entries {
            switch key {
            case "title":
                switch yaml.text(node, key: key) {
                case .success(let value) where !value.trimmed().isEmpty: index.title = value.trimmed()
                case .success: problems.append(Diagnostic("'title' is empty", at: yaml.location(of: node)))
                case .failure(let problem): problems.append(problem)
                }
            case "description":
                switch yaml.text(node, key: key) {
                case .success(let value): index.description = value.trimmed()
                case .failure(let problem): problems.append(problem)
                }
            case "menu":
                switch MenuPlacement.parse(node, yaml: yaml) {
                case .success(let placement): index.menu = placement
                case .failure(let problem): problems.append(problem)
                }
            default:
                index.warnings.append(Diagnostic("'\(key)' is not used in a section's _index.md and is ignored; it takes title, description, menu",
                                                 at: keyLocation, severity: .warning))
            }
        }
        return problems.isEmpty ? .success(index) : .failure(Diagnostics(problems))
    }
}
