/// How to deploy to one target: where to, and the settings of that kind of target. Every field is
/// optional; a command-line option overrides the same setting from `nashra.yaml`.
public struct TargetSettings: Sendable, Equatable {
    /// The target's name in `nashra.yaml`, if it came from there.
    public var name: String?
    /// `s3://bucket/prefix`, a folder, `user@host:/path`, `rsync:/path` or `git:repository#branch`.
    public var destination: String?
    /// S3: the region requests are signed for (else `AWS_REGION`, `AWS_DEFAULT_REGION`, `us-east-1`).
    public var region: String?
    /// S3: the service's URL, for S3-compatible storage (MinIO, R2, Ceph…); AWS's own by default.
    public var endpoint: String?
    /// S3: bucket in the path (`https://host/bucket/key`) or in the host name (`https://bucket.host/key`).
    public var addressing: S3Addressing?
    /// S3: rules for `Cache-Control`, before the defaults.
    public var cacheRules: [CachePolicy.Rule] = []
    /// S3: files at least this large go up in parts.
    public var multipartThreshold: Int64?
    /// S3: the size of each part (AWS requires at least 5 MiB for every part but the last).
    public var partSize: Int64?
    /// S3: how many uploads run at once.
    public var jobs: Int?
    /// S3: seconds a request may take before it is retried.
    public var timeout: Double?
    /// S3: how many times a request is tried before the deploy fails.
    public var attempts: Int?
    /// False to keep remote files the site no longer has.
    public var delete: Bool?
    /// rsync: the remote shell (`ssh -p 2222 -i ~/.ssh/deploy`), passed as `--rsh`.
    public var rsh: String?

    public init(destination: String? = nil) {
        self.destination = destination
    }

    /// These settings with every setting `other` has replacing this one's. Cache rules add up,
    /// `other`'s first.
    public func overridden(by other: TargetSettings) -> TargetSettings {
        var merged = self
        merged.name = other.name ?? name
        merged.destination = other.destination ?? destination
        merged.region = other.region ?? region
        merged.endpoint = other.endpoint ?? endpoint
        merged.addressing = other.addressing ?? addressing
        merged.cacheRules = other.cacheRules + cacheRules
        merged.multipartThreshold = other.multipartThreshold ?? multipartThreshold
        merged.partSize = other.partSize ?? partSize
        merged.jobs = other.jobs ?? jobs
        merged.timeout = other.timeout ?? timeout
        merged.attempts = other.attempts ?? attempts
        merged.delete = other.delete ?? delete
        merged.rsh = other.rsh ?? rsh
        return merged
    }
}

/// Where the bucket's name goes in a request's URL.
public enum S3Addressing: String, Sendable, CaseIterable {
    /// `https://endpoint/bucket/key`: what most S3-compatible servers expect.
    case path
    /// `https://bucket.endpoint/key`: what AWS prefers.
    case virtualHost = "virtual-host"
}
