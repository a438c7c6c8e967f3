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
            if scalar.style == .plain, let flag = Bool(scalar.string) {
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
}
