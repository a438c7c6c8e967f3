import NashraCore

/// A Markdown link in a body to a page of this site or a bulletin's `.md` file that is not there:
/// an error, since the built page would link to nothing. A link to a bulletin this build does not
/// publish (a draft, one dated in the future) is a warning.
struct BrokenLinkRule: CheckRule {
    static let id = "broken-link"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.flatMap { bulletin in
            bulletin.references.filter { $0.kind == .link }.compactMap { link -> Diagnostic? in
                let at = bulletin.location(inBody: link.position)
                switch context.links.link(link.destination, from: bulletin) {
                case .unchecked, .found: return nil
                case .nowhere(let why):
                    return Diagnostic("link to '\(link.destination)' goes nowhere: \(why)", at: at)
                case .unpublished(let path):
                    return Diagnostic("link to '\(link.destination)' leads to \(path), which this build does not publish "
                                      + "(a draft, or dated in the future, or expired)", at: at, severity: .warning)
                }
            }
        }
    }
}
