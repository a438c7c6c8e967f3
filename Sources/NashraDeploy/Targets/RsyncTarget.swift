import Foundation

/// A folder reached with the system's rsync: `user@host:/path` over SSH, or a local path. The two
/// differ only in the destination argument, so the local form tests everything the remote one does.
///
/// rsync compares by checksum on the far side (`--checksum`), so the inventory is rsync's own dry
/// run; the uploads then name their files (`--files-from`) so that assets, pages and feeds still go
/// up in that order, and deleting is a last run that transfers nothing.
struct RsyncTarget: DeployTarget {
    let destination: String
    var rsh: String?

    /// Site files rsync must neither send nor delete on the far side (BuiltSite's private names).
    static let excluded = ["--exclude=/\(BuiltSite.manifestName)", "--exclude=/\(BuiltSite.stagingMarker)",
                           "--exclude=/.git", "--exclude=.DS_Store"]

    func inventory(of site: BuiltSite) async throws -> [String: RemoteFile] {
        let outcome = try await rsync(["--dry-run", "--delete"], site: site)
        let changes = Self.itemizedChanges(outcome.output)
        var remote: [String: RemoteFile] = [:]
        // rsync lists what it would change; every other site file is already there, byte for byte.
        for file in site.files where changes[file.path] == nil {
            remote[file.path] = RemoteFile(path: file.path, size: file.size, fingerprint: file.md5)
        }
        for (path, change) in changes {
            switch change {
            case .changed, .deleted: remote[path] = RemoteFile(path: path, size: nil, fingerprint: nil)
            case .new: break
            }
        }
        return remote
    }

    func upload(_ files: [SiteFile], from site: BuiltSite, progress: ProgressDisplay) async throws {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-rsync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: list) }
        do {
            try Data(files.map { $0.path + "\0" }.joined().utf8).write(to: list)
        } catch {
            throw DeployError.io(path: list.path, reason: "cannot write the file list: \(error.localizedDescription)")
        }
        try await rsync(["--from0", "--files-from=\(list.path)"], site: site)
        for file in files { progress.finished("upload", file.path, bytes: file.size) }
    }

    func delete(_ paths: [String], from site: BuiltSite, progress: ProgressDisplay) async throws {
        // rsync deletes what its source lacks; --existing and --ignore-existing send nothing at all.
        // The paths were planned from a dry run of the same comparison.
        try await rsync(["--delete", "--existing", "--ignore-existing"], site: site)
        for path in paths { progress.finished("delete", path) }
    }

    /// Runs rsync from the site folder to the destination; `--protect-args` keeps spaces and
    /// Arabic letters in remote paths from being split or mangled by the remote shell.
    @discardableResult
    private func rsync(_ options: [String], site: BuiltSite) async throws -> ExternalCommand.Outcome {
        var arguments = ["--recursive", "--checksum", "--protect-args", "--8-bit-output", "--out-format=%i %n"]
        if let rsh { arguments.append("--rsh=\(rsh)") }
        arguments += options + Self.excluded
        // The trailing slashes mean "the contents of", on both sides.
        arguments += [site.folder.path + "/", destination.hasSuffix("/") ? destination : destination + "/"]
        return try await ExternalCommand("rsync", arguments).check()
    }

    enum Change: Equatable { case new, changed, deleted }

    /// Reads `--out-format='%i %n'` lines: `>f+++++++++ path` (new), `>fc.T...... path` (changed),
    /// `*deleting   path`. Folders (`cd+++…`, paths ending in `/`) are not files and are skipped;
    /// rsync writes unprintable bytes as `\#ooo`, which is undone.
    static func itemizedChanges(_ output: String) -> [String: Change] {
        var changes: [String: Change] = [:]
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.count > 12 else { continue }
            let code = line.prefix(11)
            let path = unescape(String(line.dropFirst(12)))
            guard !path.hasSuffix("/") else { continue }
            if code.hasPrefix("*deleting") {
                changes[path] = .deleted
            } else if code.count == 11, let kind = code.dropFirst().first, kind == "f", let update = code.first, "<>ch".contains(update) {
                changes[path] = code.dropFirst(2).allSatisfy({ $0 == "+" }) ? .new : .changed
            }
        }
        return changes
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("\\#") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 4 < utf8.count, utf8[index + 1] == UInt8(ascii: "#"),
               let value = UInt8(String(decoding: utf8[(index + 2)..<(index + 5)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 5
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
