import Foundation

/// What became of an attempt to give a file a name that must not replace anything.
public enum NameClaim: Sendable, Equatable {
    /// The file now has the name (and, for a move, no longer its old one).
    case claimed
    /// Something else already has that name; try another.
    case taken
    case failed(reason: String)
}

extension RawFile {
    /// Gives the file at `source` the name `target`, never replacing a file already there (which
    /// `rename` would do): a hard link, which fails if the name exists, and where a file system has
    /// no hard links, an exclusive create that claims the name and a rename over that claim. With
    /// `keepingSource`, the source keeps its name too (its caller removes it later).
    public static func claim(_ target: String, for source: String, keepingSource: Bool = false) -> NameClaim {
        if link(source, target) == 0 {
            if !keepingSource { unlink(source) }
            return .claimed
        }
        if errno == EEXIST { return .taken }
        guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK || errno == EXDEV else {
            return .failed(reason: String(cString: strerror(errno)))
        }
        let claim = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if claim < 0 { return errno == EEXIST ? .taken : .failed(reason: String(cString: strerror(errno))) }
        close(claim)
        guard rename(source, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(target)
            return .failed(reason: reason)
        }
        return .claimed
    }
}
