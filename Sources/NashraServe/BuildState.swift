import Foundation
import Nashra
import NashraCore

/// Where the preview stands after its latest build: which build it is, whether it failed, and
/// the site's root path (from `baseURL`: `/` or `/news/`), under which the output is served.
struct BuildState: Sendable {
    /// Counts finished builds, failed ones included: a page names the build it was served from.
    var generation: Int
    /// The errors of the latest build; empty when it succeeded.
    var problems: [Diagnostic]
    /// When the latest build finished: pages are as new as that, whatever their file dates say.
    var finishedAt: Date
    var rootPath: String
    /// Whether a build ever succeeded, so that there is a site to serve under the errors.
    var hasSite: Bool

    var failed: Bool { !problems.isEmpty }

    static let initial = BuildState(generation: 0, problems: [], finishedAt: Date(), rootPath: "/", hasSite: false)
}
