/// Plain text written as Markdown that renders to the same words: wire copy is not Markdown, and
/// a `*`, `_`, `<` or a line starting with `-` or `1.` must not turn into emphasis, HTML or a list.
enum MarkdownText {
    /// Backslash-escapes only what CommonMark could read as syntax, so Arabic copy (which has
    /// almost none of it) is written as it was filed.
    static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(escapeLine).joined(separator: "\n")
    }

    private static func escapeLine(_ line: Substring) -> String {
        escapeLineStart(escapeInline(String(line)))
    }

    /// Characters that open emphasis, code, links, HTML or entities anywhere in a line.
    static func escapeInline(_ text: String) -> String {
        guard text.contains(where: { "\\`*_[]<&".contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            if "\\`*_[]<&".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }

    /// Block syntax, which lives at the start of a line: headings, quotes, list bullets, setext
    /// underlines, ordered-list numbers (`1.` or `1)`).
    static func escapeLineStart(_ line: String) -> String {
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
        let rest = line.dropFirst(indent.count)
        if let first = rest.first, "#>-+=".contains(first) {
            return indent + "\\" + rest
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9, let after = rest.dropFirst(digits.count).first, after == "." || after == ")" {
            return indent + digits + "\\" + rest.dropFirst(digits.count)
        }
        return line
    }
}
