import Yams
import Foundation
import NashraCore

/// A YAML mapping read from a file (front matter or nashra.yaml), that knows where each of its
/// values stands in that file, and reports what it cannot read as located diagnostics.
struct YAMLMapping {
    let path: String
    /// Lines of the file before the first line of the YAML text (the `---` of front matter).
    let lineOffset: Int
    let entries: [(key: String, value: Node, location: SourceLocation)]
    /// Duplicate keys and keys that are not text. The entries are still read (the first of a
    /// duplicate key is kept), so that the caller goes on to report every other problem too.
    var problems: [Diagnostic] = []

    /// Parses `text`; duplicate keys are errors (Yams 5 keeps the last one silently), and so are
    /// nesting and aliases beyond `YAMLLimits`.
    static func parse(_ text: String, path: String, lineOffset: Int, what: String) -> Result<YAMLMapping, Diagnostics> {
        if let problem = YAMLLimits.problem(in: text, path: path, lineOffset: lineOffset) {
            return .failure(Diagnostics([problem]))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(Diagnostics([diagnostic(for: error, path: path, lineOffset: lineOffset)]))
        } catch {
            return .failure(Diagnostics([Diagnostic("invalid YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))]))
        }
        guard let node else {
            return .success(YAMLMapping(path: path, lineOffset: lineOffset, entries: []))
        }
        let start = location(node.mark, path: path, lineOffset: lineOffset)
        guard case .mapping(let mapping) = node else {
            return .failure(Diagnostics([Diagnostic("\(what) must be a mapping of `key: value` lines", at: start)]))
        }
        return .success(reading(mapping, path: path, lineOffset: lineOffset))
    }

    /// The entries of a mapping node (the whole file, or a nested mapping such as `dates:`).
    static func reading(_ mapping: Node.Mapping, path: String, lineOffset: Int) -> YAMLMapping {
        var seen: [String: SourceLocation] = [:]
        var entries: [(String, Node, SourceLocation)] = []
        var problems: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let keyLocation = location(keyNode.mark, path: path, lineOffset: lineOffset)
            guard case .scalar(let scalar) = keyNode else {
                problems.append(Diagnostic("a key must be plain text", at: keyLocation))
                continue
            }
            if let first = seen[scalar.string] {
                problems.append(Diagnostic("duplicate key '\(scalar.string)' (first given on line \(first.line))", at: keyLocation))
                continue
            }
            seen[scalar.string] = keyLocation
            entries.append((scalar.string, value, keyLocation))
        }
        return YAMLMapping(path: path, lineOffset: lineOffset, entries: entries, problems: problems)
    }

    func location(of node: Node) -> SourceLocation {
        Self.location(node.mark, path: path, lineOffset: lineOffset)
    }

    static func location(_ mark: Mark?, path: String, lineOffset: Int) -> SourceLocation {
        SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            // A scanner's context marks where the token it could not finish starts (an unclosed
            // quote); its problem mark is often the end of the text, lines away from the mistake.
            let detail = context.map { " (\($0.text))" } ?? ""
            return Diagnostic("invalid YAML: \(problem)\(detail)", at: location(context?.mark ?? mark, path: path, lineOffset: lineOffset))
        case .parser(let context, let problem, let mark, _):
            // An unclosed `[` or `{` is found only where the parser gives up, at the next key or at
            // the end of the text, lines below the bracket that needs closing.
            if let context, context.text.hasPrefix("while parsing a flow"), context.mark.line < mark.line {
                let bracket = context.text.hasSuffix("sequence") ? ("[", "]") : ("{", "}")
                return Diagnostic("invalid YAML: this '\(bracket.0)' is not closed: add '\(bracket.1)' at the end of its items (\(problem))",
                                  at: location(context.mark, path: path, lineOffset: lineOffset))
            }
            let detail = context.map { " (\($0.text))" } ?? ""
            return Diagnostic("invalid YAML: \(problem)\(detail)", at: location(mark, path: path, lineOffset: lineOffset))
        case .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return Diagnostic("invalid YAML: \(problem)\(detail)", at: location(mark, path: path, lineOffset: lineOffset))
        case .reader(let problem, let offset, let value, let yaml):
            let character = value >= 0 ? String(format: " (U+%04X here)", value) : ""
            return Diagnostic("invalid YAML: \(problem)\(character); remove it, or write it as an escape in double quotes",
                              at: readerLocation(characterOffset: offset, in: yaml, path: path, lineOffset: lineOffset))
        default:
            return Diagnostic("invalid YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))
        }
    }

    /// Where libyaml's reader stopped. Yams gives the offset in Characters; this counts lines and
    /// columns as libyaml's marks do (Unicode scalars; CR LF, CR, LF, NEL, LS and PS end a line),
    /// so that every YAML error counts alike.
    static func readerLocation(characterOffset: Int?, in yaml: String, path: String, lineOffset: Int) -> SourceLocation {
        guard let characterOffset, let end = yaml.index(yaml.startIndex, offsetBy: characterOffset, limitedBy: yaml.endIndex) else {
            return SourceLocation(path: path, line: lineOffset + 1)
        }
        var line = 1, column = 1
        var previous: Unicode.Scalar = " "
        for scalar in yaml.unicodeScalars[..<end] {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": line += 1; column = 1
            default: column += 1
            }
            previous = scalar
        }
        return SourceLocation(path: path, line: line + lineOffset, column: column)
    }

    // MARK: Typed values

    func text(_ node: Node, key: String) -> Result<String, Diagnostic> {
        guard case .scalar(let scalar) = node else {
            return .failure(Diagnostic("'\(key)' must be text, not a list or mapping", at: location(of: node)))
        }
        return .success(scalar.string.removingControlCharacters())
    }

    /// A URL, checked by `URLPolicy` for where it will be written (empty stays empty).
    func url(_ node: Node, key: String, as use: URLPolicy.Use) -> Result<String, Diagnostic> {
        text(node, key: key).flatMap { value -> Result<String, Diagnostic> in
            if value.trimmed().isEmpty { return .success("") }
            return URLPolicy.check(value, as: use).mapError { Diagnostic("'\(key)' \($0.message)", at: location(of: node)) }
        }
    }

    func flag(_ node: Node, key: String) -> Result<Bool, Diagnostic> {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return .success(true)
            case "false", "no", "off", "": return .success(false)
            default: break
            }
        }
        return .failure(Diagnostic("'\(key)' must be true or false", at: location(of: node)))
    }

