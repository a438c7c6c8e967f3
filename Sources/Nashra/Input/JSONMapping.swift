import NashraCore

/// JSON front matter (a `{…}` object at the top of a file, as Hugo allows), read as what it is to
/// a YAML parser: a flow mapping. So JSON gets YAML's positions, `YAMLLimits` and the refusal of
/// duplicate keys (which JSON parsers keep silently), through the same `YAMLMapping`.
enum JSONMapping {
    static func parse(_ text: String, path: String, lineOffset: Int) -> Result<YAMLMapping, Diagnostics> {
        YAMLMapping.parse(Self.yamlText(text), path: path, lineOffset: lineOffset, what: "JSON front matter")
            .mapError { problems in
                Diagnostics(problems.diagnostics.map { problem in
                    guard problem.message.hasPrefix("invalid YAML") else { return problem }
                    var renamed = problem
                    renamed.message = "invalid JSON" + problem.message.dropFirst("invalid YAML".count)
                    return renamed
                })
            }
    }

    /// JSON whitespace may be a tab, which YAML refuses where it indents: each tab outside a
    /// string becomes one space (so columns stay where they were).
    static func yamlText(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\t")) else { return text }
        var bytes = Array(text.utf8)
        var inString = false
        var escaped = false
        for index in bytes.indices {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "\t") {
                bytes[index] = UInt8(ascii: " ")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
