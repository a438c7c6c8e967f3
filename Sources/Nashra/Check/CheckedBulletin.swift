import NashraCore

/// A bulletin as `nashra check` reads it: parsed as a build parses it, its file read again, and
/// what the rules look at in it (its lines, and its links and images with their positions).
struct CheckedBulletin: Sendable {
    var bulletin: Bulletin
    /// Its index among the site's published bulletins, or nil when the build leaves it out (a
    /// draft, dated in the future or expired) or the plan failed.
    var published: Int?
    /// The lines before the body (front matter and its fences), from line 1.
    var headLines: [String]
    /// The body's lines, from its first (`bodyLine` in the file).
    var bodyLines: [String]
    /// The body's links and images; positions are within the body.
    var references: [Markdown.Reference]
    /// The body lines (from 1) of code and HTML blocks, which prose rules skip.
    var verbatimLines: Set<Int>

    var path: String { bulletin.source.displayPath }

    /// Reads the bulletin's file again (it must be the file that was parsed).
    static func read(_ bulletin: Bulletin, published: Int?) -> Result<CheckedBulletin, Diagnostic> {
        ContentLoader.text(of: bulletin.source).map { text in
            let bodyStart = min(text.endIndex, text.startIndex + bulletin.source.bodyOffset)
            let body = text[bodyStart...]
            return CheckedBulletin(bulletin: bulletin, published: published,
                                   headLines: lines(of: text[..<bodyStart]),
                                   bodyLines: lines(of: body),
                                   references: Markdown.references(in: body), verbatimLines: Markdown.verbatimLines(in: body))
        }
    }

    /// Where a place in the body is in the file.
    func location(inBody line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: bulletin.source.bodyLine + line - 1, column: column)
    }

    func location(inBody position: TextPosition) -> SourceLocation {
        location(inBody: position.line, column: position.column)
    }

    /// Where front matter sets `key` (`title: …` in YAML, `title = …` in TOML, `"title": …` in
    /// JSON), or the start of the file when it does not.
    func location(ofKey key: String) -> SourceLocation {
        for (index, line) in headLines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            var column = 0
            while column < scalars.count, scalars[column] == " " || scalars[column] == "\t" { column += 1 }
            var rest = String(String.UnicodeScalarView(scalars[column...]))
            if rest.hasPrefix("\"") { rest.removeFirst() }
            guard rest.hasPrefix(key) else { continue }
            rest.removeFirst(key.count)
            if rest.hasPrefix("\"") { rest.removeFirst() }
            let separator = rest.drop { $0 == " " || $0 == "\t" }.first
            if separator == ":" || separator == "=" { return SourceLocation(path: path, line: index + 1, column: column + 1) }
        }
        return SourceLocation(path: path)
    }

    /// Lines as cmark counts them: ended by LF, CR LF or a lone CR. A text that ends with a line
    /// end has an empty last line.
    private static func lines(of utf8: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: utf8[start..<index], as: UTF8.self))
                if byte == UInt8(ascii: "\r"), index + 1 < utf8.endIndex, utf8[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(String(decoding: utf8[start..<utf8.endIndex], as: UTF8.self))
        return lines
    }
}