    func integer(_ node: Node, key: String, minimum: Int) -> Result<Int, Diagnostic> {
        if case .scalar(let scalar) = node, let value = Int(scalar.string), value >= minimum {
            return .success(value)
        }
        return .failure(Diagnostic("'\(key)' must be a whole number of at least \(minimum)", at: location(of: node)))
    }

    /// One text or a sequence of texts (`exclude: opinion/*` or `exclude: [a, b]`), each with its
    /// node for positions; `what` completes "'key' must be a list of …" for a mapping. An item
    /// that is not text is one problem each, and the others are still returned.
    func textItems(_ node: Node, key: String, what: String) -> (items: [(text: String, node: Node)], problems: [Diagnostic]) {
        let nodes: [Node]
        switch node {
        case .sequence(let sequence): nodes = Array(sequence)
        case .scalar: nodes = [node]
        case .mapping: return ([], [Diagnostic("'\(key)' must be a list of \(what)", at: location(of: node))])
        }
        var items: [(text: String, node: Node)] = []
        var problems: [Diagnostic] = []
        for item in nodes {
            switch text(item, key: key) {
            case .success(let value): items.append((value, item))
            case .failure(let problem): problems.append(problem)
            }
        }
        return (items, problems)
    }

    /// A list written either as a YAML sequence or as one comma-separated string (`a, b` or `أ، ب`).
    func textList(_ node: Node, key: String) -> Result<[String], Diagnostic> {
        switch node {
        case .scalar(let scalar):
            return .success(scalar.string.removingControlCharacters().split(whereSeparator: { $0 == "," || $0 == "،" })
                .map { String($0).trimmed(newlines: false) }.filter { !$0.isEmpty })
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    return .failure(Diagnostic("each item of '\(key)' must be text", at: location(of: item)))
                }
                let value = scalar.string.removingControlCharacters().trimmed(newlines: false)
                if !value.isEmpty { items.append(value) }
            }
            return .success(items)
        case .mapping:
            return .failure(Diagnostic("'\(key)' must be a list or a comma-separated text", at: location(of: node)))
        }
    }
}

extension Node {
    /// A scalar's text as Nashra keeps it: without control characters, like `YAMLMapping.text`.
    var text: String? { scalar?.string.removingControlCharacters() }
}
