import NashraCore

/// One thing `nashra check` looks for beyond what a build rejects. Each rule is a small type in
/// `Check/Rules/`; `SiteCheck.rules` lists them.
protocol CheckRule: Sendable {
    /// A short, stable name for editors and CI: `broken-link`.
    static var id: String { get }
    /// Every place in the site that breaks the rule, with its severity.
    func check(_ context: CheckContext) -> [Diagnostic]
}
