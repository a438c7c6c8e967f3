/// How deep a template's sections nest, found without recursion before any parser sees it.
///
/// swift-mustache's parser and `TemplateCompiler` (its port) recurse once per open section, and so
/// does rendering: twenty thousand nested `{{#site}}` overflowed the stack and killed the build.
/// This follows set-delimiter tags (`{{=<% %>=}}`), so that no spelling of a section escapes it.
enum TemplateNesting {
    /// Far more than a page needs (the default theme nests four deep).
    static let maximumDepth = 64

    /// The line and column (Characters, like swift-mustache's) of the first section, block or parent
    /// tag that opens one level more than `maximumDepth`; nil when the template stays within it.
    static func firstTooDeepTag(in text: String, maximumDepth: Int = maximumDepth) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var start = Array("{{".utf8), end = Array("}}".utf8)
        var depth = 0
        var index = 0
        var line = 1, lineStart = 0
        func matches(_ delimiter: [UInt8], at position: Int) -> Bool {
            position + delimiter.count <= bytes.count && bytes[position..<position + delimiter.count].elementsEqual(delimiter)
        }
        func firstIndex(of delimiter: [UInt8], from position: Int) -> Int? {
            var position = position
            while position + delimiter.count <= bytes.count {
                if matches(delimiter, at: position) { return position }
                position += 1
            }
            return nil
        }
        func skipLines(upTo position: Int) {
            while index < position {
                if bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }
        while index < bytes.count {
            guard let tag = firstIndex(of: start, from: index) else { return nil }
            skipLines(upTo: tag)
            let body = tag + start.count
            guard body < bytes.count else { return nil }
            // `{{{name}}}` ends with `}}}`; only the default delimiters have it.
            let tagEnd = start == Array("{{".utf8) && bytes[body] == UInt8(ascii: "{") ? Array("}}}".utf8) : end
            guard let close = firstIndex(of: tagEnd, from: body) else { return nil }
            switch bytes[body] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > maximumDepth {
                    return (line, String(decoding: bytes[lineStart..<tag], as: UTF8.self).count + 1)
                }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the new start and end, separated by spaces, before a closing `=`.
                let inside = bytes[(body + 1)..<close]
                let parts = (inside.last == UInt8(ascii: "=") ? inside.dropLast() : inside)
                    .split(separator: UInt8(ascii: " "))
                if parts.count == 2 {
                    start = Array(parts[0])
                    end = Array(parts[1])
                }
            default:
                break
            }
            skipLines(upTo: close + tagEnd.count)
        }
        return nil
    }
}
