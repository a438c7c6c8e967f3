import NashraCore

/// An image in a body written `![](photo.jpg)`: readers who cannot see it (and search engines)
/// get nothing.
struct MissingAltTextRule: CheckRule {
    static let id = "missing-alt"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.flatMap { bulletin in
            bulletin.references.filter { $0.kind == .image && $0.text.trimmed().isEmpty }.map { image in
                Diagnostic("image '\(image.destination)' has no alt text: describe it between the brackets, "
                           + "![what the photograph shows](\(image.destination))",
                           at: bulletin.location(inBody: image.position), severity: .warning)
            }
        }
    }
}
