import Foundation
import NashraCore

/// The themes this program has parsed and checked and found whole, remembered in the build cache
/// folder: one small file per theme, named by a hash of the program, every template's name and
/// bytes, and the theme's string names (all the checks read). A theme found there is only
/// compiled: swift-mustache's parse and the template checker found nothing in those same bytes
/// before, and every build would otherwise pay for both again. Only the latest theme is kept.
struct CheckedThemes: Sendable {
    /// `<cache folder>/themes`.
    let folder: URL
    /// The running program's identity (`BuildCache.programIdentity`): another build of Nashra
    /// checks again.
    let program: UInt64

    private static let header = "nashra checked theme 1"

    /// The key of a theme with these templates (name and bytes, in name order) and string names.
    func key(templates: [(name: String, bytes: Data)], stringNames: some Collection<String>) -> UInt64 {
        var key = Fingerprint()
        key.add(program)
        key.add(templates.count)
        for (name, bytes) in templates {
            key.add(name)
            bytes.withUnsafeBytes { key.add(bytes: $0) }
        }
        let names = stringNames.sorted()
        key.add(names.count)
        for name in names { key.add(name) }
        return key.value
    }

    /// What the checker said of the theme of `key` (its list-entry keys, nil for all of them),
    /// or nil when this program has not checked it whole.
    func verdict(_ key: UInt64) -> Verdict? {
        guard let bytes = RawFile.read(path(key)) else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == Substring(Self.header), lines.last == "" else { return nil }
        switch lines[1] {
        case "all keys": return lines.count == 3 ? Verdict(listEntryKeys: nil) : nil
        case "keys": return Verdict(listEntryKeys: Set(lines[2..<(lines.count - 1)].map(String.init)))
        default: return nil
        }
    }

    struct Verdict: Sendable, Equatable {
        var listEntryKeys: Set<String>?
    }

    /// Remembers that the theme of `key` parsed and checked whole. A theme that cannot be
    /// remembered is checked again next time, nothing worse.
    func remember(_ key: UInt64, _ verdict: Verdict) {
        var text = Self.header + "\n"
        if let keys = verdict.listEntryKeys {
            text += "keys\n" + keys.sorted().map { $0 + "\n" }.joined()
        } else {
            text += "all keys\n"
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = path(key)
        let partial = final + ".partial"
        guard text.withUTF8Bytes({ RawFile.write($0, to: partial) }) != nil, rename(partial, final) == 0 else { return }
        // A site has one theme: the records of its earlier versions (templates edited since) go.
        let name = String(key, radix: 16)
        for other in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where other != name {
            unlink(folder.path + "/" + other)
        }
    }

    private func path(_ key: UInt64) -> String {
        folder.path + "/" + String(key, radix: 16)
    }
}
