/// One file of a built site: its path below the site folder (UTF-8, `/`-separated, never starting
/// with `/`), its size and the MD5 of its bytes, which is what S3 reports as the ETag of an object
/// uploaded in one part.
public struct SiteFile: Sendable, Hashable {
    public let path: String
    public let size: Int64
    /// Lowercase hexadecimal.
    public let md5: String

    public init(path: String, size: Int64, md5: String) {
        self.path = path
        self.size = size
        self.md5 = md5
    }

    public var role: FileRole { FileRole(path: path) }
}
