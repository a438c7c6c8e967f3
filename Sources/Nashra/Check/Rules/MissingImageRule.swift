import NashraCore

/// An image in a body whose file is not there: neither a static file or page of the site at its
/// URL, nor (for a relative path) a file beside the bulletin. An error: the page would show a
/// broken image.
struct MissingImageRule: CheckRule {
    static let id = "missing-image"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.flatMap { bulletin in
            bulletin.references.filter { $0.kind == .image }.compactMap { image -> Diagnostic? in
                guard case .nowhere(let why) = context.links.image(image.destination, from: bulletin) else { return nil }
                return Diagnostic("image '\(image.destination)' is missing: \(why)", at: bulletin.location(inBody: image.position))
            }
        }
    }
}
