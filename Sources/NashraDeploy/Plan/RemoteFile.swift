/// A file a target holds now, by its site path. `size` is nil when the target does not say;
/// `fingerprint` (an MD5 or S3 ETag) is nil when the target already knows the file differs from the
/// site's, so nothing need be compared.
public struct RemoteFile: Sendable, Hashable {
    public let path: String
    public let size: Int64?
    public let fingerprint: String?

    public init(path: String, size: Int64?, fingerprint: String?) {
        self.path = path
        self.size = size
        self.fingerprint = fingerprint
    }
}
