import Yams

/// Any other front-matter value, kept for templates as `params`.
public indirect enum ParamValue: Sendable, Hashable {
    case text(String)
    case flag(Bool)
    case list([ParamValue])
    case map([String: ParamValue])

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            // YAML 1.1's booleans, as Jekyll (Ruby's Psych) reads them: `header: no` is false.
            if scalar.style == .plain, let flag = Self.yaml11Flag(scalar.string) {
                self = .flag(flag)
            } else {
                self = .text(scalar.string.removingControlCharacters())
            }
        case .sequence(let sequence):
            self = .list(sequence.map(ParamValue.init))
        case .mapping(let mapping):
            var map: [String: ParamValue] = [:]
            for (key, value) in mapping { map[key.string ?? ""] = ParamValue(value) }
            self = .map(map)
        }
    }

    static func yaml11Flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }
}
