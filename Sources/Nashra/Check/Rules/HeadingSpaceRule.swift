import NashraCore

/// A line that was meant as a heading but lacks the space Markdown needs after its `#`s
/// (`###3%`, `##عنوان`): it is printed as a paragraph with the `#`s in it. Code and HTML blocks
/// are skipped. Reported where the space is missing.
struct HeadingSpaceRule: CheckRule {
    static let id = "heading-space"

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.flatMap { checked in
            checked.bodyLines.enumerated().compactMap { offset, line -> Diagnostic? in
                let number = offset + 1
                guard !checked.verbatimLines.contains(number), let (hashes, column) = Self.missingSpace(in: line) else { return nil }
                let rest = String(String.UnicodeScalarView(Array(line.unicodeScalars)[(column - 1)...])).trimmed()
                let shown = rest.count > 30 ? String(rest.prefix(30)) + "…" : rest
                return Diagnostic("not a heading: Markdown needs a space after '\(String(repeating: "#", count: hashes))'; "
                                  + "write '\(String(repeating: "#", count: hashes)) \(shown)'",
                                  at: checked.location(inBody: number, column: column), severity: .warning)
            }
        }
    }

    /// For a line of up to three spaces, then one to six `#`s, then a character other than a space
    /// or `#`: how many `#`s, and the column (in Unicode scalars, from 1) where the space belongs.
    static func missingSpace(in line: String) -> (hashes: Int, column: Int)? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count, index < 3, scalars[index] == " " { index += 1 }
        var hashes = 0
        while index + hashes < scalars.count, scalars[index + hashes] == "#" { hashes += 1 }
        let after = index + hashes
        guard (1...6).contains(hashes), after < scalars.count, scalars[after] != " ", scalars[after] != "\t" else { return nil }
        return (hashes, after + 1)
    }
}
