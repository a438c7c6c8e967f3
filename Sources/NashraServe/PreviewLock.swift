import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a second `nashra serve` off a site that one is already previewing: both would build into
/// the same `.nashra/serve/` and swap each other's output away. An exclusive `flock` on a file
/// beside the output folder, held as long as the process lives and released by the system when it
/// ends, even by a crash.
final class PreviewLock: Sendable {
    struct Taken: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32

    /// Takes the lock for `outputFolder`, or says who holds it.
    init(outputFolder: URL) throws {
        let folder = outputFolder.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(outputFolder.lastPathComponent + ".lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Taken(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw Taken(description: "another nashra serve\(holder.isEmpty ? "" : " (process \(holder))") is previewing this site; stop it or open its address")
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        close(descriptor)
    }
}
