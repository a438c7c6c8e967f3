import NashraCore

/// One problem `nashra check` reports: where and what (a `Diagnostic`), and the rule that found it.
public struct CheckFinding: Sendable, Hashable {
    /// A short, stable name for editors and CI (`broken-link`, `missing-alt`); `build` for what a
    /// build itself rejects, `content` and `plan` for the warnings a build prints.
    public var rule: String
    public var diagnostic: Diagnostic

    public init(rule: String, _ diagnostic: Diagnostic) {
        self.rule = rule
        self.diagnostic = diagnostic
    }
}
