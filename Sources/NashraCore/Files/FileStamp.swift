import Foundation

/// What says a file is still the one seen before: its size and modification time in nanoseconds.
/// The build cache compares them instead of reading files again.
public struct FileStamp: Hashable, Sendable {
    public var size: Int
    public var modified: Int

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    public init(size: Int, modified: Int) {
        self.size = size
        self.modified = modified
    }

    public init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}
