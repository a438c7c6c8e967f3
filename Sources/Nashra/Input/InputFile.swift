import Foundation
import NashraCore

/// Reads one input file whole, safely: opened without blocking (a FIFO put in place of a checked
/// file would otherwise block forever), read only if it is a regular file, and only up to a size
/// limit taken from the open file's own stat, before any byte is read.
enum InputFile {
    static func read(_ path: String, display: String, limit: FileSize?) -> Result<[UInt8], Diagnostic> {
        let at = SourceLocation(path: display)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            return .failure(Diagnostic("cannot read the file: \(String(cString: strerror(errno)))", at: at))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(Diagnostic("cannot read the file: \(String(cString: strerror(errno)))", at: at))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Diagnostic("not a regular file; only regular files are read, so replace it with one or remove it", at: at))
        }
        let size = Int(info.st_size)
        if let limit, size > limit.bytes {
            return .failure(tooLarge(size: size, limit: limit, at: at))
        }
        guard let bytes = RawFile.read(descriptor: descriptor, size: size) else {
            return .failure(Diagnostic("cannot read the file: it changed while being read; build again", at: at))
        }
        return .success(bytes)
    }

    /// A file that may be missing (nil then), read like any input; a link must stay inside
    /// `boundary`. For `nashra.yaml`, which is read before the walks.
    static func readIfPresent(_ path: String, display: String, limit: FileSize?, boundary: InputBoundary) -> Result<[UInt8]?, Diagnostic> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .success(nil) }
        if (info.st_mode & S_IFMT) == S_IFLNK, case .failure(let problem) = boundary.resolveLink(at: path, display: display) {
            return .failure(problem)
        }
        return read(path, display: display, limit: limit).map { $0 }
    }

    static func tooLarge(size: Int, limit: FileSize, at location: SourceLocation) -> Diagnostic {
        Diagnostic("the file is \(FileSize(bytes: size)), over the limit of \(limit) per file; split it, or raise limits.fileSize in nashra.yaml",
                   at: location)
    }
}
