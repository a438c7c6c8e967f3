import Foundation

/// One deploy as asked for: which built folder, where to, and how carefully.
public struct DeployRequest: Sendable {
    /// The output folder of `nashra build`.
    public var site: URL
    public var destination: Destination
    public var settings: TargetSettings
    /// Plan and print, change nothing.
    public var dryRun = false
    /// Proceed where a safety check would refuse: an empty site over a full target, a folder
    /// that nashra deploy did not fill.
    public var force = false
    /// S3 only: where credentials come from (the process environment by default).
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init(site: URL, destination: Destination, settings: TargetSettings = TargetSettings()) {
        self.site = site
        self.destination = destination
        self.settings = settings
    }

    /// Whether remote files the site no longer has are deleted (`--no-delete`, `delete: false`).
    public var deletes: Bool { settings.delete ?? true }
}
