/// A value handed to a template: what `PageContexts` builds and `TemplateLibrary` renders from.
///
/// A closed set of cases instead of `Any`: looking a name up is a dictionary lookup and a
/// `switch`, with no dynamic casts (swift-mustache casts each value at every scope it looks in).
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The same value as plain Swift types, for swift-mustache (the fallback renderer and the
    /// reference the compiled renderer is tested against).
    public var anyValue: Any {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let values): values.map(\.anyValue)
        case .object(let keys): keys.mapValues(\.anyValue)
        }
    }

}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
