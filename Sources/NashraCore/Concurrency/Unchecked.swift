/// A value handed to one other thread that the compiler cannot prove safe to share, for work
/// that reads it only: the builder hands the search stage its inputs while rendering reads the
/// same plan, and takes the stage's outcome back once it is done (`BackgroundWork.value`).
public struct Unchecked<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
