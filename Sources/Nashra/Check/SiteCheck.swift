import Foundation
import NashraCore

/// `nashra check`: a site loaded and planned exactly as a build would (the same stages, through
/// `Builder.plan`), every bulletin read afresh, and every rule run over it. Writes nothing: no
/// output folder, no staging folder, no cache.
public enum SiteCheck {
    /// The rules beyond what a build rejects, each a small type in `Rules/`.
    static let rules: [any CheckRule] = [
        BrokenLinkRule(), MissingImageRule(), MissingAltTextRule(), MissingLocationRule(), MissingTagsRule(),
        RepeatedTitleRule(), VisualOrderRule(), HeadingSpaceRule(), UnknownPlaceRule(),
    ]

    /// Checks the site `options` name (its output and cache folders are never touched).
    public static func run(_ options: BuildOptions) -> CheckReport {
        let planned = Builder.plan(options)
        // What a build rejects and what it warns about, under the same words.
        var findings = planned.problems.map { CheckFinding(rule: "build", $0) }
            + planned.content.warnings.map { CheckFinding(rule: "content", $0) }
            + (planned.editions.isEmpty ? planned.site?.warnings ?? [] : planned.editions.flatMap(\.warnings)).map { CheckFinding(rule: "plan", $0) }
        let (context, unreadable) = CheckContext.make(planned, contentFolder: options.contentFolder,
                                                      contentDisplay: Builder.contentDisplay(options))
        findings += unreadable.map { CheckFinding(rule: "build", $0) }
        for rule in rules {
            let id = type(of: rule).id
            findings += rule.check(context).map { CheckFinding(rule: id, $0) }
        }
        // A link the build warns about (a `ref` or `[…](x.md)` naming no bulletin) is said once,
        // by the rule that says why it goes nowhere.
        let brokenLinks = Set(findings.filter { $0.rule == BrokenLinkRule.id }.compactMap(\.diagnostic.location))
        findings.removeAll { $0.rule == "plan" && $0.diagnostic.location.map(brokenLinks.contains) == true }
        return CheckReport(findings, bulletins: planned.content.bulletins.count)
    }
}
