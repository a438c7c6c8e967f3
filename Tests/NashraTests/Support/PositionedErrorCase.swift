import Testing

/// One row of an error table: a text that must be refused, and where and how the refusal points.
struct PositionedErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { name }
}
