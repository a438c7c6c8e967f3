import NashraCore

/// A line of Arabic or Hebrew that starts with its sentence's final full stop or comma
/// (`.انتهى الاجتماع`, `،وقال`): text copied from a page or a PDF that stored it in visual order,
/// so the stop that ends the sentence on the left came first. Code and HTML blocks are skipped.
struct VisualOrderRule: CheckRule {
    static let id = "visual-order"

    /// Full stops and commas, Latin and Arabic (`،`, the Urdu full stop `۔`).
    static let stops: Set<Unicode.Scalar> = [".", ",", "\u{060C}", "\u{06D4}"]

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.bulletins.flatMap { checked in
            checked.bodyLines.enumerated().compactMap { offset, line -> Diagnostic? in
                let number = offset + 1
                guard !checked.verbatimLines.contains(number), let column = Self.misplacedStop(in: line) else { return nil }
                let stop = Array(line.unicodeScalars)[column - 1]
                return Diagnostic("this right-to-left line starts with '\(stop)', which belongs at the end of its sentence: "
                                  + "the text was pasted in visual order; move the '\(stop)' to the end",
                                  at: checked.location(inBody: number, column: column), severity: .warning)
            }
        }
    }

    /// The column (in Unicode scalars, from 1) of a stop that opens a line of right-to-left text,
    /// after its indentation and any `>` quote markers; nil for an ellipsis (`...` opens a
    /// continued quotation) or a stop before anything else (`.5`, `,NET`).
    static func misplacedStop(in line: String) -> Int? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == ">" { index += 1 }
        guard index < scalars.count, stops.contains(scalars[index]) else { return nil }
        var next = index + 1
        if next < scalars.count, scalars[next] == "." || scalars[next] == "\u{2026}" { return nil }
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\u{200F}" { next += 1 }
        guard next < scalars.count, TextDirection.isStrongRightToLeft(scalars[next]) else { return nil }
        return index + 1
    }
}
