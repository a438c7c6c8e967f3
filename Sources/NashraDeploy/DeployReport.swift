import Foundation

/// What a deploy did (or, for a dry run, would do).
public struct DeployReport: Sendable {
    public let target: String
    public let plan: DeployPlan
    public let dryRun: Bool
    public let seconds: Double

    public var uploaded: Int { plan.uploads.count }
    public var deleted: Int { plan.deletions.count }
    public var unchanged: Int { plan.unchanged }
    public var bytes: Int64 { plan.uploadBytes }

    /// One line, as `nashra deploy` ends.
    public var summary: String {
        let kept = plan.kept > 0 ? ", \(plan.kept) kept (--no-delete)" : ""
        let time = String(format: "%.2f", seconds)
        if dryRun {
            return "plan for \(target): \(uploaded) to upload (\(ByteCountFormat.string(bytes))), \(deleted) to delete, "
                + "\(unchanged) unchanged\(kept); nothing was changed (--dry-run)"
        }
        return "deployed to \(target): \(uploaded) uploaded (\(ByteCountFormat.string(bytes))), \(deleted) deleted, "
            + "\(unchanged) unchanged\(kept) in \(time) s"
    }
}
