/// Plain text written as Markdown that renders to the same words: wire copy is not Markdown, and
/// a `*`, `_`, `<` or a line starting with `-` or `1.` must not turn into emphasis, HTML or a list.
enum MarkdownText {
    /// Backslash-escapes only what CommonMark could read as syntax, so Arabic copy (which has
    /// almost none of it) is written as it was filed.
    static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(escapeLine).joined(separator: "\n")
    }

    private static func escapeLine(_ line: Substring) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count)
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
        result += indent
        var rest = line.dropFirst(indent.count)
        // Block syntax lives at the start of a line: headings, quotes, list bullets, setext
        // underlines, ordered-list numbers (`1.` or `1)`).
        if let first = rest.first, "#>-+=".contains(first) {
            result += "\\" + String(first)
            rest = rest.dropFirst()
        } else {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.count <= 9, let after = rest.dropFirst(digits.count).first, after == "." || after == ")" {
                result += digits + "\\" + String(after)
                rest = rest.dropFirst(digits.count + 1)
            }
        }
        for character in rest {
            if "\\`*_[]<&".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }
}
