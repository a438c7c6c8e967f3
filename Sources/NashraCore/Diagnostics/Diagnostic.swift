/// A place in a source file: what an error points at.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// A line and column in a file whose path is given elsewhere (kept by the build cache, which does
/// not keep paths).
public struct TextPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public func location(in path: String) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }
}

/// One problem found during a build, printed as `path:line:column: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var location: SourceLocation?
    public var message: String
    public var severity: Severity

    public init(_ message: String, at location: SourceLocation?, severity: Severity = .error) {
        self.location = location
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        guard let location else { return prefix + message }
        return "\(location.path):\(location.line):\(location.column): \(prefix)\(message)"
    }
}

/// Errors found together: by one stage, or by a whole failed build, in file order.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.location?.path ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.path ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0) }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A value that a setting cannot take; the message says why and what to write instead.
public struct InvalidValue: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
