extension ParamValue {
    /// The value as Mustache reads it: strings, booleans, arrays and dictionaries.
    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .string(text)
        case .flag(let flag): .bool(flag)
        case .list(let list): .list(list.map(\.templateValue))
        case .map(let map): .object(map.mapValues(\.templateValue))
        }
    }
}
