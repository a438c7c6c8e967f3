import Foundation
import NashraCore

/// What `content/_data/` adds to a build: the gazetteer (the default one with `places.yaml` over
/// it, when the site turns it on: `gazetteer: true`, or a `places.yaml`) and `tags.yaml`. Their bytes are in
/// `fingerprint`, which every page's fingerprint starts from.
public struct SiteData: Sendable {
    /// Nil when the site does not use the gazetteer: locations are grouped by spelling as before.
    public var gazetteer: Gazetteer?
    public var tags: TagAliases
    public var fingerprint: Fingerprint

    public init(gazetteer: Gazetteer? = nil, tags: TagAliases = .empty, fingerprint: Fingerprint = Fingerprint()) {
        self.gazetteer = gazetteer
        self.tags = tags
        self.fingerprint = fingerprint
    }

    public static let none = SiteData()

    /// Reads `places.yaml` and `tags.yaml` from `<content>/_data/` (`display` is how the content
    /// folder is named in messages). `gazetteer` is nashra.yaml's choice; when it has none, a
    /// `places.yaml` turns the gazetteer on.
    static func load(content: URL, display: String, gazetteer: Bool?, sizeLimit: FileSize,
                     boundary: InputBoundary) -> Result<SiteData, Diagnostics> {
        var data = SiteData()
        var problems: [Diagnostic] = []
        func read(_ name: String) -> (text: String, path: String)? {
            let path = display + "/_data/" + name
            switch InputFile.readIfPresent(content.appendingPathComponent("_data/" + name).path, display: path, limit: sizeLimit, boundary: boundary) {
            case .success(nil):
                data.fingerprint.add(0)
                return nil
            case .success(let bytes?):
                data.fingerprint.add(1)
                bytes.withUnsafeBytes { data.fingerprint.add(bytes: $0) }
                switch InputFile.decodeUTF8(bytes, path: path) {
                case .success(let text): return (text, path)
                case .failure(let problem): problems.append(problem); return nil
                }
            case .failure(let problem):
                problems.append(problem)
                return nil
            }
        }
        let places = read("places.yaml")
        let useGazetteer = gazetteer ?? (places != nil)
        data.fingerprint.add(useGazetteer)
        if useGazetteer {
            if let places {
                switch PlacesFile.parse(places.text, path: places.path, over: .standard) {
                case .success(let gazetteer): data.gazetteer = gazetteer
                case .failure(let failure): problems += failure.diagnostics
                }
            } else {
                data.gazetteer = .standard
            }
        }
        if let tags = read("tags.yaml") {
            switch TagAliases.parse(tags.text, path: tags.path) {
            case .success(let aliases): data.tags = aliases
            case .failure(let failure): problems += failure.diagnostics
            }
        }
        return problems.isEmpty ? .success(data) : .failure(Diagnostics(problems))
    }
}
