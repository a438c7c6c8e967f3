import Foundation
import NashraCore

/// A wire desk's drop folder (`nashra import --watch inbox/`): which of the files in it are
/// complete and may be imported, and where each goes afterwards (`done/`, `failed/`).
///
/// It only decides; the command lists the folder, imports and moves. Taking a file needs no
/// cooperation from the writer: a file is complete once its size and modification time have
/// stayed the same for `settle` (an agency's client writing in bursts, an `scp` still running),
/// or when it was already that old at first sight (renamed in from elsewhere, or there before).
public struct DropFolder: Sendable {
    /// What a look at a file keeps: enough to see that a writer is still at it.
    public struct Stamp: Sendable, Equatable {
        public var size: Int64
        public var modified: Date
        public init(size: Int64, modified: Date) {
            self.size = size
            self.modified = modified
        }
    }

    /// Where taken files go, below the drop folder; never watched themselves.
    public static let doneFolder = "done"
    public static let failedFolder = "failed"

    public let settle: TimeInterval
    /// Each file seen and not yet taken: its last stamp, and since when it has had it.
    private var seen: [String: (stamp: Stamp, since: Date)] = [:]
    /// Files handed out and still in the folder (a move that failed): not handed out again
    /// unless they change.
    private var taken: [String: Stamp] = [:]

    public init(settle: TimeInterval = 0.3) {
        self.settle = settle
    }

    /// Names that are not copy: hidden files (`.DS_Store`, an editor's lock) and the names
    /// downloads and copies have while still under way, which are renamed when complete.
    public static func isIgnored(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasSuffix("~") || name == doneFolder || name == failedFolder
            || [".part", ".tmp", ".crdownload", ".partial"].contains(where: lower.hasSuffix)
    }

    /// Given the folder's files now (name → stamp), the names that are complete, in order;
    /// each is handed out once.
    public mutating func complete(in listing: [String: Stamp], at now: Date) -> [String] {
        for name in seen.keys where listing[name] == nil { seen[name] = nil }
        for name in taken.keys where listing[name] != taken[name] { taken[name] = nil }
        var ready: [String] = []
        for (name, stamp) in listing where !Self.isIgnored(name) && taken[name] == nil {
            if let previous = seen[name], previous.stamp == stamp {
                if now.timeIntervalSince(previous.since) >= settle { ready.append(name) }
                continue
            }
            // First sight of this size and time. A modification time already `settle` old says the
            // file has been still for that long (renamed in, or there before the watch began); a
            // time in the future (another machine's clock, on a shared folder) counts from now.
            let since = min(now, stamp.modified)
            seen[name] = (stamp, since)
            if now.timeIntervalSince(since) >= settle { ready.append(name) }
        }
        for name in ready {
            taken[name] = seen[name]?.stamp
            seen[name] = nil
        }
        return ready.sorted()
    }

    /// The regular files directly in `folder`, stamped; folders (`done/`, `failed/`) and
    /// anything else are left out.
    public static func listing(of folder: String) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return result }
        for name in names where !isIgnored(name) {
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
            result[name] = Stamp(size: Int64(info.st_size), modified: modified)
        }
        return result
    }

    /// `name` with a number before its extension, for the `number`th file of that name:
    /// `wire.txt`, `wire-2.txt`, `wire-3.txt`; `story` → `story-2`.
    public static func numberedName(_ name: String, _ number: Int) -> String {
        guard number > 1 else { return name }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        guard let dot else { return "\(name)-\(number)" }
        return "\(name[..<dot])-\(number)\(name[dot...])"
    }

    /// Moves the file at `path` into `folder` (made if missing) under its own name, or a numbered
    /// one if that is taken; returns the name it got.
    ///
    /// Never over a file of the same name already there (yesterday's `wire.txt`): see `RawFile.claim`.
    public static func move(_ path: String, into folder: String) -> Result<String, InvalidValue> {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return .failure(InvalidValue("cannot create \(folder): \(error.localizedDescription)"))
        }
        let name = (path as NSString).lastPathComponent
        for number in 1...1000 {
            let candidate = numberedName(name, number)
            let target = folder + "/" + candidate
            switch RawFile.claim(target, for: path) {
            case .claimed: return .success(candidate)
            case .taken: continue
            case .failed(let reason): return .failure(InvalidValue("cannot move \(path) to \(folder): \(reason)"))
            }
        }
        return .failure(InvalidValue("\(name) and a thousand numbered names are taken in \(folder)"))
    }
}
